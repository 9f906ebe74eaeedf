"""Fact sheets: a web page, an A4 PDF (Typst) and an editable DOCX from the same content, and
the locally branded set a partnership can make for itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from builder.formats import docx, pdf
from builder.formats.cache import Job
from builder.formats.pdf import DocumentError
from builder.models import Briefing, Factsheet
from builder.models.addresses import GENERATED, TITLES, briefing_path, theme_path
from builder.problems import ContentError, Problem
from builder.render.context import Context, long_date
from builder.render.output import Output
from builder.render.paging import render_pages

KICKER = "Fact sheet"
HEADINGS = {
    "actions": "Key actions",
    "key": "Key messages",
    "practice": "What it means for practice",
    "questions": "Questions for reflection",
}
BRIEFING_KICKER = "Practice briefing"
# A briefing made into a fact sheet keeps its own section names.
BRIEFING_HEADINGS = {
    "actions": "Key actions",
    "key": "In one minute",
    "practice": "Learning for practice",
    "questions": "Questions for supervision",
}


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


# A pointer into a report: "Table 1", "chapter 5", "chapters 5 and 8", "Appendix 3".
LOCATOR = re.compile(
    r"(?:Tables?|Appendix|Appendices|chapters?|Figure)\s+[\w.]+(?:\s*(?:and|to|-|–)\s*[\w.]+)*"
)
PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class Notes:
    """Report locators lifted out of the text into numbered notes that name the report, so a
    reader is never sent to "(Table 1)" of a report they do not have. The same locator keeps
    its number."""

    def __init__(self, report: str) -> None:
        self.report = report
        self.numbers: dict[str, int] = {}

    def pieces(self, text: str) -> list[dict[str, Any]]:
        """The text as pieces, each ending where a note number goes."""
        out: list[dict[str, Any]] = []
        start = 0
        for match in PARENTHESIS.finditer(text):
            if (found := _locators(match)) is None:
                continue
            key, kept = found
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            out.append({"t": text[start : match.start()] + kept, "n": number})
            start = match.end()
        out.append({"t": text[start:], "n": None})
        return out

    def plain(self, text: str) -> str:
        """The text with note numbers as superscript digits (for Word)."""
        return "".join(
            p["t"] + (str(p["n"]).translate(SUPERSCRIPT) if p["n"] else "")
            for p in self.pieces(text)
        )

    def bare(self, text: str) -> str:
        """The text without its locators (they are still numbered, for `listed`)."""
        return "".join(p["t"] for p in self.pieces(text))

    def listed(self) -> list[str]:
        return [f"{self.report}, {where}." for where in self.numbers]


def _locators(match: re.Match[str]) -> tuple[str, str] | None:
    """A bracket's report locators ("Table 1; chapter 5") and what stays of the bracket in
    the text (" (other words)" or ""); None if it holds no locator."""
    parts = [p.strip() for p in re.split(r"[;,]", match.group(1))]
    locators = [p for p in parts if LOCATOR.fullmatch(p)]
    if not locators:
        return None
    rest = [p for p in parts if p not in locators]
    return "; ".join(locators), (f" ({', '.join(rest)})" if rest else "")


def as_citations(text: str, key: str) -> str:
    """The web page's version of `Notes`: each report locator in brackets, "(Table 1)",
    becomes a citation of the sheet's report, [@key, Table 1], which the page numbers and
    lists under Notes with the report's name; other words in the brackets stay."""

    def cite(match: re.Match[str]) -> str:
        if (found := _locators(match)) is None:
            return match.group(0)
        where, kept = found
        return f"{kept}[@{key}, {where}]"

    return PARENTHESIS.sub(cite, text)


def notes_for(ctx: Context, sheet: Factsheet) -> Notes:
    report = ctx.reference(sheet.sources[0]).short if sheet.sources else ctx.config.name
    return Notes(report)


NOTES_INTRO = "The numbers in the text point to the table or chapter of the source report."


def notes_paragraph(notes: Notes) -> str:
    """Word's notes in one paragraph, as the PDF prints them: one a paragraph left a last
    page holding only a note or two."""
    listed = [f"{n}. {note}" for n, note in enumerate(notes.listed(), 1)]
    return f"{NOTES_INTRO} " + " · ".join(listed)


def short_url(url: str) -> str:
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


@dataclass(frozen=True)
class Sheet:
    """One fact sheet document to make: an editor's fact sheet, or a briefing made into one
    (whose web version is the briefing's page and whose files sit beside it)."""

    sheet: Factsheet
    briefing: bool = False

    def path(self, ext: str = "md") -> str:
        return (briefing_path if self.briefing else factsheet_path)(self.sheet.id, ext)

    @property
    def kicker(self) -> str:
        return BRIEFING_KICKER if self.briefing else KICKER


def briefing_sheet(ctx: Context, briefing: Briefing) -> Sheet:
    """A briefing as a fact sheet: In one minute, learning for practice (one action a
    paragraph), questions for supervision and its sources, at most two A4 pages."""
    sheet = Factsheet.model_validate(
        {
            "id": briefing.id,
            "title": briefing.title,
            "summary": briefing.summary,
            "audiences": list(briefing.audiences),
            "key_messages": list(briefing.in_one_minute),
            "practice": "\n\n".join(briefing.learning_for_practice),
            "questions": list(briefing.supervision_questions),
            "sources": briefing.sources,
            "updated": briefing.updated,
            "review_due": briefing.review_due,
            "notice": briefing.notice,
        }
    )
    sheet.with_origin(briefing.origin)
    return Sheet(sheet, briefing=True)


def sheets(ctx: Context) -> list[Sheet]:
    return [Sheet(s) for s in ctx.site.factsheets] + [
        briefing_sheet(ctx, b) for b in ctx.site.briefings
    ]


