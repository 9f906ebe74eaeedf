"""The real site built with MkDocs: pages exist at their addresses, nothing is fetched from
another host, downloads follow their documented shape, and a failed build keeps the old site."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from builder import pipeline
from builder.paths import Paths
from builder.problems import ContentError
from tests.conftest import TODAY

pytestmark = pytest.mark.engine

# Attributes that make a browser fetch something, by element.
FETCHING = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}
# <link rel> values that are navigation, not fetches.
NAVIGATION_RELS = {"canonical", "alternate", "prev", "next", "edit", "license", "author"}


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def external_fetches(site: Path) -> list[str]:
    found = []
    for page in html_files(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in FETCHING.items():
            for element in soup.find_all(tag):
                if tag == "link" and NAVIGATION_RELS & set(element.get("rel") or []):
                    continue
                value = element.get(attribute)
                if value and urlparse(str(value)).netloc:
                    found.append(f"{page.relative_to(site)}: <{tag} {attribute}={value}>")
        for style in soup.find_all(style=True):
            found += [
                f"{page}: style url {u}"
                for u in re.findall(r"url\(['\"]?(https?:|//)", str(style["style"]))
            ]
    for sheet in sorted(site.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8")
        found += [
            f"{sheet.relative_to(site)}: {m}"
            for m in re.findall(
                r"@import\s+url\(['\"]?(?:https?:)?//[^)]*\)|url\(['\"]?(?:https?:)?//[^)]*\)", text
            )
        ]
    return found


def test_every_page_fetches_only_from_the_site_itself(built_site: Paths) -> None:
    assert len(html_files(built_site.site)) > 50
    assert external_fetches(built_site.site) == []


def test_the_scan_does_catch_an_external_fetch(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.example.com/x.css">'
        '<link rel="canonical" href="https://example.org/"><img src="/local.png">'
    )
    assert external_fetches(tmp_path) == ["index.html: <link href=https://fonts.example.com/x.css>"]


@pytest.mark.parametrize(
    "address",
    [
        "index.html",
        "about-the-evidence/index.html",
        "glossary/index.html",
        "references/index.html",
        "audiences/index.html",
        "audiences/practitioners/index.html",
        "audiences/policy-makers/index.html",
        "tags/index.html",
        "delphi/index.html",
        "delphi/local/index.html",
        "delphi/national-analysis/14/index.html",
        "delphi/learning-nationally/12/index.html",
        "delphi/notes/index.html",
        "delphi/data/index.html",
        "404.html",
        "search/index.html",
    ],
)
def test_pages_are_at_their_stable_addresses(built_site: Paths, address: str) -> None:
    assert (built_site.site / address).is_file()


def test_no_generator_footer_fonts_or_repository_widget(built_site: Paths) -> None:
    home = (built_site.site / "index.html").read_text(encoding="utf-8")
    assert "Made with" not in home
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    assert 'data-md-component="source"' not in home


def test_navigation_is_pruned(built_site: Paths) -> None:
    # With navigation.prune a statement page does not embed links to the other statements.
    page = (built_site.site / "delphi/local/1/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    assert "learning-nationally/12/" not in str(nav)


def test_glossary_abbreviations_are_on_every_page(built_site: Paths) -> None:
    page = (built_site.site / "about-the-evidence/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    titles = {a.get_text(): a.get("title") for a in soup.find_all("abbr")}
    assert titles.get("LSCB") == "Local Safeguarding Children Board"


ABBREVIATION = re.compile(r"^\*\[[^\]\n]+\]: .*$", re.M)


def test_each_page_converts_as_it_would_with_the_whole_glossary(built_site: Paths) -> None:
    """Each page ends with only the glossary abbreviations it mentions (builder/render/
    reference.py), and Python-Markdown, set up as mkdocs.yml sets it up, makes of it the
    HTML it would make with every abbreviation in the glossary at its end."""
    config = load_config(str(built_site.mkdocs_yml))
    pages = {p: p.read_text(encoding="utf-8") for p in sorted(built_site.docs.rglob("*.md"))}
    glossary = ABBREVIATION.findall(pages[built_site.docs / "glossary.md"])
    assert len(glossary) > 10
    assert {line for text in pages.values() for line in ABBREVIATION.findall(text)} == set(glossary)
    assert sum(1 for text in pages.values() if not ABBREVIATION.search(text)) > 10

    def html(text: str) -> str:
        convert = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        return convert.convert(get_data(text)[0])

    for path, text in pages.items():
        everything = ABBREVIATION.sub("", text).rstrip("\n") + "\n\n" + "\n".join(glossary)
        assert html(text) == html(everything + "\n"), path.relative_to(built_site.docs)


def test_edit_links_point_at_the_content_file(built_site: Paths) -> None:
    soup = BeautifulSoup((built_site.site / "about/index.html").read_text(), "html.parser")
    edit = soup.select_one('a[rel="edit"]')
    assert edit is not None
    assert str(edit["href"]).endswith("/edit/main/content/pages/about.md")


def test_print_stylesheet_is_linked(built_site: Paths) -> None:
    home = (built_site.site / "index.html").read_text(encoding="utf-8")
    assert "stylesheets/print.css" in home
    assert "@media print" in (built_site.site / "stylesheets/print.css").read_text()


def test_delphi_csv_has_the_documented_columns(built_site: Paths) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site.site / "data/delphi.csv").read_text())))
    assert list(rows[0]) == [
        "section",
        "number",
        "round",
        "statement",
        "revised",
        "strongly_disagree",
        "disagree",
        "mildly_disagree",
        "mildly_agree",
        "agree",
        "strongly_agree",
        "unable",
        "pct_disagree",
        "pct_agree",
        "pct_unable",
        "consensus",
    ]
    assert len(rows) == 78
    assert {r["section"] for r in rows} == {"local", "national_analysis", "learning_nationally"}
    assert sum(r["revised"] == "true" for r in rows) == 20  # ten statements, both rounds
    data = json.loads((built_site.site / "data/delphi.json").read_text())
    assert len(data) == 78 and data[0]["section"] == "local"


def test_charts_are_labelled_images_with_a_table_beside_them(built_site: Paths) -> None:
    soup = BeautifulSoup((built_site.site / "delphi/local/index.html").read_text(), "html.parser")
    svg = soup.select_one("figure svg")
    assert svg is not None and svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert title is not None and "Figure 1" in title.get_text()
    assert desc is not None and "Statement 1: 82% agree" in desc.get_text()
    assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
    table = soup.find("table")
    assert table is not None and "% agree" in table.get_text()


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_content_error_leaves_the_previous_site(built_copy: Paths) -> None:
    before = files(built_copy.site)
    page = built_copy.content / "pages" / "about.md"
    page.write_text(page.read_text().replace("audiences: [", "audiences: [everyone, "))
    with pytest.raises(ContentError):
        pipeline.build(built_copy, TODAY)
    assert files(built_copy.site) == before


def test_a_link_check_failure_after_mkdocs_leaves_the_previous_site(built_copy: Paths) -> None:
    """The failure comes after MkDocs has rendered every page (a raw HTML link MkDocs does not
    check), so the only thing between it and site/ is the link check itself."""
    from builder.engine import EngineError

    before = files(built_copy.site)
    assert before
    page = built_copy.content / "pages" / "about.md"
    page.write_text(page.read_text() + '\n<a href="../no-such-page/">Nowhere</a>\n')
    with pytest.raises(EngineError) as caught:
        pipeline.build(built_copy, TODAY)
    assert str(caught.value) == (
        "links that do not resolve in the built site:\nabout/index.html: ../no-such-page/"
    )
    # site/, the last good build, is kept as it was, for the next build to start from; the
    # failed one's folder is gone.
    assert files(built_copy.site) == before
    assert not (built_copy.build / "next").exists()


def test_an_engine_failure_leaves_the_previous_site(built_copy: Paths) -> None:
    from builder.engine import EngineError

    before = files(built_copy.site)
    config = built_copy.mkdocs_yml.read_text()
    built_copy.mkdocs_yml.write_text(config.replace("      - about.md", "      - missing.md"))
    with pytest.raises(EngineError, match=r"missing\.md"):
        pipeline.build(built_copy, TODAY)
    assert files(built_copy.site) == before


# Scripts only from the site itself or the theme's own inline scripts, by hash (no
# 'unsafe-inline'); every other directive exactly as set in overrides/main.html.
CSP = re.compile(
    r"default-src 'self'; script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+; "
    r"style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    r"connect-src 'self'; media-src 'self'; object-src 'none'; frame-src 'none'; "
    r"base-uri 'self'; form-action 'self'"
)


def test_every_page_carries_the_content_security_policy(built_site: Paths) -> None:
    # A newsletter's email.html is a download to paste into an email, not a page of the site.
    pages = [p for p in html_files(built_site.site) if p.name != "email.html"]
    assert len(pages) > 50
    missing = []
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        meta = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) if head else None
        first = head.find(True) if head else None  # the policy covers only what comes after it
        if meta is None or not CSP.fullmatch(str(meta.get("content"))) or first is not meta:
            missing.append(page.relative_to(built_site.site).as_posix())
    assert missing == []


def test_serve_regenerates_when_content_changes(real: Paths) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from builder.paths import ROOT

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "builder",
            "--root",
            str(real.root),
            "serve",
            "--address",
            f"127.0.0.1:{port}",
        ],
        cwd=real.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    url = f"http://127.0.0.1:{port}/case-review-learning/about/"

    def heading() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return str(BeautifulSoup(response.read(), "html.parser").h1)
        except OSError:
            return ""

    def wait_for(text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if text in heading():
                return True
            time.sleep(0.5)
        return False

    try:
        assert wait_for("About this site")
        page = real.content / "pages" / "about.md"
        page.write_text(
            page.read_text().replace("title: About this site", "title: About this preview")
        )
        assert wait_for("About this preview")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_two_builds_of_the_same_content_are_byte_identical(
    built_site: Paths, tmp_path: Path
) -> None:
    from tests.conftest import ROOT, make_project

    again = make_project(tmp_path / "again", ROOT / "content")
    pipeline.build(again, TODAY)
    first = {
        p.relative_to(built_site.site): p.read_bytes()
        for p in built_site.site.rglob("*")
        if p.is_file()
    }
    second = {
        p.relative_to(again.site): p.read_bytes() for p in again.site.rglob("*") if p.is_file()
    }
    assert sorted(first) == sorted(second)
    different = [str(name) for name in first if first[name] != second[name]]
    assert different == []


def test_link_check_finds_missing_files_and_anchors(tmp_path: Path) -> None:
    from builder.engine.linkcheck import broken_links

    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">anchor ok</a><a href="a/#gone">bad anchor</a>'
        '<a href="missing/">missing</a><a href="https://example.org/">external</a>'
        '<img src="pic.svg">'
    )
    # An attribute that only ends in "id" names no element.
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2><p data-id="gone">')
    assert broken_links(tmp_path) == [
        "index.html: a/#gone (no element with id 'gone')",
        "index.html: missing/",
        "index.html: pic.svg",
    ]


def test_link_check_reads_attributes_however_they_are_written(tmp_path: Path) -> None:
    from builder.engine.linkcheck import broken_links

    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        "<A TITLE='x > y' HREF='a/#Here'>single quotes, a '>' in a value</A>\n"
        '<a\n  class="x"\n  href="a/#here&amp;now">entity in the anchor</a>\n'
        '<link rel="alternate" href="https://example.org/feed.xml">\n'
        '<link rel="stylesheet" href="missing.css">\n'
        '<script src="app.js"></script><span data-href="not-a-link/">text</span>'
    )
    (tmp_path / "app.js").write_text("")
    (tmp_path / "a" / "index.html").write_text("<h2 id='Here'>Here</h2><p id=\"here&now\">")
    assert broken_links(tmp_path) == ["index.html: missing.css"]


class _Markup(HTMLParser):
    """Every (element, attribute) pair in a text's HTML: raw HTML in a Markdown page, or a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9]*", tag):
            return  # a Markdown autolink, <https://...>, is not an element
        self.pairs.add((tag, ""))
        self.pairs |= {(tag, name) for name, _value in attrs}


