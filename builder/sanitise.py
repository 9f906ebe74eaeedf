"""Allowlist sanitising (nh3, the binding of Rust's ammonia) of every piece of HTML that content
produces: editors' Markdown as a check that names what would be removed, and the published
HTML (pages through overrides/hooks/sanitise.py, newsletter email) as the guarantee."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3

from builder.load.markup import ID_LINK

# The elements Markdown and the builder's templates produce; everything else is removed.
CONTENT_TAGS = frozenset(
    {
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span"),
        *("strong", "em", "b", "i", "s", "del", "ins", "mark", "sub", "sup", "small"),
        *("code", "pre", "kbd", "blockquote", "q", "cite", "abbr", "dfn"),
        *("ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption"),
        *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "details", "summary"),
    }
)
# attr_list may add classes and ids only; the rest are what Markdown itself writes.
CONTENT_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"style", "align", "colspan", "rowspan"},
    "td": {"style", "align", "colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})  # and relative links, always
STYLE_PROPERTIES = frozenset({"text-align"})  # what the tables extension writes

# What the builder's own templates add around content (charts, download buttons, the hidden
# search filters, the register's filter box); never accepted from editors.
# Charts are inline SVG from vl-convert (Delphi statements), drawn from data, not editors' HTML.
_SVG_PAINT = {"fill", "opacity", "stroke", "stroke-width", "transform", "pointer-events"}
CHART_ATTRIBUTES: dict[str, set[str]] = {
    "svg": {"aria-labelledby", "role", "version", "viewBox", "width", "height", "xmlns"},
    "title": {"id"},
    "desc": {"id"},
    "g": _SVG_PAINT | {"stroke-miterlimit"},
    "rect": _SVG_PAINT | {"x", "y", "width", "height"},
    "path": _SVG_PAINT | {"d", "display"},
    "line": _SVG_PAINT | {"x1", "x2", "y1", "y2"},
    "text": _SVG_PAINT | {"font-family", "font-size", "font-weight", "text-anchor", "x", "y"},
    "tspan": _SVG_PAINT | {"x", "y", "dx", "dy"},  # a wrapped label's lines
}
# The forms: the home page's search box (a GET to the site's own search page) and the
# downloads filter (selects that site.js reads; it never submits). An action only on this
# site (_filter), and a get, a search box, a submit button (FORM_VALUES, _filter_page).
FORM_ATTRIBUTES: dict[str, set[str]] = {
    "form": {"action", "method", "role", "aria-label", "data-table"},
    "label": {"for"},
    "input": {"type", "name", "placeholder", "autocomplete"},
    "button": {"type"},
    "select": {"data-key"},
    "option": {"value"},
}
FORM_VALUES = {
    ("form", "method"): "get",
    ("input", "type"): "search",
    ("button", "type"): "submit",
    ("input", "autocomplete"): "off",
}
PAGE_TAGS = CONTENT_TAGS | {"noscript"} | set(CHART_ATTRIBUTES) | set(FORM_ATTRIBUTES)
PAGE_ATTRIBUTES: dict[str, set[str]] = {
    **CONTENT_ATTRIBUTES,
    **CHART_ATTRIBUTES,
    **FORM_ATTRIBUTES,
    "*": {"class", "id", "hidden"},
    "a": {"href", "title", "download", "rel"},
    # A wide table's scrolling region, reachable and named for keyboard and screen reader.
    "div": {"data-table", "data-bundle", "role", "tabindex", "aria-label"},
    "ol": {"start", "aria-label"},
    "li": {"value"},  # a chart's key: each statement under its bar's number
    "p": {"role"},
    "th": CONTENT_ATTRIBUTES["th"] | {"scope"},
    "tr": {"data-audience", "data-theme", "data-format"},  # what the downloads filter reads
}
PAGE_PREFIXES = frozenset({"data-pagefind-"})

# Ids the theme's scripts look up; an element of content with one of them would replace the
# theme's own (DOM clobbering).
RESERVED_ID = re.compile(r"^(?:__|md-)", re.I)


def _as_browsers_read(value: str) -> str:
    """A URL as a browser reads it: tabs and line breaks removed anywhere, leading spaces and
    control characters stripped, backslashes as slashes ('\\\\evil' is '//evil')."""
    value = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(0x21))))
    return value.replace("\\", "/")


def _external(value: str) -> bool:
    value = _as_browsers_read(value)
    parts = urlsplit(value)
    return bool(parts.scheme or parts.netloc or value.startswith("//"))


def _filter(site_url: str | None) -> Callable[[str, str, str], str | None]:
    """Attribute checks nh3 cannot express: images only from the site, forms sending only to
    it, no reserved ids."""

    def check(element: str, attribute: str, value: str) -> str | None:
        if attribute == "id" and RESERVED_ID.match(value):
            return None
        if element == "img" and attribute == "src" and _external(value):
            return value if site_url and value.startswith(site_url) else None
        if element == "form" and attribute == "action" and _external(value):
            return None
        if attribute == "href" and _as_browsers_read(value).startswith("//"):
            return None  # protocol-relative: another host, whatever the page's scheme
        return value

    return check


_on_this_site = _filter(None)


def clean_content(html: str, site_url: str | None = None) -> str:
    """Editors' HTML (rendered Markdown) reduced to what content may contain."""
    return _clean(html, CONTENT_TAGS, CONTENT_ATTRIBUTES, _filter(site_url))


