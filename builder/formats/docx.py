"""Editable Word documents (python-docx): fact sheets and training handouts that trainers can
adapt. Charts go in as PNG (Word cannot take SVG) with their alt text. Every document is A4
with British English as the language of its text (spelling and grammar checks, screen readers),
set on the document defaults so that text a trainer adds later inherits it too."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from builder.formats.cache import Made, resolved
from builder.formats.zipfile_stable import stable_zip


@dataclass(frozen=True)
class Part:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    boxed: bool = False  # shaded and bordered, like the key-actions box of the PDF
    numbered: list[str] = field(default_factory=list)
    image: bytes | Made | None = None  # Made: resolved before build_docx runs
    image_alt: str = ""
    caption: str = ""
    image_width_cm: float = 16  # the text's full width; less for a tall, narrow chart
    cards: list[str] = field(default_factory=list)  # cards to cut out, two to a row
    sheet: tuple[list[str], list[str]] | None = None  # columns, rows: a table to fill in
    new_page: bool = False  # starts on a page of its own (something to print)


@dataclass(frozen=True)
class WordDocument:
    title: str
    subtitle: str
    sections: list[Part]
    footer: str
    date: dt.date
    author: str
    notice: str | None = None
    kicker: str = ""


def build_docx(doc: WordDocument) -> bytes:
    document: DocumentType = copy.deepcopy(_opened())
    _metadata(document, doc)
    for section in document.sections:
        section.footer.paragraphs[0].text = doc.footer
    if doc.kicker:
        document.add_paragraph(doc.kicker)
    _styled(document, doc.title, "Title")
    document.add_paragraph(doc.subtitle)
    if doc.notice:
        document.add_paragraph().add_run(f"Please note: {doc.notice}").bold = True
    for part in doc.sections:
        if part.new_page:
            document.add_page_break()
        _styled(document, part.heading, "Heading1")
        for text in part.paragraphs:
            document.add_paragraph(text)
        for text in part.bullets:
            _styled(document, text, "ListBullet")
            if part.boxed:
                _shade(document.paragraphs[-1])
        for text in part.numbered:
            _styled(document, text, "ListNumber")
        if part.image is not None:
            run = document.add_paragraph().add_run()
            run.add_picture(io.BytesIO(resolved(part.image)), width=Cm(part.image_width_cm))
            for element in run._r.iter():
                if element.tag.endswith("}docPr"):
                    element.set("descr", part.image_alt)
                    element.set("title", part.caption or part.heading)
            if part.caption:
                _styled(document, part.caption, "Caption")
        if part.cards:
            _cards(document, part.cards)
        if part.sheet is not None:
            _sheet(document, *part.sheet)
    return stable_zip(_parts(document))


CARD_HEIGHT = Cm(3.2)  # ten cards to a page under the heading: readable across a table
SHEET_ROW_HEIGHT = Cm(2.0)  # room to write two lines by hand; seven rows fit on a page


def _cards(document: DocumentType, cards: list[str]) -> None:
    """Cards to cut out: a ruled grid two cards wide, each card's text large and centred."""
    table = document.add_table(rows=0, cols=2)
    table.style = document.styles["Table Grid"]
    for start in range(0, len(cards), 2):
        row = table.add_row()
        row.height = CARD_HEIGHT
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a card stays whole
        for cell, text in zip(row.cells, cards[start : start + 2], strict=False):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).font.size = Pt(14)


def _sheet(document: DocumentType, columns: list[str], rows: list[str]) -> None:
    """A ruled table to fill in: the column headings (repeated on every page), then one row
    for each name, with room to write in the other columns."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    header = table.rows[0]
    # Repeated at the top of each page the table runs onto; read out as the table's headings.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, heading in zip(header.cells, columns, strict=True):
        cell.paragraphs[0].add_run(heading).bold = True
    for name in rows:
        row = table.add_row()
        row.height = SHEET_ROW_HEIGHT
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row.cells[0].paragraphs[0].add_run(name)


@functools.cache
def _opened() -> DocumentType:
    """The prepared template, opened once per process: each document starts from a copy, which
    takes about half the time of opening the template again (the same bytes either way)."""
    return Document(io.BytesIO(_prepared()))


@functools.cache
def _prepared() -> bytes:
    """python-docx's blank template with what every document shares: A4 pages, styles, British
    English. Made once per process: setting the language on every style took a fifth of each
    Word file's time."""
    document: DocumentType = Document()
    _without_template_extras(document)
    _only_styles_used(document)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    _british_english(document)
    for name in ("Title", "Heading 1"):
        document.styles[name].font.color.rgb = ACCENT
        document.styles[name].font.name = "Arial"
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    return stable_zip(_parts(document))


