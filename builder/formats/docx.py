"""Editable Word documents (python-docx): fact sheets and training handouts that trainers can
adapt. Charts go in as PNG (Word cannot take SVG) with their alt text."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Cm, Pt

from builder.formats.zipfile_stable import normalise


@dataclass(frozen=True)
class Part:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    numbered: list[str] = field(default_factory=list)
    image: bytes | None = None
    image_alt: str = ""
    caption: str = ""


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
    document: DocumentType = Document()
    _metadata(document, doc)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.footer.paragraphs[0].text = doc.footer
    if doc.kicker:
        document.add_paragraph(doc.kicker)
    _styled(document, doc.title, "Title")
    document.add_paragraph(doc.subtitle)
    if doc.notice:
        document.add_paragraph().add_run(f"Please note: {doc.notice}").bold = True
    for part in doc.sections:
        _styled(document, part.heading, "Heading1")
        for text in part.paragraphs:
            document.add_paragraph(text)
        for text in part.bullets:
            _styled(document, text, "ListBullet")
        for text in part.numbered:
            _styled(document, text, "ListNumber")
        if part.image is not None:
            run = document.add_paragraph().add_run()
            run.add_picture(io.BytesIO(part.image), width=Cm(16))
            for element in run._r.iter():
                if element.tag.endswith("}docPr"):
                    element.set("descr", part.image_alt)
                    element.set("title", part.caption or part.heading)
            if part.caption:
                _styled(document, part.caption, "Caption")
    out = io.BytesIO()
    document.save(out)
    return normalise(out.getvalue())


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
    props.language = "en-GB"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
