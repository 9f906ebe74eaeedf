"""WCAG 2.2 AA in a real browser: axe-core (from the npm package) over every page type, and a
keyboard-only journey with visible focus throughout."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page

from builder.paths import ROOT, Paths
from tests.browser import SEARCH_WAIT_MS

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_TYPES = {
    "home": "",
    "audience pathway": "audiences/practitioners/",
    "theme": "themes/learning-without-blame/",
    "Delphi section": "delphi/national-analysis/",
    "Delphi statement": "delphi/local/9/",
    "national analysis": "analyses/rose-barnes-2008/",
    "newsletter": "newsletters/issue-2/",
    "downloads": "downloads/",
    "fact sheet": "factsheets/delphi-local/",
    "training pack": "training/involving-practitioners/",
    "observatory": "observatory/",
    "recommendations": "recommendations/",
    "glossary": "glossary/",
    "404": "no-such-page/",
    "practice briefings": "briefings/",
}
if (ROOT / "content" / "briefings" / "neglect.md").exists():  # once the briefings are merged
    PAGE_TYPES["practice briefing"] = "briefings/neglect/"


def violations(page: Page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make setup does)")
    # Evaluated through the browser's debugging protocol, not as an inline <script>: the site's
    # CSP refuses inline scripts that are not the theme's own.
    page.evaluate(AXE.read_text() + "\n;undefined")
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => v.id + ': ' +
                v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }""",
        TAGS,
    )
    return list(found)


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_page_type_has_no_wcag_violations(browser: Browser, site: str, kind: str) -> None:
    page = browser.new_page()
    page.goto(site + PAGE_TYPES[kind])
    page.wait_for_load_state("networkidle")
    assert violations(page) == [], kind
    page.close()


def test_search_results_have_no_wcag_violations(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "search/?q=training")
    page.locator(".pagefind-ui__result").first.wait_for(timeout=SEARCH_WAIT_MS)
    assert violations(page) == []
    page.close()


def test_the_site_works_at_phone_width(browser: Browser, site: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(site + "themes/involving-practitioners/")
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"
    page.close()


def focused(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate("""() => {
        const active = document.activeElement;
        // A visually hidden control shows its focus on its label.
        const label = active.parentElement &&
            [...active.parentElement.querySelectorAll('label')].find(l => l.offsetWidth > 0);
        const hidden = active.tagName === 'INPUT' && active.offsetWidth <= 1;
        const el = hidden && label ? label : active;
        const style = getComputedStyle(el);
        return {tag: active.tagName.toLowerCase(),
                text: (active.innerText || active.value || '').trim(),
                href: active.getAttribute('href') || '', outline: style.outlineStyle,
                outlineWidth: style.outlineWidth, boxShadow: style.boxShadow,
                classes: String(active.className || '')};
    }""")
    )


def visibly_focused(state: dict[str, str]) -> bool:
    return (state["outline"] not in ("none", "") and state["outlineWidth"] != "0px") or (
        state["boxShadow"] not in ("none", "")
    )


def test_keyboard_only_journey(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site)
    page.keyboard.press("Tab")
    skip = focused(page)
    assert "skip" in skip["text"].lower() and visibly_focused(skip), skip
    page.keyboard.press("Enter")  # skip to the content
    # Reach the search box by keyboard alone: Tab until it has focus (on through the home
    # page's links and round to the header).
    for _ in range(80):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["tag"] == "input" and "crl-search__input" in state["classes"]:
            break
        assert visibly_focused(state) or state["tag"] == "body", state
    else:
        pytest.fail("the search box cannot be reached with Tab")
    assert visibly_focused(state), state
    page.keyboard.type("fact sheet", delay=30)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # run the query: the search page opens with results
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=SEARCH_WAIT_MS)
    for _ in range(40):  # Tab on to the first result
        page.keyboard.press("Tab")
        result = focused(page)
        if "pagefind-ui__result-link" in result["classes"]:
            break
        assert visibly_focused(result) or result["tag"] == "body", result
    else:
        pytest.fail("no search result can be reached with Tab")
    assert visibly_focused(result), result
    with page.expect_navigation():
        page.keyboard.press("Enter")  # open the result
    assert "/search/" not in page.url
    page.goto(site + "factsheets/learning-without-blame/")
    for _ in range(60):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["href"].endswith(".pdf"):
            assert visibly_focused(state), state
            break
    else:
        pytest.fail("the PDF download cannot be reached with Tab")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "learning-without-blame.pdf"
    page.close()


def test_charts_read_as_labelled_images(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "delphi/local/")
    # Named by its <title> (the figure's title is no longer drawn inside the chart).
    assert page.get_by_role("img", name="the report's Figure 1, redrawn").count() == 1
    names = page.evaluate("""() => [...document.querySelectorAll('svg[role=img]')].map(svg =>
        svg.getAttribute('aria-labelledby').split(' ').map(id =>
            document.getElementById(id).textContent).join(' '))""")
    assert names and all("Statement 1" in n or "Round" in n for n in json.loads(json.dumps(names)))
    page.close()