def markup(text: str) -> set[tuple[str, str]]:
    parser = _Markup()
    parser.feed(text)
    return parser.pairs


def test_the_markup_the_builder_writes_survives_the_sanitiser(built_site: Paths) -> None:
    """Each element and attribute the builder's templates write into a page (the home page's
    search box, the downloads filter, a table's scrolling region, a chart's key) is published:
    the page sanitiser's allowlist covers the builder's own markup, so no widget is silently
    reduced to its text. Two attributes are meant to go: md_in_html's `markdown`, which
    Markdown consumes, and vl-convert's `xmlns:xlink`, which inline SVG in HTML does not need
    (no chart has an xlink: attribute)."""
    dropped = {("svg", "xmlns:xlink")}
    missing = []
    for source in sorted(built_site.docs.rglob("*.md")):
        relative = source.relative_to(built_site.docs).with_suffix("")
        folder = relative.parent if relative.name == "index" else relative
        page = built_site.site / folder / "index.html"
        text = source.read_text()
        assert "xlink:" not in text.replace("xmlns:xlink", ""), relative
        written = {pair for pair in markup(text) - dropped if pair[1] != "markdown"}
        lost = written - markup(page.read_text())
        missing += [f"{relative}: <{tag} {name}>".replace(" >", ">") for tag, name in sorted(lost)]
    assert not missing, "\n".join(missing)


