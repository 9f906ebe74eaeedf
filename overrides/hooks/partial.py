"""MkDocs hook: which pages this MkDocs process renders, when builder.engine.mkdocs asks for
less than the whole site. Without its two variables it does nothing (`mkdocs serve`).

CRL_MKDOCS_SHARD=k/n: one of n processes that build the same site side by side, one per core.
MkDocs renders pages one after another, and Python-Markdown and Jinja are most of a build's
time, so the pages are shared out: largest first, each to the share with the fewest bytes so
far, so every process gets about as much work. Share 0 also copies the static files and
renders the theme's own templates (404.html, sitemap.xml); the other shares leave them alone.

CRL_MKDOCS_PREVIOUS=folder: an incremental build into an empty folder. A file counts as changed
when the last good build (that folder) has no copy of it at least as new as its source; only
changed files are rendered or copied, and the engine takes the rest from the last build. So
every build writes into a new folder, never into a file that is published.

Either way MkDocs skips the other files exactly as it skips unchanged files in a `--dirty`
build (dirty_titles.py gives them their titles), so the engine runs it with `--dirty`: a clean
build would empty the folder under the other shares. A page is rendered from the site's
navigation and its own Markdown only, so the result is byte for byte what one full build makes
(tests/test_engine.py builds the site both ways and compares)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

SHARD = "CRL_MKDOCS_SHARD"
PREVIOUS = "CRL_MKDOCS_PREVIOUS"


def share() -> tuple[int, int] | None:
    """(k, n) from CRL_MKDOCS_SHARD=k/n, or None for every page."""
    setting = os.environ.get(SHARD)
    if not setting:
        return None
    k, n = (int(part) for part in setting.split("/"))
    if not 0 <= k < n:
        raise ValueError(f"{SHARD}={setting}: expected k/n with 0 <= k < n")
    return k, n


# Share 0 also copies the static files and renders 404.html and the sitemap: about a tenth of
# a share's time at 1,000 pages (make bench), so it starts with that much Markdown counted.
STATIC_WORK = 0.1


def deal(sizes: dict[str, int], n: int) -> list[set[str]]:
    """The pages in n shares of about equal work: largest first, each to the lightest share so
    far (ties broken by name, so every process deals the same shares); share 0 starts with
    its static work counted."""
    shares: list[set[str]] = [set() for _ in range(n)]
    loads = [0.0] * n
    if n > 1:
        loads[0] = STATIC_WORK * sum(sizes.values()) / n
    for name, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        lightest = min(range(n), key=lambda i: (loads[i], i))
        shares[lightest].add(name)
        loads[lightest] += size
    return shares


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if (mine := share()) is not None and mine[0] != 0:
        config.theme.static_templates.clear()  # 404.html and sitemap.xml come from share 0
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    mine, previous = share(), os.environ.get(PREVIOUS)
    if mine is None and not previous:
        return files
    k, n = mine or (0, 1)
    pages = [file for file in files if file.is_documentation_page()]
    shares = deal({file.src_uri: _size(file) for file in pages}, n)
    for file in files:
        ours = file.src_uri in shares[k] if file.is_documentation_page() else k == 0
        # MkDocs asks is_modified() before it reads, renders or copies a file (--dirty).
        if not ours:
            file.is_modified = _unchanged  # type: ignore[method-assign]
        elif previous:
            file.is_modified = _changed_since(file, Path(previous))  # type: ignore[method-assign]
    return files


def _unchanged() -> bool:
    return False


def _changed_since(file: File, previous: Path) -> Callable[[], bool]:
    def is_modified() -> bool:
        if file.abs_src_path is None:  # made by a plugin: nothing to compare
            return True
        try:
            built = (previous / file.dest_uri).stat().st_mtime
        except FileNotFoundError:
            return True
        return built < os.path.getmtime(file.abs_src_path)

    return is_modified


def _size(file: File) -> int:
    return os.path.getsize(file.abs_src_path) if file.abs_src_path else 0
