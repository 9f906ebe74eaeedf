"""The recommendations tracker (the study's 15 implications) and the guide to types of
recommendation and the evidence each needs."""

from __future__ import annotations

from collections import Counter
from typing import Any

from builder.load.markup import CITATION
from builder.models.addresses import TITLES, theme_path
from builder.render.context import Context
from builder.render.output import Output

SOURCE = "content/recommendations.yaml"
TYPES = "content/recommendation-types.yaml"
AREAS = {
    "local-learning": "Local learning",
    "national-analysis": "National analysis",
    "dissemination": "Dissemination of learning",
}
STATUS_ORDER = (
    "implemented",
    "partly-implemented",
    "in-progress",
    "not-started",
    "superseded",
    "not-assessed",
)


def area_path(area: str) -> str:
    """Each area's implications in full on a page of their own: one page for all 15, with
    their cited evidence, would pass the 60 KB page budget."""
    return f"recommendations/{area}.md"


def _cited(ctx: Context, implications: list[Any]) -> list[Any]:
    """The publications the evidence cites, for the page's source list."""
    keys = {m["key"] for i in implications for m in CITATION.finditer(i.evidence)}
    return [p for p in ctx.site.publications if p.key in keys]


def render(ctx: Context) -> list[Output]:
    site = ctx.site
    if not site.implications:
        return []
    themes = {t.id: t for t in site.themes}
    audiences = {a.id: a.name for a in site.audiences}
    counts: Counter[str] = Counter(i.status for i in site.implications)
    areas = [
        (area, name, [i for i in site.implications if i.area == area])
        for area, name in AREAS.items()
    ]
    out = [
        ctx.page(
            "recommendations/index.md",
            "recommendations.md.j2",
            SOURCE,
            {
                "title": TITLES["recommendations"],
                "description": "The study's 15 implications for policy and practice, and where "
                "each "
                "stands today.",
                "tags": ["recommendations"],
                "edit_url": ctx.config.edit_url(SOURCE),
            },
            areas=areas,
            area_path=area_path,
            status_counts=[(s, counts[s]) for s in STATUS_ORDER if counts[s]],
            has_types=bool(site.recommendation_types),
            sources=[site.report],
            updated=max(i.last_reviewed for i in site.implications),
        )
    ]
    for area, name, items in areas:
        if not items:
            continue
        out.append(
            ctx.page(
                area_path(area),
                "recommendations_area.md.j2",
                SOURCE,
                {
                    "title": f"Recommendations tracker: {name.lower()}",
                    "description": f"The study's implications on {name.lower()}, and where "
                    "each stands today.",
                    "tags": ["recommendations"],
                    "edit_url": ctx.config.edit_url(SOURCE),
                },
                area_name=name,
                items=items,
                themes=themes,
                theme_path=theme_path,
                names=lambda ids: ", ".join(audiences[i] for i in ids),
                sources=[site.report, *_cited(ctx, items)],
                updated=max(i.last_reviewed for i in items),
            )
        )
    if site.recommendation_types:
        out.append(
            ctx.page(
                "recommendations/types.md",
                "recommendation_types.md.j2",
                TYPES,
                {
                    "title": TITLES["recommendation-types"],
                    "description": "A short guide for those who write and follow up "
                    "recommendations.",
                    "tags": ["recommendations"],
                    "edit_url": ctx.config.edit_url(TYPES),
                },
                types=site.recommendation_types,
                sources=[site.report],
            )
        )
    return out