def test_each_generated_page_carries_its_one_title(generated: Paths) -> None:
    """A generated page's heading is the name its listings and newsletters give it."""
    from builder.models.addresses import GENERATED, TITLES

    for key, title in TITLES.items():
        text = (generated.docs / GENERATED[key]).read_text()
        front = text.split("---")[1]
        assert re.search(rf"^title: ['\"]?{re.escape(title)}['\"]?$", front, re.M), key


LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s")


def _glued_lists(markdown: str) -> list[tuple[str, str]]:
    """Pairs of lines where a list touches a paragraph or heading with no blank line between:
    Python-Markdown then reads a paragraph after a list as part of its last item, and a list
    after a paragraph as more of the paragraph ("... said so. - Table 1 prints ...")."""
    if markdown.startswith("---"):
        markdown = markdown[markdown.index("\n---", 3) + 4 :]
    lines = markdown.split("\n")
    glued, fenced = [], False
    for line, following in itertools.pairwise(lines):
        fenced ^= line.startswith("```")
        if fenced or not line.strip() or not following.strip():
            continue
        item, next_item = LIST_ITEM.match(line), LIST_ITEM.match(following)
        inside = following.startswith((" ", "\t", "|", "<", "*["))
        apart = line.startswith((" ", "\t", "#", "|", "<", "!!!"))
        if (item and not next_item and not inside) or (next_item and not item and not apart):
            glued.append((line, following))
    return glued


