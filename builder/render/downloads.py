"""The Downloads page: every generated file, by audience and by theme, with format and size."""

from __future__ import annotations

from builder.addresses import theme_path
from builder.render.context import Context
from builder.render.factsheets import factsheet_path
from builder.render.output import Output
from builder.render.training import pack_path

HERE = "downloads.md"


def render(ctx: Context) -> list[Output]:
    site = ctx.site
    if not site.factsheets and not site.training:
        return []
    sheets = [
        (s, ctx.download_links(HERE, [factsheet_path(s.id, "pdf"), factsheet_path(s.id, "docx")]))
        for s in site.factsheets
    ]
    packs = [
        (
            p,
            ctx.download_links(
                HERE,
                [
                    pack_path(p.id, ".zip"),
                    pack_path(p.id, ".pptx"),
                    pack_path(p.id, "-handout.docx"),
                ],
            ),
        )
        for p in site.training
    ]
    by_audience = []
    for audience in site.audiences:
        by_audience.append(
            (
                audience,
                [(s, links) for s, links in sheets if audience.id in s.audiences],
                [(p, links) for p, links in packs if audience.id in p.audiences],
            )
        )
    by_theme = []
    for theme in site.themes:
        by_theme.append(
            (
                theme,
                theme_path(theme.id),
                [(s, links) for s, links in sheets if s.theme == theme.id],
                [(p, links) for p, links in packs if p.theme == theme.id],
            )
        )
    data = [
        (name, f"data/{name}")
        for name in (
            "delphi.csv",
            "delphi.json",
            "delphi-published-differences.csv",
            "analyses.csv",
            "timeliness.csv",
            "ofsted-judgements.csv",
            "register.csv",
        )
    ]
    return [
        ctx.page(
            HERE,
            "downloads.md.j2",
            "content/factsheets/, content/training/",
            {
                "title": "Downloads",
                "description": "Every fact sheet, training pack and data file, "
                "by audience and theme.",
                "tags": ["factsheets", "training", "data"],
            },
            by_audience=by_audience,
            by_theme=by_theme,
            other=[(s, links) for s, links in sheets if not s.theme],
            data=data,
            factsheet_path=factsheet_path,
            pack_path=pack_path,
        )
    ]
