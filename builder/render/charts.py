"""Charts as pure functions returning Vega-Lite specs (built with Altair), and their export:
stable spec JSON and a static, accessible SVG rendered offline by vl-convert (no CDN, no
JavaScript on the page)."""

from __future__ import annotations

import copy
import json
import textwrap
from functools import cache
from typing import Any

import altair as alt
import pandas as pd

from builder.formats import chartfiles
from builder.formats.cache import DocumentCache, Job, Made
from builder.formats.chartfiles import FONT_MEASURED

# Likert categories, disagree side first, each with its label and colour (a diverging
# orange-blue palette that stays distinguishable for common colour-vision deficiencies).
SEGMENTS: tuple[tuple[str, str, str], ...] = (
    ("strongly_disagree", "Strongly disagree", "#b35806"),
    ("disagree", "Disagree", "#f1a340"),
    ("mildly_disagree", "Mildly disagree", "#fee0b6"),
    ("mildly_agree", "Mildly agree", "#d8daeb"),
    ("agree", "Agree", "#998ec3"),
    ("strongly_agree", "Strongly agree", "#542788"),
    ("unable", "Unable to answer", "#bdbdbd"),
)
FONT_SIZE = 13  # every chart text at least this size, at the chart's natural width
# A web chart is at most this wide, so a phone (390 px, 16 px margins) shows it unscaled and
# its text stays at FONT_SIZE; a document chart (PDF, slides) may be wider.
WEB_WIDTH = 340
# Room left beside the widest laid-out text for a font that measures differently.
SLACK = 8


def diverging_frame(rows: pd.DataFrame, label: str) -> pd.DataFrame:
    """Long form for a diverging stacked bar: one row per bar and segment with start and end,
    disagree segments to the left of zero and agree segments to the right."""
    out = []
    for _, row in rows.iterrows():
        left = -(row["strongly_disagree"] + row["disagree"] + row["mildly_disagree"])
        # "Unable to answer" is drawn last, right of the agree segments, in grey.
        position = float(left)
        for order, (key, name, _colour) in enumerate(SEGMENTS):
            value = float(row[key])
            out.append(
                {
                    "bar": row[label],
                    "response": name,
                    "order": order,
                    "percent": value,
                    "start": position,
                    "end": position + value,
                }
            )
            position += value
    return pd.DataFrame(out)


Spec = dict[str, Any]  # a Vega-Lite specification


def diverging_bars(
    long: pd.DataFrame,
    bars: list[str],
    title: str,
    wide: bool = False,
) -> Spec:
    """Stacked bars diverging from 0: disagreement left, agreement right, in percent, then
    "Unable to answer" in grey, each bar labelled by its `bars` value. `title` is not drawn:
    the page's heading or the document's caption carries it, so it can never be cut off; it
    names the chart in the spec's description. `wide` is for documents (PDF, Word), which
    scale the chart down to part of a page beside the statements it numbers: its text a size
    larger, so that it still prints at 8 pt or more.
    Altair builds the chart once; each call fills in its data, order and size (a site has one
    such chart per Delphi statement, and building each in Altair is slow)."""
    spec = copy.deepcopy(_diverging_template())
    spec["data"] = {"values": records(long)}
    spec["description"] = title
    spec["encoding"]["y"]["sort"] = list(bars)
    # Every scale's domain is given (bars, -100 to 100, the responses), so the axes and the
    # legend follow from the spec alone: only the bars depend on the data.
    spec["encoding"]["y"]["scale"] = {"domain": list(bars)}
    spec["usermeta"] = dict(chartfiles.FIXED_FRAME)
    size = FONT_SIZE + 3 if wide else FONT_SIZE
    if wide:
        spec["encoding"]["y"]["axis"].update(labelFontSize=size, labelLineHeight=size + 2)
        spec["encoding"]["x"]["axis"].update(labelFontSize=size, titleFontSize=size)
        spec["encoding"]["color"]["legend"].update(columns=2, labelFontSize=size)
    spec["height"] = len(bars) * max(26, size + 8)
    spec["width"] = 220
    return spec


@cache
def _diverging_template() -> Spec:
    scale = alt.Scale(domain=[s[1] for s in SEGMENTS], range=[s[2] for s in SEGMENTS])
    chart = (
        alt.Chart(alt.Data(values=[]))
        .mark_bar()
        .encode(
            y=alt.Y("bar:N", sort=[], title=None, axis=_category_axis()),
            x=alt.X(
                "start:Q",
                title="← disagree · % of respondents · agree →",
                scale=alt.Scale(domain=[-100, 100]),
                axis=alt.Axis(values=[-100, -50, 0, 50, 100], labelExpr="abs(datum.value)"),
            ),
            x2="end:Q",
            color=alt.Color(
                "response:N",
                scale=scale,
                title=None,
                legend=alt.Legend(
                    orient="bottom", columns=2, labelLimit=0, columnPadding=SLACK * 2
                ),
            ),
            order=alt.Order("order:Q"),
            tooltip=["bar:N", "response:N", "percent:Q"],
        )
        .properties(width=220, height=60)
    )
    return _configured(chart)


def _category_axis(label_expr: str | None = None) -> alt.Axis:
    axis = alt.Axis(labelLimit=0, labelLineHeight=FONT_SIZE + 3, labelPadding=6)
    if label_expr:
        axis.labelExpr = label_expr
    return axis


