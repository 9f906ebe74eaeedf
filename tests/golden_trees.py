"""What the golden tests build: each is a fixture content folder (never the real content, so
editing content/ never breaks a code test) and the part of the docs tree kept."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from builder import pipeline
from builder.models import AUDIENCE_IDS
from tests.conftest import FIXTURES, GOLDEN, TODAY, make_project

# Themes added to the full fixture so the themes index runs to a second page (50 a page).
EXTRA_THEMES = 45


@dataclass(frozen=True)
class GoldenTree:
    content: Path
    golden: Path
    keep: tuple[str, ...]  # glob patterns (relative to build/) of the files compared
    prepare: Callable[[Path], None] | None = None  # changes the copied content folder first


def add_themes(content: Path) -> None:
    """Short made-up themes, enough to split the themes index into two pages."""
    for_audiences = "".join(f'  {a}: "For you."\n' for a in AUDIENCE_IDS)
    for n in range(EXTRA_THEMES):
        (content / "themes" / f"paged-theme-{n:03d}.md").write_text(
            f'---\ntitle: "Paged theme {n:03d}"\nsummary: "Made-up theme {n} for paging."\n'
            "audiences: [practitioners]\ntags: [paging]\n"
            f'key_messages:\n  - "One."\nfor_audiences:\n{for_audiences}'
            'questions:\n  - "Why?"\ndelphi: []\nanalyses: []\n'
            "sources: [dfe-rr037]\nupdated: 2026-11-01\nreview_due: 2027-11-28\n"
            "---\n\n## What the evidence says\n\nMade-up text for the paging golden file.\n"
        )


GOLDEN_TREES = {
    # The whole docs tree of the small fixture project.
    "mini": GoldenTree(FIXTURES / "mini" / "content", GOLDEN / "mini", ("docs/**/*",)),
    # One page or file of each kind from the full fixture (every content kind, the Delphi data):
    # a Delphi section, statement and figure spec, the Delphi data, a theme, a fact sheet's
    # Markdown, a newsletter, the observatory, and both pages of the paged themes index.
    "full": GoldenTree(
        FIXTURES / "full" / "content",
        GOLDEN / "full",
        (
            "docs/delphi/local/index.md",
            "docs/delphi/local/figure-1.vl.json",
            "docs/delphi/local/1.md",
            "docs/data/delphi.csv",
            "docs/data/delphi-published-differences.csv",
            "docs/themes/learning-without-blame.md",
            "docs/factsheets/learning-without-blame.md",
            "docs/newsletters/issue-1/index.md",
            "docs/observatory/index.md",
            "docs/themes/index.md",
            "docs/themes/page/2.md",
        ),
        add_themes,
    ),
}


def generate_tree(tree: GoldenTree, workdir: Path) -> Path:
    """Build the docs tree for `tree` in `workdir`; return a folder holding only kept files."""
    paths = make_project(workdir / "project", tree.content)
    if tree.prepare is not None:
        tree.prepare(paths.content)
    pipeline.generate(paths, TODAY)
    kept = workdir / "kept"
    kept.mkdir(parents=True, exist_ok=True)
    for pattern in tree.keep:
        matched = [f for f in sorted(paths.build.glob(pattern)) if f.is_file()]
        assert matched, f"golden pattern {pattern!r} matched no generated file"
        for file in matched:
            target = kept / file.relative_to(paths.build)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(file, target)
    return kept


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def differences(expected: dict[str, bytes], built: dict[str, bytes], limit: int = 80) -> str:
    """What changed from the golden files to the built ones: files added and removed, and a
    unified diff of each changed file (at most `limit` lines each); empty when they match."""
    out = [f"added: {name}" for name in sorted(set(built) - set(expected))]
    out += [f"removed: {name}" for name in sorted(set(expected) - set(built))]
    for name in sorted(set(expected) & set(built)):
        if expected[name] == built[name]:
            continue
        diff = list(
            difflib.unified_diff(
                expected[name].decode(errors="replace").splitlines(),
                built[name].decode(errors="replace").splitlines(),
                f"golden/{name}",
                f"built/{name}",
                lineterm="",
            )
        )
        if len(diff) > limit:
            diff = [*diff[:limit], f"... {len(diff) - limit} more diff lines"]
        out += diff
    return "\n".join(out)
