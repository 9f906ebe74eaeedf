"""The Writer, the only code that writes generated files: it refuses a file produced twice or a
path outside its roots (before writing anything), writes only what changed, and removes what
the build no longer produces."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.render.output import Output
from builder.write import Writer
from builder.write.writer import WriteError, replace_dir


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def roots(tmp_path: Path) -> dict[str, Path]:
    return {"docs": tmp_path / "docs", "includes": tmp_path / "includes"}


def test_writes_every_output_under_its_root(roots: dict[str, Path]) -> None:
    stats = Writer(roots).write(
        [
            Output("index.md", "# Home\n", "content/pages/index.md"),
            Output("a/b.bin", b"\x00\x01", "content/x.yaml"),
            Output("abbreviations.md", "*[SCR]: x\n", "content/glossary.yaml", root="includes"),
        ]
    )
    assert stats == {"written": 3, "unchanged": 0, "removed": 0}
    assert tree(roots["docs"]) == {"index.md": b"# Home\n", "a/b.bin": b"\x00\x01"}
    assert tree(roots["includes"]) == {"abbreviations.md": b"*[SCR]: x\n"}


def test_a_file_produced_twice_is_refused_and_nothing_is_written(
    roots: dict[str, Path],
) -> None:
    outputs = [
        Output("themes/blame.md", "one", "content/themes/blame.md"),
        Output("themes/blame.md", "two", "content/factsheets/blame.yaml"),
    ]
    with pytest.raises(WriteError) as caught:
        Writer(roots).write(outputs)
    assert str(caught.value) == (
        "themes/blame.md is produced twice (from content/factsheets/blame.yaml and "
        "content/themes/blame.md)"
    )
    assert not roots["docs"].exists()


@pytest.mark.parametrize("path", ["../escaped.md", "a/../../escaped.md", "/tmp/escaped.md"])
def test_a_path_outside_the_roots_is_refused_and_nothing_is_written(
    roots: dict[str, Path], path: str
) -> None:
    outputs = [Output("fine.md", "ok", "content/a.md"), Output(path, "bad", "content/b.md")]
    with pytest.raises(WriteError) as caught:
        Writer(roots).write(outputs)
    assert str(caught.value) == f"{path} would be written outside {roots['docs']}"
    assert not roots["docs"].exists()
    assert not (roots["docs"].parent / "escaped.md").exists()


def test_stale_files_and_empty_folders_are_removed(roots: dict[str, Path]) -> None:
    writer = Writer(roots)
    writer.write(
        [
            Output("keep.md", "k", "s"),
            Output("old/gone.md", "g", "s"),
            Output("old.md", "o", "s", root="includes"),
        ]
    )
    stats = writer.write([Output("keep.md", "k", "s")])
    assert stats == {"written": 0, "unchanged": 1, "removed": 2}
    assert tree(roots["docs"]) == {"keep.md": b"k"}
    assert not (roots["docs"] / "old").exists()
    assert tree(roots["includes"]) == {}


def test_only_changed_files_are_written(roots: dict[str, Path]) -> None:
    # A changed file on either side of an unchanged one, one changing to bytes that sort
    # lower and one to bytes that sort higher.
    writer = Writer(roots)
    writer.write([Output("a.md", "b", "x"), Output("same.md", "s", "x"), Output("z.md", "1", "x")])
    same = roots["docs"] / "same.md"
    before = same.stat().st_mtime_ns, same.stat().st_ino
    stats = writer.write(
        [Output("a.md", "a", "x"), Output("same.md", "s", "x"), Output("z.md", "2", "x")]
    )
    assert stats == {"written": 2, "unchanged": 1, "removed": 0}
    assert (same.stat().st_mtime_ns, same.stat().st_ino) == before
    assert tree(roots["docs"]) == {"a.md": b"a", "same.md": b"s", "z.md": b"2"}
    assert not [p for p in roots["docs"].rglob(".tmp-*")]


def test_replace_dir_swaps_in_the_new_folder(tmp_path: Path) -> None:
    target, built = tmp_path / "site", tmp_path / "new"
    target.mkdir()
    (target / "old.html").write_text("old")
    built.mkdir()
    (built / "new.html").write_text("new")
    replace_dir(built, target)
    assert tree(target) == {"new.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_cached_document_is_linked_not_copied(roots: dict[str, Path], tmp_path: Path) -> None:
    """A document the cache keeps in a file (Output.same_as) becomes a link to that file: the
    same bytes, no second copy. Where that file is gone or holds other bytes than the output
    says, the Writer writes the output's own bytes."""
    cached = tmp_path / "cache" / "sheet.bin"
    cached.parent.mkdir()
    cached.write_bytes(b"%PDF-1.7 sheet")
    stats = Writer(roots).write(
        [
            Output("sheets/a.pdf", b"%PDF-1.7 sheet", "content/factsheets/a.yaml", same_as=cached),
            Output("sheets/b.pdf", b"%PDF-1.7 other", "content/factsheets/b.yaml", same_as=cached),
            Output("sheets/c.pdf", b"%PDF", "content/factsheets/c.yaml", same_as=tmp_path / "no"),
        ]
    )
    assert stats["written"] == 3
    docs = roots["docs"] / "sheets"
    assert (docs / "a.pdf").stat().st_ino == cached.stat().st_ino
    assert tree(docs) == {"a.pdf": b"%PDF-1.7 sheet", "b.pdf": b"%PDF-1.7 other", "c.pdf": b"%PDF"}
    assert (docs / "b.pdf").stat().st_ino != cached.stat().st_ino
    assert not list(docs.glob(".tmp-*"))
