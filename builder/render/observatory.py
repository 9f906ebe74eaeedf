"""The observatory, 2002 to today: charts and tables from the national analyses, the yearly
series since 2010 (one chart per unit) and the case review register, each with its data as a
CSV download."""

from __future__ import annotations

import pandas as pd

from builder.models.addresses import GENERATED, TITLES
from builder.models.learning import REGISTER_LABELS
from builder.render import charts
from builder.render.context import Context
from builder.render.figures import FIGURE_SOURCES, Figure
from builder.render.output import Output, csv_text
from builder.render.paging import render_pages

SOURCES = FIGURE_SOURCES


def markdown_table(frame: pd.DataFrame) -> str:
    head = "| " + " | ".join(str(c).replace("_", " ").capitalize() for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = [
        "| " + " | ".join("–" if pd.isna(v) else str(v) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([head, rule, *rows])


def files(figure: Figure) -> list[Output]:
    return [
        Output(figure.svg_path, figure.svg, SOURCES),
        Output(figure.spec_path, figure.spec, SOURCES),
    ]


COUNT_NOTES = {
    "analysed": (
        "Each analysis counted its own cohort with its own rules: some counted every review "
        "notified in the period, others only the final reports they could read, so a rise "
        "between bars is not a measured trend.",
        "The periods differ in length (two years for the biennials, three for the triennials, "
        "about two and a half for the final analysis) and a few years between them are in no "
        "analysis at all.",
        "Where a count is known only from a summary by someone else, its table row says so "
        "(basis: secondary); check it against the report before quoting it.",
    ),
    "evaluated": (
        "Ofsted's reports overlap: Ages of concern covers every review evaluated from April "
        "2007 to March 2011, and so includes the reviews in the yearly reports before it. "
        "Never add these bars together.",
        "Reviews evaluated in a year are not reviews of incidents in that year, and they are "
        "not the same unit as reviews analysed by the research teams.",
    ),
}


def render(ctx: Context) -> list[Output]:
    if not ctx.site.analyses:
        return []
    obs = ctx.derived.observatory
    figures = [f for name, f in ctx.figures.items() if name.startswith("observatory-")]
    out = [output for figure in figures for output in files(figure)]
    out += [
        Output("data/analyses.csv", csv_text(obs.analyses), SOURCES),
        Output("data/timeliness.csv", csv_text(obs.timeliness), SOURCES),
        Output("data/ofsted-judgements.csv", csv_text(obs.judgements), SOURCES),
    ]
    out += [
        Output(f"data/scrs-{name}.csv", csv_text(frame), SOURCES)
        for name, frame in obs.counts.items()
        if not frame.empty
    ]
    out += [
        Output(f"data/{series_id}.csv", csv_text(frame), SOURCES)
        for series_id, frame in obs.series.items()
    ]
    here = "observatory/index.md"
    counts = [
        (ctx.figures[f"observatory-scrs-{name}"], COUNT_NOTES[name])
        for name, frame in obs.counts.items()
        if not frame.empty
    ]
    # Each series' summary, then its notes, resolved in the order the page shows them, so
    # the page's note numbers run in reading order.
    series = []
    for s in ctx.site.series:
        summary = ctx.resolve(s.summary, here)
        notes = [ctx.resolve(point, here) for point in s.cannot_tell]
        series.append((ctx.figures[f"observatory-series-{s.id}"], s, summary, notes))
    shown = {f.name for f, _ in counts} | {f.name for f, _, _, _ in series}
    cited = sorted(
        {a.publication for a in ctx.site.analyses if a.publication}
        | {v.source for s in ctx.site.series for v in s.values}
    )
    out.append(
        ctx.page(
            "observatory/index.md",
            "observatory.md.j2",
            SOURCES,
            {
                "title": TITLES["observatory"],
                "description": "Numbers, patterns and trends from "
                "national analyses of case reviews.",
                "tags": ["observatory", "data"],
            },
            figures=[(f, markdown_table(f.table)) for f in figures if f.name not in shown],
            counts=[((f, markdown_table(f.table)), notes) for f, notes in counts],
            series=[
                ((f, markdown_table(f.table)), s, summary, notes) for f, s, summary, notes in series
            ],
            register_count=len(obs.register),
            sources=[ctx.site.report, *[ctx.reference(key) for key in cited]],
        )
    )
    out += _register(ctx)
    return out


CODED = ("region", "age_band", "outcome", "harm_types", "agencies")


def _in_words(codes: str) -> str:
    """Coded register values (';'-joined for a list) as words: "north-east" -> "North East"."""
    return ", ".join(REGISTER_LABELS[code] for code in codes.split(";"))


def _register(ctx: Context) -> list[Output]:
    obs = ctx.derived.observatory
    # An empty register publishes no (header-only) CSV, and its page is for editors only.
    out: list[Output] = (
        [] if obs.register.empty else [Output("data/register.csv", csv_text(obs.register), SOURCES)]
    )
    figures: list[Figure] = []
    if not obs.register.empty:
        years = [str(y) for y in sorted(obs.register["year"].unique())]
        by_year = obs.register_by_year.assign(
            year=obs.register_by_year["year"].astype(str),
            outcome=obs.register_by_year["outcome"].map(_in_words),
        )
        title = "Case reviews in the register, by year"
        figures.append(
            Figure(
                "register-by-year",
                "observatory",
                "register-by-year",
                title,
                "Stacked bar chart. "
                + "; ".join(f"{r.year} {r.outcome}: {r.reviews}" for r in by_year.itertuples())
                + ".",
                charts.bars(
                    by_year, "year", "reviews", title, "Reviews", colour="outcome", order=years
                ),
                by_year,
                "data/register.csv",
                cache=ctx.cache,
            )
        )
        for field, label in (
            ("region", "region"),
            ("harm_types", "type of harm"),
            ("age_band", "child's age"),
            ("agencies", "agency involved"),
        ):
            counts = obs.register_breakdowns[field]
            counts = counts.assign(value=counts["value"].map(_in_words))
            title = f"Case reviews by {label}"
            figures.append(
                Figure(
                    f"register-{field.replace('_', '-')}",
                    "observatory",
                    f"register-{field.replace('_', '-')}",
                    title,
                    "Bar chart. "
                    + "; ".join(f"{r.value}: {r.reviews}" for r in counts.itertuples())
                    + ".",
                    charts.bars(
                        counts, "value", "reviews", title, "Reviews", order=list(counts["value"])
                    ),
                    counts,
                    "data/register.csv",
                    cache=ctx.cache,
                )
            )
    out += [output for figure in figures for output in files(figure)]
    out += render_pages(
        ctx,
        GENERATED["register"],
        "register.md.j2",
        "content/register/",
        {
            "title": TITLES["register"],
            "description": "Anonymised case reviews, counted by year, region, harm and agency.",
            "tags": ["observatory", "data"],
            "hide": ["toc"],  # the table's nine columns need the width more than three links
            **({"search_exclude": True} if obs.register.empty else {}),
        },
        list(
            obs.register.assign(**{c: obs.register[c].map(_in_words) for c in CODED}).itertuples()
        ),
        noun="reviews",
        figures=[(f, markdown_table(f.table)) for f in figures],
        sources=[ctx.site.report],
    )
    return out
