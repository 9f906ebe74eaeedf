"""What the golden tests build: each is a content folder and the part of the docs tree kept."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from builder import pipeline
from builder.paths import ROOT
from tests.conftest import FIXTURES, GOLDEN, TODAY, make_project


@dataclass(frozen=True)
class GoldenTree:
    content: Path
    golden: Path
    keep: tuple[str, ...]  # glob patterns (relative to build/) of the files compared


GOLDEN_TREES = {
    # The whole docs tree of the small fixture project.
    "mini": GoldenTree(
        FIXTURES / "mini" / "content", GOLDEN / "mini", ("docs/**/*", "includes/**/*")
    ),
    # One Delphi section page and its figure spec, from the real transcribed data.
    "delphi": GoldenTree(
        ROOT / "content",
        GOLDEN / "delphi",
        (
            "docs/delphi/local/index.md",
            "docs/delphi/local/figure-1.vl.json",
            "docs/delphi/local/1.md",
            "docs/data/delphi.csv",
            "docs/data/delphi-published-differences.csv",
        ),
    ),
}


def generate_tree(tree: GoldenTree, workdir: Path) -> Path:
    """Build the docs tree for `tree` in `workdir`; return a folder holding only kept files."""
    paths = make_project(workdir / "project", tree.content)
    pipeline.generate(paths, TODAY)
    kept = workdir / "kept"
    for pattern in tree.keep:
        for file in sorted(paths.build.glob(pattern)):
            if file.is_file():
                target = kept / file.relative_to(paths.build)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(file, target)
    return kept
