"""Search filters: the values each page carries for Pagefind (audience, type of content, theme,
year), so readers can narrow their results. Pure functions of the site; no rendering."""

from __future__ import annotations

from builder.derive.index import Entry
from builder.models import Site
from builder.models.addresses import statement_ref_path, theme_path

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
UNFILTERED = (
    "tags/",
    "search.md",
    "review-due.md",
    "review-due/",  # its later pages
    "changelog.md",
    "whats-new.md",
)


# Pages kept out of the search index altogether (front matter search_exclude, which
# overrides/main.html reads): lists about the site's upkeep and topic lists, which would
# otherwise crowd out the pages they point to.
UNINDEXED = ("tags/", "search.md", "review-due.md", "review-due/", "changelog.md", "changelog/")


def unindexed(path: str) -> bool:
    return path.startswith(UNINDEXED)


def filter_values(
    site: Site,
    entries_by_path: dict[str, Entry],
    themes_by_path: dict[str, tuple[str, ...]],
    path: str,
) -> list[tuple[str, str]]:
    """A page's filter values: audience, type of content, theme and year."""
    if path.startswith(UNFILTERED) or path == "index.md":
        return []
    entry = entries_by_path.get(path)
    names: dict[str, str] = {a.id: a.name for a in site.audiences}
    values: list[tuple[str, str]] = []
    if entry is not None:
        values += [("audience", names[a]) for a in entry.audiences]
        values.append(("type", entry.kind))
        if entry.updated:
            values.append(("year", str(entry.updated.year)))
    else:
        kind = next((t for prefix, t in TYPES if path.startswith(prefix)), "Page")
        values.append(("type", "Delphi statement" if _statement(path) else kind))
    values += [("theme", title) for title in themes_by_path.get(path, ())]
    return values


def _statement(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 3 and parts[0] == "delphi" and parts[2].removesuffix(".md").isdigit()


def themes_by_path(site: Site) -> dict[str, tuple[str, ...]]:
    """Each page's related theme titles, computed once for the whole site."""
    titles = {t.id: t.title for t in site.themes}
    found: dict[str, set[str]] = {}
    for theme in site.themes:
        found.setdefault(theme_path(theme.id), set()).add(theme.id)
        for ref in theme.delphi:
            found.setdefault(statement_ref_path(ref), set()).add(theme.id)
    for sheet in site.factsheets:
        if sheet.theme:
            found.setdefault(f"factsheets/{sheet.id}.md", set()).add(sheet.theme)
    for pack in site.training:
        found.setdefault(f"training/{pack.id}.md", set()).add(pack.theme)
    return {
        path: tuple(sorted(titles[t] for t in ids if t in titles)) for path, ids in found.items()
    }
