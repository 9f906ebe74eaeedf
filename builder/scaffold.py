"""`python -m builder new <kind> <slug>`: a new content file that already validates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from builder.models.common import SLUG_PATTERN
from builder.paths import Paths


class ScaffoldError(Exception):
    """The file cannot be created: a bad slug, or one that already exists."""


PAGE = """---
title: {title}
summary: One sentence saying what this page gives the reader.
audiences: [practitioners]
tags: []
sources: [dfe-rr037]
updated: {today}
review_due: {review}
---

## A first heading

Write the page here in your own words. Cite the study like this [@dfe-rr037, chapter 3],
and link to another page by its file name like this: [the home page](id:home).
"""

# kind -> (folder under content/, template)
KINDS = {"page": ("pages", PAGE)}


def new(paths: Paths, kind: str, slug: str, today: dt.date | None = None) -> Path:
    if not re.match(SLUG_PATTERN, slug):
        raise ScaffoldError(
            f"'{slug}' is not a valid name: use lower-case letters, digits and single hyphens, "
            "e.g. 'sharing-information'"
        )
    folder, template = KINDS[kind]
    target = paths.content / folder / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{paths.display(target)} already exists; choose another name")
    today = today or dt.date.today()
    review = (
        today.replace(year=today.year + 1)
        if (today.month, today.day) != (2, 29)
        else today.replace(year=today.year + 1, day=28)
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        template.format(
            title=slug.replace("-", " ").capitalize(),
            today=today.isoformat(),
            review=review.isoformat(),
        ),
        encoding="utf-8",
    )
    return target
