"""The engine step: MkDocs renders the generated docs tree into a site, in a temporary folder
moved into place only when the build succeeded. Nothing here knows about content."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.paths import Paths
from builder.write import replace_dir


class EngineError(Exception):
    """MkDocs refused the generated tree (e.g. a broken link under --strict)."""


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_site(paths: Paths) -> None:
    paths.build.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="site-", dir=paths.build))
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(paths.mkdocs_yml),
        "--site-dir",
        str(tmp),
    ]
    result = subprocess.run(
        command, cwd=paths.root, env=_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        subprocess.run(["rm", "-rf", str(tmp)], check=False)
        raise EngineError((result.stdout + result.stderr).strip())
    replace_dir(tmp, paths.site)


def serve(paths: Paths, address: str) -> subprocess.Popen[bytes]:
    """Start `mkdocs serve`; it reloads the browser when the docs tree changes."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--config-file",
        str(paths.mkdocs_yml),
        "--dev-addr",
        address,
        "--livereload",
    ]
    return subprocess.Popen(command, cwd=paths.root, env=_env())
