"""Shared fixtures: throwaway project folders with real or fixture content, and one real site
built once per test session."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from builder import pipeline
from builder.paths import ROOT, Paths
from tests.browser import CHROMIUM_ARGS, chromium_path, serve

FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
# A fixed "today" so review-date warnings do not change with the calendar.
TODAY = dt.date(2026, 11, 28)


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
def real(tmp_path: Path) -> Paths:
    """A copy of the real content, so a test may break it without touching the checkout."""
    return make_project(tmp_path / "real", ROOT / "content")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The real site, built once with MkDocs for every engine and browser test."""
    paths = make_project(tmp_path_factory.mktemp("built"), ROOT / "content")
    pipeline.build(paths, TODAY)
    return paths


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
