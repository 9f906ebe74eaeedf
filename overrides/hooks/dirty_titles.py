"""MkDocs hook for incremental builds (`mkdocs build --dirty`, `mkdocs serve --dirty`): MkDocs
does not read the pages it skips, so their titles would show as "None" in the navigation and
footer links of the pages it rebuilds. This reads just their front matter titles."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import meta


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    for page in nav.pages:
        # Skipped by --dirty and not titled in the nav config.
        if page.title is None and not page.file.is_modified():
            title = meta.get_data(page.file.content_string)[1].get("title")
            if title:
                page.title = str(title)
    return nav