def test_no_list_is_glued_to_a_paragraph(generated: Paths) -> None:
    found = {
        path.relative_to(generated.docs).as_posix(): glued[0]
        for path in sorted(generated.docs.rglob("*.md"))
        if (glued := _glued_lists(path.read_text(encoding="utf-8")))
    }
    assert found == {}
    assert _glued_lists("Text.\n- item\n") and _glued_lists("- item\nText.\n")
    assert not _glued_lists("Text.\n\n- item\n- item\n    more\n\nText.\n")


def test_no_page_shows_markdown_or_template_syntax_as_text(built_site: Paths) -> None:
    """Markdown inside raw HTML, or attribute syntax Markdown did not take, would be printed
    as it was written: '[pathway](audiences/index.md)', '{: #id }', '{{ value }}'."""
    leftovers = re.compile(r"\]\(|\{:|\{\{|\{%")
    found = []
    for file in sorted(built_site.site.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(), "html.parser")
        article = soup.find("article")
        if article is None:
            continue
        for code in article.find_all(["code", "pre"]):
            code.decompose()
        for noscript in article.find_all("noscript"):  # html.parser keeps its text as text
            noscript.replace_with(BeautifulSoup(noscript.decode_contents(), "html.parser"))
        text = article.get_text(" ")
        found += [f"{file.relative_to(built_site.site)}: {m[0]}" for m in leftovers.finditer(text)]
    assert not found, found


def test_pages_not_in_the_menu_show_where_they_sit(built_site: Paths) -> None:
    """A briefing, fact sheet, Delphi statement or newsletter issue is not listed in the menu:
    its section's tab is marked, and the breadcrumbs name the listed page above it
    (overrides/hooks/parents.py). Editors' pages, under no listed page, stay as they are."""

    def active_tab(path: str) -> str | None:
        soup = BeautifulSoup((built_site.site / path / "index.html").read_text(), "html.parser")
        tab = soup.select_one(".md-tabs__item--active")
        return " ".join(tab.get_text().split()) if tab else None

    assert active_tab("briefings/neglect") == "Practice briefings"
    assert active_tab("factsheets/learning-without-blame") == "Training and downloads"
    assert active_tab("delphi/local/3") == "Observatory"
    assert active_tab("newsletters/issue-1") == "Newsletters"
    assert active_tab("for-editors") is None
    page = (built_site.site / "factsheets/learning-without-blame/index.html").read_text()
    path = BeautifulSoup(page, "html.parser").select_one(".md-path")
    assert path is not None and " ".join(path.get_text().split()) == (
        "Training and downloads Fact sheets"
    )
    # The section opens at its own first page, so "Fact sheets" is listed in its menu.
    menu = BeautifulSoup(page, "html.parser").select_one(".md-nav--primary")
    assert menu is not None and "Fact sheets" in menu.get_text()


def test_every_page_says_it_is_not_guidance_and_what_to_do_in_danger(built_site: Paths) -> None:
    pages = sorted(built_site.site.rglob("index.html"))
    assert len(pages) > 100
    for path in pages:
        footer = BeautifulSoup(path.read_text(), "html.parser").select_one(".md-copyright")
        assert footer is not None, path
        text = " ".join(footer.get_text().split())
        assert "not statutory guidance" in text and "call 999" in text, path
