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
    sources: list[Slug] = Field(default_factory=list)
    body: Annotated[str, StringConstraints(strip_whitespace=False)] = ""