def clean_page(html: str) -> str:
    """A page's HTML as Markdown rendered it (content plus the builder's templates)."""
    return _clean(html, PAGE_TAGS, PAGE_ATTRIBUTES, _filter_page, PAGE_PREFIXES)


def _filter_page(element: str, attribute: str, value: str) -> str | None:
    """_filter, and the forms' fields held to the values the builder's own use (FORM_VALUES)."""
    if (element, attribute) in FORM_VALUES:
        return value if value.lower() == FORM_VALUES[element, attribute] else None
    return _on_this_site(element, attribute, value)


def _clean(
    html: str,
    tags: Iterable[str],
    attributes: dict[str, set[str]],
    attribute_filter: Callable[[str, str, str], str | None],
    prefixes: Iterable[str] = (),
) -> str:
    """nh3 with one allowlist of tags and attributes; the URL schemes, style properties and
    the rest are the same for content, pages and email."""
    return nh3.clean(
        html,
        tags=set(tags),
        attributes=attributes,
        attribute_filter=attribute_filter,
        generic_attribute_prefixes=set(prefixes),
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )


EMAIL_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}


def clean_email(html: str, site_url: str) -> str:
    """A newsletter's HTML for email, which has no CSP to fall back on: the content allowlist
    without classes or ids, absolute links only, and images only from the site itself."""

    def check(element: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src") and not _external(value):
            return None  # relative: means nothing in a mail client
        if element == "img" and attribute == "src":
            return value if value.startswith(site_url) else None
        return _filter(site_url)(element, attribute, value)

    return _clean(html, CONTENT_TAGS, EMAIL_ATTRIBUTES, check)


_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "dt"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._end()
        if tag == "a":
            self.href.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            href = self.href.pop()
            if href and href.startswith(("http:", "https:")):
                self.current.append(f" ({href})")
        if tag in _BLOCKS:
            self._end()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def _end(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []


def text_paragraphs(html: str) -> list[str]:
    """Sanitised HTML as plain paragraphs (links as 'text (address)'), for PDFs and plain text
    email: every format of a newsletter comes from the same sanitised HTML."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._end()
    return parser.paragraphs


# --- The check: what the sanitiser would remove from an editor's text, named -----------------

# Same extensions as mkdocs.yml (minus toc, which adds only ids, and snippets, refused outright).
_MARKDOWN = markdown.Markdown(
    extensions=["abbr", "admonition", "attr_list", "md_in_html", "tables"]
)
# Only texts with one of these can produce an element or attribute beyond plain paragraphs.
_MAY_HAVE_MARKUP = re.compile(r"[<{&]|\]\s*[(:\[]")
SNIPPET = re.compile(r"-+8<-+")


@dataclass(frozen=True)
class Removed:
    """One thing the sanitiser removes: a message and a piece of the source to find its line."""

    message: str
    needle: str


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attrs: Counter[tuple[str, str, str]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            self.attrs[(tag, name, value or "")] += 1

    handle_startendtag = handle_starttag


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def render_markdown(text: str) -> str:
    _MARKDOWN.reset()
    return _MARKDOWN.convert(text)


# Link targets Markdown cannot turn into anything but a plain link: a web or mail address, an
# id link, an anchor, or a relative path of plain characters.
_LINK_TARGET = re.compile(r"\]\(\s*([^)\s]*)|^[\s>]*\[[^\]]+\]:\s*(\S*)", re.M)
_PLAIN_TARGET = re.compile(
    r"(?:https?://[^\s\\<>\"']+|mailto:[^\s\\<>\"']+|id:[\w-]+(?:#[\w-]+)?|#[\w-]*"
    r"|(?!/)[\w.#-][\w./#-]*)",
    re.I,
)


def _only_plain_links(text: str) -> bool:
    """True when the only markup-like thing in a text is links with plain targets (most
    bodies): nothing there for the sanitiser to remove, so no need to render it."""
    if re.search(r"[<{&\\]|!\[", text):
        return False
    return all(
        _PLAIN_TARGET.fullmatch(match[1] or match[2] or "") for match in _LINK_TARGET.finditer(text)
    )


def removed(text: str) -> list[Removed]:
    """Everything in an editor's Markdown that the published page would not carry."""
    if not _MAY_HAVE_MARKUP.search(text) or _only_plain_links(text):
        return []
    # Id links (text)(id:x) become relative links in render; their ids are checked elsewhere.
    text = ID_LINK.sub("](#)", text)
    if "\n" not in text.strip():
        # A one-line value (a title, a summary, a label) lands in headings, link texts in
        # lists, and table cells as well as paragraphs; '{: ...}' at its end, or a ']('
        # inside it, means something different in each.
        line = text.strip()
        text = f"# {line}\n\n{line}\n\n- [{line}](#)\n\n| {line} |\n|---|\n| {line} |\n"
    raw = render_markdown(text)
    before, after = _elements(raw), _elements(clean_content(raw))
    out: list[Removed] = []
    for tag in sorted(before.tags - after.tags):
        out.append(
            Removed(
                f"raw <{tag}> is not allowed in content; write Markdown (allowed HTML: "
                "the elements Markdown itself makes)",
                f"<{tag}",
            )
        )
    for tag, name, value in sorted(before.attrs - after.attrs):
        if tag not in CONTENT_TAGS or tag in (before.tags - after.tags):
            continue
        out.append(_attribute(tag, name, value))
    return out


def _attribute(tag: str, name: str, value: str) -> Removed:
    shown = re.sub(r"[\x00-\x1f\x7f]", "?", value if len(value) <= 60 else value[:57] + "...")
    if name in ("href", "src") and tag == "img" and _external(value):
        return Removed(
            f"images must be stored in the site, not fetched from another host ({shown}); "
            "add the file under content/ instead",
            value[:20],
        )
    if name in ("href", "src"):
        return Removed(
            f"the link '{shown}' is not allowed: links may be http, https, mailto or to "
            "a page of the site",
            value.split(":", 1)[0][:20] or name,
        )
    if name == "id":
        return Removed(f"the id '{shown}' is reserved for the site's theme; choose another", value)
    if name.startswith("on"):
        return Removed(
            f"the attribute '{name}' (an event handler) is not allowed in content; remove it",
            name,
        )
    return Removed(
        f"the attribute '{name}' on <{tag}> is not allowed in content; "
        "'{: }' may only add classes (.name) and ids (#name)",
        name,
    )