def document_data(
    ctx: Context, sheet: Factsheet, branding: Branding | None, made: Sheet | None = None
) -> dict[str, Any]:
    made = made or Sheet(sheet)
    figure = ctx.figures.get(sheet.chart) if sheet.chart else None
    url = ctx.config.page_url(made.path())
    notes = notes_for(ctx, sheet)
    when = sheet.updated
    return {
        "title": sheet.title,
        "summary": sheet.summary,
        "kicker": made.kicker.upper(),
        "headings": BRIEFING_HEADINGS if made.briefing else HEADINGS,
        "publisher": ctx.config.name,
        "keywords": [sheet.theme or ("briefing" if made.briefing else "delphi"), *sheet.audiences],
        "notice": sheet.notice,
        "key_actions": [notes.pieces(a) for a in sheet.key_actions],
        "key_messages": [notes.pieces(m) for m in sheet.key_messages],
        "practice": [notes.pieces(p) for p in paragraphs(sheet.practice)],
        "practice_listed": made.briefing,  # a briefing's learning: one action an item
        "notes": notes.listed(),
        "notes_intro": NOTES_INTRO,
        "short_url": short_url(url),
        "questions": list(sheet.questions),
        "chart": {
            "svg": figure.document_svg(),
            "alt": sheet.chart_alt,
            "caption": figure.title,
            "key": figure.key_lines(),
        }
        if figure
        else None,
        "sources": [plain(ctx.reference(k).cited) for k in sheet.sources],
        "url": url,
        "version": f"Version of {long_date(sheet.updated)}",
        "citation": f"{ctx.config.name} ({when.year}). {sheet.title}. Last updated "
        f"{long_date(when)}. Available at:",
        "branding": branding.data() if branding else None,
    }


def pdf_job(
    ctx: Context, sheet: Factsheet, branding: Branding | None = None, made: Sheet | None = None
) -> Job:
    data = document_data(ctx, sheet, branding, made)
    return Job("factsheet-pdf", pdf.factsheet_pdf, (data, sheet.updated))


def docx_job(
    ctx: Context, sheet: Factsheet, branding: Branding | None = None, made: Sheet | None = None
) -> Job:
    made = made or Sheet(sheet)
    data = document_data(ctx, sheet, branding, made)
    headings = data["headings"]
    notes = notes_for(ctx, sheet)
    figure = ctx.figures.get(sheet.chart) if sheet.chart else None
    sections = []
    if sheet.key_actions:
        sections.append(
            docx.Part(
                headings["actions"],
                bullets=[notes.plain(a) for a in sheet.key_actions],
                boxed=True,
            )
        )
    sections.append(
        docx.Part(headings["key"], bullets=[notes.plain(m) for m in sheet.key_messages])
    )
    if figure is not None:
        sections.append(
            docx.Part(
                "Chart",
                image=figure.png(),
                image_alt=sheet.chart_alt or "",
                caption=figure.title,
                image_width_cm=9 if figure.key else 16,  # numbered bars: a narrow chart
            )
        )
        if figure.key:
            key = "The statements in the chart (** where the panel reached consensus)"
            sections.append(docx.Part(key, paragraphs=figure.key_lines()))
    practice = [notes.plain(p) for p in paragraphs(sheet.practice)]
    sections += [
        docx.Part(
            headings["practice"],
            paragraphs=[] if made.briefing else practice,
            bullets=practice if made.briefing else [],  # a briefing's: one action an item
        ),
        docx.Part(headings["questions"], numbered=data["questions"]),
    ]
    if branding is not None:
        local = list(branding.contacts)
        if branding.procedures:
            local.append(f"Local procedures: {branding.procedures}")
        sections.append(docx.Part(f"Locally: {branding.name}", bullets=local))
    sections.append(docx.Part("Sources", bullets=data["sources"]))
    if notes.numbers:
        sections.append(docx.Part("Notes", paragraphs=[notes_paragraph(notes)]))
    sections.append(docx.Part("Cite as", paragraphs=[f"{data['citation']} {data['url']}"]))
    document = docx.WordDocument(
        title=sheet.title,
        subtitle=sheet.summary,
        sections=sections,
        footer=f"{sheet.title} · {data['version']} · {data['short_url']}",
        date=sheet.updated,
        author=branding.name if branding else ctx.config.name,
        notice=sheet.notice,
        kicker=f"{made.kicker} · adapted for {branding.name}" if branding else made.kicker,
    )
    return Job("factsheet-docx", docx.build_docx, (document,))


def documents(ctx: Context, branding: Branding | None = None) -> dict[str, bytes]:
    """Every fact sheet as PDF and DOCX; content errors for all sheets that cannot be made."""
    files: dict[str, bytes] = {}
    problems = []
    for made in sheets(ctx):
        sheet = made.sheet
        for kind, job in (("pdf", pdf_job), ("docx", docx_job)):
            result = ctx.cache.attempt(job(ctx, sheet, branding, made))
            if isinstance(result, DocumentError):
                problems.append(Problem(sheet.origin.path, sheet.origin.line, "", str(result)))
            elif isinstance(result, Exception):
                raise result
            else:
                files[made.path(kind)] = result
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
        report = sheet.sources[0] if sheet.sources else None
        messages, practice = sheet.key_messages, paragraphs(sheet.practice)
        if report is not None:  # locators become numbered notes naming the report
            messages = [ctx.resolve(as_citations(m, report), path) for m in messages]
            practice = [ctx.resolve(as_citations(p, report), path) for p in practice]
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
                messages=messages,
                practice=practice,
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
            "title": TITLES["factsheets"],
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
