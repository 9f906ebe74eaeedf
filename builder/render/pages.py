"""Editors' pages (content/pages/*.md), the home page with its audience pathways."""

from __future__ import annotations

from collections.abc import Mapping

from builder.models import Page
from builder.models.addresses import GENERATED, audience_path, briefing_path, page_path
from builder.render.context import Context
from builder.render.output import Output

HOME_NEWEST = 5  # the newest learning shown on the home page; What's new lists more


def render(ctx: Context) -> list[Output]:
    return [_page(ctx, page) for page in ctx.site.pages]


def _page(ctx: Context, page: Page) -> Output:
    path = page_path(page.id)
    meta = {
        "title": page.title,
        "description": page.summary,
        "tags": list(page.tags),
        "edit_url": ctx.config.edit_url(page.origin.path),
    }
    if page.id == "home":
        return _home(ctx, page, meta)
    return ctx.page(
        path,
        "page.md.j2",
        page.origin.path,
        meta,
        page=page,
        body=ctx.resolve(page.body, path).strip(),
        sources=[ctx.reference(key) for key in page.sources],
        updated=page.updated,
    )


def _home(ctx: Context, page: Page, meta: Mapping[str, object]) -> Output:
    """The home page helps a visitor quickly: what the site is, search, the practice topics
    (one tap from the home page to what reviews teach on each, for the front-line reader who
    comes most), where each audience starts, and the newest learning; no tags, dates or
    citation (About carries those)."""
    path = page_path(page.id)
    meta = {**meta, "hide": ["navigation", "toc"], "tags": []}
    dated = [e for e in ctx.derived.entries if e.updated and e.kind != "Page"]
    newest = sorted(dated, key=lambda e: (e.updated, e.title), reverse=True)[:HOME_NEWEST]
    return ctx.page(
        path,
        "home.md.j2",
        page.origin.path,
        meta,
        page=page,
        body=ctx.resolve(page.body, path).strip(),
        topics=[(b.title, briefing_path(b.id)) for b in ctx.site.briefings],
        all_topics=GENERATED["briefings"],
        pathways=[(a, audience_path(a.id)) for a in ctx.site.audiences],
        newest=newest,
    )
