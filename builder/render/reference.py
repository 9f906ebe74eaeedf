"""The glossary, the bibliography, and the abbreviation tooltips appended to every page."""

from __future__ import annotations

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
        ),
        Output("abbreviations.md", abbreviations(ctx), GLOSSARY, root="includes"),
    ]


def abbreviations(ctx: Context) -> str:
    """Python-Markdown `abbr` definitions: every page shows the expansion on hover and focus."""
    # One line each whatever the term holds: a line break would end the definition and put the
    # rest of the term, as Markdown, on every page.
    lines = [
        f"*[{t.abbr}]: {' '.join(t.term.replace(']', '').split())}"
        for t in ctx.site.terms
        if t.abbr
    ]
    return "\n".join(lines) + "\n"
