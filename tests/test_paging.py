"""Long lists stay small: the paging helper's boundaries, and a site with many themes, fact
sheets and register records, whose lists are split into linked pages or capped, with every item
on exactly one page and every page under 60 KB of HTML."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import pytest

from builder import pipeline
from builder.models import AUDIENCE_IDS
from builder.models.addresses import listing_page_path
from builder.paths import Paths
from builder.render.paging import PER_PAGE, RELATED_LIMIT, newest, paginate
from tests.conftest import ROOT, TODAY, make_project

MAX_PAGE_BYTES = 60 * 1024
EXTRA_THEMES = 120  # with the 12 real ones: three pages of themes
EXTRA_SHEETS = 40  # with the 15 real ones: two pages of fact sheets
RECORDS = 60  # two pages of the register
MD_LINK = re.compile(r"\]\((?![a-z]+:)([^)\s]+\.md)(?:#[^)]*)?\)")  # relative links only


# The helper on its own


def test_no_items_is_one_empty_page() -> None:
    [page] = paginate([], "themes/index.md")
    assert (page.items, page.number, page.total, page.path) == ((), 1, 1, "themes/index.md")
    assert page.previous is None and page.next is None
    assert (page.first_item, page.last_item, page.numbers) == (0, 0, [1])


def test_exactly_one_full_page_has_no_second() -> None:
    [page] = paginate(list(range(PER_PAGE)), "themes/index.md")
    assert page.items == tuple(range(PER_PAGE)) and page.total == 1 and page.next is None


def test_one_more_than_a_page_makes_two() -> None:
    first, second = paginate(list(range(PER_PAGE + 1)), "themes/index.md", noun="themes")
    assert first.items == tuple(range(PER_PAGE)) and second.items == (PER_PAGE,)
    assert first.paths == second.paths == ("themes/index.md", "themes/page/2.md")
    assert (first.previous, first.next) == (None, "themes/page/2.md")
    assert (second.previous, second.next) == ("themes/index.md", None)
    assert (second.first_item, second.last_item, second.count) == (PER_PAGE + 1,) * 3


def test_page_addresses_work_for_index_and_plain_pages() -> None:
    assert listing_page_path("themes/index.md", 1) == "themes/index.md"
    assert listing_page_path("themes/index.md", 3) == "themes/page/3.md"
    assert listing_page_path("downloads.md", 2) == "downloads/page/2.md"
    assert listing_page_path("observatory/register.md", 2) == "observatory/register/page/2.md"
    assert listing_page_path("reindex.md", 2) == "reindex/page/2.md"


def test_pager_numbers_show_ends_and_neighbours_with_gaps() -> None:
    pages = paginate(list(range(20)), "x.md", per_page=1)
    assert pages[0].numbers == [1, 2, 3, None, 20]
    assert pages[9].numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert pages[19].numbers == [1, None, 18, 19, 20]
    assert paginate(list(range(4)), "x.md", per_page=1)[1].numbers == [1, 2, 3, 4]


def test_a_short_related_list_is_unchanged_and_a_long_one_keeps_the_newest() -> None:
    assert newest([3, 1, 2], 3, key=lambda n: n) == ([3, 1, 2], 0)
    assert newest([3, 1, 2, 5, 4], 2, key=lambda n: n) == ([5, 4], 3)


# A site with many items


def _add_items(content: Path) -> None:
    for_audiences = "".join(f'  {a}: "For you."\n' for a in AUDIENCE_IDS)
    for n in range(EXTRA_THEMES):
        (content / "themes" / f"many-theme-{n:03d}.md").write_text(
            f'---\ntitle: "Many theme {n:03d}"\nsummary: "Test theme {n} for paging."\n'
            "audiences: [practitioners]\ntags: [paging]\n"
            f'key_messages:\n  - "One."\nfor_audiences:\n{for_audiences}'
            'questions:\n  - "Why?"\ndelphi: [local-1]\nanalyses: [brandon-2009]\n'
            f"sources: [dfe-rr037]\nupdated: 2026-11-{1 + n % 27:02d}\nreview_due: 2027-11-28\n"
            "---\n\n## What the evidence says\n\nTest text for the paging test.\n"
        )
    for n in range(EXTRA_SHEETS):
        (content / "factsheets" / f"many-sheet-{n:03d}.yaml").write_text(
            f'title: "Many sheet {n:03d}"\nsummary: "Test fact sheet {n}."\n'
            "audiences: [practitioners, managers]\nupdated: 2026-11-20\nreview_due: 2027-11-28\n"
            'key_messages:\n  - "One."\npractice: |\n  Test text.\nquestions:\n  - "Why?"\n'
            "sources: [dfe-rr037]\n"
        )
    (content / "register").mkdir(exist_ok=True)
    for n in range(RECORDS):
        (content / "register" / f"rv-many-{n:03d}.yaml").write_text(
            f"year: {2019 + n % 8}\nregion: london\nage_band: under-1\noutcome: death\n"
            "harm_types: [neglect]\nagencies: [health]\nthemes: []\n"
            f"months_to_complete: {4 + n % 20}\nrecommendations: {1 + n % 9}\n"
        )


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = make_project(tmp_path_factory.mktemp("many"), ROOT / "content")
    _add_items(paths.content)
    pipeline.build(paths, TODAY)
    return paths


def _resolve(page: str, link: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), link))


def _links(paths: Paths, page: str) -> list[str]:
    """Every Markdown link to a page, as a docs-tree path, in order."""
    return [_resolve(page, m) for m in MD_LINK.findall((paths.docs / page).read_text())]


def _pages(paths: Paths, first: str) -> list[str]:
    """The docs-tree files of a paginated list, from its first page through Next links."""
    found = [first]
    while match := re.search(r"\[Next page\]\(([^)]+)\)", (paths.docs / found[-1]).read_text()):
        found.append(_resolve(found[-1], match[1]))
    return found


def _expected(paths: Paths, first: str) -> set[str]:
    """What a list must show: the docs path of each item, or the register's record ids."""
    content = paths.content
    if first == "observatory/register.md":
        return {p.stem for p in (content / "register").glob("*.yaml")}
    if first == "factsheets/index.md":
        return {f"factsheets/{p.stem}.md" for p in (content / "factsheets").glob("*.yaml")}
    return {f"themes/{p.stem}.md" for p in (content / "themes").glob("*.md")}


