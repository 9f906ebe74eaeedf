"""The GitHub workflows are valid, least-privileged and use pinned actions."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.paths import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_match_githubs_schema() -> None:
    assert WORKFLOWS
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, WORKFLOWS),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_permissions_minimal(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text())
    assert data["permissions"] == {"contents": "read"}
    for line in workflow.read_text().splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40}\b", line), f"unpinned action: {line.strip()}"


def test_ci_script_calls_make_test() -> None:
    text = (ROOT / ".ci" / "run").read_text()
    assert "make test" in text
    readme = (ROOT / "README.md").read_text()
    assert "make site" in readme and "make test" in readme
