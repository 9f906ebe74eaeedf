"""Where every content item lives in the docs tree: one function, used to validate id links and
to render them. Addresses are public and must never change once published."""

from __future__ import annotations

from builder.models import Site

# Pages the builder generates itself; editors' pages cannot take these ids.
GENERATED = {
    "glossary": "glossary.md",
    "references": "references.md",
    "audiences": "audiences/index.md",
    "tags": "tags/index.md",
    "delphi": "delphi/index.md",
    "delphi-notes": "delphi/notes.md",
    "delphi-data": "delphi/data.md",
    "themes": "themes/index.md",
    "briefings": "briefings/index.md",
    "analyses": "analyses/index.md",
    "findings": "findings/index.md",
    "recommendations": "recommendations/index.md",
    "recommendation-types": "recommendations/types.md",
    "observatory": "observatory/index.md",
    "register": "observatory/register.md",
    "future-thematic-reviews": "themes/future-thematic-reviews.md",
    "factsheets": "factsheets/index.md",
    "training": "training/index.md",
    "downloads": "downloads/index.md",
    "newsletters": "newsletters/index.md",
    "stay-up-to-date": "stay-up-to-date.md",
    "whats-new": "whats-new.md",
    "changelog": "changelog.md",
    "review-due": "review-due.md",
}


# The fixed title of each generated page (the Delphi pages take theirs from content): its
# heading, and its name wherever the index, another page or a newsletter lists it.
TITLES = {
    "glossary": "Glossary",
    "references": "References",
    "audiences": "Pathways",
    "tags": "Topics",
    "themes": "Thematic summaries",
    "briefings": "Practice briefings",
    "analyses": "National analyses compared",
    "findings": "What the study found",
    "recommendations": "Recommendations tracker",
    "recommendation-types": "Types of recommendation and the evidence each needs",
    "observatory": "The observatory",
    "register": "Case review register",
    "future-thematic-reviews": "Topics for future thematic reviews",
    "factsheets": "Fact sheets",
    "training": "Training packs",
    "downloads": "Downloads",
    "newsletters": "Newsletters",
    "stay-up-to-date": "Stay up to date",
    "whats-new": "What's new",
    "changelog": "Change log",
    "review-due": "Review due",
}


def page_path(page_id: str) -> str:
    return "index.md" if page_id == "home" else f"{page_id}.md"


def audience_path(audience_id: str) -> str:
    return f"audiences/{audience_id}.md"


def tag_path(tag: str) -> str:
    return f"tags/{tag}.md"


def delphi_section_path(slug: str) -> str:
    return f"delphi/{slug}/index.md"


def delphi_statement_path(slug: str, number: int) -> str:
    return f"delphi/{slug}/{number}.md"


def newsletter_path(slug: str) -> str:
    return f"newsletters/{slug}/index.md"


def theme_path(slug: str) -> str:
    return f"themes/{slug}.md"


def briefing_path(slug: str, ext: str = "md") -> str:
    """A briefing's page, and its fact sheet beside it (briefings/<slug>.pdf and .docx)."""
    return f"briefings/{slug}.{ext}"


def analysis_path(slug: str) -> str:
    return f"analyses/{slug}.md"


def findings_path(section: str) -> str:
    return f"findings/{section}.md"


def listing_page_path(first: str, number: int) -> str:
    """Page `number` of a list split into pages; page 1 keeps the list's own address.
    themes/index.md -> themes/page/2.md, downloads.md -> downloads/page/2.md."""
    if number == 1:
        return first
    base = first.removesuffix(".md")
    if base == "index" or base.endswith("/index"):
        base = base.removesuffix("index").rstrip("/")
    return f"{base}/page/{number}.md" if base else f"page/{number}.md"


def theme_feeds_path() -> str:
    """Every theme's feed, listed when there are too many for Stay up to date."""
    return "feeds/themes/index.md"


def statement_ref_path(ref: str) -> str:
    """'local-5' -> the statement's page (section slugs are the ref prefixes)."""
    section, _, number = ref.rpartition("-")
    return delphi_statement_path(section, int(number))


def addresses(site: Site) -> dict[str, str]:
    """Every id an editor can link to with (id:...), and its docs-tree path."""
    out = dict(GENERATED)
    if site.delphi is None:
        for key in ("delphi", "delphi-notes", "delphi-data"):
            out.pop(key)
    for audience in site.audiences:
        out[f"audience-{audience.id}"] = audience_path(audience.id)
    for page in site.pages:
        out[page.id] = page_path(page.id)
    for theme in site.themes:
        out[f"theme-{theme.id}"] = theme_path(theme.id)
    for briefing in site.briefings:
        out[f"briefing-{briefing.id}"] = briefing_path(briefing.id)
    for analysis in site.analyses:
        out[f"analysis-{analysis.id}"] = analysis_path(analysis.id)
    for sheet in site.factsheets:
        out[f"factsheet-{sheet.id}"] = f"factsheets/{sheet.id}.md"
    for pack in site.training:
        out[f"training-{pack.id}"] = f"training/{pack.id}.md"
    for issue in site.newsletters:
        out[f"newsletter-{issue.id}"] = newsletter_path(issue.id)
    for chapter in site.findings:
        out[f"findings-{chapter.section}"] = findings_path(chapter.section)
    if site.delphi is not None:
        for section in site.delphi.sections:
            out[f"delphi-{section.slug}"] = delphi_section_path(section.slug)
            for number in range(1, section.statements + 1):
                out[f"delphi-{section.slug}-{number}"] = delphi_statement_path(section.slug, number)
    return out
