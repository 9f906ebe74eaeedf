"""Golden trees: the generated Markdown for fixed content, compared byte for byte with
tests/golden/. After an intended change, run `make golden` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden_trees import GOLDEN_TREES, generate_tree


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("name", sorted(GOLDEN_TREES))
def test_generated_tree_matches_golden(name: str, tmp_path: Path) -> None:
    tree = GOLDEN_TREES[name]
    built = files(generate_tree(tree, tmp_path))
    expected = files(tree.golden)
    assert expected, f"{tree.golden} is empty: run `make golden`"
    assert sorted(built) == sorted(expected), "files added or removed: run `make golden`"
    for name_, data in expected.items():
        assert built[name_].decode() == data.decode(), f"{name_} differs: run `make golden`"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    tree = GOLDEN_TREES["mini"]
    assert files(generate_tree(tree, tmp_path / "a")) == files(generate_tree(tree, tmp_path / "b"))
