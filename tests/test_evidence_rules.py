"""The evidence rules of issue 14, one broken copy of the real content per rule, each asserting
the exact message an editor sees: a tracker status needs a citation (or, when not assessed,
what would settle it); a publication is cited with a locator; every key cited in a content
field exists; a national analysis names exactly one source; a series value names a publication."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder import pipeline
from builder.paths import Paths
from builder.problems import ContentError
from tests.conftest import TODAY, edit


def errors(paths: Paths) -> list[str]:
    with pytest.raises(ContentError) as raised:
        pipeline.check(paths, TODAY)
    return [str(p) for p in raised.value.problems if p.severity == "error"]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_a_status_needs_a_citation(real: Paths) -> None:
    path = real.content / "recommendations.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r"(  - number: 10\n(?:.*\n)*?    evidence: )\".*\"\n",
        r'\1"Some national data are published now."\n',
        text,
        count=1,
    )
    path.write_text(text, encoding="utf-8")
    line = line_of(path, "- number: 10")
    assert (
        f"content/recommendations.yaml:{line}: status 'partly-implemented' needs evidence "
        "citing a source as [@key, locator]"
    ) in errors(real)


def test_not_assessed_says_what_would_settle_it(real: Paths) -> None:
    path = real.content / "recommendations.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(  - number: 7\n(?:.*\n)*?)    evidence_needed: .*\n", r"\1", text, count=1)
    path.write_text(text, encoding="utf-8")
    line = line_of(path, "- number: 7")
    assert (
        f"content/recommendations.yaml:{line}: a not-assessed implication needs "
        "evidence_needed: say what evidence would settle its status"
    ) in errors(real)


def test_a_publication_is_cited_with_a_locator(real: Paths) -> None:
    path = real.content / "recommendations.yaml"
    edit(path, "[@dfe-sin-statistics, EES methodology 'Background']", "[@dfe-sin-statistics]")
    found = [e for e in errors(real) if "without a locator" in e]
    assert found and found[0].endswith(
        "evidence: cites the publication 'dfe-sin-statistics' without a locator; write "
        "[@dfe-sin-statistics, locator] with the page, section or summary it comes from"
    )


def test_a_cited_key_must_exist(real: Paths) -> None:
    path = real.content / "glossary.yaml"
    edit(path, "[@dickens-2021-annual-review-lcsprs,", "[@dickens-2021-annual-reviews,")
    found = [e for e in errors(real) if "dickens-2021-annual-reviews" in e]
    assert found and "status: cites 'dickens-2021-annual-reviews', which is in neither" in found[0]
    assert "did you mean 'dickens-2021-annual-review-lcsprs'?" in found[0]


def test_an_analysis_names_one_known_source(real: Paths) -> None:
    later = real.content / "analyses" / "sidebotham-2016-pathways.yaml"
    edit(later, "publication: sidebotham-2016-pathways", "publication: sidebotham-2016-pathway")
    both = real.content / "analyses" / "brandon-2012-new-learning.yaml"
    edit(both, "kind: biennial\n", "kind: biennial\nreference: brandon-2010\n")
    found = errors(real)
    assert any(
        e.startswith("content/analyses/sidebotham-2016-pathways.yaml:")
        and "publication: no publication has the key 'sidebotham-2016-pathway'" in e
        for e in found
    ), found
    assert any(
        e.startswith("content/analyses/brandon-2012-new-learning.yaml:")
        and "give exactly one of reference" in e
        for e in found
    ), found


def test_a_series_value_names_a_publication(real: Paths) -> None:
    path = real.content / "series" / "panel-rapid-reviews.yaml"
    edit(path, "source: cspr-2020-annual-report-2018-19", "source: cspr-annual-report-2018-19")
    found = [e for e in errors(real) if "panel-rapid-reviews.yaml" in e]
    assert (
        found
        and "values[0].source: no publication has the key 'cspr-annual-report-2018-19'"
        in (found[0])
    )
