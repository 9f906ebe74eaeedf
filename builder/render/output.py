"""One rendered file, held in memory until the Writer writes every file at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Output:
    path: str  # relative to its root, POSIX style
    content: str | bytes
    source: str  # the content file(s) it was generated from, for the stamp and for errors
    root: str = "docs"  # which of the Writer's folders: "docs", the tree MkDocs renders
    # A file that already holds exactly these bytes (a document in build/cache/): the Writer
    # links it rather than making another file of the same bytes.
    same_as: Path | None = field(default=None, compare=False)


# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text the way OWASP
    recommends: a leading apostrophe. Numbers, and text that is just a number, are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """Every CSV download: no index, Unix line ends, text cells safe to open in a spreadsheet."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe.to_csv(index=False, lineterminator="\n")
