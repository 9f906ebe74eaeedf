"""Incremental builds: after an edit MkDocs re-renders only the pages whose Markdown changed, and
the site it gives is byte for byte the site a build from scratch gives; a change that shows on
other pages (a title) makes every page render again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
    """The same project built without its last build (the document cache is kept: it only
    saves time)."""
    copy = where / "copy"
    shutil.copytree(paths.root, copy, ignore=shutil.ignore_patterns("site"))
    (copy / "build" / "crl-stage.json").unlink(missing_ok=True)
    pipeline.build(Paths(copy), TODAY)
    return html(copy / "site")


def rendered_at(paths: Paths, page: str) -> int:
    return (paths.site / page).stat().st_mtime_ns


def test_an_edit_renders_only_changed_pages_and_gives_the_same_site(
    built_copy: Paths, tmp_path: Path
) -> None:
    real = built_copy
    about = rendered_at(real, "about/index.html")
    edit(real, THEME, "summary: ", "summary: Edited for the incremental test. ")
    pipeline.build(real, TODAY)

    assert rendered_at(real, "about/index.html") == about  # not rendered again
    assert (
        b"Edited for the incremental test."
        in (real.site / "themes" / "learning-without-blame" / "index.html").read_bytes()
    )
    assert html(real.site) == from_scratch(real, tmp_path)


def test_a_new_title_shows_in_the_navigation_of_other_pages(
    built_copy: Paths, tmp_path: Path
) -> None:
    real = built_copy
    about = rendered_at(real, "about/index.html")
    edit(real, "content/pages/about.md", "title: ", "title: Renamed, ")
    pipeline.build(real, TODAY)

    assert rendered_at(real, "about/index.html") != about  # everything rendered again
    # The About page is in the navigation beside Accessibility, under its own title.
    accessibility = (real.site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "Renamed, " in accessibility
    assert html(real.site) == from_scratch(real, tmp_path)


def test_new_tags_render_every_page_again(built_copy: Paths) -> None:
    """Tags show on other pages (chips, the tags index), so they are part of the fingerprint:
    reordering one page's tags changes no file name, yet every page renders again."""
    about = rendered_at(built_copy, "about/index.html")
    edit(
        built_copy,
        "content/themes/learning-within-the-review.md",
        "tags: [process, local-learning, timeliness]",
        "tags: [process, timeliness, local-learning]",
    )
    pipeline.build(built_copy, TODAY)
    assert rendered_at(built_copy, "about/index.html") != about


def test_a_warning_in_an_incremental_build_fails_it(built_copy: Paths) -> None:
    """An incremental (--dirty) build cannot use --strict, so its warnings are counted: a page
    whose Markdown gained an absolute link (a MkDocs warning; the link itself resolves, so the
    link check would not stop it) fails the build, and site/ stays as it was."""
    from builder import engine
    from builder.engine import stage

    state = stage.fingerprint(built_copy)
    assert stage.recorded(built_copy) == state  # the next build is incremental
    before = html(built_copy.site)
    page = built_copy.docs / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Home](/case-review-learning/)\n")
    assert stage.fingerprint(built_copy) == state  # a body edit keeps it incremental
    with pytest.raises(engine.EngineError, match=r"absolute link '/case-review-learning/'"):
        engine.build_site(built_copy)
    assert html(built_copy.site) == before


def test_dirty_build_notice_is_the_only_warning_ignored() -> None:
    from builder.engine.mkdocs import _warnings

    log = (
        "INFO    -  Cleaning site directory\n"
        "WARNING -  A 'dirty' build is being performed, this will likely lead to inaccurate "
        "navigation and other links within your site. This option is designed for site "
        "development purposes only.\n"
        "WARNING -  Doc file 'about.md' contains a link 'x.md', but the target is not found\n"
        "ERROR   -  Config value 'nav': a problem"
    )
    assert _warnings(log) == [
        "WARNING -  Doc file 'about.md' contains a link 'x.md', but the target is not found",
        "ERROR   -  Config value 'nav': a problem",
    ]


def test_a_page_missing_from_site_is_made_again(built_copy: Paths) -> None:
    """site/ is the last good build the next one starts from: a page gone from it (deleted by
    hand, say) counts as changed, so the next build renders it again rather than losing it."""
    (built_copy.site / "about" / "index.html").unlink()
    edit(built_copy, THEME, "summary: ", "summary: Edited beside a missing page. ")
    pipeline.build(built_copy, TODAY)
    assert b"<h1" in (built_copy.site / "about" / "index.html").read_bytes()
