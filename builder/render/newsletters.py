"""Newsletters: the archive (newest first, by year), each issue as a web page, an email-ready
HTML file with a plain-text twin, and a PDF, all from the same content."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import groupby
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markdown

from builder import sanitise
from builder.derive.updates import Issue
from builder.formats import pdf
from builder.formats.cache import Job
from builder.formats.pdf import DocumentError
from builder.models.addresses import GENERATED, TITLES, newsletter_path
from builder.problems import ContentError, Problem
from builder.render.context import Context, human_size, long_date
from builder.render.factsheets import plain, short_url
from builder.render.output import Output

# HTML for email: autoescaped, inline styles only, tables for layout.
EMAIL = jinja2.Environment(
    loader=jinja2.PackageLoader("builder", "templates"),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
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


LEAD = "margin:0 0 18px 0;font-size:19px;line-height:1.45;color:#212121;"


def lead(html: str) -> str:
    """The editorial's first paragraph is its lead: larger, so the issue opens with a voice."""
    return html.replace(f'<p style="{INLINE["p"]}"', f'<p style="{LEAD}"', 1)


def featured(ctx: Context, ids: list[str]) -> list[dict[str, str]]:
    """Featured ids to title, summary and docs path, from the site index."""
    by_path = ctx.entries_by_path
    out = []
    for item in ids:
        path = ctx.derived.addresses[item]
        entry = by_path.get(path)
        title = entry.title if entry else TITLES.get(item) or _title_of(path)
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
                "title": TITLES["newsletters"],
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
    changed = chosen(ctx, n.new_and_updated, n.date)
    url = ctx.config.page_url(path)
    body_md = ctx.resolve(n.body, path).strip()
    absolute = ctx.resolve_absolute(n.body).strip()
    values: dict[str, Any] = {
        "n": n,
        "date": long_date(n.date),
        "items": items,
        "changed": changed,
        "more": 0,
        "changelog": ctx.config.page_url(GENERATED["changelog"]),
        "previous": issue.previous,
        "url": url,
        "site": ctx.config,
        "cite": plain(ctx.cite_line(n.title, n.date, url)),
    }
    # Email and plain text come from the same sanitised HTML; the PDF keeps only the links the
    # sanitiser allows.
    editorial = sanitise.clean_email(markdown.markdown(absolute), ctx.config.url)
    html = EMAIL.get_template("newsletter_email.html.j2").render(
        **values, editorial=lead(inline_styles(editorial)), style=INLINE
    )
    text = EMAIL.get_template("newsletter_email.txt.j2").render(
        **values, editorial="\n\n".join(sanitise.text_paragraphs(editorial))
    )
    document = _pdf(ctx, issue, items, changed, url)
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
        changed=changed,
        more_changed=0,
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
        Output(
            folder + "newsletter.pdf", document, n.origin.path, same_as=ctx.cache.stored(document)
        ),
    ]


def chosen(ctx: Context, ids: list[str], issued: dt.date) -> list[dict[str, str]]:
    """The editors' "new and updated" list: title and address of each chosen id, and a note of
    what it is and when it changed. An item changed again after the issue went out says so
    ("since updated on ..."), so an issue never seems to announce a change made after its date."""
    out = []
    for item in featured(ctx, ids):
        entry = ctx.entries_by_path.get(item["path"])
        kind = entry.kind if entry and entry.kind not in UNLABELLED else ""
        when = ""
        if entry and entry.updated:
            when = long_date(entry.updated)
            if entry.updated > issued:
                when = f"since updated on {when}"
        out.append({**item, "note": ", ".join(part for part in (kind, when) if part)})
    return out


# Kinds too general to say anything in a list (site pages and overviews): no label.
UNLABELLED = ("Page", "Overview")


# Site pages (about, accessibility, the home page) are never news in themselves.
NOT_NEWS = ("Page",)


