"""Documents made in a pool of worker processes: the same bytes as a serial build, and every
failing document still reported at once."""

from __future__ import annotations

import pytest
import yaml

from builder import pipeline
from builder.config import read_config
from builder.formats.cache import DocumentCache
from builder.paths import Paths
from builder.problems import ContentError
from builder.render import render
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
