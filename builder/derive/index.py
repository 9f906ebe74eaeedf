"""The site's index of items: what each audience pathway and tag page lists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from builder.addresses import delphi_section_path, page_path
from builder.models import AUDIENCE_IDS, Site


@dataclass(frozen=True)
class Entry:
    """One listable item: a page, a Delphi section, later themes and fact sheets."""

    title: str
    summary: str
    path: str
    kind: str
    audiences: tuple[str, ...]
    tags: tuple[str, ...]
    updated: dt.date | None


def entries(site: Site) -> tuple[Entry, ...]:
    out = [
        Entry(
            p.title,
            p.summary,
            page_path(p.id),
            "Page",
            tuple(p.audiences),
            tuple(p.tags),
            p.updated,
        )
        for p in site.pages
        if p.id != "home"
    ]
    if site.delphi is not None:
        o = site.delphi.overview
        out.append(
            Entry(
                o.title,
                o.summary,
                "delphi/index.md",
                "Delphi results",
                tuple(o.audiences),
                tuple(o.tags),
                o.updated,
            )
        )
        for section in site.delphi.sections:
            out.append(
                Entry(
                    f"Delphi panel: {section.title.lower()}",
                    f"How the 2010 panel rated the {section.statements} statements on "
                    f"{section.title.lower()}, with the regenerated {section.figure}.",
                    delphi_section_path(section.slug),
                    "Delphi results",
                    tuple(o.audiences),
                    tuple(o.tags),
                    o.updated,
                )
            )
    return tuple(sorted(out, key=lambda e: (e.title.lower(), e.path)))


def group_by_audience(items: tuple[Entry, ...]) -> dict[str, tuple[Entry, ...]]:
    groups: dict[str, list[Entry]] = {a: [] for a in AUDIENCE_IDS}
    for item in items:
        for audience in item.audiences:
            groups[audience].append(item)
    return {a: tuple(v) for a, v in groups.items()}


def group_by_tag(items: tuple[Entry, ...]) -> dict[str, tuple[Entry, ...]]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for item in items:
        for tag in item.tags:
            groups[tag].append(item)
    return {t: tuple(groups[t]) for t in sorted(groups)}
