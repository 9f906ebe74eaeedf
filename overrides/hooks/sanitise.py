"""MkDocs hook, the last line of the builder's content safety: every page's HTML as Markdown
rendered it is sanitised against an allowlist (builder/sanitise.py) before the theme
wraps it, and the Content-Security-Policy gets the hashes of the theme's own inline scripts,
rendered here from the theme's templates, so no other inline script can run."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from builder.sanitise import clean_page

# The theme's inline scripts (Material renders them from these partials on every page).
THEME_SCRIPTS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
)
# overrides/main.html writes this where the hashes go; without the hook it is an unknown
# source keyword, which browsers ignore, so inline scripts are then refused, not allowed.
PLACEHOLDER = "'crl-theme-scripts'"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


# `mkdocs serve` adds an inline script of its own to every page (live reload, different for
# each request): in the local preview only, inline scripts are allowed instead of hashed.
_PREVIEW = {"serving": False}


def on_startup(command: str, dirty: bool) -> None:
    _PREVIEW["serving"] = command == "serve"


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    return clean_page(html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    base_url = get_relative_url(".", page.url)
    return output.replace(PLACEHOLDER, " ".join(_hashes(config, base_url)), 1)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Pages from theme templates alone (404.html), which MkDocs renders with the site's path."""
    if PLACEHOLDER not in output_content:
        return output_content
    base_url = urlsplit(config.site_url or "/").path
    return output_content.replace(PLACEHOLDER, " ".join(_hashes(config, base_url)), 1)


_HASHES: dict[tuple[int, str], tuple[str, ...]] = {}


def _hashes(config: MkDocsConfig, base_url: str) -> tuple[str, ...]:
    if _PREVIEW["serving"]:
        return ("'unsafe-inline'",)
    key = (id(config), base_url)
    if key not in _HASHES:
        _HASHES[key] = _render_hashes(config, base_url)
    return _HASHES[key]


def _render_hashes(config: MkDocsConfig, base_url: str) -> tuple[str, ...]:
    env = config.theme.get_env()
    context = {"config": config, "base_url": base_url, "features": config.theme["features"]}
    found: set[str] = set()
    for name in THEME_SCRIPTS:
        for script in INLINE_SCRIPT.findall(env.get_template(name).render(context)):
            digest = hashlib.sha256(script.encode()).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return tuple(sorted(found))
