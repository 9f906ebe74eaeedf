"""The observatory: charts and tables computed from the national analyses and the case review
register, each with its data as a CSV download."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from builder import charts
from builder.render.context import Context
from builder.render.output import Output

SOURCES = "content/analyses/, content/register/"


@dataclass(frozen=True)
class Figure:
    """One chart on a page: its file name, the inline SVG, and the table beside it."""

    name: str
    title: str
    svg: str
    table: str  # Markdown table of the same data
    csv: str  # the download's path, relative to the docs root


def figure(
    name: str, chart: charts.alt.Chart, title: str, description: str, frame: pd.DataFrame, csv: str
) -> tuple[Figure, list[Output]]:
    svg = charts.svg(chart, title, description, f"fig-{name}")
    return (
        Figure(name, title, svg.strip(), markdown_table(frame), csv),
        [
            Output(f"observatory/{name}.svg", svg, SOURCES),
            Output(f"observatory/{name}.vl.json", charts.spec(chart), SOURCES),
        ],
    )


def markdown_table(frame: pd.DataFrame) -> str:
    head = "| " + " | ".join(str(c).replace("_", " ").capitalize() for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = [
        "| " + " | ".join("–" if pd.isna(v) else str(v) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([head, rule, *rows])


def csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _describe_cases(table: pd.DataFrame) -> str:
    parts = []
    for row in table.itertuples():
        text = f"{row.label}: "
        if pd.notna(row.descriptive_sample):
            text += f"{row.descriptive_sample} cases in all"
        else:
            text += "no whole-sample count"
        if pd.notna(row.in_depth_sample):
            text += f", {row.in_depth_sample} in depth"
        parts.append(text)
    return "Bar chart. " + "; ".join(parts) + "."


def render(ctx: Context) -> list[Output]:
    if not ctx.site.analyses:
        return []
    obs = ctx.derived.observatory
    out: list[Output] = []
    figures: list[Figure] = []
    order = list(obs.analyses["label"])

    cases = obs.analyses.melt(
        id_vars=["label"],
        value_vars=["descriptive_sample", "in_depth_sample"],
        var_name="sample",
        value_name="cases",
    ).dropna()
    cases["sample"] = cases["sample"].map(
        {"descriptive_sample": "All cases studied", "in_depth_sample": "Analysed in depth"}
    )
    table = obs.analyses[["label", "period", "descriptive_sample", "in_depth_sample"]]
    fig, files = figure(
        "cases-per-analysis",
        charts.bars(
            cases,
            "label",
            "cases",
            "Cases studied by each national analysis",
            "Cases",
            colour="sample",
            order=order,
            grouped=True,
        ),
        "Cases studied by each national analysis",
        _describe_cases(table),
        table,
        "data/analyses.csv",
    )
    figures.append(fig)
    out += files

    length = obs.analyses.melt(
        id_vars=["label"],
        value_vars=["main_pages", "appendix_pages"],
        var_name="part",
        value_name="pages",
    )
    length["part"] = length["part"].map(
        {"main_pages": "Main report", "appendix_pages": "Appendices and references"}
    )
    table = obs.analyses[["label", "year", "main_pages", "appendix_pages", "total_pages"]]
    fig, files = figure(
        "report-length",
        charts.bars(
            length,
            "label",
            "pages",
            "Length of each national analysis report",
            "Pages",
            colour="part",
            order=order,
        ),
        "Length of each national analysis report",
        "Stacked bar chart in date order. "
        + "; ".join(
            f"{r.label}: {r.main_pages} + {r.appendix_pages} pages" for r in table.itertuples()
        )
        + ".",
        table,
        "data/analyses.csv",
    )
    figures.append(fig)
    out += files

    if not obs.timeliness.empty:
        shown = obs.timeliness.dropna(subset=["percent"])
        table = obs.timeliness[["label", "measure", "percent", "count", "of", "source"]]
        fig, files = figure(
            "timeliness",
            charts.bars(
                shown.assign(bar=shown["measure"]),
                "bar",
                "percent",
                "How long reviews took to complete",
                "% of reviews",
                order=list(shown["measure"]),
            ),
            "How long reviews took to complete",
            "Bar chart. "
            + "; ".join(f"{r.measure}: {r.percent}%" for r in shown.itertuples())
            + ". "
            + "; ".join(
                f"{r.label}: {r.count} of {r.of} {r.measure.lower()}"
                for r in obs.timeliness.dropna(subset=["count"]).itertuples()
            ),
            table,
            "data/timeliness.csv",
        )
        figures.append(fig)
        out += files

    if not obs.judgements.empty:
        table = obs.judgements[
            [
                "label",
                "evaluated",
                "inadequate",
                "inadequate_percent",
                "percent_shown",
                "percent_is",
            ]
        ]
        fig, files = figure(
            "ofsted-judgements",
            charts.bars(
                obs.judgements,
                "label",
                "percent_shown",
                "Reviews Ofsted judged inadequate",
                "% of reviews evaluated",
                order=list(obs.judgements["label"]),
            ),
            "Reviews Ofsted judged inadequate",
            "Bar chart. "
            + "; ".join(
                f"{r.label}: {r.percent_shown}% of {r.evaluated} ({r.percent_is})"
                for r in obs.judgements.itertuples()
            )
            + ".",
            table,
            "data/ofsted-judgements.csv",
        )
        figures.append(fig)
        out += files

    out += [
        Output("data/analyses.csv", csv_text(obs.analyses), SOURCES),
        Output("data/timeliness.csv", csv_text(obs.timeliness), SOURCES),
        Output("data/ofsted-judgements.csv", csv_text(obs.judgements), SOURCES),
    ]
    out.append(
        ctx.page(
            "observatory/index.md",
            "observatory.md.j2",
            SOURCES,
            {
                "title": "The observatory",
                "description": "Numbers, patterns and trends from "
                "national analyses of case reviews.",
                "tags": ["observatory", "data"],
            },
            figures=figures,
            register_count=len(obs.register),
            sources=[ctx.site.report],
        )
    )
    out += _register(ctx)
    return out


def _register(ctx: Context) -> list[Output]:
    obs = ctx.derived.observatory
    out: list[Output] = [Output("data/register.csv", csv_text(obs.register), SOURCES)]
    figures: list[Figure] = []
    if not obs.register.empty:
        years = [str(y) for y in sorted(obs.register["year"].unique())]
        by_year = obs.register_by_year.assign(year=obs.register_by_year["year"].astype(str))
        fig, files = figure(
            "register-by-year",
            charts.bars(
                by_year,
                "year",
                "reviews",
                "Case reviews in the register, by year",
                "Reviews",
                colour="outcome",
                order=years,
            ),
            "Case reviews in the register, by year",
            "Stacked bar chart. "
            + "; ".join(f"{r.year} {r.outcome}: {r.reviews}" for r in by_year.itertuples())
            + ".",
            obs.register_by_year,
            "data/register.csv",
        )
        figures.append(fig)
        out += files
        for field, label in (
            ("region", "region"),
            ("harm_types", "type of harm"),
            ("age_band", "child's age"),
            ("agencies", "agency involved"),
        ):
            counts = obs.register_breakdowns[field]
            fig, files = figure(
                f"register-{field.replace('_', '-')}",
                charts.bars(
                    counts,
                    "value",
                    "reviews",
                    f"Case reviews by {label}",
                    "Reviews",
                    order=list(counts["value"]),
                ),
                f"Case reviews by {label}",
                "Bar chart. "
                + "; ".join(f"{r.value}: {r.reviews}" for r in counts.itertuples())
                + ".",
                counts,
                "data/register.csv",
            )
            figures.append(fig)
            out += files
    out.append(
        ctx.page(
            "observatory/register.md",
            "register.md.j2",
            "content/register/",
            {
                "title": "Case review register",
                "description": "Anonymised case reviews, counted by year, region, harm and agency.",
                "tags": ["observatory", "data"],
            },
            register=obs.register,
            figures=figures,
            sources=[ctx.site.report],
        )
    )
    return out
