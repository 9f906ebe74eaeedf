"""The two markers editors write in Markdown bodies: citations [@key, locator] and id links
(text)(id:some-id). Found here once; validated in validate, resolved in render."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

CITATION = re.compile(r"\[@(?P<key>[A-Za-z0-9_-]+)(?:,\s*(?P<locator>[^\]]+))?\]")
ID_LINK = re.compile(r"\]\(id:(?P<id>[^)#\s]*)(?P<anchor>#[^)\s]*)?\)")


@dataclass(frozen=True)
class Marker:
    kind: str  # "citation" or "link"
    value: str
    line: int  # 0-based line within the body


def markers(body: str) -> Iterator[Marker]:
    """Every citation and id link in a body, with the body line it is on."""
    for number, text in enumerate(body.splitlines()):
        for match in CITATION.finditer(text):
            yield Marker("citation", match["key"], number)
        for match in ID_LINK.finditer(text):
            yield Marker("link", match["id"], number)
