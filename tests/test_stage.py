"""The stage fingerprint without MkDocs: what every page depends on besides its own Markdown
(titles, tags, the file list, the theme and config) changes it; a page's body does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.engine import stage
from builder.paths import Paths


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    paths = Paths(tmp_path)
    paths.mkdocs_yml.write_text("site_name: x\n")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n")
    paths.docs.mkdir(parents=True)
    (paths.docs / "about.md").write_text("---\ntitle: About\ntags: [a, b]\n---\n\nBody.\n")
    (paths.docs / "data.csv").write_text("x\n1\n")
    return paths


def changes(paths: Paths, relative: str, old: str, new: str) -> bool:
    before = stage.fingerprint(paths)
    path = paths.root / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    return stage.fingerprint(paths) != before


@pytest.mark.parametrize(
    ("relative", "old", "new"),
    [
        ("build/docs/about.md", "title: About", "title: About us"),
        ("build/docs/about.md", "tags: [a, b]", "tags: [b, a]"),
        ("mkdocs.yml", "site_name: x", "site_name: y"),
        ("overrides/main.html", "base.html", "main.html"),
    ],
)
def test_what_shows_on_other_pages_changes_the_fingerprint(
    project: Paths, relative: str, old: str, new: str
) -> None:
    assert changes(project, relative, old, new)


def test_a_body_or_a_download_changing_keeps_the_fingerprint(project: Paths) -> None:
    assert not changes(project, "build/docs/about.md", "Body.", "Another body.")
    assert not changes(project, "build/docs/data.csv", "1", "2")


def test_a_file_added_or_renamed_changes_the_fingerprint(project: Paths) -> None:
    before = stage.fingerprint(project)
    (project.docs / "new.md").write_text("# New\n")
    added = stage.fingerprint(project)
    (project.docs / "new.md").rename(project.docs / "newer.md")
    assert len({before, added, stage.fingerprint(project)}) == 3


def test_the_recorded_fingerprint_is_read_back_and_forgotten(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    assert stage.recorded(paths) is None
    paths.site.mkdir()
    assert stage.recorded(paths) is None
    stage.record(paths, "abc")
    assert stage.recorded(paths) == "abc"
    assert (paths.build / stage.STATE_FILE).is_file()  # in build/, never published
    stage.forget(paths)
    assert stage.recorded(paths) is None
    stage.forget(paths)  # forgetting twice is fine
    stage.record(paths, "abc")
    shutil.rmtree(paths.site)
    assert stage.recorded(paths) is None  # no last build to start from


def test_front_matter_that_is_not_a_mapping_counts_as_none(project: Paths) -> None:
    (project.docs / "odd.md").write_text("---\n- a list\n---\n")
    (project.docs / "plain.md").write_text("# No front matter\n")
    first = stage.fingerprint(project)
    assert stage.fingerprint(project) == first


def test_the_sanitiser_the_hooks_import_changes_the_fingerprint(
    project: Paths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """overrides/hooks/sanitise.py cleans every page with builder/sanitise.py: a new allowlist
    must re-render every page, not only the pages whose Markdown changed."""
    assert any(path.name == "sanitise.py" for path in stage.HOOK_IMPORTS)
    copy = tmp_path / "sanitise.py"
    copy.write_text("ALLOWED = {'p'}\n")
    monkeypatch.setattr(stage, "HOOK_IMPORTS", (copy,))
    before = stage.fingerprint(project)
    copy.write_text("ALLOWED = {'p', 'form'}\n")
    assert stage.fingerprint(project) != before
