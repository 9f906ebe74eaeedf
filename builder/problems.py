"""Problems found in content, one line each (`content/path:line: field: message`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in the content, and how to fix it."""

    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{field} {self.message}"


class ContentError(Exception):
    """Raised when content has errors: carries every problem found, never a partial list."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in content")


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """`; did you mean 'x'?` when one choice is close to the value, else an empty string."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        hit = lowered.get(str(value).lower().rstrip("s")) or lowered.get(str(value).lower() + "s")
        close = [hit] if hit else []
    return f"; did you mean '{close[0]}'?" if close else ""


def one_of(value: object, choices: Iterable[str]) -> str:
    """`'x' is not one of a, b, c; did you mean 'y'?`"""
    choices = list(choices)
    return f"'{value}' is not one of {', '.join(choices)}{did_you_mean(value, choices)}"


def report(problems: Iterable[Problem]) -> str:
    """One line a problem, errors first, then warnings: what `check` and `build` print."""
    problems = sorted(problems, key=lambda p: (p.severity != Severity.ERROR, p))
    return "\n".join(str(p) if p.severity == Severity.ERROR else f"warning: {p}" for p in problems)


def counts(problems: Iterable[Problem]) -> str:
    """`2 errors, 1 warning`: the start of the summary line every run ends with."""
    problems = list(problems)
    errors = sum(p.severity == Severity.ERROR for p in problems)
    return f"{_count(errors, 'error')}, {_count(len(problems) - errors, 'warning')}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
