"""Regenerate tests/golden/ from tests/fixtures/ (run `make golden`), then read the diff."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.golden_trees import GOLDEN_TREES, generate_tree


def main() -> None:
    for name, build in GOLDEN_TREES.items():
        with tempfile.TemporaryDirectory() as tmp:
            tree = generate_tree(build, Path(tmp))
            target = build.golden
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(tree, target)
            print(f"regenerated {target.relative_to(Path.cwd())} ({name})")


if __name__ == "__main__":
    main()
