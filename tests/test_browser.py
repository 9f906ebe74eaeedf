"""The built site in a real browser (Debian's Chromium through Playwright): pages load, search
works, and every request goes to the site itself."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

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
    results.first.wait_for(timeout=15000)
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
    first.wait_for(timeout=15000)
    first.click()
    page.wait_for_load_state("load")
    assert "Child Death Overview" in page.content()
    page.close()


def test_search_filters_by_audience_type_theme_and_year(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "search/?q=training")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
    panel = page.locator(".pagefind-ui__filter-panel")
    for name in ("audience", "type", "theme", "year"):
        # Pagefind loads the filter lists after the first results: wait for each group.
        panel.locator(f"summary:has-text('{name}')").wait_for(timeout=15000)
        assert panel.locator(f"summary:has-text('{name}')").count() == 1, name
    panel.locator("summary:has-text('type')").click()
    panel.locator("label:has-text('Fact sheet')").click()
    # Wait until the filtered results are in, not for a fixed time.
    page.wait_for_function(
        """() => {
            const links = [...document.querySelectorAll('.pagefind-ui__result-link')];
            return links.length > 0 && links.every(a => a.href.includes('/factsheets/'));
        }""",
        timeout=15000,
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


def test_abbreviations_show_their_meaning(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "case-reviews-explained/")
    abbr = page.locator("article abbr", has_text="IMR").first
    assert abbr.get_attribute("title") == "Individual Management Review"
    page.close()
