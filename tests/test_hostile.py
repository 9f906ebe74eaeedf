"""Hostile and broken content (tests/hostile/): every case ends in a content error naming the
file and line, never in exit 70 or a published page; what the checks accept is published
escaped and sanitised, and the built site runs no script of content's in Chromium."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from builder import pipeline
from builder.paths import ROOT, Paths
from builder.render.output import csv_text, neutralise
from tests.conftest import TODAY, problems

CORPUS = ROOT / "tests" / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "validation.yaml").read_text())


def page_text(
    title: str = "Hostile page", summary: str = "A page an editor wrote.", body: str = "Text.\n"
) -> str:
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        f"summary: {json.dumps(summary)}\n"
        "audiences: [practitioners]\n"
        "updated: 2026-01-15\n"
        "review_due: 2027-01-15\n"
        "---\n"
        "\n" + body
    )


def apply(case: dict[str, Any], content: Path) -> None:
    if "page" in case:
        (content / "pages" / "hostile.md").write_text(page_text(**case["page"]))
    if "write" in case:
        spec = case["write"]
        text = page_text() if spec.get("from_page") else spec["text"]
        (content / spec["file"]).write_text(text)
    if "append" in case:
        spec = case["append"]
        with (content / spec["file"]).open("a") as file:
            file.write(spec["text"])


def test_the_corpus_is_not_empty() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_content_is_a_content_error(case: dict[str, Any], mini: Paths) -> None:
    apply(case, mini.content)
    found = problems(mini)
    expected = "content/" + case["error"]
    matching = [p for p in found if p.startswith(expected)]
    assert matching, f"expected {expected!r} in:\n" + "\n".join(found)
    if "contains" in case:
        assert any(case["contains"] in p for p in matching), "\n".join(found)


def test_a_symbolic_link_is_refused(mini: Paths, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(page_text())
    (mini.content / "pages" / "outside.md").symlink_to(outside)
    assert "content/pages/outside.md:1: 'outside.md' is a symbolic link" in "\n".join(
        problems(mini)
    )


def test_a_symbolic_link_to_a_folder_is_refused(mini: Paths, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.md").write_text(page_text())
    (mini.content / "pages" / "linked").symlink_to(tmp_path / "elsewhere")
    (mini.content / "themes").symlink_to(tmp_path / "elsewhere")
    assert "content/themes/x.md:1: 'themes' is a symbolic link" in "\n".join(problems(mini))


def test_an_oversized_file_is_refused(mini: Paths) -> None:
    (mini.content / "pages" / "huge.md").write_text(page_text(body="word " * 250_000))
    assert any(
        p.startswith("content/pages/huge.md:1: is 1,250,") and "split it" in p
        for p in problems(mini)
    )


def test_billion_laughs_ends_fast_in_exit_1(mini: Paths) -> None:
    """The command line, as editors run it: exit 1 and the file's line, in seconds."""
    laughs = "\n".join(f"    x{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10))
    (mini.content / "glossary.yaml").write_text(
        "terms:\n  - abbr: LOL\n    term: &l0 lol\n    definition: x\n    extra:\n" + laughs + "\n"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "builder", "--root", str(mini.root), "check"],
        cwd=mini.root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/glossary.yaml:3: YAML anchors ('&name') are not allowed" in result.stderr
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tindented", "'\tindented"),
        ("-5", "-5"),
        ("+3.5%", "+3.5%"),
        ("Plain text", "Plain text"),
    ],
)
def test_csv_cells_are_safe_in_a_spreadsheet(cell: str, written: str) -> None:
    frame = pd.DataFrame({"text": [cell], "number": [-1]})
    rows = list(csv.reader(io.StringIO(csv_text(frame), newline="")))
    assert rows[1] == [written, "-1"]


def test_a_carriage_return_at_the_start_is_neutralised_too() -> None:
    # (Content cannot hold one: control characters are refused; this is the second line.)
    assert neutralise("\rreturn") == "'\rreturn"


def test_every_csv_download_goes_through_csv_text() -> None:
    """The one place CSVs are written; a new to_csv elsewhere would bypass neutralisation."""
    writers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "builder").rglob("*.py")
        if "to_csv(" in path.read_text() or "csv.writer(" in path.read_text()
    ]
    assert writers == ["builder/render/output.py"]


