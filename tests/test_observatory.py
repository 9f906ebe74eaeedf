"""The observatory, 2002 to today: every yearly series and every national analysis count is
drawn exactly as content gives it (the chart's spec read as data), one chart per unit, each
with its table and CSV download."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder import pipeline
from builder.derive.observatory import COUNT_UNITS
from builder.formats.cache import DocumentCache
from builder.paths import Paths
from builder.problems import ContentError
from builder.render.figures import Figure, _with_gaps, site_figures
from tests.conftest import ROOT, TODAY, make_project

SERIES = sorted((ROOT / "content" / "series").glob("*.yaml"))
EXPECTED_SERIES = 3  # DfE notifications; the Panel's notifications; the Panel's rapid reviews


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = make_project(tmp_path_factory.mktemp("observatory"), ROOT / "content")
    pipeline.generate(paths, TODAY)
    return paths


@pytest.fixture(scope="module")
def figures(generated: Paths) -> dict[str, Figure]:
    checked = pipeline.check(generated, TODAY)
    assert checked.site is not None and checked.derived is not None
    return site_figures(checked.site, checked.derived, DocumentCache(None))


def plotted(figure: Figure) -> list[dict[str, Any]]:
    """The rows a chart draws, read back from its Vega-Lite spec."""
    spec = figure.chart
    return list(spec["datasets"][spec["data"]["name"]])


def test_every_series_file_is_drawn_exactly(figures: dict[str, Figure]) -> None:
    assert len(SERIES) == EXPECTED_SERIES
    for path in SERIES:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        figure = figures[f"observatory-series-{path.stem}"]
        rows = plotted(figure)
        assert [(r["period"], r["value"]) for r in rows] == [
            (v["period"], v["value"]) for v in content["values"]
        ], path.name
        assert {r["unit"] for r in rows} == {content["unit"]}  # one unit per chart
        title = " ".join(figure.chart["encoding"]["x"]["title"])  # wrapped onto short lines
        assert title == content["unit"][0].upper() + content["unit"][1:]
        assert figure.chart["encoding"]["x"]["field"] == "value"
        assert "color" not in figure.chart["encoding"] or "field" not in figure.chart[
            "encoding"
        ].get("color", {})


def test_analysis_counts_split_by_unit(figures: dict[str, Figure]) -> None:
    files = sorted((ROOT / "content" / "analyses").glob("*.yaml"))
    content = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in files]
    for name, unit in COUNT_UNITS.items():
        rows = plotted(figures[f"observatory-scrs-{name}"])
        assert {r["unit"] for r in rows} == {unit}
        wanted = sorted(
            c["sample"]["descriptive"]
            for c in content
            if (c["kind"] == "ofsted") == (name == "evaluated")
            and c["sample"].get("descriptive") is not None
        )
        assert sorted(r["cases"] for r in rows) == wanted
    analysed = plotted(figures["observatory-scrs-analysed"])
    evaluated = plotted(figures["observatory-scrs-evaluated"])
    assert not {r["label"] for r in analysed} & {r["label"] for r in evaluated}
    sources = {r["source"] for r in analysed + evaluated}
    assert "sidebotham-2016-pathways" in sources and "ofsted-2011-ages-of-concern" in sources
    # The six analyses the study appraised: their counts are printed in the 2010 report's
    # chapter 4 and appendices, so that is the source the table names, not the analysis.
    appraised = {c["reference"] for c in content if c.get("reference")}
    for row in analysed + evaluated:
        assert row["source"] not in appraised, row
        if row["source"] == "dfe-rr037":
            assert "chapter 4" in row["locator"], row


def test_no_chart_mixes_units(figures: dict[str, Figure]) -> None:
    for name, figure in figures.items():
        if name.startswith(("observatory-series-", "observatory-scrs-")):
            units = {r["unit"] for r in plotted(figure)}
            assert len(units) == 1, (name, units)


def test_each_series_has_table_csv_and_limits(generated: Paths) -> None:
    page = (generated.docs / "observatory" / "index.md").read_text(encoding="utf-8")
    for path in SERIES:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = generated.docs / "data" / f"{path.stem}.csv"
        rows = list(csv.DictReader(io.StringIO(data.read_text(encoding="utf-8"))))
        assert [(r["period"], int(r["value"]), r["source"], r["locator"]) for r in rows] == [
            (v["period"], v["value"], v["source"], v["locator"]) for v in content["values"]
        ]
        assert f"../data/{path.stem}.csv" in page
        assert f"| {content['values'][0]['period']} |" in page  # its table
        assert (generated.docs / "observatory" / f"{path.stem}.svg").exists()
    assert page.count("**What these numbers cannot tell you**") == EXPECTED_SERIES + len(
        COUNT_UNITS
    )
    assert "[@" not in page  # every citation resolved


def test_series_rejects_a_secondary_value_without_its_summariser(tmp_path: Path) -> None:
    paths = make_project(tmp_path, ROOT / "content")
    target = paths.content / "series" / "panel-rapid-reviews.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace('    basis: primary\n    note: "485', '    basis: secondary\n    note: "485'),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        pipeline.check(paths, TODAY)
    messages = [str(p) for p in raised.value.problems]
    assert any(
        "panel-rapid-reviews.yaml" in m and "summarised_by is required" in m for m in messages
    ), messages


def test_a_year_missing_from_a_series_keeps_its_row(figures: dict[str, Figure]) -> None:
    """Serious incident notifications have no figure for 2016-17, 2017-18 or 2021-22: the
    chart keeps a row for each, labelled "no figure", rather than closing the gap up."""
    figure = figures["observatory-series-dfe-serious-incident-notifications"]
    y = figure.chart["encoding"]["y"]
    domain = y["scale"]["domain"]
    assert domain[domain.index("2015-16") + 1 : domain.index("2018-19")] == ["2016-17", "2017-18"]
    labels = json.loads(y["axis"]["labelExpr"].removesuffix("[datum.label]"))
    assert labels["2021-22"] == ["2021-22", "(no\u00a0figure)"]  # never "(no" / "figure)"
    assert labels["2012-13"] == ["2012-13"]
    assert "No figure for 2016-17, 2017-18, 2021-22" in figure.description
    assert _with_gaps(["2019-20", "2021-22"]) == (["2019-20", "2020-21", "2021-22"], ["2020-21"])
    assert _with_gaps(["First 17 months", "2019-20"]) == (["First 17 months", "2019-20"], [])


def test_observatory_reads_from_the_top_with_its_tables_folded(generated: Paths) -> None:
    """How to read the figures comes before the first chart, a list links to each chart, and
    each chart's table (its data and sources) is folded under it, so the page is not a long
    scroll of tables on a phone."""
    page = (generated.docs / "observatory" / "index.md").read_text(encoding="utf-8")
    assert page.index("## Reading these figures") < page.index("<figure")
    assert "**On this page:**" in page and "(#dfe-serious-incident-notifications)" in page
    tables = page.count('<details class="crl-data" markdown>')
    assert tables == page.count("<figure") and tables >= 8
    for block in page.split('<details class="crl-data" markdown>')[1:]:
        folded = block.split("</details>")[0]
        assert "<summary>The data and their sources</summary>" in folded
        assert "| Source |" in folded or "|---|" in folded
