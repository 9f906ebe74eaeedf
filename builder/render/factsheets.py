"""Fact sheets: a web page, an A4 PDF (Typst) and an editable DOCX from the same content, and
the locally branded set a partnership can make for itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from builder.formats import docx, pdf
from builder.formats.cache import Job
from builder.formats.pdf import DocumentError
from builder.models import Factsheet
from builder.models.addresses import GENERATED, theme_path
from builder.problems import ContentError, Problem
from builder.render.context import Context, long_date
from builder.render.output import Output
from builder.render.paging import render_pages

KICKER = "Fact sheet"


@dataclass(frozen=True)
class Branding:
    """A partnership's own name, logo and contacts (from a local settings file)."""

    name: str
    logo: bytes | None
    logo_alt: str
    contacts: list[str]
    procedures: str | None

    def data(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "logo": list(self.logo) if self.logo else None,
            "logo_alt": self.logo_alt,
            "contacts": self.contacts,
            "procedures": self.procedures,
        }


def factsheet_path(slug: str, ext: str = "md") -> str:
    return f"factsheets/{slug}.{ext}"


def paragraphs(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def plain(text: str) -> str:
    """Markdown emphasis markers out, for documents that are not Markdown."""
    return text.replace("*", "")


def document_data(ctx: Context, sheet: Factsheet, branding: Branding | None) -> dict[str, Any]:
    figure = ctx.figures.get(sheet.chart) if sheet.chart else None
    url = ctx.config.page_url(factsheet_path(sheet.id))
    return {
        "title": sheet.title,
        "summary": sheet.summary,
        "kicker": KICKER.upper(),
        "publisher": ctx.config.name,
        "keywords": [sheet.theme or "delphi", *sheet.audiences],
        "notice": sheet.notice,
        "key_messages": list(sheet.key_messages),
        "practice": paragraphs(sheet.practice),
        "questions": list(sheet.questions),
        "chart": {"svg": figure.document_svg, "alt": sheet.chart_alt, "caption": figure.title}
        if figure
        else None,
        "sources": [plain(ctx.reference(k).as_printed) for k in sheet.sources],
        "url": url,
        "version": f"Version of {long_date(sheet.updated)}",
        "citation": plain(ctx.cite_line(sheet.title, sheet.updated, url)),
        "branding": branding.data() if branding else None,
    }


def pdf_job(ctx: Context, sheet: Factsheet, branding: Branding | None = None) -> Job:
    data = document_data(ctx, sheet, branding)
    return Job("factsheet-pdf", pdf.factsheet_pdf, (data, sheet.updated))


def docx_job(ctx: Context, sheet: Factsheet, branding: Branding | None = None) -> Job:
    data = document_data(ctx, sheet, branding)
    figure = ctx.figures.get(sheet.chart) if sheet.chart else None
    sections = [docx.Part("Key messages", bullets=data["key_messages"])]
    if figure is not None:
        sections.append(
            docx.Part(
                "Chart", image=figure.png, image_alt=sheet.chart_alt or "", caption=figure.title
            )
        )
    sections += [
        docx.Part("What it means for practice", paragraphs=data["practice"]),
        docx.Part("Questions for reflection", numbered=data["questions"]),
    ]
    if branding is not None:
        local = list(branding.contacts)
        if branding.procedures:
            local.append(f"Local procedures: {branding.procedures}")
        sections.append(docx.Part(f"Locally: {branding.name}", bullets=local))
    sections.append(docx.Part("Sources", bullets=[*data["sources"], f"Web version: {data['url']}"]))
    document = docx.WordDocument(
        title=sheet.title,
        subtitle=sheet.summary,
        sections=sections,
        footer=f"{sheet.title} · {data['version']} · {data['citation']}",
        date=sheet.updated,
        author=branding.name if branding else ctx.config.name,
        notice=sheet.notice,
        kicker=f"{KICKER} · adapted for {branding.name}" if branding else KICKER,
    )
    return Job("factsheet-docx", docx.build_docx, (document,))


def documents(ctx: Context, branding: Branding | None = None) -> dict[str, bytes]:
    """Every fact sheet as PDF and DOCX; content errors for all sheets that cannot be made."""
    files: dict[str, bytes] = {}
    problems = []
    for sheet in ctx.site.factsheets:
        for kind, job in (("pdf", pdf_job), ("docx", docx_job)):
            result = ctx.cache.attempt(job(ctx, sheet, branding))
            if isinstance(result, DocumentError):
                problems.append(Problem(sheet.origin.path, sheet.origin.line, "", str(result)))
            elif isinstance(result, Exception):
                raise result
            else:
                files[factsheet_path(sheet.id, kind)] = result
    if problems:
        raise ContentError(problems)
    return files


def render(ctx: Context) -> list[Output]:
    if not ctx.site.factsheets:
        return []
    out: list[Output] = []
    themes = {t.id: t for t in ctx.site.themes}
    for sheet in ctx.site.factsheets:
        path = factsheet_path(sheet.id)
        figure = ctx.figures.get(sheet.chart) if sheet.chart else None
        out.append(
            ctx.page(
                path,
                "factsheet.md.j2",
                sheet.origin.path,
                {
                    "title": sheet.title,
                    "description": sheet.summary,
                    "tags": ["factsheets"],
                    "edit_url": ctx.config.edit_url(sheet.origin.path),
                },
                sheet=sheet,
                practice=paragraphs(sheet.practice),
                figure=figure,
                theme=(themes[sheet.theme], theme_path(sheet.theme)) if sheet.theme else None,
                downloads=ctx.download_links(
                    path, [factsheet_path(sheet.id, "pdf"), factsheet_path(sheet.id, "docx")]
                ),
                sources=[ctx.reference(k) for k in sheet.sources],
                updated=sheet.updated,
            )
        )
    out += render_pages(
        ctx,
        GENERATED["factsheets"],
        "factsheets.md.j2",
        "content/factsheets/",
        {
            "title": "Fact sheets",
            "description": "Brief, printable fact sheets to use and adapt.",
            "tags": ["factsheets"],
        },
        [
            (
                s,
                factsheet_path(s.id),
                ctx.download_links(
                    GENERATED["factsheets"],
                    [factsheet_path(s.id, "pdf"), factsheet_path(s.id, "docx")],
                ),
            )
            for s in ctx.site.factsheets
        ],
        noun="fact sheets",
    )
    return out
