"""The engine step: MkDocs renders the generated docs tree into a site, staged and moved into
place only when the build succeeded. Nothing here knows about content."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import pagefind_bin

from builder.config import read_config
from builder.engine import stage as staging
from builder.engine.linkcheck import read_links
from builder.engine.pagefind import stabilise
from builder.formats.cache import workers_available
from builder.paths import Paths
from builder.write import link_tree, remove_files, replace_dir


class EngineError(Exception):
    """MkDocs refused the generated tree (e.g. a broken link under --strict)."""


def _env(date: dt.date | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if date is not None:  # sitemap dates from content, not the clock: same input, same bytes
        stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
        env["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    return env


def build_site(
    paths: Paths,
    date: dt.date | None = None,
    timings: dict[str, float] | None = None,
    runners: Runners | None = None,
) -> None:
    """MkDocs, then Pagefind and the link check, timing each into `timings`.

    Every build writes into a new folder, build/next/, and never into a file another build
    made; site/ is the last good build. When nothing shared by every page changed since site/
    was built (see builder.engine.stage), MkDocs renders only the pages whose Markdown changed
    and the rest are hard-linked from site/; otherwise one MkDocs per core renders a share of
    the pages each (both through overrides/hooks/partial.py). Every link is checked every
    time: an unchanged page may link into a changed one. Only then does the new folder become
    site/, in one move, so a failed build leaves it as it was. (Builds once kept the last good
    build in build/stage/ and linked site/ from it: a second tree of folders to make and
    delete on every build, for nothing site/ itself cannot do.)"""
    timings = timings if timings is not None else {}
    started = time.perf_counter()
    new = paths.build / "next"
    state = staging.fingerprint(paths)
    incremental = staging.recorded(paths) == state
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    try:
        if incremental:
            _mkdocs(paths, new, date, previous=paths.site, runners=runners)
            link_tree(paths.site, new, skip={PAGEFIND})  # what it did not render: unchanged
        else:
            since = time.time() - 1  # file times may lag the clock by a tick
            _mkdocs(paths, new, date, shards=workers_available(), runners=runners)
            # The bundles of kept conversions this build did not write (each MkDocs process
            # writes one, of every conversion it used or made): what they hold beyond that is
            # pages since edited or removed, or every page of an earlier list of files.
            remove_files(paths.converted, lambda kept: kept.stat().st_mtime < since)
        timings["engine: mkdocs"] = time.perf_counter() - started
        started = time.perf_counter()
        _index_and_check(paths, new)
        timings["engine: pagefind and link check"] = time.perf_counter() - started
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    started = time.perf_counter()
    staging.forget(paths)
    replace_dir(new, paths.site)
    staging.record(paths, state)
    shutil.rmtree(paths.build / "stage", ignore_errors=True)  # where earlier versions kept it
    timings["engine: publish"] = time.perf_counter() - started


PAGEFIND = "pagefind"  # the search index, made afresh for every build


def _index_and_check(paths: Paths, site: Path) -> None:
    """Pagefind (its binary, without the Python wrapper's start-up) indexes the site while the
    link check reads it: both only read the pages."""
    with subprocess.Popen(
        [str(pagefind_bin.get_executable()), "--site", str(site), "--silent"],
        cwd=paths.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as index:
        links = read_links(site, urlsplit(read_config(paths.mkdocs_yml).url).path)
        output, _ = index.communicate()
    if index.returncode != 0:
        raise EngineError("Pagefind could not index the site:\n" + output)
    stabilise(site / PAGEFIND)
    broken = links.broken()  # now that Pagefind's files are there too
    if broken:
        raise EngineError("links that do not resolve in the built site:\n" + "\n".join(broken))


class Runners:
    """MkDocs processes started ahead of the build that will use them (builder.engine.runner):
    each has imported MkDocs and waits to be told which build to run. Used as a context
    manager, so those never told are stopped however the build ends."""

    def __init__(self, paths: Paths, count: int | None = None):
        """`count` processes; by default as many as the next build will likely use: one if a
        last good build is kept (an edit is most likely incremental), else one per core."""
        if count is None:
            kept = staging.recorded(paths) is not None
            count = 1 if kept else workers_available()
        self._paths = paths
        self._logs: list[IO[str]] = []
        self._waiting = [self._start() for _ in range(count)]

    def _start(self) -> tuple[subprocess.Popen[str], IO[str]]:
        # A file, not a pipe: a full pipe would stall a process not yet read. Closed on exit.
        log = tempfile.TemporaryFile("w+")  # noqa: SIM115
        self._logs.append(log)
        process = subprocess.Popen(
            [sys.executable, "-m", "builder.engine.runner"],
            cwd=self._paths.root,
            env=_env(),
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return process, log

    def run(self, args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], IO[str]]:
        """Start one build in a waiting process (a new one if none is left); it and its log."""
        process, log = self._waiting.pop(0) if self._waiting else self._start()
        assert process.stdin is not None
        try:
            process.stdin.write(json.dumps({"args": args, "env": env}) + "\n")
            process.stdin.close()
        except BrokenPipeError:  # it stopped before it was told: its log and status say why
            pass
        return process, log

    def __enter__(self) -> Runners:
        return self

    def __exit__(self, *_: object) -> None:
        for process, _log in self._waiting:
            if process.stdin is not None:
                process.stdin.close()  # nothing to run: it exits
        for process, _log in self._waiting:
            process.wait()
        self._waiting = []
        for log in self._logs:
            log.close()


def _mkdocs(
    paths: Paths,
    folder: Path,
    date: dt.date | None,
    shards: int = 1,
    previous: Path | None = None,
    runners: Runners | None = None,
) -> None:
    """MkDocs into an empty folder: `shards` processes side by side, each rendering its share of
    the pages, or one that renders only what changed since `previous` was built (both through
    overrides/hooks/partial.py), in `runners` started ahead where given. Each runs as a
    `--dirty` build, so none cleans the folder under another; warnings are counted here, as
    --strict would count them."""
    args = ["build", "--config-file", str(paths.mkdocs_yml), "--site-dir", str(folder), "--dirty"]
    with ExitStack() as stack:
        if runners is None:
            runners = stack.enter_context(Runners(paths, shards))
        runs = [
            runners.run(
                args,
                {
                    **_env(date),
                    **_partial(k, shards, previous),
                    "CRL_JINJA_CACHE": str(paths.build / "jinja"),  # overrides/hooks/templates.py
                    "CRL_PAGE_CACHE": str(paths.converted),  # overrides/hooks/converted.py
                },
            )
            for k in range(shards)
        ]
        try:
            codes = [process.wait() for process, _log in runs]
        except BaseException:  # interrupted: stop them all
            for process, _log in runs:
                process.kill()
            raise
        logs = [_read(log) for _process, log in runs]
    failed = [log for code, log in zip(codes, logs, strict=True) if code != 0]
    warned = [log for log in logs if _warnings(log)]
    if failed or warned:
        raise EngineError("\n".join(log.strip() for log in failed or warned))


def _read(file: IO[str]) -> str:
    file.seek(0)
    return file.read()


def _partial(k: int, shards: int, previous: Path | None) -> dict[str, str]:
    """What overrides/hooks/partial.py reads: this process's share, the last build's folder."""
    env = {"CRL_MKDOCS_SHARD": f"{k}/{shards}"} if shards > 1 else {}
    if previous is not None:
        env["CRL_MKDOCS_PREVIOUS"] = str(previous)
    return env


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
