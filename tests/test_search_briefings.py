"""Search puts practice briefings first: for each topic query, the first Pagefind result in a
real browser is the topic's briefing. Run against the site with small fixture briefings, and
(once the real briefings are merged) against the real site."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from builder import pipeline
from builder.paths import ROOT
from tests.browser import SEARCH_WAIT_MS, serve
from tests.conftest import FIXTURES, TODAY, make_project

pytestmark = pytest.mark.browser

# Query -> the briefing it must find first. The slugs are the real briefings' file names in
# content/briefings/, and the fixture's (tests/fixtures/briefings/) use the same names.
QUERIES = {
    "neglect": "neglect",
    "domestic abuse": "domestic-abuse",
    "information sharing": "information-sharing",
    "fathers": "men-fathers-and-male-carers",
    "exploitation": "adolescents-and-exploitation",
    "bruising": "babies-and-non-accidental-injury",
    "SUDI": "sudden-unexpected-death-in-infancy",
    "disability": "disabled-children",
}
BRIEFINGS = FIXTURES / "briefings"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real content with its briefings swapped for the fixture's small ones (whose words
    compete with every real theme, page and fact sheet), built and served."""
    paths = make_project(tmp_path_factory.mktemp("search"), ROOT / "content")
    # The fixture's briefings replace the real ones of the same name; any other real briefing
    # stays (pages may link to it) but leaves the 'start here' list to the fixture's.
    real = paths.content / "briefings"
    for file in sorted(real.glob("*.md")):
        if (BRIEFINGS / "briefings" / file.name).exists():
            file.unlink()
        else:
            file.write_text(re.sub(r"(?m)^start_here:.*\n", "", file.read_text()))
    shutil.copytree(BRIEFINGS / "briefings", real, dirs_exist_ok=True)
    # A page that says every topic word more often than any briefing: without the briefings'
    # search weights, it would come first.
    shutil.copy(BRIEFINGS / "competitor.md", paths.content / "pages" / "team-meeting-notes.md")
    extra = (BRIEFINGS / "publications.yaml").read_text().split("publications:\n", 1)[1]
    publications = paths.content / "publications.yaml"
    publications.write_text(publications.read_text().rstrip("\n") + "\n" + extra)
    pipeline.build(paths, TODAY)
    with serve(paths.site) as base:
        yield base


def first_result(browser: Browser, site: str, query: str) -> str:
    page = browser.new_page()
    page.goto(site)
    page.locator("#crl-search-q").press_sequentially(query, delay=20)
    page.keyboard.press("Enter")
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=SEARCH_WAIT_MS)
    href = str(first.get_attribute("href"))
    page.close()
    return href


@pytest.mark.parametrize(("query", "slug"), QUERIES.items())
def test_fixture_briefing_is_the_first_result(
    browser: Browser, fixture_site: str, query: str, slug: str
) -> None:
    assert f"/briefings/{slug}/" in first_result(browser, fixture_site, query)


@pytest.mark.skipif(
    not (ROOT / "content" / "briefings").is_dir(), reason="the real briefings are not merged yet"
)
@pytest.mark.parametrize(("query", "slug"), QUERIES.items())
def test_real_briefing_is_the_first_result(
    browser: Browser, site: str, query: str, slug: str
) -> None:
    assert f"/briefings/{slug}/" in first_result(browser, site, query)


def test_upkeep_and_topic_pages_are_not_indexed(fixture_site: str) -> None:
    from urllib.request import urlopen

    for address in ("changelog/", "review-due/", "tags/", "tags/neglect/"):
        with urlopen(fixture_site + address) as response:
            html = response.read().decode()
        assert "data-pagefind-body" not in html, address
    with urlopen(fixture_site + "briefings/neglect/") as response:
        assert "data-pagefind-body" in response.read().decode()
