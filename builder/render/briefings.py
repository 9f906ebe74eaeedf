"""Practice briefings: one page per briefing in the agreed order, and the briefings index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder.models import Briefing, NationalFinding, Publication
from builder.models.addresses import (
    GENERATED,
    TITLES,
    briefing_path,
    statement_ref_path,
    theme_path,
)
from builder.render.context import Context, relative
from builder.render.output import Output

BRIEFINGS = "content/briefings/"
# Pagefind ranks a match in these parts of a briefing above the same words elsewhere, so a
# search for a topic finds its briefing first (Pagefind's own weights: h1 7, body text 1).
WEIGHT_TITLE = 10
WEIGHT_SUMMARY = 8
WEIGHT_IN_ONE_MINUTE = 5


@dataclass(frozen=True)
class Note:
    """One numbered note of "What national reviews found": the finding and its citation."""

    number: int
    finding: NationalFinding
    short: str
    target: str  # the references page anchor, relative to the briefing


@dataclass(frozen=True)
class Original:
    """A source of the briefing, linked to the original publication where there is a URL."""

    short: str
    title: str
    url: str | None
    target: str  # its entry on the references page
    publication: bool  # a publication since 2010 (else the study or a work it cites)


def notes(ctx: Context, briefing: Briefing, here: str) -> list[Note]:
    return [
        Note(
            number,
            finding,
            ctx.reference(finding.source).short,
            relative(here, f"references.md#{finding.source}"),
        )
        for number, finding in enumerate(briefing.national_findings, start=1)
    ]


def originals(ctx: Context, briefing: Briefing, here: str) -> list[Original]:
    out = []
    for key in briefing.sources:
        ref = ctx.reference(key)
        out.append(
            Original(
                ref.short,
                ref.title,
                ref.url if isinstance(ref, Publication) else None,
                relative(here, f"references.md#{key}"),
                isinstance(ref, Publication),
            )
        )
    return out


def evidence_line(briefing: Briefing) -> str:
    """How much of the evidence was read at first hand, in words a reader needs no key for."""
    n, m = len(briefing.sources), len(briefing.sources_read)
    reports = f"{n} national report{'s' if n != 1 else ''}"
    if m == n:
        return f"{reports}, {'all ' if n > 1 else ''}read at first hand"
    rest = n - m
    summaries = "a published summary" if rest == 1 else "published summaries"
    return f"{reports}: {m} read at first hand, {rest} through {summaries}"


def related(ctx: Context, briefing: Briefing) -> dict[str, list[tuple[str, str]]]:
    """Related items as (label, docs path), grouped under the headings the page shows."""
    site = ctx.site
    themes = {t.id: t for t in site.themes}
    sheets = {s.id: s for s in site.factsheets}
    packs = {p.id: p for p in site.training}
    results = ctx.derived.delphi
    statements = []
    for ref in briefing.related.delphi:
        result = results.by_ref(ref) if results else None
        label = (
            f"{result.section.title}, statement {result.number}: {result.round2.statement}"
            if result
            else ref
        )
        statements.append((label, statement_ref_path(ref)))
    briefings = {b.id: b for b in site.briefings}
    groups = {
        "Practice briefings": [
            (briefings[b].title, briefing_path(b)) for b in briefing.related.briefings
        ],
        "Themes": [(themes[t].title, theme_path(t)) for t in briefing.related.themes],
        "Delphi statements": statements,
        "Fact sheets": [
            (sheets[f].title, f"factsheets/{f}.md") for f in briefing.related.factsheets
        ],
        "Training": [(packs[t].title, f"training/{t}.md") for t in briefing.related.training],
    }
    return {name: items for name, items in groups.items() if items}


def downloads(ctx: Context, briefing: Briefing, here: str) -> list[dict[str, str]]:
    paths = [briefing_path(briefing.id, ext) for ext in ("pdf", "docx")]
    return ctx.download_links(here, [p for p in paths if p in ctx.files])


def render(ctx: Context) -> list[Output]:
    site = ctx.site
    index = GENERATED["briefings"]
    out = [
        ctx.page(
            index,
            "briefings.md.j2",
            BRIEFINGS,
            {
                "title": TITLES["briefings"],
                "description": "What national reviews since 2002 found, topic by topic, "
                "and what it means for your practice tomorrow.",
                "tags": ["briefings"],
            },
            briefings=[(b, briefing_path(b.id), evidence_line(b)) for b in site.briefings],
        )
    ]
    out += [_briefing(ctx, b) for b in site.briefings]
    return out


def _briefing(ctx: Context, briefing: Briefing) -> Output:
    path = briefing_path(briefing.id)
    values: dict[str, Any] = {
        "briefing": briefing,
        "weights": {
            "title": WEIGHT_TITLE,
            "summary": WEIGHT_SUMMARY,
            "in_one_minute": WEIGHT_IN_ONE_MINUTE,
        },
        "notes": notes(ctx, briefing, path),
        "evidence": evidence_line(briefing),
        "originals": originals(ctx, briefing, path),
        "related": related(ctx, briefing),
        "downloads": downloads(ctx, briefing, path),
        "body": ctx.resolve(briefing.body, path).strip(),
        "updated": briefing.updated,
    }
    return ctx.page(
        path,
        "briefing.md.j2",
        briefing.origin.path,
        {
            "title": briefing.title,
            "description": briefing.summary,
            "tags": list(briefing.tags),
            "edit_url": ctx.config.edit_url(briefing.origin.path),
        },
        **values,
    )
