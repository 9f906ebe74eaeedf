"""Delphi pages, figures and data downloads: overview, one page per section with its
regenerated figure, one page per statement, notes on the data, and the data dictionary."""

from __future__ import annotations

import pandas as pd

from builder.derive.delphi import DelphiResults, StatementResult
from builder.models import Delphi, DelphiSection
from builder.models.addresses import (
    GENERATED,
    delphi_section_path,
    delphi_statement_path,
    findings_path,
    theme_path,
)
from builder.render import charts
from builder.render.context import Context
from builder.render.output import Output, csv_text
from builder.render.paging import RELATED_LIMIT, newest

DATA = "content/delphi/responses.csv, content/delphi/published.csv, content/delphi/study.yaml"
SECTIONS = "content/delphi/sections.yaml"
CONSENSUS_WORDS = {
    "agree": "Consensus to agree",
    "disagree": "Consensus to disagree",
    "none": "No consensus",
}


def render(ctx: Context, delphi: Delphi, results: DelphiResults) -> list[Output]:
    out = [_overview(ctx, delphi, results), _notes(ctx, results), _dictionary(ctx, delphi)]
    for section in delphi.sections:
        out += _section(ctx, section, results)
        for s in results.in_section(section.id):
            out += _statement(ctx, s, results)
    out += _downloads(results)
    return out


def _meta(ctx: Context, title: str, summary: str, source: str, tags: list[str]) -> dict:
    return {
        "title": title,
        "description": summary,
        "tags": tags,
        "edit_url": ctx.config.edit_url(source.split(",")[0].strip()),
    }


def _overview(ctx: Context, delphi: Delphi, results: DelphiResults) -> Output:
    page = delphi.overview
    path = "delphi/index.md"
    agreed = [
        (s, delphi_statement_path(s.section.slug, s.number))
        for s in results.statements
        if s.round2.consensus != "none"
    ]
    return ctx.page(
        path,
        "delphi_overview.md.j2",
        page.origin.path,
        _meta(ctx, page.title, page.summary, page.origin.path, list(page.tags)),
        page=page,
        body=ctx.resolve(page.body, path).strip(),
        study=delphi.study,
        sections=[
            (sec, delphi_section_path(sec.slug), results.in_section(sec.id))
            for sec in delphi.sections
        ],
        agreed=agreed,
        updated=page.updated,
        sources=[ctx.reference(k) for k in page.sources],
    )


def _section(ctx: Context, section: DelphiSection, results: DelphiResults) -> list[Output]:
    path = delphi_section_path(section.slug)
    statements = results.in_section(section.id)
    figure = ctx.figures[f"delphi-{section.slug}"]
    page = ctx.page(
        path,
        "delphi_section.md.j2",
        SECTIONS,
        _meta(
            ctx,
            f"Delphi panel: {section.title.lower()}",
            f"How the 2010 panel rated the {section.statements} statements on "
            f"{section.title.lower()}.",
            SECTIONS,
            ["delphi", "evidence"],
        ),
        section=section,
        summary=ctx.resolve(section.summary, path).strip(),
        statements=[(s, delphi_statement_path(s.section.slug, s.number)) for s in statements],
        figure=figure,
        differences=[d for d in results.differences if d.section == section.id],
        updated=ctx.site.delphi.overview.updated if ctx.site.delphi else None,
        sources=[ctx.site.report],
    )
    return [
        page,
        Output(figure.svg_path, figure.svg, DATA),
        Output(figure.spec_path, figure.spec, DATA),
    ]