def test_an_abbreviation_opens_on_a_tap_on_a_phone(browser: Browser, site: str) -> None:
    """Material's tooltips (content.tooltips): the title of an <abbr> is shown on a tap, where
    a browser's own hover title never appears."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(site + "about-the-evidence/")
    abbr = page.locator("article abbr[title='National Health Service']").first
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == "National Health Service"
    context.close()


def test_an_abbreviation_opens_from_the_keyboard(browser: Browser, site: str) -> None:
    """The first of each abbreviation on a page is in the tab order; focus opens its meaning.
    Later ones are not, so a page full of "SCR" is not a page full of tab stops."""
    page = browser.new_page()
    page.goto(site + "case-reviews-explained/")
    stops = page.evaluate(
        """() => [...document.querySelectorAll('article abbr[title]')]
                 .filter(a => a.tabIndex === 0).map(a => a.title)"""
    )
    assert stops and len(stops) == len(set(stops))
    everywhere = page.locator("article abbr[title]").count()
    assert everywhere > len(stops)
    first = page.locator("article abbr[tabindex='0']").first
    first.focus()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == stops[0]  # Material moves the title into its tooltip
    page.close()


def test_no_table_scrolls_sideways_on_a_phone(
    browser: Browser, site: str, built_site: Paths
) -> None:
    """At 390 px a table wider than the page, or of four columns or more, becomes one short
    entry per row (site.js and site.css), each cell named by its column's heading."""
    pages = sorted(
        p.parent.relative_to(built_site.site).as_posix()
        for p in built_site.site.rglob("index.html")
        if "<table" in p.read_text(encoding="utf-8")
    )
    assert len(pages) > 20
    page = browser.new_page(viewport={"width": 390, "height": 844})
    wide, stacked = {}, 0
    for path in pages:
        page.goto(site + (path + "/" if path != "." else ""))
        found = page.evaluate(
            """() => [...document.querySelectorAll('article table')].map(t => [
                t.scrollWidth - t.closest('article').clientWidth,
                t.hasAttribute('data-crl-stack') && t.querySelector('tbody td[data-label]')
                    ? getComputedStyle(t.querySelector('tbody td:nth-child(2)'), '::before')
                        .content : ''])"""
        )
        over = [excess for excess, _ in found if excess > 1]
        if over:
            wide[path] = over
        stacked += sum(1 for _, label in found if label.endswith(': "'))
    page.close()
    assert wide == {}
    assert stacked >= 10  # the tables that were too wide read as named fields


def test_a_blank_sheet_shows_what_it_asks_for_on_a_phone(browser: Browser, site: str) -> None:
    """A training pack's blank timeline (every cell empty after the stage) stacks on a phone
    with each blank kept and named by its column, not as a bare list of stages; a filled
    table still leaves its empty cells out."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + "training/involving-practitioners/")
    stage = page.get_by_role("cell", name="The decision to hold a review", exact=True)
    sheet = page.locator("article table", has=stage)
    assert sheet.count() == 1
    first_row = sheet.locator("tbody tr").first
    assert first_row.inner_text().split("\n")[0] == "The decision to hold a review"
    blanks = first_row.locator("td:not(:first-child)")
    assert blanks.count() == 3
    for k in range(3):
        assert blanks.nth(k).is_visible()
        label = blanks.nth(k).evaluate("c => getComputedStyle(c, '::before').content")
        assert label == f'"{blanks.nth(k).get_attribute("data-label")}: "', label
    assert "Where staff take part" in blanks.first.get_attribute("data-label")
    page.close()


def test_phone_text_and_note_numbers_are_big_enough(browser: Browser, site: str) -> None:
    """On a phone the briefing's "In one minute" box is body-size text, and a note number
    takes a tap 9 px from its centre (a 24 px target, WCAG 2.2's 2.5.8)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + "briefings/neglect/")
    sizes = page.evaluate(
        """() => [document.querySelector('.crl-in-one-minute li'),
                  [...document.querySelectorAll('article li')]
                    .find(li => !li.closest('.admonition'))]
                 .map(e => getComputedStyle(e).fontSize)"""
    )
    assert sizes[0] == sizes[1], sizes
    page.goto(site + "about-the-evidence/")
    note = page.locator("sup.crl-noteref a").first
    box = note.bounding_box()
    assert box is not None and box["width"] < 24  # the number itself is small
    x, y = box["x"] + box["width"] / 2 + 9, box["y"] + box["height"] / 2 + 9
    hit = page.evaluate(f"document.elementFromPoint({x}, {y}).closest('a')?.getAttribute('href')")
    assert hit == note.get_attribute("href")
    page.close()
