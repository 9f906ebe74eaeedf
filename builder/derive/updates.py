"""What changed when, from content dates (never the clock): each newsletter's "new and updated
since the last issue", the What's new list and the change log."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from builder.derive.index import Entry
from builder.models import Newsletter


@dataclass(frozen=True)
class Issue:
    newsletter: Newsletter
    previous: Newsletter | None
    changed: tuple[Entry, ...]  # updated after the previous issue, up to this issue's date


@dataclass(frozen=True)
class Updates:
    issues: tuple[Issue, ...]  # oldest first
    changes: tuple[tuple[dt.date, tuple[Entry, ...]], ...]  # newest date first


def updates(newsletters: tuple[Newsletter, ...], entries: tuple[Entry, ...]) -> Updates:
    dated = [e for e in entries if e.updated is not None and e.kind != "Newsletter"]
    issues = []
    previous: Newsletter | None = None
    for issue in newsletters:
        start = previous.date if previous else dt.date.min
        changed = sorted(
            (e for e in dated if e.updated and start < e.updated <= issue.date),
            key=lambda e: (e.kind, e.title),
        )
        issues.append(Issue(issue, previous, tuple(changed)))
        previous = issue
    by_date: dict[dt.date, list[Entry]] = defaultdict(list)
    for entry in dated:
        assert entry.updated is not None
        by_date[entry.updated].append(entry)
    changes = tuple(
        (day, tuple(sorted(by_date[day], key=lambda e: (e.kind, e.title))))
        for day in sorted(by_date, reverse=True)
    )
    return Updates(tuple(issues), changes)