def statement_chart(s: StatementResult) -> tuple[charts.Spec, str, str, str]:
    """One statement's chart: (chart, title, text alternative, element id)."""
    rows = pd.DataFrame(
        [
            {
                **r.values,
                "bar": f"Round {r.round}",
                "pct_agree": r.pct_agree,
                "pct_disagree": r.pct_disagree,
                "pct_unable": r.pct_unable,
            }
            for r in s.rounds
        ]
    )
    title = f"{s.section.title}, statement {s.number}: responses in rounds 1 and 2"
    chart = charts.diverging_bars(
        charts.diverging_frame(rows, "bar"), ["Round 1", "Round 2"], title
    )
    description = (
        "Diverging stacked bars for round 1 and round 2, disagreement left of zero "
        "and agreement right. " + charts.describe_bars(rows, "bar")
    )
    return chart, title, description, f"st-{s.section.slug}-{s.number}"


def _statement(ctx: Context, s: StatementResult, results: DelphiResults) -> list[Output]:
    path = delphi_statement_path(s.section.slug, s.number)
    chart, title, description, ident = statement_chart(s)
    themes, more = newest(
        ctx.derived.links.themes_by_statement.get(s.ref, ()),
        RELATED_LIMIT,
        key=lambda t: (t.updated, t.title),
    )
    svg = charts.svg(chart, title, description, ident, ctx.cache)
    base = f"delphi/{s.section.slug}/statement-{s.number}"
    page = ctx.page(
        path,
        "delphi_statement.md.j2",
        DATA,
        _meta(
            ctx, f"{s.section.title}: statement {s.number}", s.round2.statement, DATA, ["delphi"]
        ),
        s=s,
        themes=[(t, theme_path(t.id)) for t in themes],
        more_themes=more,
        all_themes=GENERATED["themes"],
        findings=[
            (f, findings_path(f.chapter.section) + "#" + f.finding.id)
            for f in ctx.derived.links.findings_by_statement.get(s.ref, ())
        ],
        section_path=delphi_section_path(s.section.slug),
        chart_svg=svg.strip(),
        chart_file=base.split("/")[-1],
        answers=[(key, name) for key, name, _colour in charts.SEGMENTS],
        words=CONSENSUS_WORDS,
        differences=[
            d for d in results.differences if (d.section, d.number) == (s.section.id, s.number)
        ],
        updated=ctx.site.delphi.overview.updated if ctx.site.delphi else None,
        sources=[ctx.site.report],
    )
    return [
        page,
        Output(f"{base}.svg", svg, DATA),
        Output(f"{base}.vl.json", charts.spec(chart), DATA),
    ]


def _notes(ctx: Context, results: DelphiResults) -> Output:
    return ctx.page(
        "delphi/notes.md",
        "delphi_notes.md.j2",
        DATA,
        _meta(
            ctx,
            "Notes on the Delphi data",
            "Where the report's printed tables and its appendix data disagree, and why.",
            DATA,
            ["delphi", "data"],
        ),
        differences=results.differences,
        links={
            (s.section.id, s.number): delphi_statement_path(s.section.slug, s.number)
            for s in results.statements
        },
        updated=ctx.site.delphi.overview.updated if ctx.site.delphi else None,
        sources=[ctx.site.report],
    )


def _dictionary(ctx: Context, delphi: Delphi) -> Output:
    return ctx.page(
        "delphi/data.md",
        "delphi_data.md.j2",
        DATA,
        _meta(
            ctx,
            "Delphi data: downloads and data dictionary",
            "The Delphi results as CSV and JSON, every column explained.",
            DATA,
            ["delphi", "data"],
        ),
        study=delphi.study,
        updated=delphi.overview.updated,
        sources=[ctx.site.report],
    )


def _downloads(results: DelphiResults) -> list[Output]:
    table = results.table.copy()
    table["revised"] = table["revised"].map({True: "true", False: "false"})
    differences = pd.DataFrame(
        [d.__dict__ for d in results.differences],
        columns=["section", "number", "measure", "published", "derived", "note"],
    )
    json_table = results.table.to_json(orient="records", indent=1, force_ascii=False)
    return [
        Output("data/delphi.csv", csv_text(table), DATA),
        Output("data/delphi.json", json_table + "\n", DATA),
        Output(
            "data/delphi-published-differences.csv",
            csv_text(differences),
            DATA,
        ),
    ]
