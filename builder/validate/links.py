"""Cross-checks between the learning kinds: every Delphi statement, theme, analysis and finding
that one item names must exist, and finding ids are unique across chapters."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from builder.models import ContentModel, Site
from builder.models.addresses import addresses
from builder.problems import Problem, did_you_mean


def statement_refs(site: Site) -> set[str]:
    if site.delphi is None:
        return set()
    return {f"{s.slug}-{n}" for s in site.delphi.sections for n in range(1, s.statements + 1)}


def check_links(site: Site) -> Iterator[Problem]:
    statements = statement_refs(site)
    themes = {t.id for t in site.themes}
    analyses = {a.id for a in site.analyses}
    for theme in site.themes:
        yield from _each(theme, "delphi", theme.delphi, statements, "Delphi statement")
        yield from _each(theme, "analyses", theme.analyses, analyses, "national analysis")
    seen: dict[str, str] = {}
    for chapter in site.findings:
        for index, finding in enumerate(chapter.findings):
            loc = ("findings", index)
            if finding.id in seen:
                yield _at(
                    chapter,
                    (*loc, "id"),
                    f"findings[{index}].id",
                    f"'{finding.id}' is already a finding id (in {seen[finding.id]}); "
                    "finding ids must be unique across all findings files",
                )
            seen.setdefault(finding.id, chapter.origin.path)
            yield from _each(
                chapter,
                f"findings[{index}].delphi",
                finding.delphi,
                statements,
                "Delphi statement",
                (*loc, "delphi"),
            )
            yield from _each(
                chapter,
                f"findings[{index}].themes",
                finding.themes,
                themes,
                "theme",
                (*loc, "themes"),
            )
    for item in site.implications:
        yield from _each(item, "themes", item.themes, themes, "theme")
    for record in site.register:
        yield from _each(record, "themes", record.themes, themes, "theme")
    references = {r.key for r in (site.report, *site.references)}
    for analysis in site.analyses:
        if analysis.reference not in references:
            yield _at(
                analysis,
                ("reference",),
                "reference",
                f"no reference has the key '{analysis.reference}' in "
                f"content/references.yaml{did_you_mean(analysis.reference, references)}",
            )
    for theme in site.themes:
        yield from _each(theme, "sources", theme.sources, references, "reference key")
    factsheets = {f.id for f in site.factsheets}
    charts = chart_names(site)
    for sheet in site.factsheets:
        yield from _each(sheet, "sources", sheet.sources, references, "reference key")
        if sheet.theme:
            yield from _one(sheet, "theme", sheet.theme, themes, "theme")
        if sheet.chart and sheet.chart not in charts:
            yield _at(
                sheet,
                ("chart",),
                "chart",
                f"'{sheet.chart}' has no data in content/ "
                "to draw it from; choose another chart or remove it",
            )
    known_ids = set(addresses(site))
    for issue in site.newsletters:
        yield from _each(issue, "featured", issue.featured, known_ids, "id")
        yield from _each(issue, "new_and_updated", issue.new_and_updated, known_ids, "id")
        yield from _each(issue, "sources", issue.sources, references, "reference key")
    for pack in site.training:
        yield from _one(pack, "theme", pack.theme, themes, "theme")
        yield from _one(pack, "factsheet", pack.factsheet, factsheets, "fact sheet")
        yield from _each(pack, "delphi", pack.delphi, statements, "Delphi statement")
        yield from _each(pack, "sources", pack.sources, references, "reference key")


def chart_names(site: Site) -> set[str]:
    """The shared charts the content can draw (render.figures builds exactly these)."""
    names = set()
    if site.delphi is not None:
        names |= {f"delphi-{s.slug}" for s in site.delphi.sections}
    if site.analyses:
        names |= {"observatory-cases-per-analysis", "observatory-report-length"}
        if any(a.timeliness for a in site.analyses):
            names.add("observatory-timeliness")
        if any(a.judgements for a in site.analyses):
            names.add("observatory-ofsted-judgements")
    return names


def _one(
    item: ContentModel, field: str, value: str, known: set[str], what: str
) -> Iterator[Problem]:
    if value not in known:
        yield _at(
            item,
            (field,),
            field,
            f"'{value}' is not a known {what}{did_you_mean(value, sorted(known))}",
        )


def _each(
    item: ContentModel,
    field: str,
    values: Iterable[str],
    known: set[str],
    what: str,
    loc: tuple[str | int, ...] | None = None,
) -> Iterator[Problem]:
    base = loc or (field,)
    for index, value in enumerate(values):
        if value not in known:
            hint = did_you_mean(value, sorted(known))
            if not known:
                hint = f"; there are no {what}s in content/ yet"
            yield _at(
                item, (*base, index), f"{field}[{index}]", f"'{value}' is not a known {what}{hint}"
            )


def _at(item: ContentModel, loc: tuple[str | int, ...], field: str, message: str) -> Problem:
    return Problem(item.origin.path, item.origin.line_of(*loc), field, message)
