"""Keeping learning fresh: Stay up to date, What's new, the change log, and Review due (for
editors)."""

from __future__ import annotations

from typing import Any

from builder.models.addresses import GENERATED, TITLES, theme_feeds_path, theme_path
from builder.render.context import Context
from builder.render.feeds import feed_paths
from builder.render.output import Output
from builder.render.paging import RELATED_LIMIT, newest, render_pages

WHATS_NEW_LIMIT = 20  # newest items on the What's new page; the change log has them all
PER_DATE_LIMIT = 100  # change log entries shown per date, so its page stays small at scale
# Review due: every overdue item, then the next ones due up to this many, in pages.
REVIEW_LIMIT = 200
REVIEW_DUE_PER_PAGE = 100  # short rows: a page of 100 stays far under 60 KB
# Editors' pages are linked from here (and from the README and About's footer), not the menus.
EDITORS = "for-editors.md"


def render(ctx: Context) -> list[Output]:
    entries = [e for e in ctx.derived.entries if e.updated]
    recent = sorted(entries, key=lambda e: (e.updated, e.title), reverse=True)
    due = sorted((e for e in entries if e.review_due), key=lambda e: (e.review_due, e.title))
    overdue = [e for e in due if e.review_due and e.review_due < ctx.today]
    upcoming = [e for e in due if e.review_due and e.review_due >= ctx.today]
    due = overdue + upcoming[: max(0, REVIEW_LIMIT - len(overdue))]
    themes = [(t, feed_paths(f"themes/{t.id}")) for t in ctx.site.themes]
    shown, more = newest(themes, RELATED_LIMIT, key=lambda tf: (tf[0].updated, tf[0].title))
    return [
        ctx.page(
            "stay-up-to-date.md",
            "stay_up_to_date.md.j2",
            "content/newsletters/",
            {
                "title": TITLES["stay-up-to-date"],
                "description": "Newsletters, feeds and the change log: ways to hear what is new.",
                "tags": ["newsletters"],
            },
            updates=feed_paths("updates"),
            newsletters=feed_paths("newsletters"),
            has_newsletters=bool(ctx.site.newsletters),
            themes=shown,
            more=more,
            all_feeds=theme_feeds_path(),
        ),
        *(_theme_feeds(ctx, themes) if more else []),
        ctx.page(
            "whats-new.md",
            "whats_new.md.j2",
            "content/",
            {
                "title": TITLES["whats-new"],
                "description": "The newest and most recently updated items.",
                "tags": ["newsletters"],
            },
            entries=recent[:WHATS_NEW_LIMIT],
        ),
        ctx.page(
            "changelog.md",
            "changelog.md.j2",
            "content/",
            {
                "title": TITLES["changelog"],
                "description": "Every dated change to the site's content, newest first.",
                "search_exclude": True,
            },
            changes=[
                (day, items[:PER_DATE_LIMIT], max(0, len(items) - PER_DATE_LIMIT))
                for day, items in ctx.derived.updates.changes
            ],
        ),
        *render_pages(
            ctx,
            GENERATED["review-due"],
            "review_due.md.j2",
            "content/",
            {
                "title": TITLES["review-due"],
                "description": "For editors: when each item is next due for review.",
                "search_exclude": True,
            },
            due,
            per_page=REVIEW_DUE_PER_PAGE,
            noun="items",
            today=ctx.today,
        ),
        ctx.page(
            EDITORS,
            "for_editors.md.j2",
            "CONTRIBUTING.md",
            {
                "title": "For editors",
                "description": "For the site's editors: what is due for review, what changed.",
                "search_exclude": True,
            },
            review_due=GENERATED["review-due"],
            changelog="changelog.md",
            register=GENERATED["register"],
            contributing=f"{ctx.config.repository.rstrip('/')}/blob/{ctx.config.branch}/CONTRIBUTING.md",
        ),
    ]


def _theme_feeds(ctx: Context, themes: list[tuple[Any, tuple[str, str]]]) -> list[Output]:
    """Every theme's feed, when Stay up to date lists only the newest themes'."""
    return render_pages(
        ctx,
        theme_feeds_path(),
        "theme_feeds.md.j2",
        "content/themes/",
        {
            "title": "Theme feeds",
            "description": "A feed for every theme: follow the ones you work on.",
            "tags": ["newsletters"],
        },
        [(t, theme_path(t.id), paths) for t, paths in themes],
        noun="themes",
    )
