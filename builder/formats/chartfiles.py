"""Chart files from Vega-Lite specs (vl-convert): an SVG labelled as one image, and a PNG of
it for Word and PowerPoint. Kept apart from builder.render.charts (Altair, pandas), which
writes the specs, so the worker processes that make documents need not import those."""

from __future__ import annotations

import html
import json
import re

import vl_convert as vlc

# Text is measured in a wide font (DejaVu Sans, which vl-convert has here and in CI) and
# shown in the site's own font stack, every member of which is no wider: a label laid out
# for DejaVu Sans can only come out shorter in a visitor's browser, never clipped.
FONT_MEASURED = "DejaVu Sans"
FONT_SHOWN = "Helvetica, Arial, &quot;Liberation Sans&quot;, &quot;DejaVu Sans&quot;, sans-serif"


def svg(spec_json: str, title: str, description: str, ident: str) -> bytes:
    """The chart as static SVG with role="img", <title> and <desc>, so it reads as one
    labelled image; text shown in FONT_SHOWN."""
    text = vlc.vegalite_to_svg(json.loads(spec_json))
    text = re.sub(r'\s(role|aria-[a-z]+)="[^"]*"', "", text)
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
