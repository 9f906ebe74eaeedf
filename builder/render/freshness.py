"""Keeping learning fresh: Stay up to date, What's new, the change log, and Review due (for
editors)."""

from __future__ import annotations

from builder.render.context import Context
from builder.render.feeds import feed_paths
from builder.render.output import Output

WHATS_NEW_LIMIT = 20  # newest items on the What's new page; the change log has them all
PER_DATE_LIMIT = 100  # change log entries shown per date, so its page stays small at scale
REVIEW_LIMIT = 200  # Review due: every overdue item, then the next ones due, up to this many


def render(ctx: Context) -> list[Output]:
    entries = [e for e in ctx.derived.entries if e.updated]
    newest = sorted(entries, key=lambda e: (e.updated, e.title), reverse=True)
    due = sorted((e for e in entries if e.review_due), key=lambda e: (e.review_due, e.title))
    overdue = [e for e in due if e.review_due and e.review_due < ctx.today]
    upcoming = [e for e in due if e.review_due and e.review_due >= ctx.today]
    due = overdue + upcoming[: max(0, REVIEW_LIMIT - len(overdue))]
    themes = [(t, feed_paths(f"themes/{t.id}")) for t in ctx.site.themes]
    return [
        ctx.page(
            "stay-up-to-date.md",
            "stay_up_to_date.md.j2",
            "content/newsletters/",
            {
                "title": "Stay up to date",
                "description": "Newsletters, feeds and the change log: ways to hear what is new.",
                "tags": ["newsletters"],
            },
            updates=feed_paths("updates"),
            newsletters=feed_paths("newsletters"),
            has_newsletters=bool(ctx.site.newsletters),
            themes=themes,
        ),
        ctx.page(
            "whats-new.md",
            "whats_new.md.j2",
            "content/",
            {
                "title": "What's new",
                "description": "The newest and most recently updated items.",
                "tags": ["newsletters"],
            },
            entries=newest[:WHATS_NEW_LIMIT],
        ),
        ctx.page(
            "changelog.md",
            "changelog.md.j2",
            "content/",
            {
                "title": "Change log",
                "description": "Every dated change to the site's content, newest first.",
            },
            changes=[
                (day, items[:PER_DATE_LIMIT], max(0, len(items) - PER_DATE_LIMIT))
                for day, items in ctx.derived.updates.changes
            ],
        ),
        ctx.page(
            "review-due.md",
            "review_due.md.j2",
            "content/",
            {
                "title": "Review due",
                "description": "For editors: when each item is next due for review.",
            },
            due=due,
            today=ctx.today,
        ),
    ]
