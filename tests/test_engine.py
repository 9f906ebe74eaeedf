"""The engine on both cores: MkDocs in several processes, each rendering a share of the pages,
gives the site one process gives, byte for byte; and no build ever writes into a file that is
published (site/ shares the stage's files as hard links, so one write would change both)."""

from __future__ import annotations

import os
from pathlib import Path

from builder import pipeline
from builder.engine.mkdocs import Runners, _mkdocs
from builder.paths import Paths
from overrides.hooks.partial import STATIC_WORK, deal
from tests.conftest import TODAY, edit


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_pages_shared_between_processes_give_the_site_one_process_gives(
    built_site: Paths, tmp_path: Path
) -> None:
    one, three = tmp_path / "one", tmp_path / "three"
    _mkdocs(built_site, one, TODAY, shards=1)
    _mkdocs(built_site, three, TODAY, shards=3)
    made = files(one)
    assert len([name for name in made if name.endswith(".html")]) > 200
    assert files(three) == made


def test_pages_are_dealt_out_once_each_in_shares_of_about_equal_bytes() -> None:
    sizes = {f"page-{n}.md": (n * 7919) % 5000 + 100 for n in range(300)}
    shares = deal(sizes, 3)
    assert sorted(name for share in shares for name in share) == sorted(sizes)
    loads = [sum(sizes[name] for name in share) for share in shares]
    loads[0] += STATIC_WORK * sum(sizes.values()) / 3  # share 0 also copies the static files
    assert max(loads) - min(loads) <= max(sizes.values())
    assert loads[0] - STATIC_WORK * sum(sizes.values()) / 3 < min(loads[1:])
    assert deal(dict(reversed(list(sizes.items()))), 3) == shares  # the same in every process


def test_a_build_never_writes_into_a_published_file(built_copy: Paths, tmp_path: Path) -> None:
    """A snapshot of site/ as hard links sees any write into a published file. Once a build
    has published (so site/ shares the stage's files), an incremental build (one changed page)
    and a full one (a changed title) leave the snapshot's bytes as they were, and the new site/
    shares its unchanged files with the stage."""
    theme = built_copy.root / "content" / "themes" / "learning-without-blame.md"
    edit(theme, "summary: ", "summary: Edited by the engine test. ")
    pipeline.build(built_copy, TODAY)
    snapshot = tmp_path / "snapshot"
    for folder, _dirs, names in os.walk(built_copy.site):
        here = snapshot / Path(folder).relative_to(built_copy.site)
        here.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.link(Path(folder) / name, here / name)
    before = files(snapshot)
    edit(theme, "summary: ", "summary: Edited again. ")
    pipeline.build(built_copy, TODAY)
    edit(built_copy.root / "content" / "pages" / "about.md", "title: ", "title: Renamed, ")
    pipeline.build(built_copy, TODAY)

    assert files(snapshot) == before
    page = "themes/learning-without-blame/index.html"
    assert b"Edited again. Edited by" in (built_copy.site / page).read_bytes()
    stage = built_copy.build / "stage"
    assert (built_copy.site / page).stat().st_ino == (stage / page).stat().st_ino


def test_mkdocs_started_ahead_and_never_told_exits(built_site: Paths) -> None:
    """A build that stops before MkDocs (bad content, say) leaves no MkDocs process behind."""
    with Runners(built_site, 2) as runners:
        waiting = [process for process, _log in runners._waiting]
        assert all(process.poll() is None for process in waiting)
    assert all(process.returncode == 0 for process in waiting)


def test_compiled_templates_are_kept_for_the_next_build(built_site: Paths) -> None:
    kept = list((built_site.build / "jinja").iterdir())
    assert len(kept) > 20  # main.html, base.html and the partials they include