@pytest.mark.parametrize(
    ("first", "count"),
    [
        ("themes/index.md", 12 + EXTRA_THEMES),
        ("factsheets/index.md", 15 + EXTRA_SHEETS),
        ("observatory/register.md", RECORDS),
        ("feeds/themes/index.md", 12 + EXTRA_THEMES),
    ],
)
def test_a_long_list_is_split_into_linked_pages(many: Paths, first: str, count: int) -> None:
    pages = _pages(many, first)
    assert len(pages) == -(-count // PER_PAGE) > 1
    assert pages[1:] == [listing_page_path(first, n) for n in range(2, len(pages) + 1)]
    expected = _expected(many, first)
    assert len(expected) == count
    seen: list[str] = []
    for number, page in enumerate(pages, start=1):
        text = (many.docs / page).read_text()
        assert f"**Page {number} of {len(pages)}**" in text
        links = _links(many, page)
        assert set(pages) - {page} <= set(links)  # its pager reaches every other page
        title = re.search(r"^title: (.*)$", text, re.M)
        assert title is not None
        assert title[1].endswith(f", page {number} of {len(pages)}") == (number > 1)
        if first == "observatory/register.md":
            seen += re.findall(r"^\| (rv-[\w-]+) \|", text, re.M)
        else:
            seen += [link for link in links if link in expected]
    assert sorted(seen) == sorted(expected)  # every item on exactly one page, once


def test_every_link_in_the_docs_tree_resolves(many: Paths) -> None:
    pages = [f.relative_to(many.docs).as_posix() for f in sorted(many.docs.rglob("*.md"))]
    missing = [
        f"{page}: {link}"
        for page in pages
        for link in _links(many, page)
        if not (many.docs / link).is_file()
    ]
    assert missing == []


def test_related_lists_are_capped_with_a_way_to_the_rest(many: Paths) -> None:
    for page, heading in (
        ("analyses/brandon-2009.md", "## Themes that draw on it"),
        ("delphi/local/1.md", "## Themes it relates to"),
    ):
        section = (many.docs / page).read_text().split(heading)[1].split("\n## ")[0]
        assert section.count("\n- [") == RELATED_LIMIT
        # Newest first: the test themes updated on 27 November, not the one of 1 November.
        assert "[Many theme 026]" in section and "[Many theme 000]" not in section
        more = re.search(rf"the {RELATED_LIMIT} most recently updated of the (\d+) ", section)
        assert more is not None and int(more[1]) > EXTRA_THEMES
        assert "[thematic summaries](../" in section and "[search](../" in section
    stay = (many.docs / "stay-up-to-date.md").read_text()
    assert stay.count("| [Atom](") == RELATED_LIMIT
    assert f"the other {12 + EXTRA_THEMES - RELATED_LIMIT} are listed on" in stay
    assert "[theme feeds](feeds/themes/index.md)" in stay
    issue = (many.docs / "newsletters/issue-2/index.md").read_text()
    # The editors' list stays as chosen however many items changed; the change log has the rest.
    changed = issue.split("## New and updated")[1]
    assert changed.count("\n- [") == 6 and "[change log](../../changelog.md)" in changed


def test_downloads_continue_on_later_pages(many: Paths) -> None:
    pages = _pages(many, "downloads/index.md")
    assert len(pages) >= 2
    later = (many.docs / pages[1]).read_text()
    assert "## Open data" in later
    sheet = re.compile(r"Fact sheet: <strong>(Many sheet \d+)</strong>")
    listed = [m for page in pages for m in sheet.findall((many.docs / page).read_text())]
    # Every sheet once across the pages: no list repeats per audience.
    assert sorted(listed) == sorted([f"Many sheet {n:03d}" for n in range(EXTRA_SHEETS)])


def test_register_pages_keep_the_filter_and_charts_stay_on_the_first(many: Paths) -> None:
    from bs4 import BeautifulSoup

    pages = _pages(many, "observatory/register.md")
    for number, page in enumerate(pages, start=1):
        folder = page.removesuffix(".md").removesuffix("/index")
        soup = BeautifulSoup((many.site / folder / "index.html").read_text(), "html.parser")
        article = soup.find("article")
        assert article is not None
        assert article.select_one('.crl-filter[data-table="register-table"]') is not None, page
        assert article.select("#register-table table tbody tr"), page  # what the filter hides
        assert "{:" not in article.get_text(), page
        assert (article.select_one("figure.crl-chart") is not None) == (number == 1)


def test_every_built_page_stays_under_60_kb(many: Paths) -> None:
    sizes = {
        p.relative_to(many.site).as_posix(): p.stat().st_size for p in many.site.rglob("*.html")
    }
    assert "themes/page/2/index.html" in sizes and "downloads/page/2/index.html" in sizes
    assert {name: size for name, size in sizes.items() if size > MAX_PAGE_BYTES} == {}


def test_the_real_site_has_short_lists_and_no_pager(built_site: Paths) -> None:
    docs = built_site.docs
    assert not [p for p in docs.rglob("*.md") if "page" in p.parent.parts]
    assert not (docs / "feeds/themes/index.md").exists()
    pagers = [p.name for p in docs.rglob("*.md") if "Go to page:" in p.read_text()]
    assert pagers == []
    assert "most recently updated of the" not in (docs / "analyses/brandon-2009.md").read_text()


@pytest.mark.browser
def test_the_register_filter_hides_rows_that_do_not_match_on_a_phone(
    browser: Any, many: Paths
) -> None:
    """site.js adds a text box to the register's table: typing a year leaves only that
    year's reviews, and the status line counts them."""
    from tests.browser import serve

    with serve(many.site) as site:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(site + "observatory/register/")
        assert "{:" not in page.locator("article").inner_text()  # no attr_list left as text
        rows = page.locator("#register-table tbody tr")
        total = rows.count()
        assert total == PER_PAGE
        box = page.locator(".crl-filter input[type=search]")
        assert box.bounding_box()["height"] >= 30  # type: ignore[index]  # a field to tap
        box.press_sequentially("2019", delay=20)
        years = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(total)]
        shown = [i for i in range(total) if rows.nth(i).is_visible()]
        assert shown == [i for i, year in enumerate(years) if year == "2019"]
        assert 0 < len(shown) < total
        status = page.locator(".crl-filter [role=status]").inner_text()
        assert status == f"{len(shown)} reviews shown"
        # On a phone each review is a short entry, its fields named, not a table to scroll.
        box.fill("")
        assert rows.nth(total - 1).is_visible()
        scrolled = page.locator("#register-table").evaluate(
            "box => [box, ...box.querySelectorAll('*')].filter(e => "
            "getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1)"
            ".length"
        )
        assert scrolled == 0  # nothing in the table scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator("#register-table thead").is_hidden()
        names = rows.first.locator("td").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::before').content)"
        )
        assert names[5:] == [
            '"Harm: "',
            '"Agencies: "',
            '"Months to complete: "',
            '"Recommendations: "',
        ]
        page.close()
