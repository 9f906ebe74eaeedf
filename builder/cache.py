"""A cache of generated documents (PDF, DOCX, PPTX, ZIP) keyed on everything they are made
from: the content, the template and the generator's version. A memo for speed, not output: a
wrong or missing entry only costs a regeneration. Cleared by `make clean`."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Bump when a generator changes in a way its inputs do not show.
GENERATOR_VERSION = "1"


class DocumentCache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def get(self, kind: str, inputs: Any, make: Callable[[], bytes]) -> bytes:
        """The cached bytes for these inputs, or make them (and remember them)."""
        if self.folder is None:
            self.misses += 1
            return make()
        digest = hashlib.sha256(
            json.dumps([GENERATOR_VERSION, kind, inputs], sort_keys=True, default=str).encode()
        ).hexdigest()
        path = self.folder / kind / f"{digest}.bin"
        if path.exists():
            self.hits += 1
            return path.read_bytes()
        self.misses += 1
        data = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
        return data


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
