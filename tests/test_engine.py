"""The engine on both cores: MkDocs in several processes, each rendering a share of the pages,
gives the site one process gives, byte for byte; and no build ever writes into a file that is
published (a build links the files it did not change from the last site/, so one write into
a published file would change both)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from builder import pipeline
from builder.engine.mkdocs import Runners, _mkdocs, build_site
from builder.formats.cache import workers_available
from builder.paths import Paths
from builder.render.output import Output
from builder.write import Writer
from overrides.hooks.extensions import PATTERNS, used
from overrides.hooks.partial import STATIC_WORK, deal
from tests.conftest import TODAY, edit


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_pages_shared_between_processes_give_the_site_one_process_gives(
    built_site: Paths, tmp_path: Path
) -> None:
    one, three = tmp_path / "one", tmp_path / "three"
    _mkdocs(built_site, one, TODAY, shards=1)
    _mkdocs(built_site, three, TODAY, shards=3)
    made = files(one)
    assert len([name for name in made if name.endswith(".html")]) > 200
    assert files(three) == made


def test_pages_are_dealt_out_once_each_in_shares_of_about_equal_bytes() -> None:
    sizes = {f"page-{n}.md": (n * 7919) % 5000 + 100 for n in range(300)}
    shares = deal(sizes, 3)
    assert sorted(name for share in shares for name in share) == sorted(sizes)
    loads = [sum(sizes[name] for name in share) for share in shares]
    loads[0] += STATIC_WORK * sum(sizes.values()) / 3  # share 0 also copies the static files
    assert max(loads) - min(loads) <= max(sizes.values())
    assert loads[0] - STATIC_WORK * sum(sizes.values()) / 3 < min(loads[1:])
    assert deal(dict(reversed(list(sizes.items()))), 3) == shares  # the same in every process


def test_a_build_never_writes_into_a_published_file(built_copy: Paths, tmp_path: Path) -> None:
    """A snapshot of site/ as hard links sees any write into a published file. An incremental
    build (one changed page), which links its unchanged files from the last site/, and a full
    one (a changed title) leave the snapshot's bytes as they were."""
    theme = built_copy.root / "content" / "themes" / "learning-without-blame.md"
    edit(theme, "summary: ", "summary: Edited by the engine test. ")
    pipeline.build(built_copy, TODAY)
    snapshot = tmp_path / "snapshot"
    for folder, _dirs, names in os.walk(built_copy.site):
        here = snapshot / Path(folder).relative_to(built_copy.site)
        here.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.link(Path(folder) / name, here / name)
    before = files(snapshot)
    edit(theme, "summary: ", "summary: Edited again. ")
    pipeline.build(built_copy, TODAY)
    # The incremental build linked what it did not render from the last one: same files.
    unchanged = "references/index.html"
    assert (built_copy.site / unchanged).stat().st_ino == (snapshot / unchanged).stat().st_ino
    edit(built_copy.root / "content" / "pages" / "about.md", "title: ", "title: Renamed, ")
    pipeline.build(built_copy, TODAY)

    assert files(snapshot) == before
    page = "themes/learning-without-blame/index.html"
    assert b"Edited again. Edited by" in (built_copy.site / page).read_bytes()


def test_mkdocs_started_ahead_and_never_told_exits(built_site: Paths) -> None:
    """A build that stops before MkDocs (bad content, say) leaves no MkDocs process behind."""
    with Runners(built_site, 2) as runners:
        waiting = [process for process, _log in runners._waiting]
        assert all(process.poll() is None for process in waiting)
    assert all(process.returncode == 0 for process in waiting)


def test_compiled_templates_are_kept_for_the_next_build(built_site: Paths) -> None:
    kept = list((built_site.build / "jinja").iterdir())
    assert len(kept) > 20  # main.html, base.html and the partials they include
    ours = list((built_site.cache / "templates" / "pages").iterdir())
    assert len(ours) > 20  # the builder's page templates (builder/render/__init__.py)


def _bundles(paths: Paths) -> list[Path]:
    return sorted(paths.converted.rglob("*.json"))


def _kept_pages(paths: Paths) -> dict[str, Any]:
    """Every kept conversion, by its key, from every bundle."""
    kept: dict[str, Any] = {}
    for bundle in _bundles(paths):
        kept.update(json.loads(bundle.read_text(encoding="utf-8")))
    return kept


def _keep_marked(paths: Paths, page_text: str, marker: str) -> None:
    """Put `marker` after `page_text` in every kept conversion of the page that has it."""
    marked = 0
    for bundle in _bundles(paths):
        entries = json.loads(bundle.read_text(encoding="utf-8"))
        for entry in entries.values():
            if page_text in entry["content"]:
                entry["content"] = entry["content"].replace(page_text, page_text + marker, 1)
                marked += 1
        bundle.write_text(json.dumps(entries), encoding="utf-8")
    assert marked, f"no kept conversion has {page_text!r}"


