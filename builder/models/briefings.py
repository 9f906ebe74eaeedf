"""Models of issue 14's kinds: the post-2010 national publications (the bibliography's second
part, content/publications.yaml) and practice briefings (content/briefings/<slug>.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from builder.models.common import ContentModel, Slug, Text

PublicationKind = Literal[
    "national-analysis",
    "national-review",
    "practice-briefing",
    "annual-report",
    "statutory-guidance",
    "official-statistics",
    "secondary-summary",
]
KIND_LABELS: dict[str, str] = {
    "national-analysis": "National analysis",
    "national-review": "National review",
    "practice-briefing": "Practice briefing",
    "annual-report": "Annual report",
    "statutory-guidance": "Statutory guidance",
    "official-statistics": "Official statistics",
    "secondary-summary": "Secondary summary",
}
HttpUrl = Annotated[
    str,
    Field(
        pattern=r"^https?://[^\s<>\"'()]+$",
        max_length=500,
        description="The official address, starting http:// or https://.",
    ),
]


class Publication(ContentModel):
    """A national publication since 2010: content/publications.yaml. Cite it like a reference,
    [@key] or [@key, locator]."""

    key: Slug = Field(description="Exactly the source pack's key; cite it as [@key, locator].")
    short: Text = Field(description="How it reads in notes, e.g. 'Ofsted 2011'. Unique.")
    authors: Text
    year: int = Field(ge=2000, le=2100)
    title: Text
    publisher: Text
    report_no: str | None = None
    kind: PublicationKind
    url: HttpUrl | None = Field(
        default=None, description="Official URL from the pack; omit it if the pack says not seen."
    )
    period: str | None = Field(default=None, description="The period it covers, from the pack.")
    read: dt.date = Field(description="The date the pack read it (YYYY-MM-DD).")

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def as_printed(self) -> str:
        """The entry as the references page and documents' source lists show it."""
        number = f" {self.report_no}." if self.report_no else ""
        return f"{self.authors} ({self.year}). *{self.title}*.{number} {self.publisher}."
