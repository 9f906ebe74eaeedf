"""Editors' pages (content/pages/*.md), the home page with its audience pathways."""

from __future__ import annotations

from builder.models import Page
from builder.models.addresses import audience_path, page_path
from builder.render.context import Context
from builder.render.output import Output


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
        meta["hide"] = ["navigation", "toc"]
    pathways = [(a, audience_path(a.id)) for a in ctx.site.audiences] if page.id == "home" else []
    return ctx.page(
        path,
        "page.md.j2",
        page.origin.path,
        meta,
        page=page,
        body=ctx.resolve(page.body, path).strip(),
        pathways=pathways,
        sources=[ctx.reference(key) for key in page.sources],
        updated=page.updated,
    )
