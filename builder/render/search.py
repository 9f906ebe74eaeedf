"""Search: the Pagefind search page, and the filter values each page carries (audience, type
of content, theme, year) so readers can narrow their results."""

from __future__ import annotations

from builder.render.context import Context
from builder.render.output import Output

BUNDLE = "pagefind/"  # where the builder's Pagefind step writes the index (site root)


def render(ctx: Context) -> list[Output]:
    return [
        ctx.page(
            "search.md",
            "search.md.j2",
            "builder/templates/search.md.j2",
            {
                "title": "Search",
                "description": "Search the whole site.",
                "search": {"exclude": True},
                "hide": ["toc"],
                "pagefind_ui": True,  # overrides/main.html loads Pagefind's UI in <head>
            },
            bundle=ctx.url_of(BUNDLE, "search.md"),
        )
    ]
