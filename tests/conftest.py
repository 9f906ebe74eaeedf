"""Shared fixtures: throwaway project folders with real or fixture content, and one real site
built once per test session."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from builder import pipeline
from builder.paths import ROOT, Paths

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
