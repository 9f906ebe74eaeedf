"""Render stage: the Site and what was derived from it, as files held in memory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2

from builder.config import SiteConfig
from builder.derive import Derived
from builder.formats.cache import DocumentCache
from builder.models import Site
from builder.render import (
    briefings,
    context,
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
    """Every output. Documents are pure functions of their jobs, so a pass that misses one
    queues it for the worker pool and puts a placeholder in its place, and the pool makes what
    was queued; then a full pass, which finds every document in the cache (or queues what it
    still misses, and the pool makes that): its outputs are those of a serial build, byte for
    byte. A job that takes another's output (a Word file showing a chart's PNG) is queued at
    once, with that output as a `Made` argument, so one round of the pool makes a whole chain.
    With a warm cache the first, full pass is the only one; from an empty cache the first pass
    is a sketch, which only asks for documents and leaves pages empty. A first pass that misses
    only a few documents starts no pool: one more pass makes them here."""
    _keep_compiled(cache.folder / "templates" if cache and cache.folder else None)
    if cache is None or cache.workers < 2:
        return render_once(site, derived, config, cache, today)
    try:
        # From an empty cache, a full first pass would only be thrown away: sketch instead.
        first, sketch = True, cache.empty()
        while True:
            cache.declare()
            try:
                outputs = render_once(site, derived, config, cache, today, sketch)
                failure: Exception | None = None
            except Exception as exc:  # perhaps a placeholder's doing: known after the pass
                failure = exc
            placeholders, queued = cache.declared(sketch)
            if not placeholders:
                if sketch:  # everything the sketch asks for is there: now the real pass
                    sketch = False
                    continue
                if failure is not None:
                    raise failure
                return outputs
            if not queued or not cache.make_declared(first):
                # Nothing more can be declared (or too little to be worth a pool): one pass
                # that makes whatever it still misses, as a serial build would.
                cache.serial()
                return render_once(site, derived, config, cache, today)
            first, sketch = False, False
    finally:
        cache.close()


def _keep_compiled(folder: Path | None) -> None:
    """The builder's templates compiled once and kept in `folder` between builds (Jinja's own
    bytecode cache, checked against each template's source): compiling all 53 again was a
    sixth of a warm build's render stage. One folder per environment, as each compiles the
    same template differently."""
    for name, env in (("pages", context.TEMPLATES), ("email", newsletters.EMAIL)):
        env.bytecode_cache = None
        if folder is not None:
            (folder / name).mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder / name))


class Sketch(Context):
    """A render pass that only asks for documents: its pages are left empty."""

    def page(
        self, path: str, template: str, source: str, meta: dict[str, Any], **values: Any
    ) -> Output:
        return Output(path, "", source)


def render_once(
    site: Site,
    derived: Derived,
    config: SiteConfig,
    cache: DocumentCache | None = None,
    today: dt.date | None = None,
    sketch: bool = False,
) -> list[Output]:
    ctx = (Sketch if sketch else Context)(site, derived, config, cache, today)
    # Documents first: pages show each download's format and size.
    sheet_files = factsheets.documents(ctx)
    ctx.files = {**sheet_files, **training.documents(ctx, sheet_files)}
    if sketch:  # only what asks for documents and charts: its outputs are thrown away
        newsletters.render(ctx)
        observatory.render(ctx)
        if site.delphi is not None and derived.delphi is not None:
            delphi.render(ctx, site.delphi, derived.delphi)
        return []
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
    return reference.with_abbreviations(ctx, outputs)