def suggestions(issues: tuple[Issue, ...], addresses: dict[str, str]) -> list[str]:
    """For `make check`: per issue, the ids new or updated since the previous issue that the
    editors have not listed yet, site pages left out. A suggestion, never a list."""
    by_path = {path: item for item, path in addresses.items()}
    lines = []
    for issue in issues:
        n = issue.newsletter
        listed = set(n.featured) | set(n.new_and_updated)
        ids = [
            by_path[e.path]
            for e in issue.changed
            if e.kind not in NOT_NEWS and e.path in by_path and by_path[e.path] not in listed
        ]
        if ids:
            lines.append(f"  {n.origin.path}: {len(ids)} not listed: {', '.join(ids)}")
    return lines


_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _pieces(ctx: Context, text: str) -> list[dict[str, Any]]:
    """Inline Markdown as text pieces: emphasis dropped, a citation kept as (Author year) with
    no address, any other link as a piece with a short footnote address."""
    references = ctx.config.page_url("references.md")
    text = text.replace("**", "").replace("*", "")
    out: list[dict[str, Any]] = []
    start = 0
    for match in _MD_LINK.finditer(text):
        out.append({"t": text[start : match.start()], "link": None, "short": ""})
        label, target = match.groups()
        if target.startswith(references) or urlsplit(target).scheme not in sanitise.URL_SCHEMES:
            # citations read as (Author year); a link the sanitiser would drop is plain text
            out.append({"t": label, "link": None, "short": ""})
        else:
            out.append({"t": label, "link": target, "short": short_url(target)})
        start = match.end()
    out.append({"t": text[start:], "link": None, "short": ""})
    return [p for p in out if p["t"]]


def blocks(ctx: Context, markdown_text: str) -> list[dict[str, Any]]:
    """The editorial as headings, paragraphs and lists (the PDF styles each as such)."""
    out: list[dict[str, Any]] = []
    for block in re.split(r"\n\s*\n", markdown_text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("#"):
            out.append({"kind": "heading", "pieces": _pieces(ctx, lines[0].lstrip("# "))})
        elif all(line.startswith(("- ", "* ")) for line in lines):
            out.append({"kind": "list", "items": [_pieces(ctx, line[2:]) for line in lines]})
        else:
            out.append({"kind": "para", "pieces": _pieces(ctx, " ".join(lines))})
    return out


def _share_notes(data: dict[str, Any]) -> None:
    """Give every linked piece, in reading order, the footnote label of its address: the first
    link to an address makes the footnote and later links to it cite that one again, so the
    PDF never lists the same address twice."""
    seen: dict[str, str] = {}
    for piece in _reading_order(data):
        if piece["link"] is None:
            continue
        piece["first"] = piece["link"] not in seen
        piece["note"] = seen.setdefault(piece["link"], f"note-{len(seen) + 1}")


def _reading_order(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every text piece of the newsletter PDF, in the order the layout shows them."""
    for block in data["blocks"]:
        for pieces in block["items"] if block["kind"] == "list" else [block["pieces"]]:
            yield from pieces
    for item in data["featured"] + data["changed"]:
        yield from item["title"]


def _pdf(
    ctx: Context, issue: Issue, items: list[dict[str, str]], changed: list[dict[str, str]], url: str
) -> bytes:
    n = issue.newsletter

    def linked(item: dict[str, str]) -> list[dict[str, Any]]:
        return [{"t": item["title"], "link": item["url"], "short": short_url(item["url"])}]

    data = {
        "title": n.title,
        "kicker": f"NEWSLETTER · {long_date(n.date)}",
        "publisher": ctx.config.name,
        "blocks": blocks(ctx, ctx.resolve_absolute(n.body)),
        "featured": [{"title": linked(i), "summary": i["summary"]} for i in items],
        "changed": [{"title": linked(c), "note": c["note"]} for c in changed],
        "sources": [plain(ctx.reference(k).cited) for k in n.sources],
        "url": url,
        "short_url": short_url(url),
        "version": long_date(n.date),
        "citation": f"{ctx.config.name} ({n.date.year}). {n.title}. Available at:",
    }
    _share_notes(data)
    return ctx.cache.get(Job("newsletter-pdf", pdf.newsletter_pdf, (data, n.date, 4)))
