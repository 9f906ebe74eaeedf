"""Model of a newsletter issue: content/newsletters/<id>.md (front matter and editorial)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from builder.models.common import AudienceId, ContentModel, Slug, Text


class Newsletter(ContentModel):
    id: Slug
    title: Text
    date: dt.date = Field(description="Publication date (YYYY-MM-DD).")
    summary: Text = Field(description="One sentence: archive, feeds and email preview text.")
    audiences: Annotated[list[AudienceId], Field(min_length=1)]
    featured: Annotated[
        list[str],
        Field(min_length=1, max_length=8, description="Ids of items to feature, as in id links."),
    ]
    new_and_updated: list[str] = Field(
        default_factory=list,
        max_length=12,
        description="Ids of the new or updated items the editors choose to list under "
        "'New and updated' (make check suggests candidates; the list is never automatic).",
    )
    sources: list[Slug] = Field(default_factory=list)
    body: Annotated[str, StringConstraints(strip_whitespace=False)] = ""
