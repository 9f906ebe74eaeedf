"""Links computed both ways: themes and findings of each Delphi statement, findings and
implications of each theme, themes of each national analysis, and the works in both lists of
references."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

from builder.models import FindingsChapter, Implication, Site, Theme
from builder.models.learning import Finding

T = TypeVar("T")


@dataclass(frozen=True)
class FindingRef:
    chapter: FindingsChapter
    finding: Finding


@dataclass(frozen=True)
class Links:
    findings_by_theme: dict[str, tuple[FindingRef, ...]]
    implications_by_theme: dict[str, tuple[Implication, ...]]
    themes_by_statement: dict[str, tuple[Theme, ...]]
    findings_by_statement: dict[str, tuple[FindingRef, ...]]
    themes_by_analysis: dict[str, tuple[Theme, ...]]
    # Works in both lists (the study's, as printed, and the publications since 2010): each
    # key mapped to the other's.
    same_work: dict[str, str]


def links(site: Site) -> Links:
    findings_by_theme: dict[str, list[FindingRef]] = defaultdict(list)
    findings_by_statement: dict[str, list[FindingRef]] = defaultdict(list)
    for chapter in site.findings:
        for finding in chapter.findings:
            ref = FindingRef(chapter, finding)
            for theme_id in finding.themes:
                findings_by_theme[theme_id].append(ref)
            for statement in finding.delphi:
                findings_by_statement[statement].append(ref)
    implications_by_theme: dict[str, list[Implication]] = defaultdict(list)
    for item in site.implications:
        for theme_id in item.themes:
            implications_by_theme[theme_id].append(item)
    themes_by_statement: dict[str, list[Theme]] = defaultdict(list)
    themes_by_analysis: dict[str, list[Theme]] = defaultdict(list)
    for theme in site.themes:
        for statement in theme.delphi:
            themes_by_statement[statement].append(theme)
        for analysis in theme.analyses:
            themes_by_analysis[analysis].append(theme)
    return Links(
        findings_by_theme=_freeze(findings_by_theme),
        implications_by_theme=_freeze(implications_by_theme),
        themes_by_statement=_freeze(themes_by_statement),
        findings_by_statement=_freeze(findings_by_statement),
        themes_by_analysis=_freeze(themes_by_analysis),
        same_work=_same_work(site),
    )


def _same_work(site: Site) -> dict[str, str]:
    """The same year and title, letter case and spacing aside (the 2010 report prints titles
    in title case, the source pack as published)."""

    def work(year: int | None, title: str) -> tuple[int | None, str]:
        return year, " ".join(title.casefold().replace("*", "").split()).rstrip(".")

    printed = {work(ref.year, ref.title): ref.key for ref in site.references}
    pairs: dict[str, str] = {}
    for pub in site.publications:
        if (key := printed.get(work(pub.year, pub.title))) is not None:
            pairs[key], pairs[pub.key] = pub.key, key
    return pairs


def _freeze(groups: dict[str, list[T]]) -> dict[str, tuple[T, ...]]:
    return {key: tuple(values) for key, values in sorted(groups.items())}
