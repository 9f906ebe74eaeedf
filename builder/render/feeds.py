"""Atom and RSS feeds (feedgen): newsletters, every new or updated item, and one per theme,
with dates from content and absolute links, so a feed reader gets exactly what changed."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from builder.derive.index import Entry
from builder.render.context import Context
from builder.render.output import Output

FEEDS = "content/ (dates of every item)"


def feed_paths(name: str) -> tuple[str, str]:
    return f"feeds/{name}.atom.xml", f"feeds/{name}.rss.xml"


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _feed(ctx: Context, name: str, title: str, subtitle: str, entries: list[Entry]) -> list[Output]:
    atom_path, rss_path = feed_paths(name)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(ctx.config.url + atom_path)
    fg.title(f"{ctx.config.name}: {title}")
    fg.subtitle(subtitle)
    fg.language("en-GB")
    fg.author({"name": ctx.config.name})
    fg.link(href=ctx.config.url, rel="alternate")
    fg.link(href=ctx.config.url + atom_path, rel="self")
    dated = sorted((e for e in entries if e.updated), key=lambda e: (e.updated, e.path))
    newest = max((e.updated for e in dated if e.updated), default=ctx.derived.updated)
    fg.updated(_stamp(newest))
    fg.lastBuildDate(_stamp(newest))
    for entry in dated:
        assert entry.updated is not None
        url = ctx.config.page_url(entry.path)
        item = fg.add_entry(order="append")
        item.id(url)
        item.guid(url, permalink=True)
        item.title(entry.title)
        item.link(href=url)
        item.summary(entry.summary)
        item.description(entry.summary)
        item.updated(_stamp(entry.updated))
        item.published(_stamp(entry.updated))
        item.category({"term": entry.kind})
    return [
        Output(atom_path, fg.atom_str(pretty=True).decode() + "\n", FEEDS),
        Output(rss_path, fg.rss_str(pretty=True).decode() + "\n", FEEDS),
    ]


def render(ctx: Context) -> list[Output]:
    entries = list(ctx.derived.entries)
    out = _feed(
        ctx,
        "updates",
        "new and updated",
        "Every new or updated item on the site.",
        [e for e in entries if e.kind != "Overview"],
    )
    if ctx.site.newsletters:
        out += _feed(
            ctx,
            "newsletters",
            "newsletters",
            "Each newsletter as it is published.",
            [e for e in entries if e.kind == "Newsletter"],
        )
    by_path = {e.path: e for e in entries}
    # Each theme's fact sheets, training packs and newsletters, found in one pass over each.
    by_theme: dict[str, list[Entry]] = {t.id: [] for t in ctx.site.themes}
    for sheet in ctx.site.factsheets:
        if sheet.theme in by_theme and f"factsheets/{sheet.id}.md" in by_path:
            by_theme[sheet.theme].append(by_path[f"factsheets/{sheet.id}.md"])
    for pack in ctx.site.training:
        if pack.theme in by_theme and f"training/{pack.id}.md" in by_path:
            by_theme[pack.theme].append(by_path[f"training/{pack.id}.md"])
    for theme in ctx.site.themes:
        related = [by_path[f"themes/{theme.id}.md"], *by_theme[theme.id]]
        related += [
            by_path[f"newsletters/{n.id}/index.md"]
            for n in ctx.site.newsletters
            if f"theme-{theme.id}" in n.featured
        ]
        out += _feed(
            ctx,
            f"themes/{theme.id}",
            theme.title,
            f"Updates on the theme '{theme.title}'.",
            related,
        )
    return out
