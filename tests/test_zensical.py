"""Ready for Material's successor: Zensical renders the same docs tree into the same pages,
with the same titles and tags, reading the same mkdocs.yml (it ignores `hooks`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from builder.paths import Paths

pytestmark = pytest.mark.engine


def pages(site: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each page's address -> (its first heading, its tag chips)."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        # the same character either way: MkDocs' pages pass through the sanitiser (a MkDocs
        # hook, which Zensical does not run) and come out with ¶ where Zensical writes &para;
        title = unescape(re.sub(r"<[^>]+>", "", heading.group(1)).strip()) if heading else ""
        tags = tuple(re.findall(r'class="md-tag[^"]*"[^>]*>\s*([^<]+?)\s*<', html))
        found[page.relative_to(site).as_posix()] = (title, tags)
    return found


def test_zensical_renders_the_same_pages_titles_and_tags(built_site: Paths, tmp_path: Path) -> None:
    zensical = Path(sys.executable).with_name("zensical")
    if not zensical.exists():
        pytest.fail("zensical is missing from the venv: make setup installs the dev extras")
    project = tmp_path / "zensical"
    (project / "build").mkdir(parents=True)
    shutil.copytree(built_site.docs, project / "build" / "docs")
    shutil.copytree(built_site.root / "overrides", project / "overrides")
    config = (built_site.root / "mkdocs.yml").read_text().replace("site_dir: site", "site_dir: out")
    (project / "mkdocs.yml").write_text(config)
    result = subprocess.run(
        [str(zensical), "build", "-f", "mkdocs.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = pages(built_site.site), pages(project / "out")
    assert set(theirs) == set(ours)
    assert len(ours) > 100
    different = {k: (ours[k], theirs[k]) for k in ours if ours[k] != theirs[k]}
    assert different == {}
    assert any(tags for _, tags in ours.values())  # the comparison saw tag chips
