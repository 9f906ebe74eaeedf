"""Newsletters, feeds and freshness: feeds parse with the expected entries, the email HTML is
safe for mail clients, a plain-text version exists, and stale items produce warnings."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
from pypdf import PdfReader

from builder import pipeline
from builder.paths import Paths
from tests.conftest import TODAY

SITE = "https://casereviewlearning.github.io/case-review-learning/"


def issues(paths: Paths) -> list[str]:
    return sorted(p.stem for p in (paths.content / "newsletters").glob("*.md"))


def test_at_least_two_issues_with_every_output(generated: Paths) -> None:
    assert len(issues(generated)) >= 2
    for issue in issues(generated):
        folder = generated.docs / "newsletters" / issue
        for name in ("index.md", "email.html", "email.txt", "newsletter.pdf"):
            assert (folder / name).is_file(), f"{issue}/{name}"
    archive = (generated.docs / "newsletters" / "index.md").read_text()
    assert "## 2026" in archive
    positions = [archive.index(f"({issue}/index.md)") for issue in issues(generated)]
    assert positions == sorted(positions, reverse=True)  # newest first


def test_email_html_is_safe_for_mail_clients(generated: Paths) -> None:
    for issue in issues(generated):
        html = (generated.docs / "newsletters" / issue / "email.html").read_text()
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all("script")
        assert not soup.find_all("link") and not soup.find_all("style")
        assert "@import" not in html and "@font-face" not in html
        for a in soup.find_all("a"):
            assert str(a["href"]).startswith(SITE), a["href"]
        for img in soup.find_all("img"):
            assert str(img["src"]).startswith(SITE), img["src"]
        assert soup.find("table") is not None
        assert all(p.get("style") for p in soup.find_all("p"))
        text = (generated.docs / "newsletters" / issue / "email.txt").read_text()
        assert "IN THIS ISSUE" in text and SITE in text
        # plain text: no HTML tags and no HTML entities (report&#39;s, Rose &amp; Barnes)
        assert not re.search(r"</?[a-zA-Z][a-zA-Z0-9]*[\s/>]", text), text
        assert not re.search(r"&#?\w+;", text), text


def test_new_and_updated_is_the_editors_list(generated: Paths) -> None:
    """Editors choose what is news; the automatic list of changed pages is only a suggestion."""
    second = (generated.docs / "newsletters" / "issue-2" / "index.md").read_text()
    chosen = second.split("## New and updated")[1]
    assert "Learning and accountability without blame" in chosen
    assert "Accessibility" not in chosen  # changed, but never news in itself
    assert "Fact sheet: A shared frame" not in chosen  # changed, not chosen
    text = (generated.docs / "newsletters" / "issue-2" / "email.txt").read_text()
    assert "NEW AND UPDATED" in text and "Accessibility" not in text


def test_an_issue_never_dates_news_after_its_own_date(real: Paths) -> None:
    """Issue 1 (14 November) lists the local learning findings; changed again on 20 November,
    they are marked "since updated", in every form of the issue, never shown as that day's news."""
    findings = real.content / "findings" / "local-learning.yaml"
    findings.write_text(re.sub(r"(?m)^updated: .*$", "updated: 2026-11-20", findings.read_text()))
    pipeline.generate(real, TODAY)
    folder = real.docs / "newsletters" / "issue-1"
    pdf = "".join(page.extract_text() for page in PdfReader(folder / "newsletter.pdf").pages)
    forms = {
        "page": (folder / "index.md").read_text().split("## New and updated")[1],
        "email": (folder / "email.txt").read_text().split("NEW AND UPDATED")[1],
        "pdf": " ".join(pdf.split("New and updated")[1].split()),
    }
    for form, text in forms.items():
        assert "since updated on 20 November 2026" in text, form
        assert text.count("20 November 2026") == 1, form
        assert "Delphi results, 14 November 2026" in text, form  # unchanged since: as it was


def test_check_suggests_unlisted_changes_but_never_site_pages(real: Paths) -> None:
    from tests.test_cli import run

    result = run(real, "check")
    assert result.returncode == 0, result.stderr
    suggested = result.stdout.split("newsletters: new or updated")[1]
    assert "content/newsletters/issue-2.md:" in suggested
    assert "factsheet-standardisation-and-flexibility" in suggested
    assert "accessibility" not in suggested and "theme-learning-without-blame" not in suggested


