"""Newsletters: the archive (newest first, by year), each issue as a web page, an email-ready
HTML file with a plain-text twin, and a PDF, all from the same content."""

from __future__ import annotations

import datetime as dt
import re
from itertools import groupby
from typing import Any

import jinja2
import markdown

from builder.derive.index import Entry
from builder.derive.updates import Issue
from builder.formats import pdf
from builder.formats.cache import Job
from builder.formats.pdf import DocumentError
from builder.models.addresses import GENERATED, newsletter_path
from builder.problems import ContentError, Problem
from builder.render import sanitise
from builder.render.context import Context, human_size, long_date
from builder.render.factsheets import plain
from builder.render.output import Output
from builder.render.paging import newest

# HTML for email: autoescaped, inline styles only, tables for layout.
EMAIL = jinja2.Environment(
    loader=jinja2.PackageLoader("builder", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
# The email and PDF list at most this many changes; the web page lists more.
CHANGED_LIMIT = 25
# The web page lists at most this many changes (the most recent), then points to the change log.
PAGE_CHANGED_LIMIT = 50
INLINE = {  # email clients drop <style> blocks: every element carries its own style
    "p": "margin:0 0 14px 0;font-size:16px;line-height:1.5;color:#212121;",
    "h2": "margin:22px 0 10px 0;font-size:20px;color:#283593;",
    "h3": "margin:18px 0 8px 0;font-size:17px;color:#283593;",
    "a": "color:#283593;text-decoration:underline;",
    "ul": "margin:0 0 14px 0;padding-left:22px;",
    "ol": "margin:0 0 14px 0;padding-left:22px;",
    "li": "margin:0 0 6px 0;font-size:16px;line-height:1.5;color:#212121;",
    "blockquote": "margin:0 0 14px 0;padding-left:12px;border-left:3px solid #c5cae9;",
}


def inline_styles(html: str) -> str:
    for tag, style in INLINE.items():
        html = re.sub(rf"<{tag}(?=[\s>])", f'<{tag} style="{style}"', html)
    return html


def featured(ctx: Context, ids: list[str]) -> list[dict[str, str]]:
    """Featured ids to title, summary and docs path, from the site index."""
    by_path = ctx.entries_by_path
    out = []
    for item in ids:
        path = ctx.derived.addresses[item]
        entry = by_path.get(path)
        title = entry.title if entry else _title_of(path)
        summary = entry.summary if entry else ""
        out.append(
            {"title": title, "summary": summary, "path": path, "url": ctx.config.page_url(path)}
        )
    return out


def _title_of(path: str) -> str:
    """A readable title for a generated page that is not in the site index."""
    name = path.removesuffix(".md").removesuffix("/index")
    return name.replace("-", " ").replace("/", ": ").capitalize()


def render(ctx: Context) -> list[Output]:
    issues = ctx.derived.updates.issues
    if not issues:
        return []
    out: list[Output] = []
    problems = []
    for issue in issues:
        try:
            out += _issue(ctx, issue)
        except DocumentError as exc:
            n = issue.newsletter
            problems.append(Problem(n.origin.path, n.origin.line, "", str(exc)))
    if problems:
        raise ContentError(problems)
    newest_first = sorted(issues, key=lambda i: i.newsletter.date, reverse=True)
    years = [
        (year, [(i.newsletter, newsletter_path(i.newsletter.id)) for i in group])
        for year, group in groupby(newest_first, key=lambda i: i.newsletter.date.year)
    ]
    out.append(
        ctx.page(
            "newsletters/index.md",
            "newsletters.md.j2",
            "content/newsletters/",
            {
                "title": "Newsletters",
                "description": "Brief, regular newsletters on learning from case reviews.",
                "tags": ["newsletters"],
            },
            years=years,
        )
    )
    return out


def _issue(ctx: Context, issue: Issue) -> list[Output]:
    n = issue.newsletter
    path = newsletter_path(n.id)
    folder = path.removesuffix("index.md")
    items = featured(ctx, n.featured)
    changed = [_change(ctx, e) for e in issue.changed]
    on_page, more = newest(
        issue.changed, PAGE_CHANGED_LIMIT, key=lambda e: (e.updated or dt.date.min, e.title)
    )
    url = ctx.config.page_url(path)
    body_md = ctx.resolve(n.body, path).strip()
    absolute = ctx.resolve_absolute(n.body).strip()
    values: dict[str, Any] = {
        "n": n,
        "date": long_date(n.date),
        "items": items,
        "changed": changed[:CHANGED_LIMIT],
        "more": max(0, len(changed) - CHANGED_LIMIT),
        "previous": issue.previous,
        "url": url,
        "site": ctx.config,
        "cite": plain(ctx.cite_line(n.title, n.date, url)),
    }
    # Email, plain text and PDF all come from the same sanitised HTML.
    editorial = sanitise.clean_email(markdown.markdown(absolute), ctx.config.url)
    html = EMAIL.get_template("newsletter_email.html.j2").render(
        **values, editorial=inline_styles(editorial), style=INLINE
    )
    text = EMAIL.get_template("newsletter_email.txt.j2").render(
        **values, editorial="\n\n".join(sanitise.text_paragraphs(editorial))
    )
    document = _pdf(ctx, issue, items, changed[:CHANGED_LIMIT], url, editorial)
    page = ctx.page(
        path,
        "newsletter.md.j2",
        n.origin.path,
        {
            "title": n.title,
            "description": n.summary,
            "tags": ["newsletters"],
            "edit_url": ctx.config.edit_url(n.origin.path),
        },
        n=n,
        body=body_md,
        items=items,
        changed=[_change(ctx, e) for e in on_page],
        more_changed=more,
        changelog=GENERATED["changelog"],
        previous=(issue.previous, newsletter_path(issue.previous.id)) if issue.previous else None,
        downloads=[
            {
                "label": "PDF",
                "link": "newsletter.pdf",
                "size": human_size(len(document)),
                "name": f"{n.id}.pdf",
            },
            {
                "label": "email HTML",
                "link": "email.html",
                "size": human_size(len(html.encode())),
                "name": "email.html",
            },
            {
                "label": "plain text",
                "link": "email.txt",
                "size": human_size(len(text.encode())),
                "name": "email.txt",
            },
        ],
        sources=[ctx.reference(k) for k in n.sources],
        updated=n.date,
    )
    return [
        page,
        Output(folder + "email.html", html, n.origin.path),
        Output(folder + "email.txt", text, n.origin.path),
        Output(folder + "newsletter.pdf", document, n.origin.path),
    ]


def _change(ctx: Context, entry: Entry) -> dict[str, str]:
    return {
        "title": entry.title,
        "kind": entry.kind,
        "path": entry.path,
        "url": ctx.config.page_url(entry.path),
        "updated": long_date(entry.updated),
    }


def _pdf(
    ctx: Context,
    issue: Issue,
    items: list[dict[str, str]],
    changed: list[dict[str, str]],
    url: str,
    editorial: str,
) -> bytes:
    n = issue.newsletter
    data = {
        "title": n.title,
        "summary": n.summary,
        "kicker": f"NEWSLETTER · {long_date(n.date)}",
        "publisher": ctx.config.name,
        "keywords": ["newsletter"],
        "notice": None,
        "key_messages": [
            f"{i['title']}: {i['summary']}" if i["summary"] else i["title"] for i in items
        ],
        "practice": [plain(p) for p in sanitise.text_paragraphs(editorial)],
        "questions": [f"{c['title']} ({c['kind'].lower()}, {c['updated']})" for c in changed]
        + ([f"And more: see {url}"] if len(issue.changed) > CHANGED_LIMIT else [])
        or ["Nothing else changed since the last issue."],
        "chart": None,
        "sources": [plain(ctx.reference(k).as_printed) for k in n.sources],
        "url": url,
        "version": long_date(n.date),
        "citation": plain(ctx.cite_line(n.title, n.date, url)),
        "branding": None,
        "headings": {
            "key": "In this issue",
            "practice": "Editorial",
            "questions": "New and updated since the last issue",
        },
        "max_pages": 4,
    }
    return ctx.cache.get(Job("newsletter-pdf", pdf.factsheet_pdf, (data, n.date, 4)))
