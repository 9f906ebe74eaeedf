"""The study's findings (chapters 5-7) and the national analyses it appraised (chapter 4)."""

from __future__ import annotations

from builder.models import Analysis, FindingsChapter
from builder.models.addresses import (
    GENERATED,
    TITLES,
    analysis_path,
    findings_path,
    statement_ref_path,
    theme_path,
)
from builder.render.context import Context
from builder.render.output import Output
from builder.render.paging import RELATED_LIMIT, newest


def render(ctx: Context) -> list[Output]:
    out: list[Output] = []
    site = ctx.site
    if site.findings:
        out.append(
            ctx.page(
                "findings/index.md",
                "findings_index.md.j2",
                "content/findings/",
                {
                    "title": TITLES["findings"],
                    "description": "The study's findings, chapter by chapter.",
                    "tags": ["findings"],
                },
                chapters=[(c, findings_path(c.section)) for c in site.findings],
                sources=[site.report],
            )
        )
        out += [_chapter(ctx, chapter) for chapter in site.findings]
    if site.analyses:
        out.append(
            ctx.page(
                "analyses/index.md",
                "analyses_index.md.j2",
                "content/analyses/",
                {
                    "title": TITLES["analyses"],
                    "description": "National analyses of serious case reviews from 2002 to "
                    "today: the six the study appraised and those published since.",
                    "tags": ["national-analysis"],
                },
                analyses=[(a, analysis_path(a.id)) for a in site.analyses],
                later=[(a, analysis_path(a.id)) for a in site.analyses if not a.appraised],
                sources=[site.report, *[ctx.reference(a.source_key) for a in site.analyses]],
            )
        )
        out += [_analysis(ctx, analysis) for analysis in site.analyses]
    return out


def _chapter(ctx: Context, chapter: FindingsChapter) -> Output:
    path = findings_path(chapter.section)
    themes = {t.id: t for t in ctx.site.themes}
    results = ctx.derived.delphi
    findings = []
    for finding in chapter.findings:
        statements = [
            (ref, statement_ref_path(ref), results.by_ref(ref) if results else None)
            for ref in finding.delphi
        ]
        findings.append(
            (
                finding,
                ctx.resolve(finding.summary, path).strip(),
                statements,
                [(themes[t], theme_path(t)) for t in finding.themes if t in themes],
            )
        )
    return ctx.page(
        path,
        "findings.md.j2",
        chapter.origin.path,
        {
            "title": f"Findings: {chapter.title.lower()}",
            "description": f"What the study found about {chapter.title.lower()} "
            f"(chapter {chapter.chapter}).",
            "tags": ["findings"],
            "edit_url": ctx.config.edit_url(chapter.origin.path),
        },
        chapter=chapter,
        intro=ctx.resolve(chapter.intro, path).strip(),
        findings=findings,
        sources=[ctx.site.report],
        updated=chapter.updated,
    )


def _analysis(ctx: Context, analysis: Analysis) -> Output:
    path = analysis_path(analysis.id)
    themes, more = newest(
        ctx.derived.links.themes_by_analysis.get(analysis.id, ()),
        RELATED_LIMIT,
        key=lambda t: (t.updated, t.title),
    )
    return ctx.page(
        path,
        "analysis.md.j2",
        analysis.origin.path,
        {
            "title": f"{analysis.label}: {analysis.title}",
            "description": analysis.summary,
            "tags": ["national-analysis"],
            "edit_url": ctx.config.edit_url(analysis.origin.path),
        },
        analysis=analysis,
        key_findings=[ctx.resolve(f, path) for f in analysis.key_findings],
        themes=[(t, theme_path(t.id)) for t in themes],
        more_themes=more,
        all_themes=GENERATED["themes"],
        sources=[ctx.site.report, ctx.reference(analysis.source_key)]
        if analysis.appraised
        else [ctx.reference(analysis.source_key)],
        updated=analysis.updated,
    )