def structure_types(reader: PdfReader) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                found.append(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_newsletter_pdf_has_real_headings_and_short_footnote_links(generated: Paths) -> None:
    for issue in issues(generated):
        body = (generated.content / "newsletters" / f"{issue}.md").read_text().split("---")[2]
        headings = [line[3:] for line in body.splitlines() if line.startswith("## ")]
        data = (generated.docs / "newsletters" / issue / "newsletter.pdf").read_bytes()
        reader = PdfReader(io.BytesIO(data))
        assert 1 <= len(reader.pages) <= 4
        types = structure_types(reader)
        # The editorial's headings, plus In this issue, New and updated and Sources.
        assert types.count("/H2") >= len(headings) + 3, (issue, types.count("/H2"))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        for heading in headings:
            assert heading in text
        assert "https://" not in text  # addresses are short footnotes, never inline URLs
        assert "references/#" not in text
        assert "(Sidebotham et al. 2010, Table" in text  # citations stay readable
        assert "casereviewlearning.github.io/case-review-learning/" in text  # the footnotes


def test_newsletter_pdf_footnotes_each_address_once_under_its_page_title(
    generated: Paths,
) -> None:
    """A page linked twice (issue 2 features a theme and lists the themes overview, which the
    editorial also links) cites its first footnote again rather than listing the address
    twice; a generated overview is named by its own title, not a name made from its path."""
    for issue in issues(generated):
        data = (generated.docs / "newsletters" / issue / "newsletter.pdf").read_bytes()
        lines = [
            line.strip()
            for page in PdfReader(io.BytesIO(data)).pages
            for line in page.extract_text().splitlines()
        ]
        notes = [
            re.sub(r"^\d+", "", line)
            for line in lines
            if re.fullmatch(r"\d+casereviewlearning\.github\.io/\S*", line)
        ]
        assert notes, issue
        assert len(notes) == len(set(notes)), (issue, sorted(notes))
    text = (generated.docs / "newsletters" / "issue-2" / "newsletter.pdf").read_bytes()
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(text)).pages)
    assert "Fact sheets" in words and "Factsheets" not in words


def test_feeds_parse_with_expected_entries(generated: Paths) -> None:
    news = feedparser.parse((generated.docs / "feeds" / "newsletters.atom.xml").read_bytes())
    assert not news.bozo
    assert sorted(e.link for e in news.entries) == sorted(
        f"{SITE}newsletters/{i}/" for i in issues(generated)
    )
    assert all(e.updated_parsed for e in news.entries)
    rss = feedparser.parse((generated.docs / "feeds" / "newsletters.rss.xml").read_bytes())
    assert not rss.bozo and len(rss.entries) == len(news.entries)
    updates = feedparser.parse((generated.docs / "feeds" / "updates.atom.xml").read_bytes())
    links = {e.link for e in updates.entries}
    assert f"{SITE}themes/learning-without-blame/" in links
    assert f"{SITE}factsheets/delphi-local/" in links
    theme = feedparser.parse(
        (generated.docs / "feeds" / "themes" / "reaching-the-front-line.atom.xml").read_bytes()
    )
    assert {e.link for e in theme.entries} >= {
        f"{SITE}themes/reaching-the-front-line/",
        f"{SITE}training/reaching-the-front-line/",
    }


def test_stale_item_produces_a_warning_and_review_due_lists_it(real: Paths) -> None:
    page = real.content / "pages" / "about.md"
    page.write_text(
        re.sub(
            r"updated: \S+\nreview_due: \S+",
            "updated: 2024-01-10\nreview_due: 2025-01-10",
            page.read_text(),
        )
    )
    checked, _ = pipeline.generate(real, TODAY)
    assert [str(w) for w in checked.warnings if "review was due" in w.message] == [
        "content/pages/about.md:8: review_due: review was due on 2025-01-10; check the page is "
        "still right, then move updated and review_due on"
    ]
    due = (real.docs / "review-due.md").read_text()
    assert "10 January 2025 **overdue**" in due
    assert "[About this site](about.md)" in due


def test_notice_is_shown_prominently(real: Paths) -> None:
    page = real.content / "pages" / "case-reviews-explained.md"
    page.write_text(
        page.read_text().replace(
            "review_due:", "notice: The guidance this page cites has been replaced.\nreview_due:"
        )
    )
    pipeline.generate(real, dt.date(2026, 11, 28))
    text = (real.docs / "case-reviews-explained.md").read_text()
    assert '!!! warning "Please note"' in text
    assert "The guidance this page cites has been replaced." in text


def test_pages_link_their_feeds(built_site: Paths) -> None:
    html = (built_site.site / "themes" / "evaluating-reviews" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    alternates = {str(link["href"]) for link in soup.find_all("link", rel="alternate")}
    assert any(h.endswith("feeds/updates.atom.xml") for h in alternates)
    assert any(h.endswith("feeds/themes/evaluating-reviews.atom.xml") for h in alternates)
    assert Path(built_site.site / "feeds" / "themes" / "evaluating-reviews.atom.xml").is_file()
