"""Golden trees: the generated Markdown for fixed fixture content, compared byte for byte with
tests/golden/. A failure prints what changed; after an intended change, run `make golden`
(it lists the files it changed) and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden_trees import GOLDEN_TREES, differences, files, generate_tree


@pytest.mark.parametrize("name", sorted(GOLDEN_TREES))
def test_generated_tree_matches_golden(name: str, tmp_path: Path) -> None:
    tree = GOLDEN_TREES[name]
    built = files(generate_tree(tree, tmp_path))
    expected = files(tree.golden) if tree.golden.exists() else {}
    assert expected, f"{tree.golden} is empty: run `make golden`"
    changed = differences(expected, built)
    assert not changed, (
        f"the generated {name} tree differs from {tree.golden}:\n{changed}\n"
        "if the change is intended, run `make golden` and commit the new golden files"
    )


def test_a_difference_is_shown_as_a_diff() -> None:
    expected = {"a.md": b"one\ntwo\n", "gone.md": b"x"}
    built = {"a.md": b"one\nthree\n", "new.md": b"y"}
    assert differences(expected, built).splitlines() == [
        "added: new.md",
        "removed: gone.md",
        "--- golden/a.md",
        "+++ built/a.md",
        "@@ -1,2 +1,2 @@",
        " one",
        "-two",
        "+three",
    ]


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    tree = GOLDEN_TREES["mini"]
    assert files(generate_tree(tree, tmp_path / "a")) == files(generate_tree(tree, tmp_path / "b"))
