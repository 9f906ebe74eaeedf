"""Render stage: the Site and what was derived from it, as files held in memory."""

from __future__ import annotations

import datetime as dt
import functools
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from builder.config import SiteConfig
from builder.derive import Derived
from builder.derive.delphi import DelphiResults
from builder.formats.cache import DocumentCache, portable
from builder.models import Delphi, Site
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
        kept = None if folder is None else str(folder / name)
        if kept != getattr(env.bytecode_cache, "directory", None) and env.cache is not None:
            # Templates this process already compiled would not reach a new folder.
            env.cache.clear()
        env.bytecode_cache = None
        if kept is not None:
            Path(kept).mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(kept)


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
        Output(path, data, f"content/{path.split('/')[0]}/", same_as=ctx.cache.stored(data))
        for path, data in sorted(ctx.files.items())
    ]
    steps: list[Step] = [
        factsheets.render,
        training.render,
        downloads.render,
        newsletters.render,
        feeds.render,
        freshness.render,
        search.render,
        pages.render,
        indexes.render,
        reference.render,
        themes.render,
        briefings.render,
        evidence.render,
        recommendations.render,
        observatory.render,
    ]
    if site.delphi is not None and derived.delphi is not None:
        steps.append(functools.partial(_delphi, site.delphi, derived.delphi))
    # Forking a process that has threads is safe on Linux, not on macOS, and Windows cannot.
    if cache is not None and cache.workers > 1 and cache.declaring() and sys.platform == "linux":
        return outputs + side_by_side(ctx, steps)
    return reference.with_abbreviations(ctx, outputs + [o for step in steps for o in step(ctx)])


Step = Callable[[Context], list[Output]]


def _delphi(study: Delphi, results: DelphiResults, ctx: Context) -> list[Output]:
    return delphi.render(ctx, study, results)


def _steps(ctx: Context, steps: list[Step]) -> list[list[Output]]:
    return [reference.with_abbreviations(ctx, step(ctx)) for step in steps]


def side_by_side(ctx: Context, steps: list[Step]) -> list[Output]:
    """The steps' outputs, in order, made by this process and a forked copy of it side by side
    (every other step each): a render pass is one core's work otherwise, and the last pass of
    a cold build has both cores to itself. Steps only read the content and the documents, so
    each process makes exactly what it would alone; the child hands back its outputs and
    whatever it asked of the cache (builder.formats.cache: DocumentCache.forked)."""
    # The child takes the even steps, on the sites measured the larger share: the parent also
    # reads what the child hands back.
    theirs, mine = steps[0::2], steps[1::2]
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child leaves by os._exit; its work is checked)
        try:
            os.close(reader)
            try:
                ctx.cache.forked()
                result: tuple[str, Any] = ("made", (_steps(ctx, theirs), ctx.cache.forked_asks()))
                payload = pickle.dumps(result)
            except BaseException as exc:  # handed to the parent, which raises it
                payload = pickle.dumps(("failed", portable(exc)))
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)  # never back into the parent's code, whatever happened
    os.close(writer)
    try:
        made_here = _steps(ctx, mine)
    finally:
        with os.fdopen(reader, "rb") as handed:
            kind, value = pickle.loads(handed.read())
        os.waitpid(child, 0)
    if kind == "failed":
        raise value
    made_there, asks = value
    ctx.cache.take_asks(asks)
    ordered: list[list[Output]] = [[] for _ in steps]
    ordered[0::2], ordered[1::2] = made_there, made_here
    return [o for outputs in ordered for o in outputs]
