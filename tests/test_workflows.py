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


def _needs(jobs: dict, name: str) -> set[str]:
    """Every job `name` waits for, directly or through another job."""
    direct = jobs[name].get("needs", [])
    direct = [direct] if isinstance(direct, str) else direct
    return set(direct).union(*(_needs(jobs, d) for d in direct))


def test_deploy_publishes_only_after_check_and_test() -> None:
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())["jobs"]
    publishing = [
        name
        for name, job in jobs.items()
        if any("deploy-pages" in step.get("uses", "") for step in job.get("steps", []))
    ]
    assert publishing == ["deploy"]
    before = _needs(jobs, "deploy")
    commands = [
        step.get("run", "")
        for name in before
        for step in jobs[name].get("steps", [])
        if "run" in step
    ]
    assert "make check" in commands and "make test" in commands, commands
    readme = (ROOT / "README.md").read_text()
    assert "Settings → Pages" in readme and "GitHub Actions" in readme
