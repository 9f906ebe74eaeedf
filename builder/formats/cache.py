"""A cache of generated documents (PDF, DOCX, PPTX, chart SVG/PNG) keyed on everything they
are made from: the generator's arguments, its source and the libraries it calls. A memo for
speed, not output: a wrong or missing entry only costs a regeneration. Cleared by `make clean`.

Documents are made in this process, one after another. Worker processes were tried and
measured: on the two-vCPU machines this project builds on they made a cold build slower (two
processes ran no faster than one, and each paid vl-convert's start-up)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

BUILDER = Path(__file__).resolve().parent.parent
# The code that turns arguments into bytes, and the libraries it calls: a change to any of them
# changes every key.
GENERATORS = ("formats", "typst", "render/charts.py")
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
    the generators, so the arguments are everything the bytes depend on besides its source."""

    kind: str
    make: Callable[..., bytes]
    args: tuple[Any, ...] = ()

    def run(self) -> bytes:
        return self.make(*self.args)


class DocumentCache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self._memo: dict[tuple[str, str], bytes] = {}  # this build's documents, by key

    def _key(self, job: Job) -> tuple[str, str]:
        digest = hashlib.sha256(
            json.dumps(
                [generator_version(), job.kind, job.args], sort_keys=True, default=repr
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
        result = self.attempt(job)
        if isinstance(result, Exception):
            raise result
        return result

    def attempt(self, job: Job) -> bytes | Exception:
        """Like `get`, but a failing job's exception is returned, not raised, so a caller can
        report every failure at once."""
        key = self._key(job)
        data = self._load(key)
        if data is not None:
            self.hits += 1
            return data
        self.misses += 1
        try:
            data = job.run()
        except Exception as exc:  # handed back to the caller, which decides what it means
            return exc
        self._save(key, data)
        return data


def _store(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
