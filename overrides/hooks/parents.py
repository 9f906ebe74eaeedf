"""A page not in the menu (a briefing, theme, fact sheet, training pack, Delphi statement,
newsletter issue ...) takes as its parent the listed page whose address holds its own
(briefings/neglect/ -> briefings/), so the tabs, the menu and the breadcrumbs show where the
reader is. MkDocs marks a page and its parents active just before this event, so the page is
marked again once it has its parent; it unmarks the whole chain after rendering."""

from __future__ import annotations

from typing import Any


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if page.parent is not None or page.is_homepage or page in nav.pages:
        return context
    listed = [p for p in nav.pages if p.url and page.url.startswith(p.url)]
    if listed:
        above = max(listed, key=lambda p: len(p.url))
        # A section's own first page stands for the section ("Newsletters", not
        # "Newsletters > Newsletters" in the breadcrumbs).
        section = above.parent
        if section is not None and section.children and section.children[0] is above:
            above = section
        page.parent = above
        page.active = True
    return context
