"""Chart files from Vega-Lite specs (vl-convert): an SVG labelled as one image, and a PNG of
it for Word and PowerPoint. Kept apart from builder.render.charts (Altair, pandas), which
writes the specs, so the worker processes that make documents need not import those."""

from __future__ import annotations

import copy
import html
import json
import re
from typing import Any

import vl_convert as vlc

# Text is measured in a wide font (DejaVu Sans, which vl-convert has here and in CI) and
# shown in the site's own font stack, every member of which is no wider: a label laid out
# for DejaVu Sans can only come out shorter in a visitor's browser, never clipped.
FONT_MEASURED = "DejaVu Sans"
FONT_SHOWN = "Helvetica, Arial, &quot;Liberation Sans&quot;, &quot;DejaVu Sans&quot;, sans-serif"
# A spec's `usermeta` when everything but its marks (size, axes, legend) follows from the spec
# without its data, so charts that differ only in their data can share one drawing of the
# rest (_framed). Vega-Lite keeps `usermeta` and never draws it.
FIXED_FRAME = {"frame": "fixed"}


def svg(spec_json: str, title: str, description: str, ident: str) -> bytes:
    """The chart as static SVG with role="img", <title> and <desc>, so it reads as one
    labelled image; text shown in FONT_SHOWN."""
    spec = json.loads(spec_json)
    text = _framed(spec) if spec.get("usermeta") == FIXED_FRAME else _drawn(spec)
    text = text.replace(f'font-family="{FONT_MEASURED}"', f'font-family="{FONT_SHOWN}"')
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


def png(svg_text: str) -> bytes:
    """The SVG as a PNG at twice its size."""
    return bytes(vlc.svg_to_png(svg_text, scale=2))


def _drawn(spec: dict[str, Any]) -> str:
    """vl-convert's SVG, without the roles and ARIA labels it gives each mark (the chart is
    labelled as one image instead)."""
    return re.sub(r'\s(role|aria-[a-z]+)="[^"]*"', "", vlc.vegalite_to_svg(spec))


# The group of a bar chart's bars in vl-convert's SVG: paths only, no group inside.
_BARS = re.compile(r'<g class="mark-rect role-mark marks">.*?</g>', re.DOTALL)
# Per process: a chart drawn whole, by its spec without data (or description, which is drawn
# only as an ARIA label, removed above).
_FRAMES: dict[str, str] = {}


def _framed(spec: dict[str, Any]) -> str:
    """A chart whose axes, legend and size follow from its spec without its data: the first of
    its kind drawn whole, each after it as that drawing with its own bars put in, drawn alone.
    vl-convert measures every piece of text it lays out, and that is most of a chart's time:
    a Delphi statement's chart took about 45 ms whole and takes about 6 ms without its axes
    and legend. The bytes are those of drawing it whole (tests/test_charts.py compares all
    39 statements' charts both ways). Anything else, such as a chart of other marks, is
    drawn whole."""
    key = json.dumps({k: v for k, v in spec.items() if k not in ("data", "description")})
    frame = _FRAMES.get(key)
    if frame is None:
        drawn = _drawn(spec)
        if len(_BARS.findall(drawn)) == 1:
            _FRAMES[key] = drawn
        return drawn
    bars = _BARS.findall(_drawn(_without_guides(spec)))
    if len(bars) != 1:
        return _drawn(spec)
    return _BARS.sub(lambda _: bars[0], frame, count=1)


def _without_guides(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with no axis and no legend: its marks alone, where the whole chart puts them
    (a mark's position depends on the scales, given in the spec, not on the guides)."""
    bare = copy.deepcopy(spec)
    for name, channel in bare.get("encoding", {}).items():
        if name in ("x", "y"):
            channel["axis"] = None
        elif name in _LEGENDS:
            channel["legend"] = None
    return bare


# Vega-Lite's channels that may have a legend.
_LEGENDS = frozenset(
    {"color", "fill", "stroke", "opacity", "fillOpacity", "strokeOpacity", "shape", "size"}
    | {"strokeWidth", "strokeDash", "angle"}
)
