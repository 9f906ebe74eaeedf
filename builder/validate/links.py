"""Cross-checks between the learning kinds: every Delphi statement, theme, analysis and finding
that one item names must exist, finding ids are unique across chapters, and every Markdown link
from one page to another leads to a page the site has."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote, urlsplit

from builder.load import markup
from builder.models import ContentModel, Site
from builder.models.addresses import (
    GENERATED,
    addresses,
    newsletter_path,
    page_path,
    tag_path,
    theme_feeds_path,
    theme_path,
)
from builder.problems import Problem, did_you_mean


class _Any(set[str]):
    """Stands for every id: used where the list to check against could not be read."""

    def __contains__(self, item: object) -> bool:
        return True


ANY = _Any()


def statement_refs(site: Site) -> set[str]:
    if site.delphi is None:
        return set()
    return {f"{s.slug}-{n}" for s in site.delphi.sections for n in range(1, s.statements + 1)}


def check_links(
    site: Site, existing: dict[str, set[str]], delphi_whole: bool = True
) -> Iterator[Problem]:
    """Every id one item names must exist. `existing` holds the ids of items that failed to load
    or validate: they exist, and their own errors say what is wrong, so naming one is no error.
    Without the whole Delphi data (`delphi_whole`), statement references are not checked."""
    statements = statement_refs(site) if delphi_whole else ANY
    themes = {t.id for t in site.themes} | existing.get("theme", set())
    analyses = {a.id for a in site.analyses} | existing.get("analysis", set())
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
    references |= existing.get("reference", set()) | existing.get("report", set())
    publications = {p.key for p in site.publications} | existing.get("publication", set())
    citable = references | publications
    for analysis in site.analyses:
        if analysis.reference is not None and analysis.reference not in references:
            yield _at(
                analysis,
                ("reference",),
                "reference",
                f"no reference has the key '{analysis.reference}' in "
                f"content/references.yaml{did_you_mean(analysis.reference, references)}",
            )
        if analysis.publication is not None and analysis.publication not in publications:
            yield _at(
                analysis,
                ("publication",),
                "publication",
                f"no publication has the key '{analysis.publication}' in "
                f"content/publications.yaml{did_you_mean(analysis.publication, publications)}",
            )
        for index, text in enumerate(analysis.key_findings):
            yield from _citations(analysis, ("key_findings", index), text, citable, publications)
    for series in site.series:
        for index, value in enumerate(series.values):
            if value.source not in publications:
                yield _at(
                    series,
                    ("values", index, "source"),
                    f"values[{index}].source",
                    f"no publication has the key '{value.source}' in content/publications.yaml"
                    f"{did_you_mean(value.source, publications)}",
                )
        yield from _citations(series, ("summary",), series.summary, citable, publications)
        for index, text in enumerate(series.cannot_tell):
            yield from _citations(series, ("cannot_tell", index), text, citable, publications)
    for implication in site.implications:
        yield from _citations(
            implication, ("evidence",), implication.evidence, citable, publications
        )
    for term in site.terms:
        yield from _citations(term, ("status",), term.status or "", citable, publications)
        yield from _citations(term, ("definition",), term.definition, citable, publications)
    for theme in site.themes:
        yield from _each(theme, "sources", theme.sources, citable, "reference key")
    factsheets = {f.id for f in site.factsheets} | existing.get("factsheet", set())
    charts = chart_names(site)
    for sheet in site.factsheets:
        yield from _each(sheet, "sources", sheet.sources, references, "reference key")
        if sheet.theme:
            yield from _one(sheet, "theme", sheet.theme, themes, "theme")
        if (
            sheet.chart
            and sheet.chart not in charts
            and (delphi_whole or "delphi" not in sheet.chart)
        ):
            yield _at(
                sheet,
                ("chart",),
                "chart",
                f"'{sheet.chart}' has no data in content/ "
                "to draw it from; choose another chart or remove it",
            )
    known_ids = set(addresses(site)) | {i for ids in existing.values() for i in ids}
    for issue in site.newsletters:
        yield from _each(issue, "featured", issue.featured, known_ids, "id")
        yield from _each(issue, "new_and_updated", issue.new_and_updated, known_ids, "id")
        yield from _each(issue, "sources", issue.sources, references, "reference key")
    for pack in site.training:
        yield from _one(pack, "theme", pack.theme, themes, "theme")
        yield from _one(pack, "factsheet", pack.factsheet, factsheets, "fact sheet")
        yield from _each(pack, "delphi", pack.delphi, statements, "Delphi statement")
        yield from _each(pack, "sources", pack.sources, references, "reference key")
    yield from check_markdown_links(site)


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


def _citations(
    item: ContentModel,
    loc: tuple[str | int, ...],
    text: str,
    known: set[str],
    publications: set[str],
) -> Iterator[Problem]:
    """Every [@key, locator] in a content field must name a reference or publication, with a
    locator when it names a publication."""
    for match in markup.CITATION.finditer(text):
        key = match["key"]
        field = ".".join(str(part) for part in loc)
        if key not in known:
            yield _at(
                item,
                loc,
                field,
                f"cites '{key}', which is in neither content/references.yaml nor "
                f"content/publications.yaml{did_you_mean(key, sorted(known))}",
            )
        elif key in publications and not match["locator"]:
            yield _at(
                item,
                loc,
                field,
                f"cites the publication '{key}' without a locator; write [@{key}, locator] "
                "with the page, section or summary it comes from",
            )


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


# [text](target "title") (not an image), and a reference definition [label]: target.
_INLINE_LINK = re.compile(
    r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).*?\1")


def generated_files() -> set[str]:
    """Every page the builder generates at a fixed address (not counting paged lists)."""
    return set(GENERATED.values()) | {"search.md", theme_feeds_path()}


def markdown_links(body: str) -> Iterator[tuple[int, str]]:
    """(0-based body line, target) of every Markdown link outside code."""
    fence = ""
    for number, line in enumerate(body.splitlines()):
        if match := _FENCE.match(line):
            if not fence:
                fence = match.group(1)[0] * 3
            elif match.group(1).startswith(fence):
                fence = ""
            continue
        if fence:
            continue
        text = _CODE_SPAN.sub("", line)
        for link in (*_INLINE_LINK.finditer(text), *_REFERENCE_LINK.finditer(text)):
            yield number, link.group(1)


def check_markdown_links(site: Site) -> Iterator[Problem]:
    """A relative Markdown link is followed from where its page is published in the docs tree;
    it must lead to a page the site has, or MkDocs fails later, naming the docs tree instead of
    the content file."""
    ids = addresses(site)
    tags = {tag for page in site.pages for tag in page.tags}
    tags |= {tag for theme in site.themes for tag in theme.tags}
    pages = set(ids.values()) | generated_files() | {tag_path(tag) for tag in tags}
    bodies: list[tuple[ContentModel, str, str]] = [
        (page, page.body, page_path(page.id)) for page in site.pages
    ]
    bodies += [(theme, theme.body, theme_path(theme.id)) for theme in site.themes]
    bodies += [(issue, issue.body, newsletter_path(issue.id)) for issue in site.newsletters]
    if site.delphi is not None:
        overview = site.delphi.overview
        bodies.append((overview, overview.body, GENERATED["delphi"]))
    for item, body, published in bodies:
        for number, target in markdown_links(body):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, mailto:, (id:...) or an anchor on the same page
            path = unquote(parts.path)
            if path.startswith("/"):
                reason = "an absolute path, which breaks when the site is not at the root"
            elif not path.endswith(".md"):
                continue
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(published), path))
                if resolved in pages:
                    continue
                reason = "not a page of the site"
            stem = posixpath.basename(path.removesuffix(".md").removesuffix("/index"))
            yield Problem(
                item.origin.path,
                item.origin.body_line + number,
                "body",
                f"links to '{target}', {reason}; link to a page by its id, "
                f"as in [text](id:about){did_you_mean(stem, sorted(ids))}",
            )
