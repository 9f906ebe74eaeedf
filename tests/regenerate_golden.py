"""Regenerate tests/golden/ from tests/fixtures/ (run `make golden`): prints what changed, file
by file, then read the diff (`git diff tests/golden`) before committing."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.golden_trees import GOLDEN_TREES, files, generate_tree


def main() -> None:
    total = 0
    for name, build in GOLDEN_TREES.items():
        with tempfile.TemporaryDirectory() as tmp:
            tree = generate_tree(build, Path(tmp))
            old = files(build.golden) if build.golden.exists() else {}
            new = files(tree)
            changed = {
                **{f: "added" for f in new.keys() - old.keys()},
                **{f: "removed" for f in old.keys() - new.keys()},
                **{f: "changed" for f in new.keys() & old.keys() if new[f] != old[f]},
            }
            if build.golden.exists():
                shutil.rmtree(build.golden)
            shutil.copytree(tree, build.golden)
        print(f"{name}: {len(changed)} of {len(new)} files changed ({build.golden})")
        for file, how in sorted(changed.items()):
            print(f"  {how:8} {file}")
        total += len(changed)
    print(f"{total} golden files changed" + ("; review `git diff tests/golden`" if total else ""))


if __name__ == "__main__":
    main()