# Parts of python-docx's blank template that no reader needs: Word 2010's copy of every style
# (stylesWithEffects, 438 KB, which later Word and LibreOffice do without) and a thumbnail
# picture of a blank page. Without them a fact sheet is a third smaller and quicker to make.
EXTRAS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)


def _without_template_extras(document: DocumentType) -> None:
    for rels in (document.part.rels, document.part.package.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in EXTRAS]:
            del rels[rid]


# The styles documents use, by id (python-docx's footer is in "Footer"). The blank template
# defines 164 styles in 360 KB, most of them table designs no document uses; each Word file
# copied, wrote and compressed them all. A style a trainer picks later that is not defined
# here, Word and LibreOffice take from their own built-in set, as for any document.
STYLES_USED = ("Title", "Heading1", "ListBullet", "ListNumber", "Caption", "TableGrid", "Footer")
STYLE_LINKS = ("w:basedOn", "w:next", "w:link")


def _only_styles_used(document: DocumentType) -> None:
    """Drop every style but those used, the defaults, those the template's other parts name
    (its numbering's list levels), and those any kept style is based on, links to or is
    followed by."""
    root = document.styles.element
    styles = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    named = {
        element.get(qn("w:val"))
        for part in document.part.package.parts
        if hasattr(part, "element") and part.element is not root
        for element in part.element.iter(qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))
    }
    defaults = {key for key, s in styles.items() if s.get(qn("w:default")) in ("1", "true", "on")}
    kept: set[str] = set()
    waiting = [*STYLES_USED, *named, *defaults]
    while waiting:
        key = waiting.pop()
        if key in kept or key not in styles:
            continue
        kept.add(key)
        waiting += [
            link.get(qn("w:val"))
            for tag in STYLE_LINKS
            if (link := styles[key].find(qn(tag))) is not None
        ]
    for key, style in styles.items():
        if key not in kept:
            root.remove(style)


class _Parts:
    """Stands in for python-docx's zip writer and keeps each part as it is written: that
    writer deflates every part and stamps the clock on it, so its archive would have to be
    unzipped and deflated again to give the same bytes every time (a third of a Word file's
    time went on that)."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.entries.append((pack_uri.membername, blob))


def _parts(document: DocumentType) -> list[tuple[str, bytes]]:
    """The package's parts in the order Document.save writes them, through python-docx's own
    PackageWriter steps (what OpcPackage.save does, python-docx 1.2)."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = _Parts()
    PackageWriter._write_content_types_stream(out, parts)
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, parts)  # type: ignore[arg-type]
    return out.entries


ACCENT = RGBColor(0x28, 0x35, 0x93)
A4 = (Mm(210), Mm(297))
LANGUAGE = "en-GB"


def _british_english(document: DocumentType) -> None:
    """w:lang on the default run properties (docDefaults) and on every style that sets its own
    run properties, so nothing falls back to the template's en-US."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = []
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            targets.append(_child(rpr_default, "w:rPr"))
    targets += [_child(s, "w:rPr") for s in styles.findall(qn("w:style"))]
    for rpr in targets:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), LANGUAGE)
    settings = document.settings.element
    theme_font_lang = settings.find(qn("w:themeFontLang"))
    if theme_font_lang is not None:
        theme_font_lang.set(qn("w:val"), LANGUAGE)


def _child(parent: Any, tag: str) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _shade(paragraph: object) -> None:
    """A pale background and an accent rule on the left: the key-actions box."""
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "E8EAF6")
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for attr, value in (
        ("w:val", "single"),
        ("w:sz", "24"),
        ("w:space", "8"),
        ("w:color", "283593"),
    ):
        left.set(qn(attr), value)
    borders.append(left)
    ppr.append(borders)
    ppr.append(shading)


def _styled(document: DocumentType, text: str, style_id: str) -> None:
    """A paragraph in one of the template's styles, named by its id: python-docx's lookup by
    name scans every style in the template per paragraph (most of the time of a fact sheet)."""
    document.add_paragraph(text)._p.style = style_id


def _metadata(document: DocumentType, doc: WordDocument) -> None:
    stamp = dt.datetime(doc.date.year, doc.date.month, doc.date.day)
    props = document.core_properties
    props.title = doc.title
    props.author = doc.author
    props.last_modified_by = doc.author
    props.language = LANGUAGE
    props.comments = doc.subtitle  # python-docx's own default names the library
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
