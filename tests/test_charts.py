"""Chart specs as data: every spec the build writes is valid Vega-Lite (the build skips the
check for speed), and the regenerated Delphi figures carry the appendix numbers."""

from __future__ import annotations

import json

import altair as alt
import pytest
from docx import Document

from builder import pipeline
from builder.formats import chartfiles
from builder.formats.cache import DocumentCache
from builder.paths import Paths
from builder.render.figures import site_figures
from tests.conftest import ROOT, TODAY
from tests.test_downloads import pdf_text


def test_every_spec_is_valid_vega_lite(generated: Paths) -> None:
    specs = sorted(generated.docs.rglob("*.vl.json"))
    assert len(specs) >= 3 + 39 + 4
    for path in specs:
        alt.Chart.from_dict(json.loads(path.read_text()))  # raises if the spec is invalid


def test_delphi_figure_bars_add_up_to_the_appendix(generated: Paths) -> None:
    spec = json.loads((generated.docs / "delphi" / "local" / "figure-1.vl.json").read_text())
    rows = spec["data"]["values"]
    statement_1 = {r["response"]: r["percent"] for r in rows if r["bar"] == "1 **"}
    assert statement_1 == {
        "Strongly disagree": 0,
        "Disagree": 2,
        "Mildly disagree": 9,
        "Mildly agree": 5,
        "Agree": 42,
        "Strongly agree": 35,
        "Unable to answer": 7,
    }
    first = [r for r in rows if r["bar"] == "1 **"]
    assert min(r["start"] for r in first) == -11 and max(r["end"] for r in first) == 89
    assert spec["encoding"]["x"]["scale"]["domain"] == [-100, 100]


def test_document_variants_are_valid_and_delphi_statements_print_as_text(
    generated: Paths,
) -> None:
    """Documents show the variant drawn for a page: valid Vega-Lite. A Delphi chart numbers its
    bars, as the page does, and its fact sheet prints every statement in full beside it, as
    text at 8.5 pt; inside the chart, scaled to the page, statements printed at about 5 pt."""
    checked = pipeline.check(Paths(ROOT), TODAY)
    figures = site_figures(checked.site, checked.derived, DocumentCache(None))
    documents = [f for f in figures.values() if f.document_chart is not None]
    assert len(documents) >= 3 + 4
    for figure in documents:
        alt.Chart.from_dict(figure.document_chart)
    local = figures["delphi-local"]
    assert local.document_chart is not None
    assert "labelExpr" not in local.document_chart["encoding"]["y"]["axis"]  # "1 **", "2" ...
    assert local.key_lines()[0].startswith("1. Local learning is most effective when it is")
    assert local.key_lines()[0].endswith(" **")
    text = pdf_text((generated.docs / "factsheets" / "delphi-local.pdf").read_bytes())
    squeezed = "".join(text.split())  # a line may break after a slash
    for line in local.key_lines():
        assert "".join(line.split()) in squeezed, line
    word = Document(str(generated.docs / "factsheets" / "delphi-local.docx"))
    assert local.key_lines()[-1] in [p.text for p in word.paragraphs]


def test_charts_drawn_from_a_shared_frame_are_those_drawn_whole(
    generated: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Delphi statements' charts differ only in their bars: after the first, each is drawn
    as the first chart with its own bars put in (chartfiles._framed). Each is byte for byte
    the chart drawn whole, and all but the first take the shortcut."""
    specs = sorted((generated.docs / "delphi").glob("*/statement-*.vl.json"))
    assert len(specs) == 39
    monkeypatch.setattr(chartfiles, "_FRAMES", {})
    shortcuts = []
    without_guides = chartfiles._without_guides
    monkeypatch.setattr(
        chartfiles, "_without_guides", lambda spec: shortcuts.append(1) or without_guides(spec)
    )
    for path in specs:
        spec = json.loads(path.read_text())
        assert spec["usermeta"] == chartfiles.FIXED_FRAME
        framed = chartfiles.svg(json.dumps(spec), "title", "description", "i")
        whole = chartfiles.svg(json.dumps({**spec, "usermeta": {}}), "title", "description", "i")
        assert framed == whole, path.name
    assert len(shortcuts) == len(specs) - 1
