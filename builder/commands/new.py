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

THEME = """---
title: {title}
summary: One sentence saying what this theme is about.
audiences: [practitioners, trainers, managers, policy-makers, researchers]
tags: []
key_messages:
  - "A first key message, in your own words."
for_audiences:
  practitioners: "What it means for front-line practitioners."
  trainers: "What it means for trainers."
  managers: "What it means for managers."
  policy-makers: "What it means for policy makers."
  researchers: "What it means for researchers."
questions:
  - "A question for reflection?"
delphi: []
analyses: []
sources: [dfe-rr037]
updated: {today}
review_due: {review}
---

## What the evidence says

Write the summary here, citing figures exactly [@dfe-rr037, chapter 5].
"""

FACTSHEET = """title: {title}
summary: "One sentence saying what this fact sheet covers."
audiences: [practitioners]
key_messages:
  - "A first key message (at most five, each under 30 words)."
practice: |
  What it means for practice, in plain paragraphs.
questions:
  - "A question for reflection?"
sources: [dfe-rr037]
updated: {today}
review_due: {review}
"""

NEWSLETTER = """---
title: {title}
date: {today}
summary: "One sentence for the archive, feeds and the email preview."
audiences: [practitioners, trainers, managers, policy-makers, researchers]
featured: [home]
sources: [dfe-rr037]
---

Write the editorial here. "New and updated since the last issue" is added for you.
"""

REGISTER = """# One anonymised case review: no names, places or dates that could identify anyone.
year: {year}
region: london
age_band: under-1
outcome: serious-harm
harm_types: [neglect]
agencies: [health]
themes: []
months_to_complete: 6
recommendations: 0
"""

BRIEFING = """---
title: {title}
summary: "One or two short sentences in plain English: what this topic is and why it matters."
audiences: [practitioners, trainers, managers]
tags: []
in_one_minute:
  - "A first point a busy practitioner needs, in plain English."
  - "A second point."
  - "A third point (three to five in all)."
key_issues:
  - "What goes wrong, or what the issue is."
  - "A second issue (two to six in all)."
national_findings:  # oldest first; 3 to 12 notes
  - year: 2010
    source: dfe-rr037
    locator: "chapter 3"
    basis: report
    text: "What the study found, in your own words, with any figures exactly as printed."
  - year: 2010
    source: dfe-rr037
    locator: "chapter 5"
    basis: report
    text: "A second finding."
  - year: 2010
    source: dfe-rr037
    locator: "chapter 7"
    basis: report
    text: "A third finding."
learning_for_practice:
  - "Start each action with a verb: something a practitioner can do tomorrow."
  - "A second action."
  - "A third action (three to eight in all)."
supervision_questions:
  - "A question to talk through in supervision?"
  - "A second question?"
  - "A third question (three to six in all)?"
related:
  briefings: []  # other practice briefings a reader will want next, e.g. [neglect]
  themes: []
  delphi: []
  factsheets: []
  training: []
updated: {today}
review_due: {review}
---
"""

# kind -> (folder under content/, file extension, template)
KINDS = {
    "page": ("pages", "md", PAGE),
    "theme": ("themes", "md", THEME),
    "briefing": ("briefings", "md", BRIEFING),
    "factsheet": ("factsheets", "yaml", FACTSHEET),
    "newsletter": ("newsletters", "md", NEWSLETTER),
    "register": ("register", "yaml", REGISTER),
}


def new(paths: Paths, kind: str, slug: str, today: dt.date | None = None) -> Path:
    if not re.match(SLUG_PATTERN, slug):
        raise ScaffoldError(
            f"'{slug}' is not a valid name: use lower-case letters, digits and single hyphens, "
            "e.g. 'sharing-information'"
        )
    folder, extension, template = KINDS[kind]
    target = paths.content / folder / f"{slug}.{extension}"
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
            year=today.year,
        ),
        encoding="utf-8",
    )
    return target