# --- Published output: escaped, sanitised, and inert in a real browser ------------------------

PUBLISHED: dict[str, Any] = yaml.safe_load((CORPUS / "published.yaml").read_text())
THEME_TITLE = 'Child death reviews" onload="alert(1)" data-x="'


def add_published_cases(content: Path, cases: list[dict[str, str]], prefix: str) -> list[str]:
    slugs = []
    for number, case in enumerate(cases, 1):
        slug = f"{prefix}-{number}"
        (content / "pages" / f"{slug}.md").write_text(
            page_text(case["title"], case["summary"], case.get("body", "Text.\n"))
        )
        slugs.append(slug)
    return slugs


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, list[str]]:
    """The fixture site with every published case, built with the content checks switched off
    for the `unchecked` ones: what the sanitiser, the escaping and the CSP must stop alone."""
    import shutil

    from tests.conftest import make_project

    # The real content (the fixture's is too small for MkDocs' strict nav), and the
    # checkout's document cache when there is one, so PDFs are not made again.
    paths = make_project(tmp_path_factory.mktemp("hostile"), ROOT / "content")
    if (ROOT / "build" / "cache").is_dir():
        shutil.copytree(ROOT / "build" / "cache", paths.build / "cache")
    slugs = add_published_cases(paths.content, PUBLISHED["accepted"], "accepted")
    slugs += add_published_cases(paths.content, PUBLISHED["unchecked"], "unchecked")
    with (paths.content / "glossary.yaml").open("a") as file:
        term = json.dumps(PUBLISHED["glossary_term"])
        file.write(f"  - abbr: EVIL\n    term: {term}\n    definition: A term.\n")
    theme = paths.content / "themes" / "child-death-reviews.md"
    theme.write_text(
        theme.read_text().replace(
            'title: "Case reviews and child death reviews"', f"title: {json.dumps(THEME_TITLE)}", 1
        )
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("builder.validate.site.check_safety", lambda loaded, allowed: iter(()))
        pipeline.build(paths, TODAY)
    return paths, slugs


def test_a_theme_title_stays_inside_its_feed_link(hostile_site: tuple[Paths, list[str]]) -> None:
    from bs4 import BeautifulSoup

    paths, _ = hostile_site
    soup = BeautifulSoup(
        (paths.site / "themes" / "child-death-reviews" / "index.html").read_text(), "html.parser"
    )
    feed = soup.find("link", href=lambda h: bool(h) and "feeds/themes/" in h)
    assert feed is not None
    assert sorted(feed.attrs) == ["href", "rel", "title", "type"]
    assert feed["title"] == f"Case Review Learning: {THEME_TITLE}"
    assert soup.title is not None and soup.title.string == f"{THEME_TITLE} - Case Review Learning"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_accepted_values_are_published_escaped(hostile_site: tuple[Paths, list[str]]) -> None:
    from bs4 import BeautifulSoup

    paths, _ = hostile_site
    for number, case in enumerate(PUBLISHED["accepted"], 1):
        soup = BeautifulSoup(
            (paths.site / f"accepted-{number}" / "index.html").read_text(), "html.parser"
        )
        assert soup.title is not None
        assert soup.title.string == f"{case['title']} - Case Review Learning"
        description = soup.find("meta", attrs={"name": "description"})
        assert description is not None and description["content"] == case["summary"]
        assert [m["http-equiv"] for m in soup.find_all("meta", attrs={"http-equiv": True})] == [
            "Content-Security-Policy"
        ]


def test_no_page_carries_markup_from_content(hostile_site: tuple[Paths, list[str]]) -> None:
    from bs4 import BeautifulSoup

    from builder.sanitise import PAGE_ATTRIBUTES, PAGE_PREFIXES, PAGE_TAGS

    paths, _ = hostile_site
    pages = html_pages(paths.site)
    assert len(pages) > 10
    for file in pages:
        text = file.read_text()
        where = str(file.relative_to(paths.site))
        assert "a comment that must not be published" not in text, where
        soup = BeautifulSoup(text, "html.parser")
        head = soup.head
        assert head is not None
        first = head.find(True)
        assert first is not None and first.name == "meta", where
        assert first.get("http-equiv") == "Content-Security-Policy", where
        policy = str(first["content"])
        if file.name == "email.html":  # no script at all
            assert policy.startswith("default-src 'none';") and "script-src" not in policy
        else:
            script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
            assert "'unsafe-inline'" not in script_src, where
            for directive in ("object-src 'none'", "base-uri 'self'", "form-action 'self'"):
                assert directive in policy, where
        assert len(soup.find_all("meta", attrs={"http-equiv": True})) == 1, where
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                shown = f"{where}: <{element.name} {name}={value!r}>"
                assert not name.lower().startswith("on"), shown
                joined = " ".join(value) if isinstance(value, list) else str(value)
                squashed = "".join(joined.split()).lower()
                assert not squashed.startswith(("javascript:", "vbscript:", "data:text")), shown
                if name in ("src", "srcset", "data", "action", "formaction") or (
                    name == "href" and element.name in ("link", "base")
                ):
                    assert "evil.example" not in joined, shown
            assert element.name not in ("iframe", "object", "embed", "base", "animate"), where
        body = soup.find("div", attrs={"data-pagefind-body": True})
        if body is None:
            continue
        for element in body.find_all(True):
            assert element.name in PAGE_TAGS, f"{where}: <{element.name}>"
            allowed = {
                a.lower() for a in PAGE_ATTRIBUTES.get(element.name, set()) | PAGE_ATTRIBUTES["*"]
            }
            for name in element.attrs:
                assert name in allowed or name.startswith(tuple(PAGE_PREFIXES)), (
                    f"{where}: <{element.name} {name}>"
                )
            assert element.get("id") != "__config", where


def watch(page: Any, site: str) -> list[str]:
    """Everything a hostile page could do that the listener fails on."""
    from urllib.parse import urlparse

    host = urlparse(site).netloc
    events: list[str] = []

    def on_dialog(dialog: Any) -> None:
        events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "request",
        lambda request: (
            events.append(f"request: {request.url}")
            if urlparse(request.url).netloc not in ("", host)
            and not request.url.startswith("data:")
            else None
        ),
    )
    page.on(
        "framenavigated",
        lambda frame: (
            events.append(f"navigated: {frame.url}")
            if not frame.url.startswith((site, "about:"))
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            events.append(f"console: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return events


@pytest.mark.browser
def test_hostile_site_in_chromium(browser: Any, hostile_site: tuple[Paths, list[str]]) -> None:
    from tests.browser import serve

    paths, slugs = hostile_site
    with serve(paths.site) as site:
        page = browser.new_page()
        events = watch(page, site)
        for slug in ["", "glossary/", *[f"{s}/" for s in slugs]]:
            response = page.goto(site + slug)
            assert response is not None and response.ok, slug
            for element in page.locator("article *").all()[:200]:
                element.dispatch_event("mouseover")
            page.wait_for_timeout(300)
        page.close()
    assert events == []


@pytest.mark.browser
def test_theme_scripts_run_under_the_csp(browser: Any, site: str) -> None:
    """The real site: the hashes cover every inline script of the theme (no violation), and
    the palette toggle (an inline script's work) still works."""
    page = browser.new_page()
    events = watch(page, site)
    for address in ("", "glossary/", "delphi/local/5/", "search/", "does-not-exist/"):
        page.goto(site + address)
        page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof __md_get") == "function"
    page.close()
    assert events == []


@pytest.mark.browser
def test_newsletter_email_is_inert(browser: Any) -> None:
    """Email has no CSP to fall back on: the sanitised HTML alone must be inert."""
    import markdown

    from builder.sanitise import clean_email

    site = "https://casereviewlearning.github.io/case-review-learning/"
    hostile = "\n\n".join(c.get("body", "") for c in PUBLISHED["unchecked"])
    html = clean_email(markdown.markdown(hostile), site)
    assert "evil.example/pixel" not in html and "srcset" not in html
    page = browser.new_page()
    events = watch(page, "about:blank")
    page.set_content(f"<!doctype html><html><body>{html}</body></html>")
    for element in page.locator("body *").all():
        element.dispatch_event("mouseover")
    page.wait_for_timeout(500)
    page.close()
    assert events == []
