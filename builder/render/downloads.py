"""The Downloads page: every practice briefing, fact sheet and training pack once, in one table
that readers filter by audience, theme and format, with each file's format and size; then the
open data. Split into pages when there are many."""

from __future__ import annotations

from typing import Any

from builder.models.addresses import GENERATED, TITLES, briefing_path, theme_path
from builder.render.context import Context
from builder.render.factsheets import factsheet_path
from builder.render.output import Output
from builder.render.paging import page_title, paginate
from builder.render.training import pack_path

HERE = GENERATED["downloads"]
# Rows (one fact sheet or training pack each) on a page of Downloads. Rows carry two or three
# download links each; this many stays under 60 KB of HTML.
PER_PAGE = 50
DATA = (
    "delphi.csv",
    "delphi.json",
    "delphi-published-differences.csv",
    "analyses.csv",
    "timeliness.csv",
    "ofsted-judgements.csv",
    "register.csv",
)


def data_files(ctx: Context) -> list[str]:
    """Every open data file the site publishes (builder/render/delphi.py and observatory.py
    write them): the fixed ones, then the observatory's counts and each national series. An
    empty register or count publishes nothing worth a download."""
    obs = ctx.derived.observatory
    names = [name for name in DATA if name != "register.csv" or not obs.register.empty]
    names += [f"scrs-{name}.csv" for name, frame in obs.counts.items() if not frame.empty]
    names += [f"{series_id}.csv" for series_id in obs.series]
    return names


def rows(ctx: Context) -> list[dict[str, Any]]:
    """Every practice briefing, fact sheet and training pack once, in one table: what it is, its
    theme, who it is for and its files. Readers filter the table by audience, theme and format.
    Briefings come first: they are for everyone who works with children."""
    site = ctx.site
    themes = {t.id: t for t in site.themes}
    names = {a.id: a.name for a in site.audiences}

    def row(kind: str, item: Any, paths: list[str]) -> dict[str, Any]:
        theme_id = getattr(item, "theme", None)  # briefings have no theme of their own
        theme = themes.get(theme_id) if theme_id else None
        # What the theme filter matches: the item's theme, or a briefing's related themes (so
        # choosing a theme keeps the briefings that draw on it, rather than hiding them all).
        related = getattr(getattr(item, "related", None), "themes", [])
        files = ctx.download_links(HERE, paths)
        return {
            "kind": kind,
            "title": item.title,
            "theme": theme,
            "theme_ids": [theme.id] if theme else [t for t in related if t in themes],
            "theme_path": theme_path(theme.id) if theme else None,
            "audiences": [a for a in names if a in item.audiences],
            "audience_names": [names[a] for a in names if a in item.audiences],
            "files": files,
            "formats": sorted({f["label"] for f in files}),
        }

    out = [
        row("Practice briefing", b, [briefing_path(b.id, "pdf"), briefing_path(b.id, "docx")])
        for b in site.briefings
    ]
    out += [
        row("Fact sheet", s, [factsheet_path(s.id, "pdf"), factsheet_path(s.id, "docx")])
        for s in site.factsheets
    ]
    out += [
        row(
            "Training pack", p, [pack_path(p.id, ext) for ext in (".zip", ".pptx", "-handout.docx")]
        )
        for p in site.training
    ]
    return out


def render(ctx: Context) -> list[Output]:
    site = ctx.site
    if not site.factsheets and not site.training and not site.briefings:
        return []
    every = rows(ctx)
    filters = {
        "audience": [(a.id, a.name) for a in site.audiences],
        "theme": [
            (t.id, t.title) for t in site.themes if any(t.id in r["theme_ids"] for r in every)
        ],
        "format": [(f, f) for f in sorted({f for r in every for f in r["formats"]})],
    }
    meta: dict[str, Any] = {
        "title": TITLES["downloads"],
        "description": "Practice briefings, fact sheets, training packs and data files, "
        "by audience, theme and format.",
        "tags": ["factsheets", "training", "data"],
    }
    out = []
    for page in paginate(every, HERE, PER_PAGE):
        out.append(
            ctx.page(
                page.path,
                "downloads.md.j2",
                "content/briefings/, content/factsheets/, content/training/",
                {**meta, "title": page_title(meta["title"], page)},
                page=page,
                filters=filters,
                data=[(name, f"data/{name}") for name in data_files(ctx)],
            )
        )
    return out
