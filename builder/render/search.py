"""Search: the Pagefind search page, and the filter values each page carries (audience, type
of content, theme, year) so readers can narrow their results."""

from __future__ import annotations

from builder.addresses import statement_ref_path, theme_path
from builder.render.context import Context
from builder.render.output import Output

BUNDLE = "pagefind/"  # where the builder's Pagefind step writes the index (site root)
# Content types for generated pages that are not in the site index, by address prefix.
TYPES = (
    ("delphi/", "Delphi results"),
    ("glossary", "Reference"),
    ("references", "Reference"),
    ("observatory/", "Data"),
    ("data/", "Data"),
    ("findings/", "Findings"),
    ("recommendations/", "Recommendations"),
    ("newsletters/", "Newsletter"),
)
UNFILTERED = ("tags/", "search.md", "review-due.md", "changelog.md", "whats-new.md")


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
            },
            bundle=ctx.url_of(BUNDLE, "search.md"),
        )
    ]


def filter_values(ctx: Context, path: str) -> list[tuple[str, str]]:
    if path.startswith(UNFILTERED) or path == "index.md":
        return []
    entry = next((e for e in ctx.derived.entries if e.path == path), None)
    names: dict[str, str] = {a.id: a.name for a in ctx.site.audiences}
    values: list[tuple[str, str]] = []
    if entry is not None:
        values += [("audience", names[a]) for a in entry.audiences]
        values.append(("type", entry.kind))
        if entry.updated:
            values.append(("year", str(entry.updated.year)))
    else:
        kind = next((t for prefix, t in TYPES if path.startswith(prefix)), "Page")
        values.append(("type", "Delphi statement" if _statement(path) else kind))
    values += [("theme", title) for title in _themes(ctx, path)]
    return values


def _statement(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 3 and parts[0] == "delphi" and parts[2].removesuffix(".md").isdigit()


def _themes(ctx: Context, path: str) -> list[str]:
    site = ctx.site
    titles = {t.id: t.title for t in site.themes}
    found = [t.id for t in site.themes if theme_path(t.id) == path]
    found += [f.theme for f in site.factsheets if f.theme and f"factsheets/{f.id}.md" == path]
    found += [p.theme for p in site.training if f"training/{p.id}.md" == path]
    if _statement(path):
        for theme in site.themes:
            if any(statement_ref_path(ref) == path for ref in theme.delphi):
                found.append(theme.id)
    return sorted({titles[t] for t in found if t in titles})
