"""A cache of generated documents (PDF, DOCX, PPTX, ZIP, chart SVG/PNG) keyed on everything they
are made from: the content, the template and the generator's source. A memo for speed, not
output: a wrong or missing entry only costs a regeneration. Cleared by `make clean`.

Documents missing from the cache are made in worker processes, one per core, when there are
enough of them to pay for the workers (a cold build of a large site makes hundreds)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

BUILDER = Path(__file__).resolve().parent
# The code that turns inputs into bytes: a change to any of it changes every key.
GENERATORS = ("formats", "typst", "charts.py")
# Fewer misses than this are made in this process: starting workers would cost more.
PARALLEL_FROM = 4
# Modules a worker needs, imported once by the fork server instead of by every worker.
WORKER_MODULES = ["builder.charts", "builder.formats.pdf", "builder.formats.docx"]


@cache
def generator_version() -> str:
    digest = hashlib.sha256()
    for name in GENERATORS:
        root = BUILDER / name
        for path in sorted(root.rglob("*") if root.is_dir() else [root]):
            if path.is_file() and path.suffix in (".py", ".typ"):
                digest.update(path.relative_to(BUILDER).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Job:
    """One document: `make(*args)`, remembered under (kind, inputs). `make` is a module-level
    function and `args` plain data, so a worker process can run it."""

    kind: str
    inputs: Any
    make: Callable[..., bytes]
    args: tuple[Any, ...] = ()

    def run(self) -> bytes:
        return self.make(*self.args)


def _attempt(job: Job) -> bytes | Exception:
    try:
        return job.run()
    except Exception as exc:  # handed back to the caller, which decides what it means
        return exc


def _warm_worker() -> None:
    """Pay each worker's one-off start-up costs (vl-convert's engine, Typst's fonts) first."""
    from builder import charts
    from builder.formats import pdf

    charts.warm()
    pdf.warm()


def _context() -> multiprocessing.context.BaseContext:
    # A fork server, not fork: the parent may already run vl-convert's and Typst's threads,
    # which a forked child would inherit half-alive.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_MODULES)
    return context


def warm_workers() -> None:
    """Start the fork server now, so its imports overlap with loading the content."""
    if (os.cpu_count() or 1) > 1:
        from multiprocessing import forkserver

        _context()
        forkserver.ensure_running()


class DocumentCache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self._memo: dict[tuple[str, str], bytes] = {}  # this build's documents, by key
        self._pool: ProcessPoolExecutor | None = None  # started on the first large batch

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> DocumentCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _key(self, job: Job) -> tuple[str, str]:
        digest = hashlib.sha256(
            json.dumps(
                [generator_version(), job.kind, job.inputs], sort_keys=True, default=str
            ).encode()
        ).hexdigest()
        return job.kind, digest

    def _load(self, key: tuple[str, str]) -> bytes | None:
        if key in self._memo:
            return self._memo[key]
        if self.folder is not None and (path := self.folder / key[0] / f"{key[1]}.bin").exists():
            self._memo[key] = path.read_bytes()
            return self._memo[key]
        return None

    def _save(self, key: tuple[str, str], data: bytes) -> None:
        self._memo[key] = data
        if self.folder is not None:
            _store(self.folder / key[0] / f"{key[1]}.bin", data)

    def get(self, job: Job) -> bytes:
        """The cached bytes for this job, or make them (and remember them)."""
        result = self.attempt_many([job])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def attempt_many(self, jobs: Sequence[Job]) -> list[bytes | Exception]:
        """The bytes of every job, in order, or the exception a job raised (so a caller can
        report every failure at once); misses are made in parallel when there are many."""
        keys = [self._key(job) for job in jobs]
        results: list[bytes | Exception | None] = [self._load(key) for key in keys]
        missing = [n for n, data in enumerate(results) if data is None]
        self.hits += len(jobs) - len(missing)
        self.misses += len(missing)
        if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    os.cpu_count(), mp_context=_context(), initializer=_warm_worker
                )
            made = list(self._pool.map(_attempt, [jobs[n] for n in missing]))
        else:
            made = [_attempt(jobs[n]) for n in missing]
        for n, data in zip(missing, made, strict=True):
            results[n] = data
            if isinstance(data, bytes):
                self._save(keys[n], data)
        return [data for data in results if data is not None]


def _store(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
