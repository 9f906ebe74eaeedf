"""One broken fixture per validation rule, asserting the exact message editors see."""

from __future__ import annotations

import re

import pytest

from builder import pipeline
from builder.paths import Paths
from tests.conftest import TODAY, edit, problems


def test_the_fixture_itself_is_valid(mini: Paths) -> None:
    checked = pipeline.check(mini, TODAY)
    assert [p.id for p in checked.site.pages] == ["about", "home"]
    assert len(checked.site.terms) == 2


def test_yaml_syntax_error_names_file_and_line(mini: Paths) -> None:
    edit(mini.content / "glossary.yaml", "  - abbr: LSCB", "  - abbr: [LSCB")
    assert problems(mini) == [
        "content/glossary.yaml:7: YAML syntax error: expected ',' or ']', but got ':'; "
        "check the indentation, colons and quotes here"
    ]


def test_front_matter_syntax_error_counts_lines_from_the_file_start(mini: Paths) -> None:
    edit(mini.content / "pages" / "about.md", "tags: [evidence, methods]", "tags: [evidence")
    (found,) = problems(mini)
    assert found.startswith("content/pages/about.md:6: YAML syntax error:")


def test_missing_front_matter(mini: Paths) -> None:
    (mini.content / "pages" / "about.md").write_text("Just text, no front matter.\n")
    assert problems(mini) == [
        "content/pages/about.md:1: front matter missing: start the file with a line '---', "
        "the fields, then '---'"
    ]


def test_missing_required_field(mini: Paths) -> None:
    edit(
        mini.content / "pages" / "about.md",
        "summary: A page with tags, sources and an SCR abbreviation.\n",
        "",
    )
    assert problems(mini) == ["content/pages/about.md:1: summary: is required but missing; add it"]


def test_wrong_type(mini: Paths) -> None:
    edit(mini.content / "references.yaml", "    year: 2004", "    year: last year")
    assert problems(mini) == [
        "content/references.yaml:13: year: 'last year' should be a whole number"
    ]


def test_unknown_enum_value_suggests_the_closest(mini: Paths) -> None:
    edit(
        mini.content / "pages" / "about.md",
        "audiences: [practitioners, researchers]",
        "audiences: [practitioners, researcher]",
    )
    assert problems(mini) == [
        "content/pages/about.md:4: audiences[1]: 'researcher' is not one of practitioners, "
        "trainers, managers, policy-makers, researchers; did you mean 'researchers'?"
    ]


def test_unknown_field_suggests_the_closest(mini: Paths) -> None:
    edit(mini.content / "pages" / "about.md", "tags:", "tag:")
    assert problems(mini) == [
        "content/pages/about.md:5: tag: is not a field here; did you mean 'tags'? (allowed: "
        "title, summary, audiences, tags, sources, updated, review_due, notice)"
    ]


def test_duplicate_ids(mini: Paths) -> None:
    edit(mini.content / "glossary.yaml", "  - abbr: LSCB", "  - abbr: SCR")
    assert problems(mini) == [
        "content/glossary.yaml:6: abbr: 'scr' is used twice (also at content/glossary.yaml:2); "
        "each must be unique, so rename or remove one"
    ]


def test_duplicate_key_in_one_block(mini: Paths) -> None:
    edit(
        mini.content / "glossary.yaml",
        "    term: Local Safeguarding Children Board",
        "    term: Local Safeguarding Children Board\n    term: Again",
    )
    assert problems(mini) == [
        "content/glossary.yaml:8: 'term' appears twice in the same block (first on line 7); "
        "keep one and delete the other"
    ]


def test_link_to_an_id_that_does_not_exist(mini: Paths) -> None:
    edit(mini.content / "pages" / "about.md", "(id:home)", "(id:hme)")
    assert problems(mini) == [
        "content/pages/about.md:13: body: links to id 'hme', which does not exist (an id is a "
        "page's file name without .md); did you mean 'home'?"
    ]


def test_citation_key_that_does_not_exist(mini: Paths) -> None:
    edit(
        mini.content / "pages" / "about.md",
        "sources: [dfe-rr037, vincent-2004]",
        "sources: [dfe-rr037, vincent-2040]",
    )
    assert problems(mini) == [
        "content/pages/about.md:6: sources[1]: no reference has the key 'vincent-2040' in "
        "content/references.yaml or content/publications.yaml; did you mean 'vincent-2004'?"
    ]


@pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30", "15/01/2026"])
def test_invalid_dates(mini: Paths, bad: str) -> None:
    edit(mini.content / "pages" / "about.md", "updated: 2026-01-15", f"updated: {bad}")
    assert problems(mini) == [
        f"content/pages/about.md:7: updated: '{bad}' is not a valid date; write it as "
        "YYYY-MM-DD, e.g. 2026-11-28"
    ]


def test_review_before_update_is_an_error(mini: Paths) -> None:
    edit(mini.content / "pages" / "about.md", "review_due: 2027-01-15", "review_due: 2025-01-15")
    assert problems(mini) == [
        "content/pages/about.md:8: review_due: 2025-01-15 is not after updated (2026-01-15); "
        "set it to when this should next be checked"
    ]


def test_every_problem_is_reported_at_once(mini: Paths) -> None:
    edit(mini.content / "pages" / "about.md", "(id:home)", "(id:nowhere)")
    edit(mini.content / "pages" / "index.md", "updated: 2026-01-15", "updated: soon")
    edit(mini.content / "glossary.yaml", "  - abbr: LSCB", "  - abbr: SCR")
    found = problems(mini)
    assert len(found) == 3
    assert all(re.match(r"^content/[\w/.-]+:\d+: ", line) for line in found)


def test_review_date_passed_is_a_warning_not_an_error(mini: Paths) -> None:
    edit(mini.content / "pages" / "about.md", "review_due: 2027-01-15", "review_due: 2026-06-01")
    checked = pipeline.check(mini, TODAY)
    assert [str(w) for w in checked.warnings] == [
        "content/pages/about.md:8: review_due: review was due on 2026-06-01; check the page is "
        "still right, then move updated and review_due on"
    ]
