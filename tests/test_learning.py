"""Themes, findings, analyses, implications and the register: present, linked both ways, and
aggregated from records (never invented)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from typing import get_args

import pytest

from builder import pipeline
from builder.models import learning
from builder.paths import Paths
from tests.conftest import FIXTURES, TODAY

EXPECTED_THEMES = 12
EXPECTED_IMPLICATIONS = 15
EXPECTED_ANALYSES = 6  # appraised by DFE-RR037
EXPECTED_LATER_ANALYSES = 8  # national analyses published after it (topics.md section 2a)


def read(paths: Paths, name: str) -> str:
    return (paths.docs / name).read_text(encoding="utf-8")


def test_every_kind_is_present(generated: Paths) -> None:
    checked = pipeline.check(generated, TODAY)
    site = checked.site
    assert len(site.themes) >= EXPECTED_THEMES
    assert [i.number for i in site.implications] == list(range(1, EXPECTED_IMPLICATIONS + 1))
    assert len([a for a in site.analyses if a.appraised]) == EXPECTED_ANALYSES
    assert len([a for a in site.analyses if not a.appraised]) == EXPECTED_LATER_ANALYSES
    assert {c.section for c in site.findings} == {
        "local-learning",
        "national-analysis",
        "learning-nationally",
    }
    overview = read(generated, "recommendations/index.md")
    for implication in site.implications:  # in full on its area's page, linked from the overview
        area = f"recommendations/{implication.area}.md"
        assert f"{{: #implication-{implication.number} }}" in read(generated, area)
        assert f"{implication.area}.md#implication-{implication.number})" in overview


def test_themes_have_every_part(generated: Paths) -> None:
    site = pipeline.check(generated, TODAY).site
    for theme in site.themes:
        page = read(generated, f"themes/{theme.id}.md")
        for heading in (
            "## Key messages",
            "## What it means for you",
            "## Questions for reflection",
            "## What the Delphi panel said",
            "## Sources",
            "## Cite this page",
        ):
            assert heading in page, f"{theme.id}: {heading}"
        assert "Next review due" in page


def test_links_run_both_ways(generated: Paths) -> None:
    site = pipeline.check(generated, TODAY).site
    for theme in site.themes:
        for ref in theme.delphi:
            section, _, number = ref.rpartition("-")
            statement = read(generated, f"delphi/{section}/{number}.md")
            assert f"themes/{theme.id}.md)" in statement, f"{ref} does not list {theme.id}"
    for chapter in site.findings:
        for finding in chapter.findings:
            for theme_id in finding.themes:
                theme = read(generated, f"themes/{theme_id}.md")
                assert f"#{finding.id})" in theme, f"{theme_id} does not list {finding.id}"
            for ref in finding.delphi:
                section, _, number = ref.rpartition("-")
                assert f"#{finding.id})" in read(generated, f"delphi/{section}/{number}.md")


def test_audience_pathways_list_themes(generated: Paths) -> None:
    site = pipeline.check(generated, TODAY).site
    for theme in site.themes:
        for audience in theme.audiences:
            assert f"({'../themes/' + theme.id + '.md'})" in read(
                generated, f"audiences/{audience}.md"
            )


def test_observatory_tables_and_downloads(generated: Paths) -> None:
    analyses = list(csv.DictReader(io.StringIO(read(generated, "data/analyses.csv"))))
    assert [(a["analysis"], a["main_pages"], a["appendix_pages"]) for a in analyses] == [
        ("sinclair-bullock-2002", "64", "32"),
        ("brandon-2008", "117", "46"),
        ("ofsted-2008", "43", "6"),
        ("rose-barnes-2008", "91", "34"),
        ("brandon-2009", "119", "49"),
        ("ofsted-2009", "46", "7"),
    ]
    spec = json.loads(read(generated, "observatory/report-length.vl.json"))
    values = {
        (d["label"], d["part"]): d["pages"] for d in spec["datasets"][next(iter(spec["datasets"]))]
    }
    assert values[("Rose & Barnes (2008)", "Main report")] == 91
    page = read(generated, "observatory/index.md")
    # Charts are images of their SVG files (so the page stays small), described in alt text.
    images = re.findall(r'<img src="([^"]+\.svg)" width="\d+" height="\d+" alt="([^"]+)">', page)
    assert page.count("<figure") >= 4 and len(images) >= 4
    assert all((generated.docs / "observatory" / src).is_file() for src, _ in images)
    assert all("Bar chart" in alt or "bar chart" in alt for _, alt in images)


def test_register_without_records_explains_itself_to_editors_only(generated: Paths) -> None:
    page = read(generated, "observatory/register.md")
    assert "No reviews recorded yet" in page
    assert "search_exclude: true" in page  # not in the public search
    # No header-only CSV is published as open data, and the observatory does not point at it.
    assert not (generated.docs / "data" / "register.csv").exists()
    assert "observatory/register.md" not in read(generated, "observatory/index.md")
    assert "register.csv" not in read(generated, "downloads/index.md")


def test_register_aggregates_fixture_records(real: Paths) -> None:
    shutil.copytree(FIXTURES / "register", real.content / "register")
    checked, _ = pipeline.generate(real, TODAY)
    obs = checked.derived.observatory
    assert obs.register_by_year.to_dict(orient="records") == [
        {"year": 2025, "outcome": "death", "reviews": 1},
        {"year": 2025, "outcome": "serious-harm", "reviews": 1},
        {"year": 2026, "outcome": "death", "reviews": 1},
    ]
    harms = dict(
        zip(
            obs.register_breakdowns["harm_types"]["value"],
            obs.register_breakdowns["harm_types"]["reviews"],
            strict=True,
        )
    )
    assert harms == {"neglect": 3, "emotional-abuse": 1, "physical-abuse": 1}
    page = (real.docs / "observatory/register.md").read_text()
    assert "**3 reviews recorded.**" in page
    # Codes read as words on the page and its charts; the CSV keeps the codes.
    assert "| rv-2025-002 | 2025 | London |" in page and "emotional-abuse" not in page
    assert "emotional abuse" in page
    rows = list(csv.DictReader(io.StringIO((real.docs / "data/register.csv").read_text())))
    assert [r["id"] for r in rows] == ["rv-2025-001", "rv-2025-002", "rv-2026-001"]


def test_every_register_code_has_words_to_show() -> None:
    codes = {
        code
        for name in ("Region", "AgeBand", "Harm", "Agency")
        for code in get_args(getattr(learning, name))
    } | set(get_args(learning.RegisterRecord.model_fields["outcome"].annotation))
    assert codes == set(learning.REGISTER_LABELS)


def test_register_record_errors_name_file_and_line(real: Paths) -> None:
    shutil.copytree(FIXTURES / "register", real.content / "register")
    record = real.content / "register" / "rv-2025-002.yaml"
    record.write_text(
        record.read_text()
        .replace("region: london", "region: londn")
        .replace("themes: []", "themes: [blame]")
    )
    from builder.problems import ContentError

    with pytest.raises(ContentError) as caught:
        pipeline.check(real, TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "content/register/rv-2025-002.yaml:3: region: 'londn' is not one of north-east, "
        "north-west, yorkshire-and-the-humber, east-midlands, west-midlands, east-of-england, "
        "london, south-east, south-west; did you mean 'london'?"
    ]
