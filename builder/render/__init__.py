"""Render stage: the Site and what was derived from it, as files held in memory."""

from __future__ import annotations

import datetime as dt

from builder.config import SiteConfig
from builder.derive import Derived
from builder.formats.cache import DocumentCache
from builder.models import Site
from builder.render import (
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
    """Every output. Documents are pure functions of their jobs, so render first runs as a
    declaration: each missing document is queued for the worker pool and a placeholder stands
    in; passes repeat (a chart's PNG needs its SVG, a Word file the PNG) until one needs nothing
    new. That pass used cached bytes only, so its outputs are those of a serial build."""
    if cache is None or cache.workers < 2:
        return render_once(site, derived, config, cache, today)
    try:
        first = True
        while True:
            cache.declare()
            try:
                outputs = render_once(site, derived, config, cache, today)
                failure: Exception | None = None
            except Exception as exc:  # perhaps a placeholder's doing: known after the pass
                failure = exc
            placeholders, queued = cache.declared()
            if not placeholders:
                if failure is not None:
                    raise failure
                return outputs
            if not queued or not cache.make_declared(first):
                # Nothing more can be declared (or too little to be worth a pool): one pass
                # that makes whatever it still misses, as a serial build would.
                cache.serial()
                return render_once(site, derived, config, cache, today)
            first = False
    finally:
        cache.close()


def render_once(
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
    outputs += evidence.render(ctx)
    outputs += recommendations.render(ctx)
    outputs += observatory.render(ctx)
    if site.delphi is not None and derived.delphi is not None:
        outputs += delphi.render(ctx, site.delphi, derived.delphi)
    return outputs
