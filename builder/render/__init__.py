"""Render stage: the Site and what was derived from it, as files held in memory."""

from __future__ import annotations

import datetime as dt

from builder.config import SiteConfig
from builder.derive import Derived
from builder.formats.cache import DocumentCache
from builder.models import Site
from builder.render import (
    briefings,
    delphi,
    downloads,
    evidence,
    factsheets,
    feeds,
    freshness,
    indexes,
    newsletters,
    observatory,
    pages,
    recommendations,
    reference,
    search,
    themes,
    training,
)
from builder.render.context import Context
from builder.render.output import Output


def render(
    site: Site,
    derived: Derived,
    config: SiteConfig,
    cache: DocumentCache | None = None,
    today: dt.date | None = None,
) -> list[Output]:
    ctx = Context(site, derived, config, cache, today)
    # Documents first: pages show each download's format and size.
    sheet_files = factsheets.documents(ctx)
    ctx.files = {**sheet_files, **training.documents(ctx, sheet_files)}
    # The documents themselves, written beside their pages (content/factsheets/ -> factsheets/).
    outputs: list[Output] = [
        Output(path, data, f"content/{path.split('/')[0]}/")
        for path, data in sorted(ctx.files.items())
    ]
    outputs += factsheets.render(ctx)
    outputs += training.render(ctx)
    outputs += downloads.render(ctx)
    outputs += newsletters.render(ctx)
    outputs += feeds.render(ctx)
    outputs += freshness.render(ctx)
    outputs += search.render(ctx)
    outputs += pages.render(ctx)
    outputs += indexes.render(ctx)
    outputs += reference.render(ctx)
    outputs += themes.render(ctx)
    outputs += briefings.render(ctx)
    outputs += evidence.render(ctx)
    outputs += recommendations.render(ctx)
    outputs += observatory.render(ctx)
    if site.delphi is not None and derived.delphi is not None:
        outputs += delphi.render(ctx, site.delphi, derived.delphi)
    return outputs
