"""The Downloads page: every generated file, by audience and by theme, with format and size;
split into pages when there are many."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from builder.models.addresses import GENERATED, briefing_path, theme_path
from builder.render.context import Context
from builder.render.factsheets import factsheet_path
from builder.render.output import Output
from builder.render.paging import Page, page_title, paginate
from builder.render.training import pack_path

HERE = GENERATED["downloads"]
# Rows (one fact sheet or pack under one heading, or one theme) on a page of Downloads. Rows
# carry two or three download links each; this many stays under 60 KB of HTML and keeps the
# real site's downloads (about 95 rows) on one page.
PER_PAGE = 100
DATA = (
    "delphi.csv",
    "delphi.json",
    "delphi-published-differences.csv",
    "analyses.csv",
    "timeliness.csv",
    "ofsted-judgements.csv",
    "register.csv",
)

# One row: (section, group, what the template shows). Sections: "briefings" (each practice
# briefing's fact sheet, once), "audience" (By audience, grouped
# by audience), "theme" (By theme) and "other" (fact sheets of no theme: the Delphi results).
Row = tuple[str, Any, tuple[Any, ...]]


def rows(ctx: Context) -> list[Row]:
    """Every row of the Downloads page in order; a theme is listed if it has something to
    download."""
    site = ctx.site

    def links(paths: list[str]) -> list[dict[str, str]]:
        return ctx.download_links(HERE, paths)

    sheets = [
        (s, links([factsheet_path(s.id, "pdf"), factsheet_path(s.id, "docx")]))
        for s in site.factsheets
    ]
    packs = [
        (p, links([pack_path(p.id, ext) for ext in (".zip", ".pptx", "-handout.docx")]))
        for p in site.training
    ]
    briefings = [
        (b, links([briefing_path(b.id, "pdf"), briefing_path(b.id, "docx")]))
        for b in site.briefings
    ]

    def target(briefing: Any) -> str:
        return briefing_path(briefing.id)

    # Briefings once each, first: they are for everyone who works with children.
    out: list[Row] = [("briefings", None, (b, target(b), d)) for b, d in briefings]
    for audience in site.audiences:
        out += [
            ("audience", audience, ("Fact sheet", s, d))
            for s, d in sheets
            if audience.id in s.audiences
        ]
        out += [
            ("audience", audience, ("Training pack", p, d))
            for p, d in packs
            if audience.id in p.audiences
        ]
    for theme in site.themes:
        theirs = [(s, d) for s, d in sheets if s.theme == theme.id]
        their_packs = [(p, d) for p, d in packs if p.theme == theme.id]
        if theirs or their_packs:
            out.append(("theme", None, (theme, theme_path(theme.id), theirs, their_packs)))
    out += [("other", None, (s, d)) for s, d in sheets if not s.theme]
    return out


def sections(page: Page[Row], before: Row | None) -> list[dict[str, Any]]:
    """A page's rows under their headings; a heading whose rows began on an earlier page is
    marked as continued."""
    out: list[dict[str, Any]] = []
    for name, in_section in groupby(page.items, key=lambda r: r[0]):
        section_rows = list(in_section)
        groups = [
            {
                "audience": group,
                "continued": before is not None and before[:2] == (name, group) and not i,
                "rows": [r[2] for r in group_rows],
            }
            for i, (group, group_rows) in enumerate(
                (g, list(rs)) for g, rs in groupby(section_rows, key=lambda r: r[1])
            )
        ]
        out.append(
            {
                "name": name,
                "continued": before is not None and before[0] == name and not out,
                "groups": groups,
                "rows": [r[2] for r in section_rows],
            }
        )
    return out


def render(ctx: Context) -> list[Output]:
    site = ctx.site
    if not site.factsheets and not site.training and not site.briefings:
        return []
    every = rows(ctx)
    meta: dict[str, Any] = {
        "title": "Downloads",
        "description": "Every practice briefing, fact sheet, training pack and data file, "
        "by audience and theme.",
        "tags": ["factsheets", "training", "data"],
    }
    out = []
    for page in paginate(every, HERE, PER_PAGE):
        start = (page.number - 1) * PER_PAGE
        out.append(
            ctx.page(
                page.path,
                "downloads.md.j2",
                "content/briefings/, content/factsheets/, content/training/",
                {**meta, "title": page_title(meta["title"], page)},
                page=page,
                sections=sections(page, every[start - 1] if start else None),
                data=[(name, f"data/{name}") for name in DATA],
            )
        )
    return out
