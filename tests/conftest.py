"""Shared fixtures: throwaway project folders with real or fixture content, and the real site
generated and built once per test session, shared by every module that reads it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from builder import engine, pipeline
from builder.paths import ROOT, Paths
from builder.problems import ContentError
from tests.browser import CHROMIUM_ARGS, chromium_path, serve

FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
# A fixed "today" so review-date warnings do not change with the calendar.
TODAY = dt.date(2026, 11, 28)


def problems(paths: Paths) -> list[str]:
    """Every problem `check` reports for a project that must not validate."""
    with pytest.raises(ContentError) as caught:
        pipeline.check(paths, TODAY)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a fixture file, which must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_project(where: Path, content: Path) -> Paths:
    """A project folder like a fresh clone: mkdocs.yml, theme overrides and the given content."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", where / "overrides")
    shutil.copytree(content, where / "content")
    return Paths(where)


@pytest.fixture
def mini(tmp_path: Path) -> Paths:
    """The small fixture project (no Delphi data), copied so a test may break it."""
    return make_project(tmp_path / "mini", FIXTURES / "mini" / "content")


@pytest.fixture
def full(tmp_path: Path) -> Paths:
    """The full fixture project (every content kind, the Delphi data), frozen under
    tests/fixtures/full/ so editing content/ never breaks a code test; copied so a test may
    break it."""
    return make_project(tmp_path / "full", FIXTURES / "full" / "content")


@pytest.fixture
def real(tmp_path: Path) -> Paths:
    """A copy of the real content, so a test may break it without touching the checkout."""
    return make_project(tmp_path / "real", ROOT / "content")


@dataclass(frozen=True)
class Generated:
    """The real content's docs tree, generated once per session: read it, never change it."""

    paths: Paths
    checked: pipeline.Checked


@pytest.fixture(scope="session")
def generated_real(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """The real content, validated and rendered into its docs tree once for every test that
    reads generated Markdown, specs, PDFs or feeds."""
    paths = make_project(tmp_path_factory.mktemp("real-generated"), ROOT / "content")
    checked, _ = pipeline.generate(paths, TODAY)
    return Generated(paths, checked)


@pytest.fixture(scope="session")
def generated(generated_real: Generated) -> Paths:
    """The project folder of `generated_real` (its docs tree is under .docs)."""
    return generated_real.paths


@pytest.fixture(scope="session")
def built_site(generated_real: Generated) -> Paths:
    """The real site, built once with MkDocs from the shared docs tree for every engine and
    browser test."""
    paths = generated_real.paths
    engine.build_site(paths, generated_real.checked.derived.updated)
    return paths


@pytest.fixture
def built_copy(built_site: Paths, tmp_path: Path) -> Paths:
    """A copy of the built real project (content, docs tree and site), so a test may
    change it and build again without building from scratch first."""
    copy = tmp_path / "built"
    shutil.copytree(built_site.root, copy, symlinks=True)
    return Paths(copy)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright, shared by every browser test."""
    executable = chromium_path()
    if executable is None:
        pytest.fail("no Chromium found: run scripts/system-deps (make test does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(built_site: Paths) -> Iterator[str]:
    """The built real site served on localhost under its public path; yields its base URL."""
    with serve(built_site.site) as base:
        yield base
