"""Documents made in a pool of worker processes: the same bytes as a serial build, and every
failing document still reported at once."""

from __future__ import annotations

import gc
import multiprocessing.forkserver
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from builder import pipeline
from builder.collection import THRESHOLDS, fewer_collections
from builder.config import read_config
from builder.formats import chartfiles
from builder.formats.cache import DocumentCache, Job
from builder.paths import Paths
from builder.problems import ContentError
from builder.render import render, side_by_side
from builder.render.output import Output
from tests.conftest import TODAY


def test_a_parallel_render_is_byte_for_byte_a_serial_one(real: Paths) -> None:
    checked = pipeline.check(real, TODAY)
    config = read_config(real.mkdocs_yml)
    serial_cache = DocumentCache(None, workers=1)
    serial = render(checked.site, checked.derived, config, serial_cache, TODAY)
    pooled = DocumentCache(None, workers=2)
    parallel = render(checked.site, checked.derived, config, pooled, TODAY)
    # The pool made every document (charts, PNGs, PDFs, Word files, slides) in one round,
    # chains included (a Word file shows a PNG made from a chart's SVG): from an empty cache,
    # one sketch, then the full pass.
    assert pooled.made_in_pool == pooled.misses == serial_cache.misses > 20
    assert pooled.passes == 2
    assert [o.path for o in parallel] == [o.path for o in serial]
    for one, other in zip(serial, parallel, strict=True):
        assert one == other, one.path
    assert not any(
        b"pending-document-" in o.content.encode()
        if isinstance(o.content, str)
        else b"pending-document-" in o.content
        for o in parallel
    )


def test_every_failing_document_is_reported_from_the_pool(
    real: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRL_WORKERS", "2")
    names = ("learning-without-blame.yaml", "delphi-local.yaml")
    for name in names:
        sheet = real.content / "factsheets" / name
        data = yaml.safe_load(sheet.read_text())
        data["practice"] = "\n\n".join([data["practice"]] * 12)
        sheet.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(ContentError) as caught:
        pipeline.generate(real, TODAY)
    reported = sorted(p.path for p in caught.value.problems)
    assert reported == sorted(f"content/factsheets/{name}" for name in names)
    assert all("a fact sheet must fit on 2" in p.message for p in caught.value.problems)
    assert not real.docs.exists()


def test_a_handful_of_missing_documents_starts_no_pool(real: Paths) -> None:
    pipeline.generate(real, TODAY)
    sheet = real.content / "factsheets" / "learning-without-blame.yaml"
    sheet.write_text(sheet.read_text().replace("summary: ", "summary: Edited. ", 1))
    checked = pipeline.check(real, TODAY)
    edited = DocumentCache(real.build / "cache", workers=2)
    render(checked.site, checked.derived, read_config(real.mkdocs_yml), edited, TODAY)
    assert 0 < edited.misses < 8 and edited.made_in_pool == 0


def test_workers_start_while_content_loads_only_from_an_empty_cache(
    real: Paths, tmp_path: Path
) -> None:
    """From an empty cache the pool's workers, and their engines, start in `prepare`, before
    the content is loaded; a cache that holds documents starts none until enough are missing."""
    cold = DocumentCache(tmp_path / "cache", workers=2)
    cold.prepare()
    try:
        assert cold._pool is not None
        deadline = time.monotonic() + 60
        while len(cold._pool._executor._processes) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(cold._pool._executor._processes) == 2
    finally:
        cold.close()
    pipeline.generate(real, TODAY)  # fills real's cache
    warm = DocumentCache(real.build / "cache", workers=2)
    warm.prepare()
    assert warm._pool is None


def _workers_of(server: int) -> list[int]:
    """The running processes the fork server started (zombies, already ended, left out)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended while being read
            continue
        if int(fields[1]) == server and fields[0] != "Z":
            running.append(int(stat.parent.name))
    return running


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_a_build_that_stops_while_workers_start_leaves_none_running(tmp_path: Path) -> None:
    """Content errors are reported without waiting for the workers `prepare` started: they
    are stopped at once, and so are any still starting when the build stopped."""
    cold = DocumentCache(tmp_path / "cache", workers=2)
    cold.prepare()
    pool = cold._pool
    assert pool is not None and pool._starting is not None
    cold.close(wait=False)
    pool._starting.join(60)
    server = multiprocessing.forkserver._forkserver._forkserver_pid
    deadline = time.monotonic() + 10
    while _workers_of(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _workers_of(server) == []


class _Stub:
    """What side_by_side reads of a render context: the glossary (for abbreviations) and the
    document cache, here in a declaring pass."""

    def __init__(self) -> None:
        self.site = SimpleNamespace(terms=())
        self.cache = DocumentCache(None, workers=2)
        self.cache.declare()


def _asking(n: int) -> Callable[[Any], list[Output]]:
    """A step that asks the cache for a document it does not have (a placeholder, queued)."""

    def step(ctx: _Stub) -> list[Output]:
        made = ctx.cache.attempt(Job("chart-svg", chartfiles.svg, (f"{{}}{n}", "t", "d", "i")))
        return [Output(f"{n}-{k}.md", f"{os.getpid()} {len(made)}", "x") for k in (1, 2)]

    return step


def test_side_by_side_keeps_the_order_and_the_cache_asks_of_both_processes() -> None:
    ctx = _Stub()
    outputs = side_by_side(ctx, [_asking(n) for n in range(5)])  # type: ignore[arg-type]
    assert [o.path for o in outputs] == [f"{n}-{k}.md" for n in range(5) for k in (1, 2)]
    makers = {str(o.content).split()[0] for o in outputs}
    assert len(makers) == 2 and str(os.getpid()) in makers  # made by two processes
    # The three steps the other process made asked for three documents: counted here too.
    assert ctx.cache.declared(sketch=False) == (5, 5)


def test_side_by_side_raises_what_the_other_process_raised() -> None:
    def fails(ctx: _Stub) -> list[Output]:
        raise ValueError("content/x.yaml:3: title: too long")

    with pytest.raises(ValueError, match="too long"):
        side_by_side(_Stub(), [fails, lambda ctx: []])  # type: ignore[arg-type]


def test_fewer_collections_only_while_the_builder_runs() -> None:
    """The builder raises the cycle collector's thresholds for its pass and puts them back,
    even when the pass fails: `make serve` and the tests run many builds in one process."""
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == before
