"""A cache of generated documents (PDF, DOCX, PPTX, chart SVG/PNG) keyed on everything they
are made from: the generator's arguments, its source and the libraries it calls. A memo for
speed, not output: a wrong or missing entry only costs a regeneration. Cleared by `make clean`.

Documents are pure functions of their Job, so a build can make the missing ones in worker
processes: a render pass that misses a document queues it for the pool and takes a placeholder
instead, and passes repeat until one misses nothing; that pass is the output, made from cached
bytes only, so it is byte for byte what a serial build makes (builder.render.render). Worker
processes were tried once before and made a cold build slower: each paid vl-convert's start-up,
and two processes ran no faster than one on the two-vCPU machines then. Now each worker starts
vl-convert and Typst once, workers are forked from a server that has already imported the
generators, builds that miss only a few documents start no pool, and two CPU-bound processes
do run side by side on two cores (issue 16).
`CRL_WORKERS=1` makes every document in the build's own process, one after another."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

BUILDER = Path(__file__).resolve().parent.parent
# The code that turns arguments into bytes, and the libraries it calls: a change to any of them
# changes every key.
GENERATORS = ("formats", "typst")
LIBRARIES = ("vl-convert-python", "typst", "python-docx", "python-pptx", "pypdf")


@cache
def generator_version() -> str:
    digest = hashlib.sha256(json.dumps([version(name) for name in LIBRARIES]).encode())
    for name in GENERATORS:
        root = BUILDER / name
        for path in sorted(root.rglob("*") if root.is_dir() else [root]):
            if path.is_file() and path.suffix in (".py", ".typ"):
                digest.update(path.relative_to(BUILDER).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Job:
    """One document: `make(*args)`, remembered under its kind and arguments. `make` is one of
    the generators, so the arguments are everything the bytes depend on besides its source.
    An argument may be another job's output (`Made`, anywhere inside the arguments): it is
    made, or read from the cache, just before this job runs."""

    kind: str
    make: Callable[..., bytes] = field(repr=False)  # the key holds kind and args; see GENERATORS
    args: tuple[Any, ...] = ()

    def run(self, needs: Callable[[Job], bytes]) -> bytes:
        """The document, with each `Made` argument replaced by `needs(its job)`."""
        return self.make(*_resolve(self.args, needs))


@dataclass(frozen=True)
class Made:
    """An argument that is another job's output (a fact sheet's chart, as SVG or PNG). The job
    that takes it can be declared, and given to a worker, before that output exists, so a chain
    (chart, its PNG, the Word file showing it) takes one round of the pool, not three."""

    job: Job
    text: bool = False  # handed over decoded, as text (SVG), rather than as bytes


def resolved(value: bytes | Made) -> bytes:
    """An argument that may have been a Made: by the time a generator runs it is the output
    (Job.run replaces it), so a Made here is a bug to report, not a picture to leave out."""
    if isinstance(value, Made):
        raise TypeError(f"{value.job.kind} output was not made before the document that takes it")
    return value


def _needed(job: Job) -> list[Job]:
    """The jobs whose outputs `job` takes as arguments."""
    found: list[Job] = []

    def note(needed: Job) -> bytes:
        found.append(needed)
        return b""

    _resolve(job.args, note)
    return found


def _resolve(value: Any, needs: Callable[[Job], bytes]) -> Any:
    """`value` with every Made in it (in tuples, lists, dicts and dataclasses) replaced by the
    output of its job."""
    if isinstance(value, Made):
        data = needs(value.job)
        return data.decode() if value.text else data
    if isinstance(value, tuple | list):
        return type(value)(_resolve(item, needs) for item in value)
    if isinstance(value, dict):
        return {key: _resolve(item, needs) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _resolve(getattr(value, f.name), needs)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


# A missing document, while render is declaring what it needs: valid SVG text (a page may read
# a chart's size from it), unique to the job, and recognisable inside any job that took it in.
PENDING = "pending-document-"
# Fewer missing documents than this in the first pass: make them here, without a pool.
POOL_MIN_JOBS = 8


def workers_available() -> int:
    """Worker processes for documents: CRL_WORKERS if set, else the cores this process may use."""
    if setting := os.environ.get("CRL_WORKERS"):
        return max(1, int(setting))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class DocumentCache:
    def __init__(self, folder: Path | None, workers: int | None = None):
        self.folder = folder
        self.workers = workers_available() if workers is None else workers
        self.hits = 0
        self.misses = 0
        self.passes = 0  # render passes of the last build (declaring passes and the last)
        self.made_in_pool = 0
        self._memo: dict[tuple[str, str], bytes] = {}  # this build's documents, by key
        # The file in `folder` holding each document's bytes, by the bytes object's identity
        # (the object is kept here too, so no other can take its identity).
        self._files: dict[int, tuple[bytes, Path]] = {}
        self._failed: dict[tuple[str, str], Exception] = {}  # this build's failing documents
        self._made: set[tuple[str, str]] = set()  # made in this build (not counted as hits)
        self._pending: dict[tuple[str, str], Job] | None = None  # when declaring
        self._placeholders = 0  # handed out in this pass
        self._pool: Pool | None = None

    def empty(self) -> bool:
        """Nothing remembered yet: a first build, or after `make clean`."""
        return not self._memo and (
            self.folder is None or next(self.folder.rglob("*.bin"), None) is None
        )

    def _key(self, job: Job) -> tuple[str, str]:
        return self._key_and_text(job)[0]

    def _key_and_text(self, job: Job) -> tuple[tuple[str, str], str]:
        text = json.dumps([generator_version(), job.kind, job.args], sort_keys=True, default=repr)
        return (job.kind, hashlib.sha256(text.encode()).hexdigest()), text

    def _load(self, key: tuple[str, str]) -> bytes | None:
        if key in self._memo:
            return self._memo[key]
        if self.folder is not None and (path := self.folder / key[0] / f"{key[1]}.bin").exists():
            self._memo[key] = path.read_bytes()
            self._files[id(self._memo[key])] = (self._memo[key], path)
            return self._memo[key]
        return None

    def _save(self, key: tuple[str, str], data: bytes) -> None:
        self._memo[key] = data
        if self.folder is not None:
            path = self.folder / key[0] / f"{key[1]}.bin"
            if not path.exists():
                _store(path, data)
            self._files[id(data)] = (data, path)

    def stored(self, data: bytes) -> Path | None:
        """The cache's file of these bytes, if they are the very object this cache handed out
        for a document it keeps in its folder."""
        kept = self._files.get(id(data))
        return kept[1] if kept is not None and kept[0] is data else None

    def get(self, job: Job) -> bytes:
        """The cached bytes for this job, or make them (and remember them)."""
        result = self.attempt(job)
        if isinstance(result, Exception):
            raise result
        return result

    def attempt(self, job: Job) -> bytes | Exception:
        """Like `get`, but a failing job's exception is returned, not raised, so a caller can
        report every failure at once."""
        key, text = self._key_and_text(job)
        data = self._load(key)
        if data is not None:
            if key not in self._made:
                self.hits += 1
            return data
        if key in self._failed:
            return self._failed[key]
        if self._pending is not None:
            # Declaring: a job whose arguments hold a placeholder waits for a later pass.
            if PENDING not in text and key not in self._pending:
                for needed in _needed(job):  # queued first, so they are made first
                    self.attempt(needed)
                self._queue(key, job)
            self._placeholders += 1
            return _placeholder(key)
        self.misses += 1
        self._made.add(key)
        result = _run(job, self.get)
        if isinstance(result, Exception):
            self._failed[key] = result
            return result
        self._save(key, result)
        return result

    # Two-phase rendering (see the module's docstring); render() drives it.

    def declare(self) -> None:
        """Start a declaring pass: missing documents become placeholders and are queued."""
        self.passes += 1
        self._pending = {}
        self._placeholders = 0
        self._hits_before = self.hits

    def declared(self, sketch: bool) -> tuple[int, int]:
        """End a declaring pass: (placeholders handed out, jobs queued). Only a full pass that
        handed out none is a finished render, whose hits count."""
        placeholders, queued = self._placeholders, len(self._pending or {})
        if placeholders or sketch:
            self.hits = self._hits_before
        return placeholders, queued

    def make_declared(self, first_pass: bool) -> bool:
        """Make the queued documents, in the pool (started if enough are missing). False when
        too few are missing in the first pass to be worth a pool: the caller then renders
        once more without declaring, making them here."""
        pending, self._pending = self._pending or {}, None
        pool = self._pool
        if pool is None:
            if first_pass and (self.workers < 2 or len(pending) < POOL_MIN_JOBS):
                return False
            pool = self._start_pool(pending)
        try:
            made = pool.collect()
        except BrokenProcessPool:  # a worker died (killed, out of memory): make them here
            self.close()
            return False
        for key, result in made:
            self.misses += 1
            self.made_in_pool += 1
            self._made.add(key)
            if isinstance(result, Exception):
                self._failed[key] = result
            else:
                self._save(key, result)
        return True

    # A declaring pass shared with a forked process (builder.render.side_by_side): the child
    # hands back what it asked of the cache, and the parent takes it as if asked itself.

    def forked(self) -> None:
        """In the child: note where the pass stood at the fork; queue nothing to a pool (its
        threads are not in this process): the parent queues what the child declared."""
        self._pool, self.workers = None, 1
        self._at_fork = (self.hits, self._placeholders, set(self._pending or {}))

    def forked_asks(self) -> tuple[int, int, dict[tuple[str, str], Job]]:
        """In the child: the hits, placeholders and declared jobs since the fork."""
        hits, placeholders, pending = self._at_fork
        declared = {k: job for k, job in (self._pending or {}).items() if k not in pending}
        return self.hits - hits, self._placeholders - placeholders, declared

    def take_asks(self, asks: tuple[int, int, dict[tuple[str, str], Job]]) -> None:
        """In the parent: the child's asks, counted and queued as this process's own."""
        hits, placeholders, declared = asks
        self.hits += hits
        self._placeholders += placeholders
        if self._pending is None:
            return
        for key, job in declared.items():
            if key not in self._pending:
                self._queue(key, job)

    def _queue(self, key: tuple[str, str], job: Job) -> None:
        """A declared job, given to the pool at once (started once enough are missing, so the
        workers start while the pass goes on)."""
        assert self._pending is not None
        self._pending[key] = job
        if self._pool is not None:
            self._pool.submit(key, job)
        elif self.workers > 1 and len(self._pending) >= POOL_MIN_JOBS:
            self._start_pool(self._pending)

    def declaring(self) -> bool:
        return self._pending is not None

    def _start_pool(self, pending: dict[tuple[str, str], Job]) -> Pool:
        self._pool = Pool(self.workers, self.folder)
        for key, job in pending.items():
            self._pool.submit(key, job)
        return self._pool

    def serial(self) -> None:
        """Stop declaring: the next pass makes what it misses itself."""
        self._pending = None
        self.passes += 1

    def prepare(self) -> None:
        """Start the server that workers are forked from, so that it imports the generators
        while the build loads content (its own process). From an empty cache, which a build
        only fills with a pool, the workers start then too: their engines start up while
        the content loads on one core, not in the render stage. Otherwise they start only if
        enough documents are missing."""
        if self.workers > 1:
            _forkserver()
            multiprocessing.forkserver.ensure_running()
            if self.empty():
                self._pool = Pool(self.workers, self.folder, start=True)

    def close(self, wait: bool = True) -> None:
        """Stop the pool; with `wait` False, at once (a build that stopped before it needed
        the workers it started: see `prepare`)."""
        self._pending = None
        if self._pool is not None:
            self._pool.close(wait)
            self._pool = None


def _placeholder(key: tuple[str, str]) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">'
        f"<!--{PENDING}{key[0]}-{key[1]}--></svg>\n"
    ).encode()


def _run(job: Job, needs: Callable[[Job], bytes]) -> bytes | Exception:
    try:
        return job.run(needs)
    except Exception as exc:  # handed back to the caller, which decides what it means
        return exc


# Imported once by the server that forks the workers, so no worker imports them again.
PRELOAD = [
    "builder.formats.pdf",
    "builder.formats.docx",
    "builder.formats.pptx",
    "builder.formats.chartfiles",
]
# Each worker's own cache, for the outputs its jobs take as arguments (Made): read from the
# build's cache folder if another process made them already, otherwise made and saved there.
_WORKER: dict[str, DocumentCache] = {}


def _start_worker(folder: Path | None) -> None:
    """Start each generator's engine once per worker, not once per document."""
    import vl_convert

    from builder.formats import pdf

    _WORKER["cache"] = DocumentCache(folder, workers=1)
    pdf._compiler()
    vl_convert.vegalite_to_svg({"mark": "point", "data": {"values": [{}]}})