def test_pages_converted_by_an_earlier_build_give_the_site_converting_gives(
    built_copy: Paths, tmp_path: Path
) -> None:
    """overrides/hooks/converted.py: a full build from kept conversions is byte for byte one
    that converts every page; a kept conversion is used (a mark put into one shows), and not
    once the page's Markdown or a Markdown setting every page is converted with has changed."""
    shutil.rmtree(built_copy.converted)
    _mkdocs(built_copy, tmp_path / "converted", TODAY, shards=1)
    assert len(_kept_pages(built_copy)) > 200
    _mkdocs(built_copy, tmp_path / "kept", TODAY, shards=2)
    assert files(tmp_path / "kept") == files(tmp_path / "converted")

    about = built_copy.docs / "about.md"
    _keep_marked(built_copy, '<h1 id="about-this-site">About this site', "KEPT-ABOUT")
    _keep_marked(built_copy, '<h1 id="glossary">Glossary', "KEPT-GLOSSARY")
    _mkdocs(built_copy, tmp_path / "marked", TODAY)
    assert "KEPT-ABOUT" in (tmp_path / "marked" / "about" / "index.html").read_text()
    assert "KEPT-GLOSSARY" in (tmp_path / "marked" / "glossary" / "index.html").read_text()

    about.write_text(about.read_text(encoding="utf-8") + "\nAdded by the test.\n")
    _mkdocs(built_copy, tmp_path / "edited", TODAY)
    html = (tmp_path / "edited" / "about" / "index.html").read_text()
    assert "Added by the test." in html and "KEPT-ABOUT" not in html
    assert "KEPT-GLOSSARY" in (tmp_path / "edited" / "glossary" / "index.html").read_text()

    # A bundle cut short (a full disk, say) is left out: its pages convert again, no error.
    cut = [b for b in _bundles(built_copy) if "KEPT-GLOSSARY" in b.read_text(encoding="utf-8")]
    for bundle in cut:
        bundle.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 2])
    _mkdocs(built_copy, tmp_path / "cut", TODAY)
    html = (tmp_path / "cut" / "glossary" / "index.html").read_text()
    assert "KEPT-GLOSSARY" not in html and '<h1 id="glossary">Glossary' in html
    for bundle in cut:
        bundle.unlink()  # as the next full build would

    _keep_marked(built_copy, '<h1 id="glossary">Glossary', "KEPT-GLOSSARY")
    settings = built_copy.mkdocs_yml.read_text(encoding="utf-8")
    assert "permalink_title: Link to this section" in settings
    built_copy.mkdocs_yml.write_text(settings.replace("to this section", "to this part"))
    _mkdocs(built_copy, tmp_path / "settings", TODAY)
    html = (tmp_path / "settings" / "glossary" / "index.html").read_text()
    assert "KEPT-GLOSSARY" not in html and 'title="Link to this part"' in html

    # A full build keeps only what it used: here, the conversions with the new setting.
    before = set(_bundles(built_copy))
    build_site(built_copy, TODAY)
    bundles = _bundles(built_copy)
    assert len({bundle.parent for bundle in bundles}) == 1
    assert len(set(bundles) - before) == workers_available()  # one for each MkDocs process
    assert len(_kept_pages(built_copy)) == len(list(built_copy.docs.rglob("*.md")))


def test_documents_go_into_the_site_as_links_that_keep_their_bytes(
    built_copy: Paths, tmp_path: Path
) -> None:
    """overrides/hooks/linked.py: a document in the site is the docs tree's file, linked, not a
    copy, and the theme's own files are copied; when the builder then replaces the document,
    the site built before keeps the bytes it was built with."""
    pdf = next(built_copy.docs.glob("factsheets/*.pdf"))
    relative = pdf.relative_to(built_copy.docs).as_posix()
    before = pdf.read_bytes()
    _mkdocs(built_copy, tmp_path / "linked", TODAY, shards=2)
    built = tmp_path / "linked" / relative
    assert built.read_bytes() == before
    assert built.stat().st_ino == pdf.stat().st_ino
    theme = next((tmp_path / "linked" / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert theme.stat().st_nlink == 1

    Writer({"docs": built_copy.docs}).write([Output(relative, b"%PDF-1.7 replaced", "test")])
    assert pdf.read_bytes() == b"%PDF-1.7 replaced"
    assert built.read_bytes() == before


# Each line exercises one part overrides/hooks/extensions.py may leave out: a page with the
# text that part needs must keep it.
TRICKY = [
    "| a | b |\n|---|---|\n| 1 | 2 |",
    '!!! note "Title"\n    Inside.',
    '<div class="admonition note" markdown>\n<p class="admonition-title">N</p>\n</div>\n\n'
    "    continued",
    "Para\n{: .crl-x #an-id }",
    "Uses SCR.\n\n*[SCR]: Serious case review",
    "```\ncode\n```",
    "~~~\ncode\n~~~",
    "`code` and \\*escaped\\* and &amp; and &copy;",
    "[link](x.md) [ref][r] [r] ![img](y.png) ![ref][r]\n\n[r]: z.md",
    "<https://example.org> <a@b.org> <span>raw</span>",
    "two spaces  \nbreak",
    "word\t\nbreak (a tab becomes spaces)",
    "a return, which becomes a line break  \rline",
    "*em* **strong** _em_ __strong__ * not strong *",
    "Plain words only.",
]


def test_pages_convert_alike_without_the_markdown_they_cannot_use(generated: Paths) -> None:
    """overrides/hooks/extensions.py leaves out of a page's conversion each extension and
    inline pattern it has no syntax for: every page of the site, and a line of each syntax,
    converts to the same HTML as with all of them."""
    config = load_config(str(generated.mkdocs_yml))
    every, options = config["markdown_extensions"], config["mdx_configs"]
    # Each page as MkDocs converts it: without its front matter.
    pages = [
        get_data(p.read_text(encoding="utf-8"))[0] for p in sorted(generated.docs.rglob("*.md"))
    ]
    assert len(pages) > 200
    left_out = 0
    for text in pages + TRICKY:
        trimmed = used(every, options, text)
        full = markdown.Markdown(extensions=every, extension_configs=options)
        md = markdown.Markdown(extensions=trimmed, extension_configs=options)
        assert md.convert(text) == full.convert(text), text[:200]
        patterns = [name for name in PATTERNS if name in full.inlinePatterns]
        left_out += len(every) - (len(trimmed) - 1)
        left_out += sum(name not in md.inlinePatterns for name in patterns)
    assert left_out > 5 * len(pages)  # it does leave parts out
