"""Every chart the site shows in more than one place, built once: the page, the PDF fact sheet
and the slide deck all embed the same SVG (or a PNG of it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from builder.derive import Derived
from builder.derive.delphi import StatementResult
from builder.formats.cache import DocumentCache, Job, Made
from builder.models import DelphiSection, Series, Site
from builder.render import charts

FIGURE_SOURCES = "content/delphi/, content/analyses/, content/series/, content/register/"


@dataclass(frozen=True)
class Figure:
    """One chart: where its files live, its text alternative, and the data beside it."""

    name: str  # registry name, e.g. "delphi-local", "observatory-timeliness"
    directory: str  # docs-tree folder of its files, e.g. "delphi/local"
    file: str  # base file name: <file>.svg and <file>.vl.json
    title: str
    description: str
    chart: charts.Spec = field(repr=False, compare=False)
    table: pd.DataFrame = field(repr=False, compare=False)
    csv: str | None = None  # docs path of the CSV download with the same data
    cache: DocumentCache = field(kw_only=True, repr=False, compare=False)  # where SVG/PNG are kept
    # A variant for documents (PDF, Word, slides), drawn to be scaled to a page's width.
    # None: documents use `chart`.
    document_chart: charts.Spec | None = field(
        default=None, kw_only=True, repr=False, compare=False
    )
    # What numbered bars stand for, listed beside the chart on a page and in a document:
    # (number, wording, marked).
    key: tuple[tuple[int, str, bool], ...] = field(default=(), kw_only=True, compare=False)

    def key_lines(self) -> list[str]:
        """The key as a document prints it: "1. The statement **", ** where it reached
        consensus."""
        return [f"{n}. {wording}{' **' if marked else ''}" for n, wording, marked in self.key]

    @property
    def svg_path(self) -> str:
        return f"{self.directory}/{self.file}.svg"

    @property
    def spec_path(self) -> str:
        return f"{self.directory}/{self.file}.vl.json"

    def svg_job(self, document: bool = False) -> Job:
        """The job that draws this chart, or its document variant where there is one."""
        if document and self.document_chart is not None:
            ident = f"fig-{self.name}-document"
            return charts.svg_job(self.document_chart, self.title, self.description, ident)
        return charts.svg_job(self.chart, self.title, self.description, f"fig-{self.name}")

    @cached_property
    def svg(self) -> str:
        return self.cache.get(self.svg_job()).decode()

    @property
    def size(self) -> tuple[str, str]:
        """The SVG's width and height, so a page showing it as an image keeps its space."""
        head = re.match(r"<svg\b[^>]*>", self.svg)
        width = re.search(r'\swidth="([0-9.]+)"', head.group(0)) if head else None
        height = re.search(r'\sheight="([0-9.]+)"', head.group(0)) if head else None
        if width is None or height is None:
            raise ValueError(f"{self.svg_path}: the SVG has no width and height")
        return width.group(1), height.group(1)

    @cached_property
    def spec(self) -> str:
        return charts.spec(self.chart)

    def document_svg(self) -> Made:
        """The SVG a PDF embeds (the document variant where there is one), as a job's output:
        the PDF's job can be queued before the chart is made."""
        return Made(self.svg_job(document=True), text=True)

    def png(self) -> Made:
        """For DOCX and PPTX, which cannot embed SVG: the document SVG as an image."""
        return Made(charts.png_job(self.svg_job(document=True)))


def statement_label(s: StatementResult) -> str:
    """A bar's label on the web: the statement's number (the page lists the statements beside
    the chart), ** where the panel reached consensus."""
    return f"{s.number}{' **' if s.round2.consensus != 'none' else ''}"


