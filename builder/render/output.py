"""One rendered file, held in memory until the Writer writes every file at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    path: str  # relative to its root, POSIX style
    content: str | bytes
    source: str  # the content file(s) it was generated from, for the stamp and for errors
    root: str = "docs"  # "docs" (pages MkDocs renders) or "includes" (snippets appended to them)