def _configured(chart: alt.Chart) -> Spec:
    """One look for every chart: text of at least FONT_SIZE, measured in FONT_MEASURED, with
    SLACK around the whole chart."""
    configured = (
        chart.configure(font=FONT_MEASURED, padding=SLACK)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelOverlap=True)
        .configure_legend(labelFontSize=FONT_SIZE, symbolSize=120)
    )
    # Validated once by the tests (test_charts); skipped here, where it costs most of a build.
    return dict(configured.to_dict(validate=False))


def wrapped_labels(labels: dict[str, str], width: int) -> str:
    """A Vega expression that shows each category's label wrapped onto lines of at most
    `width` characters (the data keep their own values for tooltips and the table)."""
    table = {key: textwrap.wrap(text, width) or [text] for key, text in labels.items()}
    return json.dumps(table, sort_keys=True, ensure_ascii=False) + "[datum.label]"


def spec(chart: Spec) -> str:
    """The Vega-Lite spec as stable JSON (sorted keys), kept beside the SVG."""
    return json.dumps(chart, indent=1, sort_keys=True) + "\n"


def svg(chart: Spec, title: str, description: str, ident: str, cache: DocumentCache) -> str:
    """Static SVG with role="img", <title> and <desc>, so it reads as one labelled image.
    Rendering SVG is the slowest step of a build, so results are remembered in `cache`."""
    return cache.get(svg_job(chart, title, description, ident)).decode()


def svg_job(chart: Spec, title: str, description: str, ident: str) -> Job:
    return Job("chart-svg", chartfiles.svg, (spec(chart), title, description, ident))


def png_job(svg: Job) -> Job:
    """A PNG of a chart's SVG, at twice its size, for DOCX and PPTX (which cannot take SVG);
    made from the SVG job's output, so it can be queued before the SVG is made."""
    return Job("chart-png", chartfiles.png, (Made(svg, text=True),))


def _remembered(build: Any) -> Any:
    """`build`, remembering each distinct chart: Altair takes longer to build a chart than a
    render pass takes to use it, and render passes more than once when documents are made in
    worker processes (see builder.render.render)."""
    built: dict[str, Spec] = {}

    def remembered(*args: Any, **kwargs: Any) -> Spec:
        key = json.dumps([args, sorted(kwargs.items())], default=_frame_json)
        if key not in built:
            built[key] = build(*args, **kwargs)
        return copy.deepcopy(built[key])

    remembered.__doc__ = build.__doc__
    return remembered


def _frame_json(value: object) -> str:
    if isinstance(value, pd.DataFrame):
        return str(value.to_json(orient="split"))
    return repr(value)


def describe_bars(rows: pd.DataFrame, label: str) -> str:
    """A text alternative: each bar's agree, disagree and unable shares in words."""
    parts = [
        f"{row[label]}: {int(row['pct_agree'])}% agree, {int(row['pct_disagree'])}% disagree, "
        f"{int(row['pct_unable'])}% unable to answer"
        for _, row in rows.iterrows()
    ]
    return "; ".join(parts) + "."


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return list(frame.to_dict(orient="records"))


@_remembered
def bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    title: str,
    value_title: str,
    colour: str | None = None,
    order: list[str] | None = None,
    grouped: bool = False,
    wide: bool = False,
    missing: tuple[str, ...] = (),
) -> Spec:
    """Horizontal bars, categories in the given order and their labels wrapped; with `colour`,
    stacked (or side by side when `grouped`). Narrow enough for a phone (WEB_WIDTH). `title`
    is not drawn (the page's heading carries it, so it cannot be cut off): it goes into the
    spec's description. `wide` is the variant for documents, which scale a chart to the
    page's width: wider and shorter, labels on fewer lines. Categories in `missing` (also in
    `order`) keep an empty row labelled "no figure", so a gap never reads as closed up."""
    names = order or sorted(frame[category].unique())
    wrap = 36 if wide else 16
    # "no figure" kept on one line (a no-break space: textwrap only breaks at ASCII spaces).
    labels = {str(n): f"{n} (no\u00a0figure)" if n in missing else str(n) for n in names}
    axis = _category_axis(wrapped_labels(labels, wrap))
    scale = alt.Scale(domain=list(names)) if missing else alt.Undefined
    encoding: dict[str, Any] = {
        "y": alt.Y(f"{category}:N", sort=order or None, title=None, axis=axis, scale=scale),
        # A long unit ("serious case reviews evaluated by Ofsted") on several short lines, so
        # it never runs past the plot into the bar labels.
        "x": alt.X(
            f"{value}:Q",
            title=textwrap.wrap(value_title, 44 if wide else 26),
            axis=alt.Axis(tickCount=4),
        ),
        "tooltip": [alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q")],
    }
    if colour:
        encoding["color"] = alt.Color(
            f"{colour}:N",
            title=None,
            scale=alt.Scale(range=["#3b528b", "#5ec962", "#fdae61", "#d7191c", "#2c7bb6"]),
            legend=alt.Legend(orient="bottom", columns=2 if wide else 1, labelLimit=0),
        )
        if grouped:
            encoding["yOffset"] = alt.YOffset(f"{colour}:N")
    else:
        encoding["color"] = alt.ColorValue("#3b528b")
    lines = max(len(textwrap.wrap(label, wrap)) for label in labels.values())
    step = max(40 if grouped else 26, 17 * lines + 8)
    width = 360 if wide else 180
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(**encoding)
        .properties(width=width, height=step * len(names), description=title)
    )
    return _configured(chart)
