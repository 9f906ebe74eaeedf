"""MkDocs hook: each page is converted without the parts of Python-Markdown it has no syntax for.

Every extension and every inline pattern costs every page, used or not: the tables extension
splits the lines of each block looking for pipes, and each of Python-Markdown's sixteen inline
patterns (links, emphasis, code, entities and so on) is tried on every piece of text. At 1,000
items (make bench), leaving out what a page cannot use took Python-Markdown from 3.7 s to
2.9 s, on pages most of which have no table, admonition, code or image.

A part is left out of a page's conversion only when the page's Markdown (after every
on_page_markdown hook) holds none of the text its syntax needs, so the page converts to the
same HTML either way: tests/test_engine.py converts every page of the site both ways. An
extension given options in mkdocs.yml is always kept (an option may add syntax: abbr's
glossary, say), and so is anything not named below. Python-Markdown turns tabs into spaces
and carriage returns into line breaks before it parses, so a page with either keeps the line
break pattern.

Listed after converted.py: a page's kept conversion is used as it is; only a page converted
afresh is converted this way."""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Text without which an extension cannot change a page (names as mkdocs.yml writes them).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "tables": ("|",),  # every row of a table has one
    # "!!! note" opens an admonition; an indented block right after any element of class
    # "admonition" (such as a div with md_in_html's markdown attribute) continues it.
    "admonition": ("!!!", "admonition"),
    "attr_list": ("{",),  # {: .class }, { #id }
    "abbr": ("*[",),  # *[SCR]: serious case review
    "fenced_code": ("```", "~~~"),
}
# Text without which one of Python-Markdown's own inline patterns cannot match (its names for
# them: markdown.inlinepatterns.build_inlinepatterns).
PATTERNS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n", "\t", "\r"),
    "html": ("<",),
    "entity": ("&",),
    "not_strong": ("*", "_"),
    "em_strong": ("*",),
    "em_strong2": ("_",),
}


def _absent(needs: tuple[str, ...], markdown: str) -> bool:
    return not any(text in markdown for text in needs)


def used(extensions: list[Any], options: dict[str, Any], markdown: str) -> list[Any]:
    """`extensions` without those `markdown` has no syntax for, then one that leaves out the
    inline patterns it has none for."""
    kept = [
        extension
        for extension in extensions
        if not isinstance(extension, str)
        or extension not in EXTENSIONS
        or extension in options
        or not _absent(EXTENSIONS[extension], markdown)
    ]
    return [*kept, _Patterns(markdown)]


class _Patterns(Extension):
    """Registered after every other extension, so it sees every inline pattern there is."""

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def extendMarkdown(self, md: Markdown) -> None:
        for name, needs in PATTERNS.items():
            if name in md.inlinePatterns and _absent(needs, self.markdown):
                md.inlinePatterns.deregister(name)


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    render = page.render  # MkDocs' own, or converted.py's

    def converted(config: MkDocsConfig, files: Files) -> None:
        every = config["markdown_extensions"]
        config["markdown_extensions"] = used(every, config["mdx_configs"], page.markdown or "")
        try:  # MkDocs converts one page at a time
            render(config, files)
        finally:
            config["markdown_extensions"] = every

    page.render = converted  # type: ignore[method-assign]
    return page
