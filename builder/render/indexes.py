"""Index pages computed from the content: audience pathways and tags."""

from __future__ import annotations

import datetime as dt
from typing import Any

from builder.derive.index import Entry
from builder.models.addresses import TITLES, audience_path, briefing_path, tag_path
from builder.render.context import Context
from builder.render.output import Output
from builder.render.paging import newest

AUDIENCES_SOURCE = "content/audiences.yaml"
# An index page lists at most this many items (the most recently updated), so pages stay small
# as the site grows; search finds the rest.
LISTING_LIMIT = 100


def listing(items: tuple[Entry, ...]) -> dict[str, Any]:
    entries, more = newest(items, LISTING_LIMIT, key=lambda e: (e.updated or dt.date.min, e.title))
    return {"entries": entries, "more": more}


# The pathway that opens with the practice briefings, in their 'start here' order.
START_HERE_AUDIENCE = "practitioners"


def start_here(ctx: Context, audience: str) -> list[tuple[str, str, str]]:
    """(title, summary, docs path) of the briefings that open this audience's pathway."""
    if audience != START_HERE_AUDIENCE:
        return []
    return [
        (b.title, b.summary, briefing_path(b.id))
        for b in ctx.site.briefings  # already in start_here order
        if b.start_here is not None
    ]


def render(ctx: Context) -> list[Output]:
    out = [
        ctx.page(
            "audiences/index.md",
            "audiences.md.j2",
            AUDIENCES_SOURCE,
            {"title": TITLES["audiences"], "description": "Where to start, by role."},
            audiences=[(a, audience_path(a.id)) for a in ctx.site.audiences],
        )
    ]
    for audience in ctx.site.audiences:
        path = audience_path(audience.id)
        out.append(
            ctx.page(
                path,
                "audience.md.j2",
                audience.origin.path,
                {
                    "title": audience.name,
                    "description": audience.summary,
                    "edit_url": ctx.config.edit_url(audience.origin.path),
                },
                audience=audience,
                intro=ctx.resolve(audience.intro, path).strip(),
                start_here=start_here(ctx, audience.id),
                **listing(ctx.derived.by_audience[audience.id]),
            )
        )
    tags = ctx.derived.by_tag
    out.append(
        ctx.page(
            "tags/index.md",
            "tags.md.j2",
            "content/ (tags in every file)",
            {
                "title": TITLES["tags"],
                "description": "Everything on the site, by topic.",
                "search_exclude": True,
            },
            tags=[(tag, tag_path(tag), len(items)) for tag, items in tags.items()],
        )
    )
    for tag, items in tags.items():
        out.append(
            ctx.page(
                tag_path(tag),
                "tag.md.j2",
                "content/ (tags in every file)",
                {
                    "title": f"Topic: {tag.replace('-', ' ')}",
                    "description": f"Everything tagged '{tag.replace('-', ' ')}'.",
                    "search_exclude": True,  # lists, not learning: out of search results
                },
                tag=tag,
                **listing(items),
            )
        )
    return out
