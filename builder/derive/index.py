"""The site's index of items: what each audience pathway and tag page lists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from builder.models import AUDIENCE_IDS, Site
from builder.models.addresses import (
    GENERATED,
    TITLES,
    analysis_path,
    briefing_path,
    delphi_section_path,
    findings_path,
    page_path,
    theme_path,
)


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
    review_due: dt.date | None = None
    source: str = ""  # the content file an editor changes
    notice: str | None = None


def _dated(
    item: Any, title: str, path: str, kind: str, audiences: tuple[str, ...], tags: tuple[str, ...]
) -> Entry:
    """An entry for an item that carries its own dates (updated, review_due, notice)."""
    return Entry(
        title,
        item.summary,
        path,
        kind,
        audiences,
        tags,
        item.updated,
        item.review_due,
        item.origin.path,
        item.notice,
    )


# Pages about the site itself: in search and the navigation, never on an audience's pathway.
ADMINISTRATIVE = ("about", "accessibility", "changelog", "review-due")


def entries(site: Site) -> tuple[Entry, ...]:
    out = [
        _dated(
            p,
            p.title,
            page_path(p.id),
            "Page",
            () if p.id in ADMINISTRATIVE else tuple(p.audiences),
            tuple(p.tags),
        )
        for p in site.pages
        if p.id != "home"
    ]
    for briefing in site.briefings:
        out.append(
            _dated(
                briefing,
                briefing.title,
                briefing_path(briefing.id),
                "Practice briefing",
                tuple(briefing.audiences),
                ("briefings", *briefing.tags),
            )
        )
    if site.delphi is not None:
        o = site.delphi.overview
        out.append(
            _dated(
                o, o.title, "delphi/index.md", "Delphi results", tuple(o.audiences), tuple(o.tags)
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
    for theme in site.themes:
        out.append(
            _dated(
                theme,
                theme.title,
                theme_path(theme.id),
                "Theme",
                tuple(theme.audiences),
                ("themes", *theme.tags),
            )
        )
    for analysis in site.analyses:
        out.append(
            _dated(
                analysis,
                f"{analysis.label}: {analysis.title}",
                analysis_path(analysis.id),
                "National analysis",
                ANALYSIS_AUDIENCES,
                ("national-analysis", "evidence"),
            )
        )
    for sheet in site.factsheets:
        out.append(
            _dated(
                sheet,
                f"Fact sheet: {sheet.title}",
                f"factsheets/{sheet.id}.md",
                "Fact sheet",
                tuple(sheet.audiences),
                ("factsheets",),
            )
        )
    for pack in site.training:
        out.append(
            _dated(
                pack,
                f"Training pack: {pack.title}",
                f"training/{pack.id}.md",
                "Training pack",
                tuple(pack.audiences),
                ("training",),
            )
        )
    for issue in site.newsletters:
        out.append(
            Entry(
                issue.title,
                issue.summary,
                f"newsletters/{issue.id}/index.md",
                "Newsletter",
                tuple(issue.audiences),
                ("newsletters",),
                issue.date,
                None,
                issue.origin.path,
            )
        )
    for chapter in site.findings:
        out.append(
            Entry(
                f"Findings: {chapter.title.lower()}",
                f"The study's {len(chapter.findings)} findings on "
                f"{chapter.title.lower()} (chapter {chapter.chapter}).",
                findings_path(chapter.section),
                "Findings",
                ALL,
                ("findings", "evidence"),
                chapter.updated,
                chapter.review_due,
                chapter.origin.path,
                chapter.notice,
            )
        )
    for page_id, (title, summary, audiences, tags) in GENERATED_ENTRIES.items():
        if _has(site, page_id):
            out.append(Entry(title, summary, GENERATED[page_id], "Overview", audiences, tags, None))
    return tuple(sorted(out, key=lambda e: (e.title.lower(), e.path)))


ALL = ("practitioners", "trainers", "managers", "policy-makers", "researchers")
# Who the generated overview pages are listed for on the pathways, and their topics.
ANALYSIS_AUDIENCES = ("managers", "policy-makers", "researchers")
GENERATED_ENTRIES: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...]]] = {
    "briefings": (
        TITLES["briefings"],
        "What national reviews found, topic by topic, and what to do tomorrow.",
        ("practitioners", "trainers", "managers"),
        ("briefings",),
    ),
    "themes": (
        TITLES["themes"],
        "Every theme, with key messages for each role.",
        ALL,
        ("themes",),
    ),
    "recommendations": (
        TITLES["recommendations"],
        "The study's 15 implications for policy and practice, and where each stands.",
        ("managers", "policy-makers", "researchers"),
        ("recommendations",),
    ),
    "observatory": (
        TITLES["observatory"],
        "Numbers, patterns and trends from national analyses and the case review register.",
        ("managers", "policy-makers", "researchers"),
        ("observatory", "data"),
    ),
    "analyses": (
        TITLES["analyses"],
        "The six national overviews the study appraised, side by side.",
        ANALYSIS_AUDIENCES,
        ("national-analysis", "evidence"),
    ),
    "future-thematic-reviews": (
        TITLES["future-thematic-reviews"],
        "What participants asked national thematic analyses to look at.",
        ("policy-makers", "researchers"),
        ("themes", "research"),
    ),
}


def _has(site: Site, page_id: str) -> bool:
    return {
        "briefings": bool(site.briefings),
        "themes": bool(site.themes),
        "recommendations": bool(site.implications),
        "observatory": bool(site.analyses),
        "analyses": bool(site.analyses),
        "future-thematic-reviews": site.thematic_topics is not None,
    }[page_id]


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
