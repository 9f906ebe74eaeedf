"""Charts as a reader sees them, in a real browser: no text outside its chart, no two labels on
top of each other, every response category drawn, and text of 12 px or more on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from builder.paths import Paths

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MIN_PHONE_TEXT_PX = 12
CHART_PAGES = (
    "delphi/local/",
    "delphi/national-analysis/",
    "delphi/local/13/",
    "observatory/",
    "factsheets/delphi-local/",
    "factsheets/learning-within-the-review/",
)

# Every <text> box, in the SVG's own coordinates, and the SVG's size.
TEXT_BOXES = """() => {
    const svg = document.documentElement;
    const frame = svg.getBoundingClientRect();
    return {
        width: frame.width, height: frame.height,
        texts: [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, left: r.left - frame.left, top: r.top - frame.top,
                    right: r.right - frame.left, bottom: r.bottom - frame.top};
        }),
    };
}"""


def chart_files(built: Paths) -> list[str]:
    return sorted(
        str(path.relative_to(built.site))
        for folder in ("delphi", "observatory")
        for path in (built.site / folder).rglob("*.svg")
    )


def overlapping(a: dict[str, float], b: dict[str, float]) -> bool:
    # One pixel of grace: neighbouring tick labels may touch, never cover each other.
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    )


def layout_problems(page: Page) -> list[str]:
    boxes = page.evaluate(TEXT_BOXES)
    problems = []
    texts = boxes["texts"]
    for t in texts:
        if (
            t["left"] < 0
            or t["top"] < 0
            or t["right"] > boxes["width"]
            or t["bottom"] > boxes["height"]
        ):
            problems.append(f"{t['text']!r} reaches outside the chart")
        if "…" in t["text"]:
            problems.append(f"{t['text']!r} is shortened")
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if overlapping(a, b):
                problems.append(f"{a['text']!r} overlaps {b['text']!r}")
    return problems


def test_no_chart_text_is_clipped_shortened_or_overlapping(
    browser: Browser, site: str, built_site: Paths
) -> None:
    files = chart_files(built_site)
    assert len(files) >= 3 + 39 + 4  # the guard: every chart was looked at
    page = browser.new_page()
    problems = []
    for file in files:
        page.goto(site + file)
        problems += [f"{file}: {p}" for p in layout_problems(page)]
    page.close()
    assert problems == []


def test_a_delphi_figure_draws_every_response_category(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(site + "delphi/local/figure-1.svg")
    texts = set(page.locator("text").all_text_contents())
    for category in (
        "Strongly disagree",
        "Disagree",
        "Mildly disagree",
        "Mildly agree",
        "Agree",
        "Strongly agree",
        "Unable to answer",
    ):
        assert category in texts, category
    page.close()


# The smallest rendered size of any chart text on the page: each chart's smallest font size
# times the scale the page draws it at (inline SVG or an <img> of one).
SMALLEST_TEXT = """async () => {
    const sizes = [];
    for (const figure of document.querySelectorAll('.crl-chart')) {
        let svg = figure.querySelector('svg');
        const shown = (svg || figure.querySelector('img')).getBoundingClientRect().width;
        if (!svg) {
            const source = await (await fetch(figure.querySelector('img').currentSrc)).text();
            svg = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
        }
        const natural = parseFloat(svg.getAttribute('width'));
        const fonts = [...svg.querySelectorAll('text')].map(
            t => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize));
        sizes.push({chart: svg.getAttribute('aria-labelledby'),
                    px: Math.min(...fonts) * shown / natural});
    }
    return sizes;
}"""


@pytest.mark.parametrize("address", CHART_PAGES)
def test_chart_text_is_at_least_12_px_on_a_phone(browser: Browser, site: str, address: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(site + address)
    sizes = page.evaluate(SMALLEST_TEXT)
    assert sizes, f"{address}: no chart found"
    small = [s for s in sizes if s["px"] < MIN_PHONE_TEXT_PX]
    assert small == [], address
    page.close()
