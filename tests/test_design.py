"""The site's shape as readers meet it: a few top-level sections without editors' pages, a
home page that helps quickly, numbered notes, and a 404 page with a way back."""

from __future__ import annotations

import re

import pytest
import yaml

from builder import pipeline
from builder.paths import Paths
from tests.conftest import ROOT, TODAY, make_project

MAX_SECTIONS = 7
EDITORS_PAGES = ("review-due.md", "changelog.md", "observatory/register.md", "tags/index.md")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = make_project(tmp_path_factory.mktemp("design"), ROOT / "content")
    pipeline.generate(paths, TODAY)
    return paths


def nav_files(entry: object) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [f for value in entry.values() for f in nav_files(value)]
    if isinstance(entry, list):
        return [f for item in entry for f in nav_files(item)]
    return []


def test_nav_has_few_sections_and_no_editors_pages() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    nav = config["nav"]
    assert 1 < len(nav) <= MAX_SECTIONS
    files = nav_files(nav)
    assert len(files) == len(set(files)), "a page is in two sections"
    assert not [f for f in files if f in EDITORS_PAGES or f.startswith("tags/")]


def test_editors_pages_are_reachable_but_not_searchable(generated: Paths) -> None:
    editors = (generated.docs / "for-editors.md").read_text()
    for page in ("review-due.md", "changelog.md", "observatory/register.md"):
        assert f"]({page})" in editors, page
        assert "search_exclude: true" in (generated.docs / page).read_text(), page
    assert "search_exclude: true" in (generated.docs / "tags" / "index.md").read_text()
    assert "(for-editors.md)" in (generated.docs / "about.md").read_text()
    assert "for-editors" in (ROOT / "README.md").read_text()


def test_home_page_helps_quickly(generated: Paths) -> None:
    home = (generated.docs / "index.md").read_text()
    front, body = home.split("\n---\n", 1)
    assert "tags:" not in front  # no tag chips
    assert "Cite this page" not in body and "## Sources" not in body
    assert (
        body.index('role="search"')
        < body.index("## Practice topics")
        < body.index("## Start here")
        < body.index("## Newest")
    )
    assert body.count("\n-   **[") == 5  # one "start here" card per audience
    # Every practice briefing one tap from home, in the order a practitioner starts with.
    topics = body.split("## Practice topics", 1)[1].split("## Start here", 1)[0]
    linked = re.findall(r"^- \[[^]]+\]\(briefings/([a-z0-9-]+)\.md\)$", topics, re.M)
    briefings = sorted(
        (
            yaml.safe_load(path.read_text().split("---")[1])
            for path in (ROOT / "content" / "briefings").glob("*.md")
        ),
        key=lambda b: (b.get("start_here") is None, b.get("start_here") or 0, b["title"]),
    )
    titles = re.findall(r"^- \[([^]]+)\]", topics, re.M)
    assert titles == [b["title"] for b in briefings]
    assert len(linked) == len(briefings) > 10


def test_citations_are_numbered_notes_linking_to_the_references(generated: Paths) -> None:
    theme = (generated.docs / "themes" / "learning-without-blame.md").read_text()
    assert not re.search(r"\(\[[^]]*et al\. 2010", theme)  # no inline author-year strings
    numbers = re.findall(r'<a href="#note-(\d+)">', theme)
    notes = re.findall(r'<li id="note-(\d+)"><a href="../../references/#[a-z0-9-]+">', theme)
    assert numbers and sorted(set(numbers), key=int) == notes
    assert notes == [str(n) for n in range(1, len(notes) + 1)]


def test_fact_sheet_pages_name_the_report_behind_each_locator(generated: Paths) -> None:
    """A fact sheet's "(Table 1)" would send a reader to a table of a report they do not have:
    on its page, as in its PDF, each becomes a numbered note naming the report."""
    from tests.test_downloads import LOCATOR

    pages = sorted((generated.docs / "factsheets").glob("*.md"))
    assert len(pages) > 10
    noted = 0
    for path in pages:
        if path.name == "index.md":
            continue
        text = path.read_text()
        body = text.split("## Notes")[0]
        assert not LOCATOR.search(body), (path.name, LOCATOR.search(body))
        notes = re.findall(r'<li id="note-\d+"><a href="[^"]+">([^<]+)</a></li>', text)
        noted += len(notes)
        assert all(n.startswith("Sidebotham et al. 2010, ") for n in notes), (path.name, notes)
    assert noted > 20
