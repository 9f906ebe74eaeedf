"""The command line as editors use it: exit codes, the error format, no tracebacks, scaffolding."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from builder.commands import schemas
from builder.paths import ROOT, Paths

LINE = re.compile(r"^content/[\w./-]+:\d+: ")


def run(paths: Paths, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder", "--root", str(paths.root), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=paths.root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_check_on_broken_content_lists_every_problem_and_exits_1(mini: Paths) -> None:
    about = mini.content / "pages" / "about.md"
    about.write_text(
        about.read_text()
        .replace("updated: 2026-01-15", "updated: 2026-01-45")
        .replace("(id:home)", "(id:homepage)")
    )
    glossary = mini.content / "glossary.yaml"
    glossary.write_text(glossary.read_text() + "  - abbr: X\n    term: [unclosed\n")
    result = run(mini, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if LINE.match(line)]
    assert len(errors) == 3, result.stderr
    assert lines[-1] == (
        "check: 3 errors, 0 warnings; nothing was built: fix the errors above and run it again"
    )


def test_build_with_broken_content_writes_nothing(mini: Paths) -> None:
    (mini.content / "pages" / "about.md").write_text("---\ntitle: [\n---\n")
    result = run(mini, "build")
    assert result.returncode == 1
    assert not mini.docs.exists() and not mini.site.exists()


def test_check_on_valid_content_exits_0(mini: Paths) -> None:
    result = run(mini, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith(
        "check: 0 errors, 0 warnings; content is valid: 2 pages"
    )
    assert result.stderr == ""


def test_new_page_scaffolds_a_file_that_validates(mini: Paths) -> None:
    result = run(mini, "new", "page", "sharing-information")
    assert result.returncode == 0, result.stderr
    assert (mini.content / "pages" / "sharing-information.md").exists()
    assert run(mini, "check").returncode == 0
    again = run(mini, "new", "page", "sharing-information")
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = run(mini, "new", "page", "Sharing Information")
    assert bad.returncode == 2 and "e.g. 'sharing-information'" in bad.stderr


def test_exported_schemas_are_up_to_date() -> None:
    for name, text in schemas.render_all().items():
        assert (ROOT / "schemas" / name).read_text() == text, f"run `make schemas` ({name})"


def test_vscode_maps_every_yaml_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapped = settings["yaml.schemas"]
    for schema_file, pattern in mapped.items():
        assert (ROOT / schema_file).exists(), schema_file
        # The register is empty until editors add records.
        assert list(ROOT.glob(pattern)) or pattern == "content/register/*.yaml", pattern


def test_page_schema_offers_audience_completion() -> None:
    page = json.loads((ROOT / "schemas" / "page.schema.json").read_text())
    audiences = page["properties"]["audiences"]["items"]
    assert audiences["enum"] == [
        "practitioners",
        "trainers",
        "managers",
        "policy-makers",
        "researchers",
    ]


def test_every_kind_scaffolds_a_file_that_validates(real: Paths) -> None:
    for kind in ("page", "theme", "briefing", "factsheet", "newsletter", "register"):
        result = run(real, "new", kind, f"new-{kind}")
        assert result.returncode == 0, result.stderr
    result = run(real, "check")
    assert result.returncode == 0, result.stderr


def test_check_reports_address_collisions_and_broken_markdown_links_at_their_line(
    full: Paths,
) -> None:
    """Both used to pass check and fail later: the collision with exit 70 ("a bug"), the link
    in MkDocs, naming the docs tree instead of the content file."""
    themes = full.content / "themes"
    (themes / "future-thematic-reviews.md").write_text(
        (themes / "learning-without-blame.md").read_text()
    )
    about = full.content / "pages" / "about.md"
    about.write_text(about.read_text() + "\nSee [the register](observatory/registr.md).\n")
    result = run(full, "check")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if LINE.match(line)]
    assert errors == [
        "content/pages/about.md:46: body: links to 'observatory/registr.md', not a page of the "
        "site; link to a page by its id, as in [text](id:about); did you mean 'register'?",
        "content/themes/future-thematic-reviews.md:1: id: the file name "
        "'future-thematic-reviews' gives the address themes/future-thematic-reviews/, which is "
        "reserved for a page the builder generates (themes/future-thematic-reviews.md); "
        "rename the file",
    ]
