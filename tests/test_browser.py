"""The built site in a real browser (Debian's Chromium through Playwright): pages load, search
works, and every request goes to the site itself."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import SEARCH_WAIT_MS

pytestmark = pytest.mark.browser


def recorded(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_pages_and_search_make_no_request_to_another_host(browser: Browser, site: str) -> None:
    page = browser.new_page()
    requests = recorded(page)
    for address in ("", "about-the-evidence/", "delphi/local/", "delphi/local/5/", "glossary/"):
        response = page.goto(site + address)
        assert response is not None and response.ok, address
        page.wait_for_load_state("networkidle")
    page.goto(site)
    search = page.locator("#crl-search-q")
    search.press_sequentially("consensus", delay=30)
    page.keyboard.press("Enter")
    results = page.locator(".pagefind-ui__result")
    results.first.wait_for(timeout=SEARCH_WAIT_MS)
    assert results.count() > 0
    page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).netloc for url in requests if not url.startswith("data:")}
    assert hosts == {urlparse(site).netloc}, sorted(hosts)
    page.close()


def test_search_finds_a_glossary_term_and_opens_it(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site)
    page.locator("#crl-search-q").press_sequentially("Child Death Overview Panel", delay=30)
    page.keyboard.press("Enter")
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=SEARCH_WAIT_MS)
    first.click()
    page.wait_for_load_state("load")
    assert "Child Death Overview" in page.content()
    page.close()


def test_search_leaves_out_each_pages_notes_sources_and_citation(
    browser: Browser, site: str
) -> None:
    """The 2010 report's full reference closes about a hundred pages: a search for one of its
    authors finds the pages that discuss the report's authors, not every page that cites it."""
    page = browser.new_page()
    page.goto(site + "search/?q=Koistinen")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=SEARCH_WAIT_MS)
    message = page.locator(".pagefind-ui__message").inner_text()  # "3 results for Koistinen"
    assert 1 <= int(message.split()[0]) <= 4, message  # the references, pages on how to cite
    links = page.locator(".pagefind-ui__result-link").all()
    assert any("/references/" in str(a.get_attribute("href")) for a in links)
    page.close()


def test_search_filters_by_audience_type_theme_and_year(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "search/?q=training")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=SEARCH_WAIT_MS)
    panel = page.locator(".pagefind-ui__filter-panel")
    for name in ("audience", "type", "theme", "year"):
        # Pagefind loads the filter lists after the first results: wait for each group.
        panel.locator(f"summary:has-text('{name}')").wait_for(timeout=SEARCH_WAIT_MS)
        assert panel.locator(f"summary:has-text('{name}')").count() == 1, name
    panel.locator("summary:has-text('type')").click()
    panel.locator("label:has-text('Fact sheet')").click()
    # Wait until the filtered results are in, not for a fixed time.
    page.wait_for_function(
        """() => {
            const links = [...document.querySelectorAll('.pagefind-ui__result-link')];
            return links.length > 0 && links.every(a => a.href.includes('/factsheets/'));
        }""",
        timeout=SEARCH_WAIT_MS,
    )
    results = page.locator(".pagefind-ui__result")
    assert results.count() > 0
    hrefs = [
        str(results.nth(i).locator(".pagefind-ui__result-link").first.get_attribute("href"))
        for i in range(results.count())
    ]
    assert all("/factsheets/" in href for href in hrefs), hrefs
    page.close()


def test_home_page_offers_five_pathways(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site)
    pathways = page.locator(".grid.cards a")
    assert pathways.count() == 5
    pathways.filter(has_text="Trainers").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().startswith("Trainers")
    assert page.locator("article a", has_text="Delphi panel").count() >= 1
    page.close()


def test_home_page_practice_topics_open_their_briefing_on_a_phone(
    browser: Browser, site: str
) -> None:
    """A practitioner on a phone reaches a topic's briefing in one tap from the home page."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site)
    topics = page.locator("article .crl-topics a")
    assert topics.count() >= 10
    link = topics.filter(has_text="Neglect").first
    box = link.bounding_box()
    assert box is not None and box["height"] >= 24  # a target a thumb can hit (WCAG 2.5.8)
    link.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(site + "briefings/neglect/")
    assert page.locator("h1").inner_text().startswith("Neglect")
    page.close()


def test_a_briefing_takes_a_phone_reader_straight_to_what_to_do(
    browser: Browser, site: str
) -> None:
    """Below "In one minute", one tap on a phone brings the actions into view, past the
    evidence; so do the supervision questions."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + "briefings/neglect/")
    jump = page.locator("article .crl-jump")
    assert jump.is_visible()
    for label, heading in (
        ("what to do", "Learning for practice"),
        ("questions for supervision", "Questions for supervision"),
    ):
        page.evaluate("window.scrollTo(0, 0)")
        target = page.locator("article h2", has_text=heading)
        assert not target.is_hidden()
        assert target.bounding_box()["y"] > 844  # below the first screen before the tap
        jump.get_by_role("link", name=label).click()
        page.wait_for_timeout(300)
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < 844 / 2, (label, box)
    page.close()


def test_abbreviations_show_their_meaning(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "case-reviews-explained/")
    abbr = page.locator("article abbr", has_text="IMR").first
    assert abbr.get_attribute("title") == "Individual Management Review"
    page.close()


def test_home_search_box_finds_learning_on_a_phone(browser: Browser, site: str) -> None:
    """The search box in the home page's body (not only the header's): on a phone it is the
    first thing under the introduction."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site)
    box = page.locator("article #crl-home-q")
    assert box.is_visible()
    assert page.locator("article label[for=crl-home-q]").inner_text() == "Search the learning"
    box.press_sequentially("neglect", delay=30)
    page.keyboard.press("Enter")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=SEARCH_WAIT_MS)
    assert page.url.startswith(site + "search/") and "q=neglect" in page.url
    # Excerpts come from what a page says, not its dates line (left out of the index).
    excerpts = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    assert excerpts and not [e for e in excerpts if "Next review due" in e]
    page.close()


def test_downloads_filter_narrows_the_list_on_a_phone(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + "downloads/")
    form = page.locator("form.crl-dlfilter")
    assert form.is_visible()
    rows = page.locator("#crl-downloads tbody tr")
    total = rows.count()
    form.locator("select[data-key=format]").select_option("PowerPoint")
    status = form.locator("[role=status]")
    assert status.inner_text().endswith(f"of {total} downloads shown")
    shown = [rows.nth(i) for i in range(total) if rows.nth(i).is_visible()]
    assert 0 < len(shown) < total
    assert all("PowerPoint" in row.inner_text() for row in shown)
    assert status.inner_text() == f"{len(shown)} of {total} downloads shown"
    # Each download reads as a short entry, not a column of bordered boxes.
    assert max(row.bounding_box()["height"] for row in shown) < 200  # type: ignore[index]
    # A theme keeps its fact sheet and the briefings that draw on it.
    form.locator("select[data-key=format]").select_option("")
    form.locator("select[data-key=theme]").select_option("reaching-the-front-line")
    kinds = {
        rows.nth(i).inner_text().split(":")[0] for i in range(total) if rows.nth(i).is_visible()
    }
    assert {"Fact sheet", "Practice briefing"} <= kinds, kinds
    page.close()