def delphi_figure(
    section: DelphiSection, statements: tuple[StatementResult, ...], cache: DocumentCache
) -> Figure:
    rows = pd.DataFrame(
        [
            {
                **s.round2.values,
                "bar": statement_label(s),
                "pct_agree": s.round2.pct_agree,
                "pct_disagree": s.round2.pct_disagree,
                "pct_unable": s.round2.pct_unable,
            }
            for s in statements
        ]
    )
    title = (
        f"Delphi round 2 results on {section.title.lower()} "
        f"(the report's {section.figure}, redrawn)"
    )
    long = charts.diverging_frame(rows, "bar")
    chart = charts.diverging_bars(long, list(rows["bar"]), title)
    # Documents number the bars as the page does and print the statements in full beside
    # the chart (Figure.key), as text: inside the chart, scaled to the page, they printed at
    # about 5 pt.
    document = charts.diverging_bars(long, list(rows["bar"]), title, wide=True)
    description = (
        "Diverging stacked bars, one per statement, disagreement left of zero and "
        "agreement right. ** marks consensus. "
        + charts.describe_bars(
            rows.assign(bar=[f"Statement {s.number}" for s in statements]), "bar"
        )
    )
    return Figure(
        f"delphi-{section.slug}",
        f"delphi/{section.slug}",
        section.figure.lower().replace(" ", "-"),
        title,
        description,
        chart,
        rows,
        "data/delphi.csv",
        cache=cache,
        document_chart=document,
        key=tuple((s.number, s.round2.statement, s.round2.consensus != "none") for s in statements),
    )


def site_figures(site: Site, derived: Derived, cache: DocumentCache) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    if site.delphi is not None and derived.delphi is not None:
        for section in site.delphi.sections:
            figure = delphi_figure(section, derived.delphi.in_section(section.id), cache)
            figures[figure.name] = figure
    names = {r.key: r.short for r in site.citable}  # the tables name sources as the text does
    if site.analyses:
        for figure in _observatory_figures(derived, cache):
            figures[figure.name] = figure
        for figure in count_figures(derived, cache, names):
            figures[figure.name] = figure
    for series in site.series:
        figure = series_figure(series, derived.observatory.series[series.id], cache, names)
        figures[figure.name] = figure
    return figures


COUNT_TITLES = {
    "analysed": "Serious case reviews analysed by each national analysis, 2002 to 2022",
    "evaluated": "Serious case reviews evaluated by Ofsted, by report",
}


def count_figures(
    derived: Derived, cache: DocumentCache, names: dict[str, str] | None = None
) -> list[Figure]:
    """One chart per unit: reviews analysed by the national analyses, and reviews Ofsted
    evaluated, never on one axis."""
    out = []
    for name, frame in derived.observatory.counts.items():
        if frame.empty:
            continue
        unit = frame["unit"].iloc[0]
        title = COUNT_TITLES[name]
        bars = frame.assign(bar=[f"{r.label}: {r.period}" for r in frame.itertuples()])
        out.append(
            Figure(
                f"observatory-scrs-{name}",
                "observatory",
                f"scrs-{name}",
                title,
                f"Bar chart in date order; unit: {unit}. "
                + "; ".join(f"{r.bar}: {r.cases}" for r in bars.itertuples())
                + ".",
                charts.bars(
                    bars, "bar", "cases", title, unit[0].upper() + unit[1:], order=list(bars["bar"])
                ),
                shown(frame, {"label": "Analysis", "period": "Period", "cases": "Cases"}, names),
                f"data/scrs-{name}.csv",
                cache=cache,
            )
        )
    return out


def shown(
    frame: pd.DataFrame, columns: dict[str, str], names: dict[str, str] | None = None
) -> pd.DataFrame:
    """The table under a chart: its own columns, then where each number comes from in one
    column, each source by the short name the text cites it by, not its key (the CSV keeps
    source key, locator and basis apart)."""
    names = names or {}
    where = [
        f"{names.get(r.source, r.source)}, {r.locator}"
        + (f" (secondary: as summarised by {r.summarised_by})" if r.basis == "secondary" else "")
        for r in frame.itertuples()
    ]
    return frame[list(columns)].rename(columns=columns).assign(Source=where)


def series_figure(
    series: Series, frame: pd.DataFrame, cache: DocumentCache, names: dict[str, str] | None = None
) -> Figure:
    """A yearly series as bars, one per period, labelled with its unit; a year missing from
    a run of financial years ("2015-16" ... "2018-19") keeps its row, marked "no figure"."""
    title = series.title
    periods = list(frame["period"])
    order, missing = _with_gaps(periods)
    gaps = f" No figure for {', '.join(missing)}: a gap, not a zero." if missing else ""
    return Figure(
        f"observatory-series-{series.id}",
        "observatory",
        series.id,
        title,
        f"Bar chart in date order; unit: {series.unit}; counted by {series.counted_by}. "
        + "; ".join(f"{r.period}: {r.value}" for r in frame.itertuples())
        + "."
        + gaps,
        charts.bars(
            frame,
            "period",
            "value",
            title,
            series.unit[0].upper() + series.unit[1:],
            order=order,
            missing=tuple(missing),
        ),
        shown(frame, {"period": "Period", "value": "Count", "note": "Note"}, names),
        f"data/{series.id}.csv",
        cache=cache,
    )


FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def _with_gaps(periods: list[str]) -> tuple[list[str], list[str]]:
    """Every financial year from the first period to the last, and those not among
    `periods`; periods of any other form are shown as they are, with no gaps filled."""
    found = [FINANCIAL_YEAR.match(p) for p in periods]
    if not periods or not all(found):
        return periods, []
    years = [int(m.group(1)) for m in found if m]
    if any((y + 1) % 100 != int(m.group(2)) for y, m in zip(years, found, strict=True) if m):
        return periods, []
    every = [f"{y}-{(y + 1) % 100:02d}" for y in range(min(years), max(years) + 1)]
    return every, [p for p in every if p not in periods]


def _observatory_figures(derived: Derived, cache: DocumentCache) -> list[Figure]:
    obs = derived.observatory
    order = list(obs.analyses["label"])
    out = []
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
    title = "Cases studied by each national analysis"
    out.append(
        Figure(
            "observatory-cases-per-analysis",
            "observatory",
            "cases-per-analysis",
            title,
            _describe_cases(table),
            charts.bars(
                cases, "label", "cases", title, "Cases", colour="sample", order=order, grouped=True
            ),
            table,
            "data/analyses.csv",
            cache=cache,
            document_chart=charts.bars(
                cases, "label", "cases", title, "Cases", "sample", order, grouped=True, wide=True
            ),
        )
    )

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
    title = "Length of each national analysis report"
    out.append(
        Figure(
            "observatory-report-length",
            "observatory",
            "report-length",
            title,
            "Stacked bar chart in date order. "
            + "; ".join(
                f"{r.label}: {r.main_pages} + {r.appendix_pages} pages" for r in table.itertuples()
            )
            + ".",
            charts.bars(length, "label", "pages", title, "Pages", colour="part", order=order),
            table,
            "data/analyses.csv",
            cache=cache,
            document_chart=charts.bars(
                length, "label", "pages", title, "Pages", "part", order, wide=True
            ),
        )
    )

    if not obs.timeliness.empty:
        shown = obs.timeliness.dropna(subset=["percent"])
        counted = obs.timeliness.dropna(subset=["count"])
        title = "How long reviews took to complete"
        out.append(
            Figure(
                "observatory-timeliness",
                "observatory",
                "timeliness",
                title,
                "Bar chart. "
                + "; ".join(f"{r.measure}: {r.percent}%" for r in shown.itertuples())
                + ". "
                + "; ".join(
                    f"{r.label}: {r.count} of {r.of} {r.measure.lower()}"
                    for r in counted.itertuples()
                ),
                charts.bars(
                    shown.assign(bar=shown["measure"]),
                    "bar",
                    "percent",
                    title,
                    "% of reviews",
                    order=list(shown["measure"]),
                ),
                obs.timeliness[["label", "measure", "percent", "count", "of", "source"]],
                "data/timeliness.csv",
                cache=cache,
                document_chart=charts.bars(
                    shown.assign(bar=shown["measure"]),
                    "bar",
                    "percent",
                    title,
                    "% of reviews",
                    order=list(shown["measure"]),
                    wide=True,
                ),
            )
        )

    if not obs.judgements.empty:
        title = "Reviews Ofsted judged inadequate"
        out.append(
            Figure(
                "observatory-ofsted-judgements",
                "observatory",
                "ofsted-judgements",
                title,
                "Bar chart. "
                + "; ".join(
                    f"{r.label}: {r.percent_shown}% of {r.evaluated} ({r.percent_is})"
                    for r in obs.judgements.itertuples()
                )
                + ".",
                charts.bars(
                    obs.judgements,
                    "label",
                    "percent_shown",
                    title,
                    "% of reviews evaluated",
                    order=list(obs.judgements["label"]),
                ),
                obs.judgements[
                    [
                        "label",
                        "evaluated",
                        "inadequate",
                        "inadequate_percent",
                        "percent_shown",
                        "percent_is",
                    ]
                ],
                "data/ofsted-judgements.csv",
                cache=cache,
                document_chart=charts.bars(
                    obs.judgements,
                    "label",
                    "percent_shown",
                    title,
                    "% of reviews evaluated",
                    order=list(obs.judgements["label"]),
                    wide=True,
                ),
            )
        )
    return out


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
