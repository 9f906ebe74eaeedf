"""Charts as pure functions returning Vega-Lite specs (built with Altair), and their export:
stable spec JSON and a static, accessible SVG rendered offline by vl-convert (no CDN, no
JavaScript on the page)."""

from __future__ import annotations

import copy
import html
import json
import re
from functools import cache
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from builder.formats.cache import DocumentCache, Job

# Likert categories, disagree side first, each with its label and colour (a diverging
# orange-blue palette that stays distinguishable for common colour-vision deficiencies).
SEGMENTS: tuple[tuple[str, str, str], ...] = (
    ("strongly_disagree", "Strongly disagree", "#b35806"),
    ("disagree", "Disagree", "#f1a340"),
    ("mildly_disagree", "Mildly disagree", "#fee0b6"),
    ("mildly_agree", "Mildly agree", "#d8daeb"),
    ("agree", "Agree", "#998ec3"),
    ("strongly_agree", "Strongly agree", "#542788"),
)
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"


def diverging_frame(rows: pd.DataFrame, label: str) -> pd.DataFrame:
    """Long form for a diverging stacked bar: one row per bar and segment with start and end,
    disagree segments to the left of zero and agree segments to the right."""
    out = []
    for _, row in rows.iterrows():
        left = -(row["strongly_disagree"] + row["disagree"] + row["mildly_disagree"])
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


def diverging_bars(long: pd.DataFrame, bars: list[str], title: str) -> Spec:
    """Stacked bars diverging from 0: disagreement left, agreement right, in percent.
    Altair builds the chart once; each call fills in its data, title, order and height (a
    site has one such chart per Delphi statement, and building each in Altair is slow)."""
    spec = copy.deepcopy(_diverging_template())
    spec["data"] = {"values": records(long)}
    spec["title"]["text"] = title
    spec["encoding"]["y"]["sort"] = list(bars)
    spec["height"] = max(60, 26 * len(bars))
    return spec


@cache
def _diverging_template() -> Spec:
    scale = alt.Scale(domain=[s[1] for s in SEGMENTS], range=[s[2] for s in SEGMENTS])
    chart = (
        alt.Chart(alt.Data(values=[]), title=alt.TitleParams("", anchor="start", fontSize=13))
        .mark_bar()
        .encode(
            y=alt.Y("bar:N", sort=[], title=None, axis=alt.Axis(labelLimit=320, labelFontSize=11)),
            x=alt.X(
                "start:Q",
                title="% of respondents (disagree left of 0, agree right)",
                scale=alt.Scale(domain=[-100, 100]),
            ),
            x2="end:Q",
            color=alt.Color(
                "response:N", scale=scale, title=None, legend=alt.Legend(orient="bottom", columns=3)
            ),
            order=alt.Order("order:Q"),
            tooltip=["bar:N", "response:N", "percent:Q"],
        )
        .properties(width=360, height=60)
        .configure(font=FONT)
        .configure_view(stroke=None)
    )
    return dict(chart.to_dict(validate=False))


def spec(chart: Spec) -> str:
    """The Vega-Lite spec as stable JSON (sorted keys), kept beside the SVG."""
    return json.dumps(chart, indent=1, sort_keys=True) + "\n"


def svg(chart: Spec, title: str, description: str, ident: str, cache: DocumentCache) -> str:
    """Static SVG with role="img", <title> and <desc>, so it reads as one labelled image.
    Rendering SVG is the slowest step of a build, so results are remembered in `cache`."""
    spec_json = spec(chart)
    return cache.get(Job("chart-svg", _svg, (spec_json, title, description, ident))).decode()


def _svg(spec_json: str, title: str, description: str, ident: str) -> bytes:
    text = vlc.vegalite_to_svg(json.loads(spec_json))
    text = re.sub(r'\s(role|aria-[a-z]+)="[^"]*"', "", text)
    head = re.match(r"<svg\b[^>]*>", text)
    if head is None:
        raise ValueError("vl-convert returned something that is not an SVG")
    labelled = (
        head.group(0)[:-1]
        + f' role="img" aria-labelledby="{ident}-title {ident}-desc">'
        + f'<title id="{ident}-title">{html.escape(title)}</title>'
        + f'<desc id="{ident}-desc">{html.escape(description)}</desc>'
    )
    return (labelled + text[head.end() :].replace("\n", " ") + "\n").encode()


def _png(svg_text: str) -> bytes:
    return bytes(vlc.svg_to_png(svg_text, scale=2))


def png(svg_text: str, cache: DocumentCache) -> bytes:
    """A PNG of a chart's SVG, at twice its size, for DOCX and PPTX (which cannot take SVG);
    remembered like the SVG."""
    return cache.get(Job("chart-png", _png, (svg_text,)))


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
) -> Spec:
    """Horizontal bars, categories in the given order; with `colour`, stacked (or side by side
    when `grouped`)."""
    encoding: dict[str, Any] = {
        "y": alt.Y(
            f"{category}:N",
            sort=order or None,
            title=None,
            axis=alt.Axis(labelLimit=260, labelFontSize=11),
        ),
        "x": alt.X(f"{value}:Q", title=value_title),
        "tooltip": [f"{category}:N", f"{value}:Q"],
    }
    if colour:
        encoding["color"] = alt.Color(
            f"{colour}:N",
            title=None,
            scale=alt.Scale(range=["#3b528b", "#5ec962", "#fdae61", "#d7191c", "#2c7bb6"]),
            legend=alt.Legend(orient="bottom"),
        )
        if grouped:
            encoding["yOffset"] = alt.YOffset(f"{colour}:N")
    else:
        encoding["color"] = alt.value("#3b528b")
    categories = len(order) if order else frame[category].nunique()
    chart = (
        alt.Chart(frame, title=alt.TitleParams(title, anchor="start", fontSize=13))
        .mark_bar()
        .encode(**encoding)
        .properties(width=360, height=max(40, (40 if grouped else 24) * categories))
        .configure(font=FONT)
        .configure_view(stroke=None)
    )
    # Validated once by the tests (test_charts); skipped here, where it costs most of a build.
    return dict(chart.to_dict(validate=False))
