"""Incremental builds: after an edit MkDocs re-renders only the pages whose Markdown changed, and
the site it gives is byte for byte the site a build from scratch gives; a change that shows on
other pages (a title) makes every page render again."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder import pipeline
from builder.paths import Paths
from tests.conftest import TODAY

THEME = "content/themes/learning-without-blame.md"


def edit(paths: Paths, relative: str, old: str, new: str) -> None:
    path = paths.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def html(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def from_scratch(paths: Paths, where: Path) -> dict[str, bytes]:
    """The same project built with no stage (the document cache is kept: it only saves time)."""
    copy = where / "copy"
    shutil.copytree(paths.root, copy, ignore=shutil.ignore_patterns("site", "stage"))
    (copy / "build" / "crl-stage.json").unlink(missing_ok=True)
    pipeline.build(Paths(copy), TODAY)
    return html(copy / "site")


def rendered_at(paths: Paths, page: str) -> int:
    return (paths.build / "stage" / page).stat().st_mtime_ns


def test_an_edit_renders_only_changed_pages_and_gives_the_same_site(
    real: Paths, tmp_path: Path
) -> None:
    pipeline.build(real, TODAY)
    about = rendered_at(real, "about/index.html")
    edit(real, THEME, "summary: ", "summary: Edited for the incremental test. ")
    pipeline.build(real, TODAY)

    assert rendered_at(real, "about/index.html") == about  # not rendered again
    assert (
        b"Edited for the incremental test."
        in (real.site / "themes" / "learning-without-blame" / "index.html").read_bytes()
    )
    assert html(real.site) == from_scratch(real, tmp_path)


def test_a_new_title_shows_in_the_navigation_of_other_pages(real: Paths, tmp_path: Path) -> None:
    pipeline.build(real, TODAY)
    about = rendered_at(real, "about/index.html")
    edit(real, "content/pages/about.md", "title: ", "title: Renamed, ")
    pipeline.build(real, TODAY)

    assert rendered_at(real, "about/index.html") != about  # everything rendered again
    # The About page is in the navigation beside Accessibility, under its own title.
    accessibility = (real.site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "Renamed, " in accessibility
    assert html(real.site) == from_scratch(real, tmp_path)
