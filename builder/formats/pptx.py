"""Slide decks (python-pptx) for training packs: facilitator notes as speaker notes, charts as
PNG with their alt text, a fictional case study labelled as such."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from pptx import Presentation
from pptx.util import Inches, Pt

from builder.formats.zipfile_stable import normalise


@dataclass(frozen=True)
class Slide:
    title: str
    bullets: list[str] = field(default_factory=list)
    text: str = ""
    notes: str = ""
    image: bytes | None = None
    image_alt: str = ""


@dataclass(frozen=True)
class Deck:
    title: str
    subtitle: str
    slides: list[Slide]
    author: str
    date: dt.date


def build_pptx(deck: Deck) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = deck.title, deck.author, deck.author
    stamp = dt.datetime(deck.date.year, deck.date.month, deck.date.day)
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.language = "en-GB"
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    cover.shapes.title.text = deck.title
    cover.placeholders[1].text = deck.subtitle
    for spec in deck.slides:
        layout = prs.slide_layouts[5] if spec.image is not None else prs.slide_layouts[1]
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = spec.title
        if spec.image is not None:
            picture = slide.shapes.add_picture(
                io.BytesIO(spec.image), Inches(0.7), Inches(1.5), height=Inches(5.6)
            )
            picture._element.nvPicPr.cNvPr.set("descr", spec.image_alt)
        else:
            body = slide.placeholders[1]
            body.left, body.top = Inches(0.7), Inches(1.5)
            body.width, body.height = Inches(11.9), Inches(5.6)
            frame = body.text_frame
            frame.word_wrap = True
            lines = spec.bullets or [spec.text]
            frame.text = lines[0]
            for line in lines[1:]:
                frame.add_paragraph().text = line
            size = Pt(20) if sum(len(line) for line in lines) < 500 else Pt(15)
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = size
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    out = io.BytesIO()
    prs.save(out)
    return normalise(out.getvalue())
