"""The glossary, the bibliography, and the abbreviation tooltips added to each page."""

from __future__ import annotations

from dataclasses import replace

from builder.models.addresses import TITLES
from builder.render.context import Context
from builder.render.output import Output

GLOSSARY = "content/glossary.yaml"
REFERENCES = "content/references.yaml"
PUBLICATIONS = "content/publications.yaml"


def render(ctx: Context) -> list[Output]:
    site = ctx.site
    return [
        ctx.page(
            "glossary.md",
            "glossary.md.j2",
            GLOSSARY,
            {
                "title": TITLES["glossary"],
                "description": "Abbreviations and terms used in case reviews, explained.",
                "edit_url": ctx.config.edit_url(GLOSSARY),
            },
            terms=site.terms,
        ),
        ctx.page(
            "references.md",
            "references.md.j2",
            REFERENCES,
            {
                "title": TITLES["references"],
                "description": "The study this site draws on, and the works it cites."
                + (" National publications since 2010." if site.publications else ""),
                "edit_url": ctx.config.edit_url(REFERENCES),
            },
            report=site.report,
            references=site.references,
            publications=site.publications,
            same_work=ctx.derived.links.same_work,
        ),
    ]


def with_abbreviations(ctx: Context, outputs: list[Output]) -> list[Output]:
    """Each page with Python-Markdown `abbr` definitions of the glossary's abbreviations its
    Markdown mentions, at its end, so the page shows each expansion on hover, tap and focus.

    Only those it mentions: `abbr` looks for every abbreviation it is given in every piece of
    a page's text, so giving every page the whole glossary (pymdownx.snippets' auto_append, as
    before) was about a third of Python-Markdown's time on a 1,000-item site, for pages that
    mostly mention none. An abbreviation `abbr` would mark shows in the Markdown as written,
    so the HTML is the same as with the whole glossary (tests/test_site.py checks both)."""
    # One line each whatever the term holds: a line break would end the definition and put the
    # rest of the term, as Markdown, on the page.
    definitions = [
        (t.abbr, f"*[{t.abbr}]: {' '.join(t.term.replace(']', '').split())}")
        for t in ctx.site.terms
        if t.abbr
    ]
    added = []
    for output in outputs:
        text = output.content
        page = output.root == "docs" and output.path.endswith(".md") and isinstance(text, str)
        if page and (lines := [line for abbr, line in definitions if abbr in text]):
            ending = "\n\n" + "\n".join(lines) + "\n"
            output = replace(output, content=str(text).rstrip("\n") + ending)
        added.append(output)
    return added
