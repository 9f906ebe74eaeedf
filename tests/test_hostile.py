"""Hostile and broken content (tests/hostile/): every case ends in a content error naming the
file and line, never in exit 70 or a published page; what the checks accept is published
escaped and sanitised, and the built site runs no script of content's in Chromium."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from builder import pipeline
from builder.paths import ROOT, Paths
from builder.problems import ContentError
from builder.render.output import csv_text, neutralise
from tests.conftest import TODAY

CORPUS = ROOT / "tests" / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "validation.yaml").read_text())


def page_text(
    title: str = "Hostile page", summary: str = "A page an editor wrote.", body: str = "Text.\n"
) -> str:
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        f"summary: {json.dumps(summary)}\n"
        "audiences: [practitioners]\n"
        "updated: 2026-01-15\n"
        "review_due: 2027-01-15\n"
        "---\n"
        "\n" + body
    )


def apply(case: dict[str, Any], content: Path) -> None:
    if "page" in case:
        (content / "pages" / "hostile.md").write_text(page_text(**case["page"]))
    if "write" in case:
        spec = case["write"]
        text = page_text() if spec.get("from_page") else spec["text"]
        (content / spec["file"]).write_text(text)
    if "append" in case:
        spec = case["append"]
        with (content / spec["file"]).open("a") as file:
            file.write(spec["text"])


def problems(paths: Paths) -> list[str]:
    with pytest.raises(ContentError) as caught:
        pipeline.check(paths, TODAY)
    return [str(p) for p in caught.value.problems]


def test_the_corpus_is_not_empty() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_content_is_a_content_error(case: dict[str, Any], mini: Paths) -> None:
    apply(case, mini.content)
    found = problems(mini)
    expected = "content/" + case["error"]
    matching = [p for p in found if p.startswith(expected)]
    assert matching, f"expected {expected!r} in:\n" + "\n".join(found)
    if "contains" in case:
        assert any(case["contains"] in p for p in matching), "\n".join(found)


def test_a_symbolic_link_is_refused(mini: Paths, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(page_text())
    (mini.content / "pages" / "outside.md").symlink_to(outside)
    assert "content/pages/outside.md:1: 'outside.md' is a symbolic link" in "\n".join(
        problems(mini)
    )


def test_a_symbolic_link_to_a_folder_is_refused(mini: Paths, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.md").write_text(page_text())
    (mini.content / "pages" / "linked").symlink_to(tmp_path / "elsewhere")
    (mini.content / "themes").symlink_to(tmp_path / "elsewhere")
    assert "content/themes/x.md:1: 'themes' is a symbolic link" in "\n".join(problems(mini))


def test_an_oversized_file_is_refused(mini: Paths) -> None:
    (mini.content / "pages" / "huge.md").write_text(page_text(body="word " * 250_000))
    assert any(
        p.startswith("content/pages/huge.md:1: is 1,250,") and "split it" in p
        for p in problems(mini)
    )


def test_billion_laughs_ends_fast_in_exit_1(mini: Paths) -> None:
    """The command line, as editors run it: exit 1 and the file's line, in seconds."""
    laughs = "\n".join(f"    x{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10))
    (mini.content / "glossary.yaml").write_text(
        "terms:\n  - abbr: LOL\n    term: &l0 lol\n    definition: x\n    extra:\n" + laughs + "\n"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "builder", "--root", str(mini.root), "check"],
        cwd=mini.root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/glossary.yaml:3: YAML anchors ('&name') are not allowed" in result.stderr
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tindented", "'\tindented"),
        ("-5", "-5"),
        ("+3.5%", "+3.5%"),
        ("Plain text", "Plain text"),
    ],
)
def test_csv_cells_are_safe_in_a_spreadsheet(cell: str, written: str) -> None:
    frame = pd.DataFrame({"text": [cell], "number": [-1]})
    rows = list(csv.reader(io.StringIO(csv_text(frame), newline="")))
    assert rows[1] == [written, "-1"]


def test_a_carriage_return_at_the_start_is_neutralised_too() -> None:
    # (Content cannot hold one: control characters are refused; this is the second line.)
    assert neutralise("\rreturn") == "'\rreturn"


def test_every_csv_download_goes_through_csv_text() -> None:
    """The one place CSVs are written; a new to_csv elsewhere would bypass neutralisation."""
    writers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "builder").rglob("*.py")
        if "to_csv(" in path.read_text() or "csv.writer(" in path.read_text()
    ]
    assert writers == ["builder/render/output.py"]
