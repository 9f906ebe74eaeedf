"""MkDocs hook: each page's Markdown, once converted to HTML, is kept between builds in
CRL_PAGE_CACHE (set by builder.engine.mkdocs, under build/cache/), so a full build converts
only the pages whose Markdown changed. Python-Markdown is about two thirds of MkDocs' time, and a
full build follows any change that shows on every page: the navigation, a title, a template,
mkdocs.yml. Without the variable (`mkdocs serve`) it does nothing.

A kept conversion is used only when everything Page.render reads is the same, so it is the
HTML that converting again would give:
- the page's Markdown (after every on_page_markdown hook), its path and its address;
- the Markdown settings (extensions and their options, validation, directory URLs);
- the path and address of every file in the docs tree, which links are checked and
  rewritten against (a link into the theme's own files is still checked by the engine's
  link check, builder/engine/linkcheck.py, which reads the built site);
- the versions of MkDocs, Python-Markdown and PyMdown Extensions.
The first goes into the page's key; the rest, the same for every page, name the folder the
keys live in. With pymdownx.snippets on, a page could include any file, so nothing is kept.

Each MkDocs process reads every bundle in that folder when it starts and, at the end of its
build, writes one new bundle: the conversions it used or made. One file per process, not one
per page: making a new file is the costly part of writing on the machines this site is built
on (see overrides/hooks/linked.py), and a full build at 1,000 items made over 1,000 of them.
After a full build the engine removes every bundle that build did not write, so what is kept
is what the last full build used, plus what incremental builds since have made. A bundle is
written whole or not at all, and one that cannot be read is left out. A conversion that
logged anything is never kept, so its messages show in every build. tests/test_engine.py
checks that a build from kept conversions is byte for byte a build without them."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

VARIABLE = "CRL_PAGE_CACHE"
PACKAGES = ("mkdocs", "markdown", "pymdown-extensions")
FORMAT = 2  # of a bundle: a new one names new folders, so no old bundle is read
# This build: the folder its conversions are kept in, what the bundles there hold, and what
# this process used or made (its own bundle).
_site: dict[str, Any] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not (root := os.environ.get(VARIABLE)):
        return files
    if "pymdownx.snippets" in config.markdown_extensions:
        return files  # a page may include any file, so what it converts to is not known here
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT, *(version(name) for name in PACKAGES)]).encode())
    digest.update(_settings(config).encode())
    docs = os.path.abspath(config.docs_dir)
    for file in sorted(files, key=lambda f: f.src_uri):
        if file.abs_src_path and file.abs_src_path.startswith(docs + os.sep):
            digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\n".encode())
    folder = Path(root) / digest.hexdigest()[:32]
    _site.update(folder=folder, kept=_read(folder), used={})
    return files


def _read(folder: Path) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for bundle in sorted(folder.glob("*.json")):
        try:
            entries = json.loads(bundle.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # cut short (a full disk, say): its pages convert again
            continue
        if isinstance(entries, dict):
            kept.update(entries)
    return kept


def on_post_build(config: MkDocsConfig) -> None:
    """This process's bundle, written whole or not at all: other processes read the folder."""
    if not (used := _site.get("used")):
        return
    folder: Path = _site["folder"]
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{os.getpid()}-{time.time_ns()}"
    partial = folder / f".{name}.part"
    partial.write_text(json.dumps(used), encoding="utf-8")
    os.replace(partial, folder / f"{name}.json")


def _settings(config: MkDocsConfig) -> str:
    """What of mkdocs.yml the conversion reads. An option that is not data (a function) is
    written with its address, which changes every run: nothing is then reused, never wrongly."""
    return json.dumps(
        [
            config.markdown_extensions,
            config.mdx_configs,
            dict(config.validation),
            config.use_directory_urls,
        ],
        sort_keys=True,
        default=repr,
    )


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    if "folder" in _site:
        page.render = lambda config, files: _render(page, config, files)  # type: ignore[method-assign]
    return page


def _render(page: Page, config: MkDocsConfig, files: Files) -> None:
    assert page.markdown is not None
    key = hashlib.sha256(
        f"{page.file.src_uri}\0{page.file.url}\0{page.markdown}".encode()
    ).hexdigest()
    if (kept := _site["kept"].get(key)) is not None:
        try:
            _restore(page, files, kept)
            _site["used"][key] = kept
            return
        except (ValueError, LookupError, TypeError):  # not whole: convert
            pass
    with _Heard() as heard:
        Page.render(page, config, files)
    if heard.records:
        return
    _site["used"][key] = {
        "content": page.content,
        "toc": _tokens(page),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None
        if page.links_to_anchors is None
        else {file.src_uri: found for file, found in page.links_to_anchors.items()},
    }


def _restore(page: Page, files: Files, kept: dict[str, Any]) -> None:
    """What Page.render sets, from a kept entry; all of it or, on any error, none."""
    links = kept["links"]
    restored = {
        "content": str(kept["content"]),
        "toc": get_toc(kept["toc"]),
        "_title_from_render": kept["title"],
        "present_anchor_ids": set(kept["anchors"]),
        "links_to_anchors": None
        if links is None
        else {files.src_uris[uri]: found for uri, found in links.items()},
    }
    for name, value in restored.items():
        if name != "links_to_anchors" or value is not None:
            setattr(page, name, value)


def _tokens(page: Page) -> list[Any]:
    """The table of contents as Python-Markdown's tokens, which get_toc reads back."""

    def token(item: Any) -> dict[str, Any]:
        return {
            "level": item.level,
            "id": item.id,
            "name": item.title,
            "children": [token(child) for child in item.children],
        }

    return [token(item) for item in page.toc.items]


class _Heard(logging.Handler):
    """Every message MkDocs or an extension logs while one page converts."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> _Heard:
        logging.getLogger().addHandler(self)
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *_: object) -> None:
        logging.getLogger().removeHandler(self)
        logging.getLogger("mkdocs").removeHandler(self)
