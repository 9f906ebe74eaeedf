"""The engine step: MkDocs renders the generated docs tree into a site, staged and moved into
place only when the build succeeded. Nothing here knows about content."""

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

import pagefind_bin

from builder.config import read_config
from builder.engine import stage as staging
from builder.engine.linkcheck import read_links
from builder.engine.pagefind import stabilise
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
    """MkDocs, then Pagefind and the link check, timing each into `timings`.

    MkDocs writes into build/stage/, which keeps the last good build: when nothing shared by
    every page changed (see builder.engine.stage), only pages whose Markdown changed are re-rendered
    (`--dirty`). Every link is checked every time: an unchanged page may link into a changed
    one. The site is then copied into site/ in one move, so a failed build leaves the previous
    site/ as it was."""
    timings = timings if timings is not None else {}
    started = time.perf_counter()
    stage = paths.build / "stage"
    state = staging.fingerprint(paths)
    incremental = staging.recorded(stage) == state
    staging.forget(stage)  # until this build has passed every check
    if not incremental:
        shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--config-file",
        str(paths.mkdocs_yml),
        "--site-dir",
        str(stage),
        # --strict fails on the warning that --dirty itself prints: warnings are counted below.
        *(["--dirty"] if incremental else ["--strict"]),
    ]
    result = subprocess.run(
        command, cwd=paths.root, env=_env(date), capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or _warnings(result.stderr):
        shutil.rmtree(stage, ignore_errors=True)
        raise EngineError((result.stdout + result.stderr).strip())
    timings["engine: mkdocs"] = time.perf_counter() - started
    # Pagefind (its binary, without the Python wrapper's start-up) indexes the site while the
    # link check reads it: both only read the pages.
    started = time.perf_counter()
    shutil.rmtree(stage / "pagefind", ignore_errors=True)
    with subprocess.Popen(
        [str(pagefind_bin.get_executable()), "--site", str(stage), "--silent"],
        cwd=paths.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as index:
        links = read_links(stage, urlsplit(read_config(paths.mkdocs_yml).url).path)
        output, _ = index.communicate()
    if index.returncode != 0:
        shutil.rmtree(stage, ignore_errors=True)
        raise EngineError("Pagefind could not index the site:\n" + output)
    stabilise(stage / "pagefind")
    broken = links.broken()  # now that Pagefind's files are there too
    timings["engine: pagefind and link check"] = time.perf_counter() - started
    if broken:
        shutil.rmtree(stage, ignore_errors=True)
        raise EngineError("links that do not resolve in the built site:\n" + "\n".join(broken))
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="site-", dir=paths.build)) / "site"
    shutil.copytree(stage, tmp)
    replace_dir(tmp, paths.site)
    tmp.parent.rmdir()
    staging.record(stage, state)
    timings["engine: publish"] = time.perf_counter() - started


DIRTY_WARNING = "A 'dirty' build is being performed"


def _warnings(log: str) -> list[str]:
    """MkDocs warnings, as --strict counts them, except the one every --dirty build prints."""
    return [
        line
        for line in log.splitlines()
        if line.startswith(("WARNING", "ERROR")) and DIRTY_WARNING not in line
    ]


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
