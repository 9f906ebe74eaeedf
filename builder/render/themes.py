"""Thematic summaries: one page per theme, the themes index, and the suggested topics for
future thematic reviews."""

from __future__ import annotations

from builder.models import Theme
from builder.models.addresses import (
    GENERATED,
    TITLES,
    analysis_path,
    findings_path,
    statement_ref_path,
    theme_path,
)
from builder.render.context import Context
from builder.render.output import Output
from builder.render.paging import render_pages

THEMES = "content/themes/"


def render(ctx: Context) -> list[Output]:
    site = ctx.site
    if not site.themes:
        return []
    out = render_pages(
        ctx,
        GENERATED["themes"],
        "themes.md.j2",
        THEMES,
        {
            "title": TITLES["themes"],
            "description": "What case reviews teach, theme by theme.",
            "tags": ["themes"],
        },
        [(t, theme_path(t.id)) for t in site.themes],
        noun="themes",
        has_topics=site.thematic_topics is not None,
    )
    out += [_theme(ctx, theme) for theme in site.themes]
    if site.thematic_topics is not None:
        topics = site.thematic_topics
        out.append(
            ctx.page(
                GENERATED["future-thematic-reviews"],
                "future_topics.md.j2",
                topics.origin.path,
                {
                    "title": TITLES["future-thematic-reviews"],
                    "description": "The topics participants asked national analyses to take on.",
                    "tags": ["themes", "research"],
                    "edit_url": ctx.config.edit_url(topics.origin.path),
                },
                topics=topics,
                intro=ctx.resolve(topics.intro, GENERATED["future-thematic-reviews"]),
                sources=[ctx.site.report],
            )
        )
    return out


def _theme(ctx: Context, theme: Theme) -> Output:
    path = theme_path(theme.id)
    links = ctx.derived.links
    results = ctx.derived.delphi
    statements = []
    for ref in theme.delphi:
        result = results.by_ref(ref) if results else None
        statements.append((ref, statement_ref_path(ref), result))
    audiences: dict[str, str] = {a.id: a.name for a in ctx.site.audiences}
    analyses = {a.id: a for a in ctx.site.analyses}
    return ctx.page(
        path,
        "theme.md.j2",
        theme.origin.path,
        {
            "title": theme.title,
            "description": theme.summary,
            "tags": list(theme.tags),
            "edit_url": ctx.config.edit_url(theme.origin.path),
            "feed": f"feeds/themes/{theme.id}.atom.xml",
            "feed_title": f"{ctx.config.name}: {theme.title}",
        },
        theme=theme,
        body=ctx.resolve(theme.body, path).strip(),
        for_audiences=[(audiences[key], text) for key, text in theme.for_audiences.items()],
        statements=statements,
        findings=[
            (ref, findings_path(ref.chapter.section) + "#" + ref.finding.id)
            for ref in links.findings_by_theme.get(theme.id, ())
        ],
        analyses=[(analyses[a], analysis_path(a)) for a in theme.analyses],
        implications=links.implications_by_theme.get(theme.id, ()),
        sources=[ctx.reference(k) for k in theme.sources],
        updated=theme.updated,
    )
