"""What every renderer needs: the content, the derived results, the site settings, the
templates, and helpers to write links and citations relative to the page being rendered."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

import jinja2
import yaml

from builder.config import SiteConfig
from builder.derive import Derived
from builder.formats.cache import DocumentCache
from builder.load import markup
from builder.models import Site
from builder.render import filters
from builder.render.figures import Figure, site_figures
from builder.render.output import Output

if TYPE_CHECKING:
    from builder.derive.index import Entry


TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("builder", "templates"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    autoescape=False,  # templates write Markdown, not HTML; values are escaped where needed
)


def long_date(value: dt.date | None) -> str:
    return "" if value is None else f"{value.day} {value:%B %Y}"


TEMPLATES.filters["long_date"] = long_date


# posixpath.relpath makes both paths absolute against the working directory (a system call
# each time); a site's pages ask for the same few thousand pairs again and again.
_relpath = lru_cache(maxsize=None)(posixpath.relpath)


def relative(from_path: str, to_path: str) -> str:
    """A Markdown link from one docs-tree file to another (MkDocs resolves these)."""
    target, _, anchor = to_path.partition("#")
    link = _relpath(target, posixpath.dirname(from_path) or ".") if target else ""
    return link + (f"#{anchor}" if anchor else "")


# libyaml's emitter when available: the same YAML, several times faster on thousands of pages.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# Front matter values the theme places in <head> or in attributes without escaping them
# (Material's base.html writes page.meta.title and .description as they are): escaped here.
ESCAPED_META = ("title", "description", "feed_title")


def escape_meta(value: str) -> str:
    """&, <, > and the double quote the theme's attributes use (apostrophes stay readable)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def front_matter(fields: dict[str, Any]) -> str:
    fields = {
        key: escape_meta(value) if key in ESCAPED_META and isinstance(value, str) else value
        for key, value in fields.items()
    }
    text = yaml.dump(fields, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{text}---\n"


FORMATS = {"pdf": "PDF", "docx": "Word", "pptx": "PowerPoint", "zip": "ZIP", "csv": "CSV"}


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class Context:
    def __init__(
        self,
        site: Site,
        derived: Derived,
        config: SiteConfig,
        cache: DocumentCache | None = None,
        today: dt.date | None = None,
    ):
        self.site = site
        self.today = today or derived.updated  # only the Review due page depends on it
        self.derived = derived
        self.config = config
        self.cache = cache or DocumentCache(None)
        self.files: dict[str, bytes] = {}  # generated downloads, known before pages render
        self._refs = {r.key: r for r in site.citable}
        # Each page's numbered notes, in order of first citation: (reference key, locator).
        self._notes: dict[str, list[tuple[str, str]]] = {}

    def download_links(self, here: str, paths: list[str]) -> list[dict[str, str]]:
        """Download buttons: format, size and a link that MkDocs checks."""
        return [
            {
                "label": FORMATS[path.rsplit(".", 1)[1]],
                "link": relative(here, path),
                "path": path,  # for pages of a list, which link it from each page
                "size": human_size(len(self.files[path])),
                "name": path.rsplit("/", 1)[1],
            }
            for path in paths
        ]

    def page(
        self, path: str, template: str, source: str, meta: dict[str, Any], **values: Any
    ) -> Output:
        """Render one Markdown page: front matter, the 'generated' stamp, then the template."""
        fields = {k: v for k, v in meta.items() if v not in (None, [], "")}
        if filters.unindexed(path):
            fields["search_exclude"] = True
        values.setdefault("sources", [])
        values.setdefault("updated", None)
        body = TEMPLATES.get_template(template).render(
            title=meta["title"],
            ctx=self,
            here=path,
            link=lambda to: relative(path, to),
            url=self.config.page_url(path),
            **values,
        )
        stamp = f"<!-- generated from {source} by the builder; do not edit: edit {source} -->\n"
        text = front_matter(fields) + stamp + "\n" + body.rstrip() + "\n"
        return Output(path, text + self.search_filters(path), source)

    def search_filters(self, path: str) -> str:
        """Hidden Pagefind filter values for a page: audience, type, theme and year."""
        values = filters.filter_values(self.site, self.entries_by_path, self.themes_by_path, path)
        if not values:
            return ""
        spans = "".join(
            f'<span data-pagefind-filter="{name}:{html.escape(value)}"></span>'
            for name, value in values
        )
        return f"\n<div hidden>{spans}</div>\n"

    def resolve(self, body: str, here: str) -> str:
        """Editors' markers made real: [@key, locator] to a superscript numbered note (the
        page's Notes list, `notes`, links it to the references), (id:x) to a relative link."""
        page_notes = self._notes.setdefault(here, [])

        def cite(match: Any) -> str:
            note = (match["key"], (match["locator"] or "").strip())
            if note not in page_notes:
                page_notes.append(note)
            n = page_notes.index(note) + 1
            return (
                f'<sup class="crl-noteref"><a href="#note-{n}">'
                f'<span class="crl-visually-hidden">Note </span>{n}</a></sup>'
            )

        def link(match: Any) -> str:
            target = self.derived.addresses[match["id"]] + (match["anchor"] or "")
            return f"]({relative(here, target)})"

        # The note number sits against the word before it, not after a space.
        citation = re.compile(r"[ \t]*" + markup.CITATION.pattern)
        return markup.ID_LINK.sub(link, citation.sub(cite, body))

    @cached_property
    def entries_by_path(self) -> dict[str, Entry]:
        return {e.path: e for e in self.derived.entries}

    @cached_property
    def themes_by_path(self) -> dict[str, tuple[str, ...]]:
        return filters.themes_by_path(self.site)

    @cached_property
    def figures(self) -> dict[str, Figure]:
        """Every shared chart, built once for all the outputs that embed it."""
        return site_figures(self.site, self.derived, self.cache)

    def url_of(self, docs_path: str, here: str) -> str:
        """A raw-HTML link (which MkDocs does not rewrite) from page `here` to a docs file."""
        page_dir = self.config.page_url(here).removeprefix(self.config.url).rstrip("/") or "."
        target = self.config.page_url(docs_path).removeprefix(self.config.url) or "./"
        link = _relpath(target, page_dir)
        return link + "/" if target.endswith("/") and not link.endswith("/") else link

    def resolve_absolute(self, body: str) -> str:
        """Markers made real with absolute links, for email and feeds read off the site."""

        def cite(match: Any) -> str:
            ref = self._refs[match["key"]]
            locator = f", {match['locator'].strip()}" if match["locator"] else ""
            target = self.config.page_url("references.md") + "#" + ref.key
            return f"([{ref.short}{locator}]({target}))"

        def link(match: Any) -> str:
            path, _, anchor = (
                self.derived.addresses[match["id"]] + (match["anchor"] or "")
            ).partition("#")
            return f"]({self.config.page_url(path)}{'#' + anchor if anchor else ''})"

        return markup.ID_LINK.sub(link, markup.CITATION.sub(cite, body))

    def reference(self, key: str) -> Any:
        return self._refs[key]

    def notes(self, here: str) -> list[dict[str, str]]:
        """The numbered notes the page's citations point to: "Short ref, locator", each
        linking to its entry in the references."""
        refs_page = self.url_of("references.md", here)
        return [
            {
                "id": f"note-{n}",
                "text": self._refs[key].short + (f", {locator}" if locator else ""),
                "link": f"{refs_page}#{key}",
            }
            for n, (key, locator) in enumerate(self._notes.get(here, []), start=1)
        ]

    def cite_line(self, title: str, updated: dt.date | None, url: str) -> str:
        """Pages without their own date (generated indexes) carry the site's newest date."""
        when = updated or self.derived.updated
        return (
            f"{self.config.name} ({when.year}). *{title}*. Last updated {long_date(when)}. "
            f"Available at: <{url}>"
        )
