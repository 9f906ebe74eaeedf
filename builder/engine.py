"""The engine step: MkDocs renders the generated docs tree into a site, in a temporary folder
moved into place only when the build succeeded. Nothing here knows about content."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from builder.config import read_config
from builder.linkcheck import broken_links
from builder.pagefind_stable import stabilise
from builder.paths import Paths
from builder.write import replace_dir


class EngineError(Exception):
    """MkDocs refused the generated tree (e.g. a broken link under --strict)."""


def _env(date: dt.date | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if date is not None:  # sitemap dates from content, not the clock: same input, same bytes
        stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
        env["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    return env


def build_site(
    paths: Paths, date: dt.date | None = None, timings: dict[str, float] | None = None
) -> None:
    """MkDocs, then Pagefind, then the link check, timing each into `timings`."""
    timings = timings if timings is not None else {}
    started = time.perf_counter()
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
        command, cwd=paths.root, env=_env(date), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise EngineError((result.stdout + result.stderr).strip())
    timings["engine: mkdocs"] = time.perf_counter() - started
    started = time.perf_counter()
    index = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(tmp), "--silent"],
        cwd=paths.root,
        capture_output=True,
        text=True,
        check=False,
    )
    if index.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise EngineError("Pagefind could not index the site:\n" + index.stdout + index.stderr)
    stabilise(tmp / "pagefind")
    timings["engine: pagefind"] = time.perf_counter() - started
    started = time.perf_counter()
    broken = broken_links(tmp, urlsplit(read_config(paths.mkdocs_yml).url).path)
    timings["engine: link check"] = time.perf_counter() - started
    if broken:
        shutil.rmtree(tmp, ignore_errors=True)
        raise EngineError("links that do not resolve in the built site:\n" + "\n".join(broken))
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
        "--dirty",
    ]
    return subprocess.Popen(command, cwd=paths.root, env=_env())
