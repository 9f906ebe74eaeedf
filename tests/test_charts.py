"""Chart specs as data: every spec the build writes is valid Vega-Lite (the build skips the
check for speed), and the regenerated Delphi figures carry the appendix numbers."""

from __future__ import annotations

import json

import altair as alt

from builder import pipeline
from builder.formats.cache import DocumentCache
from builder.paths import Paths
from builder.render.figures import site_figures
from tests.conftest import ROOT, TODAY


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


def test_document_variants_are_valid_and_carry_full_statements() -> None:
    """PDFs and slides show the wide variant: valid Vega-Lite, every statement in full."""
    checked = pipeline.check(Paths(ROOT), TODAY)
    figures = site_figures(checked.site, checked.derived, DocumentCache(None))
    documents = [f for f in figures.values() if f.document_chart is not None]
    assert len(documents) >= 3 + 4
    for figure in documents:
        alt.Chart.from_dict(figure.document_chart)
    local = figures["delphi-local"].document_chart
    assert local is not None
    expression = local["encoding"]["y"]["axis"]["labelExpr"]
    wrapped = json.loads(expression.removesuffix("[datum.label]"))
    first = " ".join(wrapped["1 **"])
    assert first.startswith("1. Local learning is most effective when it is embedded")
    assert "…" not in expression
