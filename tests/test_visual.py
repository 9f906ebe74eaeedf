"""Visual review built in: a screenshot of every page type at desktop (1280 px) and phone
(390 px) width, saved to build/screenshots/ for CI to keep as artifacts and for a person to
look at, and no page wider than a phone's screen at 390 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from builder.paths import ROOT
from tests.browser import SEARCH_WAIT_MS

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "build" / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 390}
PAGE_TYPES = {
    "home": "",
    "pathway": "audiences/practitioners/",
    "themes": "themes/",
    "theme": "themes/learning-without-blame/",
    "delphi-section": "delphi/local/",
    "delphi-statement": "delphi/local/13/",
    "analysis": "analyses/rose-barnes-2008/",
    "observatory": "observatory/",
    "recommendations": "recommendations/",
    "downloads": "downloads/",
    "factsheet": "factsheets/delphi-local/",
    "training": "training/",
    "newsletter": "newsletters/issue-2/",
    "glossary": "glossary/",
    "search": "search/?q=neglect",
    "404": "no-such-page/",
}


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_page_type_screenshot_and_no_sideways_scroll(
    browser: Browser, site: str, width: str
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": WIDTHS[width], "height": 844})
    too_wide = []
    for kind, address in PAGE_TYPES.items():
        page.goto(site + address)
        page.wait_for_load_state("networkidle")
        if kind == "search":
            page.locator(".pagefind-ui__result").first.wait_for(timeout=SEARCH_WAIT_MS)
        page.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if width == "phone" and overflow > 0:
            too_wide.append(f"{kind}: {overflow} px wider than the screen")
    page.close()
    assert too_wide == []
    assert len(list(SCREENSHOTS.glob(f"*-{width}.png"))) >= len(PAGE_TYPES)


def test_the_404_page_offers_search_and_the_main_sections(browser: Browser, site: str) -> None:
    page = browser.new_page()
    response = page.goto(site + "no-such-page/")
    assert response is not None and response.status == 404
    article = page.locator("article")
    assert article.locator("form[role=search] input[type=search]").count() == 1
    sections = article.locator("ul a")
    assert sections.count() >= 5
    sections.filter(has_text="Themes").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().startswith("Thematic summaries")
    assert "//" not in page.url.split("://", 1)[1]
    page.close()
