"""After MkDocs: every internal link and anchor in the built site must resolve, including those
in raw HTML that MkDocs does not check. Written with the standard library's HTML parser, which
is all this needs."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINKING = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "audio": "src",
    "video": "src",
    "track": "src",
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        attribute = LINKING.get(tag)
        if attribute and values.get(attribute):
            rel = (values.get("rel") or "").split()
            if tag == "link" and ("alternate" in rel or "canonical" in rel):
                return  # feeds and canonical URLs are absolute, on the public host
            self.links.append(str(values[attribute]))


def broken_links(site: Path, site_path: str = "/") -> list[str]:
    """'page: link' for every internal link or anchor that does not resolve."""
    pages: dict[str, _Page] = {}
    for file in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(file.read_text(encoding="utf-8"))
        pages[file.relative_to(site).as_posix()] = parser
    broken = []
    for name, page in pages.items():
        if name == "404.html":
            continue  # served at any address, so it links from the site root by design
        for link in page.links:
            target = _resolve(name, link, site_path)
            if target is None:
                continue
            path, anchor = target
            if not (site / path).is_file():
                broken.append(f"{name}: {link}")
            elif anchor and path.endswith(".html") and anchor not in pages[path].ids:
                broken.append(f"{name}: {link} (no element with id '{anchor}')")
    return broken


def _resolve(page: str, link: str, site_path: str) -> tuple[str, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "data:")):
        return None
    anchor = unquote(parts.fragment)
    if not parts.path:
        return page, anchor
    if parts.path.startswith("/"):
        path = parts.path.removeprefix(site_path.rstrip("/")).lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if path in (".", ""):
        path = "index.html"
    elif link.split("#")[0].split("?")[0].endswith("/") or not posixpath.splitext(path)[1]:
        path = posixpath.join(path, "index.html")
    return path, anchor
