"""The pull request's job summary: what changed on the site, against the main branch's build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from builder.paths import ROOT


def site(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return root


def summary(*args: Path | str) -> str:
    script = ROOT / "scripts" / "pr_summary.py"
    result = subprocess.run(
        [sys.executable, str(script), *map(str, args)], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_lists_pages_added_changed_removed_and_new_warnings(tmp_path: Path) -> None:
    base = site(
        tmp_path / "base",
        {
            "index.html": "home",
            "about/index.html": "old",
            "glossary/index.html": "g",
            "data/a.csv": "1",
            "pagefind/x.js": "a",
        },
    )
    head = site(
        tmp_path / "head",
        {
            "index.html": "home",
            "about/index.html": "new",
            "briefings/index.html": "b",
            "data/a.csv": "2",
            "pagefind/x.js": "b",
        },
    )
    (tmp_path / "base.log").write_text("warning: content/a.md:1: old\n")
    (tmp_path / "head.log").write_text(
        "warning: content/a.md:1: old\nwarning: content/b.md:2: new\n"
    )
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite><testcase classname="tests.test_accessibility" name="a"/>'
        '<testcase classname="tests.test_accessibility" name="b"><failure/></testcase>'
        '<testcase classname="tests.test_site" name="c"/></testsuite></testsuites>'
    )
    text = summary(
        base,
        head,
        "--base-check",
        tmp_path / "base.log",
        "--check",
        tmp_path / "head.log",
        "--junit",
        junit,
    )
    assert "**Pages added** (1)\n\n- `/briefings/`" in text
    assert "**Pages changed** (1)\n\n- `/about/`" in text
    assert "**Pages removed** (1)\n\n- `/glossary/`" in text
    assert "**Downloads and data changed** (1)\n\n- `data/a.csv`" in text
    assert "pagefind" not in text
    assert "New warnings from `make check`: 1\n  - `warning: content/b.md:2: new`" in text
    assert "Accessibility (axe-core, WCAG 2.2 AA, every page type): 1 passed, 1 failed" in text
    assert "Tests: 2 passed, 1 failed, 0 skipped" in text


def test_says_when_there_is_nothing_to_compare(tmp_path: Path) -> None:
    head = site(tmp_path / "head", {"index.html": "home"})
    assert "No build of the main branch to compare with" in summary(tmp_path / "none", head)
    assert "The site did not build" in summary(head, tmp_path / "none")