def _run_in_worker(job: Job) -> bytes | Exception:
    """In a worker: the job's output, also saved in the cache folder at once, so that a job of
    the other worker that needs it (Made) need not make it again."""
    result = _WORKER["cache"].attempt(job)
    return portable(result) if isinstance(result, Exception) else result


E = TypeVar("E", bound=BaseException)


def portable(exc: E) -> E | RuntimeError:
    """The exception itself if it can cross to another process, else one with its type and
    message (a worker's failure, or a forked render's: builder.render.side_by_side)."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _forkserver() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


class Pool:
    """Worker processes making documents. A job that takes other jobs' outputs (Made) is held
    back until every other job has been given out, so those outputs are most likely made, and
    saved, by then: a worker reads them rather than making them a second time."""

    def __init__(self, workers: int, folder: Path | None, start: bool = False):
        """`start`: start every worker now, from a thread of this process (the executor only
        starts one when a job needs it, and waits while the server is still importing)."""
        self._executor = ProcessPoolExecutor(
            workers, _forkserver(), initializer=_start_worker, initargs=(folder,)
        )
        self._futures: list[tuple[tuple[str, str], Future[bytes | Exception]]] = []
        self._later: list[tuple[tuple[str, str], Job]] = []
        self._starting: threading.Thread | None = None
        # Whichever of the starting thread and close(wait=False) comes second stops the pool.
        self._lock = threading.Lock()
        self._started, self._stopping = not start, False
        if start:
            self._starting = threading.Thread(target=self._start, args=(workers,), daemon=True)
            self._starting.start()

    def _start(self, workers: int) -> None:
        """One job that does nothing per worker, given out together: each finds no worker
        idle, so the executor starts another, up to `workers`."""
        try:
            with contextlib.suppress(RuntimeError):  # closed already: nothing to start
                for _ in range(workers):
                    self._executor.submit(os.getpid)
        finally:
            with self._lock:
                self._started, stop = True, self._stopping
            if stop:
                self._stop()

    def submit(self, key: tuple[str, str], job: Job) -> None:
        if _needed(job):
            self._later.append((key, job))
        else:
            self._futures.append((key, self._executor.submit(_run_in_worker, job)))

    def collect(self) -> list[tuple[tuple[str, str], bytes | Exception]]:
        """Every job's output (or exception), once all are done."""
        for key, job in self._later:
            self._futures.append((key, self._executor.submit(_run_in_worker, job)))
        self._later = []
        done = [(key, future.result()) for key, future in self._futures]
        self._futures = []
        return done

    def close(self, wait: bool = True) -> None:
        if wait:
            if self._starting is not None:
                self._starting.join()
            self._executor.shutdown(cancel_futures=True)
            return
        # Not waiting for a worker still starting (its engines take half a second), nor for
        # the thread starting them, which holds the executor's lock while the server forks:
        # the workers there now are stopped at once, and any it starts later, when it is done.
        with self._lock:
            self._stopping, started = True, self._started
        if started:
            self._stop()
        else:
            self._kill()

    def _kill(self) -> None:
        for process in list(self._executor._processes.values()):  # no public way before 3.14
            process.kill()

    def _stop(self) -> None:
        self._kill()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _store(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
