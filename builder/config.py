"""The few site settings the builder needs, read from mkdocs.yml so they live in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its !!python/name and !ENV tags."""


_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    name: str
    url: str  # absolute, ends with "/"
    repository: str  # where editors change content, e.g. https://github.com/org/repo
    branch: str
    licence: str = ""

    def page_url(self, docs_path: str) -> str:
        """The public address of a docs-tree file (directory URLs, as MkDocs writes them)."""
        if docs_path == "index.md":
            return self.url
        if docs_path.endswith("/index.md"):
            return self.url + docs_path[: -len("index.md")]
        if docs_path.endswith(".md"):
            return self.url + docs_path[:-3] + "/"
        return self.url + docs_path

    def edit_url(self, content_path: str) -> str:
        return f"{self.repository.rstrip('/')}/edit/{self.branch}/{content_path}"


def read_config(mkdocs_yml: Path) -> SiteConfig:
    data: dict[str, Any] = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Tolerant)
    extra = data.get("extra") or {}
    url = str(data["site_url"])
    return SiteConfig(
        name=str(data["site_name"]),
        url=url if url.endswith("/") else url + "/",
        repository=str(extra["repository"]),
        branch=str(extra.get("branch", "main")),
        licence=str(extra.get("licence", "")),
    )
