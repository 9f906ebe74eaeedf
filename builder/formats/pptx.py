"""Slide decks (python-pptx) for training packs, on a 16:9 master designed here in code (no
template file): brand colours, a title bar, body text of 24 pt or more, and six named layouts:
Title, Section, Content, Quote, Case study and Picture. Facilitator notes go in each slide's
speaker notes, charts in as PNG with their alt text, and every case-study slide carries the
label that it is a fictional composite."""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any, Literal

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.util import Inches, Length, Pt

from builder.formats.cache import Made, resolved
from builder.formats.zipfile_stable import normalise

Kind = Literal["content", "section", "quote", "case", "picture"]

ACCENT = RGBColor(0x28, 0x35, 0x93)  # the site's indigo
PALE = RGBColor(0xE8, 0xEA, 0xF6)
INK = RGBColor(0x26, 0x26, 0x26)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
FONT = "Arial"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.7)
TITLE_SIZE = Pt(36)
COVER_TITLE_SIZE = Pt(44)
BODY_SIZE = Pt(28)
SMALL_BODY_SIZE = Pt(24)  # the floor: nothing on a slide is smaller
MIN_SIZE = SMALL_BODY_SIZE
LONG_TEXT = 330  # characters: above this a slide's body drops from 28 pt to 24 pt
CASE_LABEL = "Fictional composite: it describes no real child, family or practitioner."

# Default template layout index -> our layout name. The rest are removed from the master.
LAYOUTS: dict[int, str] = {
    0: "Title",
    2: "Section",
    1: "Content",
    7: "Quote",
    3: "Case study",
    5: "Picture",
}
KIND_LAYOUT: dict[str, str] = {
    "content": "Content",
    "section": "Section",
    "quote": "Quote",
    "case": "Case study",
    "picture": "Picture",
}


@dataclass(frozen=True)
class Slide:
    title: str
    bullets: list[str] = field(default_factory=list)
    text: str = ""
    notes: str = ""
    image: bytes | Made | None = None  # Made: resolved before build_pptx runs
    image_alt: str = ""
    kind: Kind = "content"
    attribution: str = ""  # quote slides: who said it, or the figures behind it


@dataclass(frozen=True)
class Deck:
    title: str
    subtitle: str
    slides: list[Slide]
    author: str
    date: dt.date
    notes: str = ""  # the title slide's speaker notes


def build_pptx(deck: Deck) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    layouts = design_master(prs)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = deck.title, deck.author, deck.author
    stamp = dt.datetime(deck.date.year, deck.date.month, deck.date.day)
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.language = LANGUAGE
    props.comments = deck.subtitle  # python-pptx's own default names the library
    prs.part._element.sldSz.attrib.pop("type", None)  # "screen4x3" from the default; it is 16:9
    cover = prs.slides.add_slide(layouts["Title"])
    _fill(cover.shapes.title, [deck.title], COVER_TITLE_SIZE, bold=True)
    _fill(cover.placeholders[1], deck.subtitle.splitlines(), BODY_SIZE)
    if deck.notes:
        cover.notes_slide.notes_text_frame.text = deck.notes
    for spec in deck.slides:
        slide = prs.slides.add_slide(layouts[KIND_LAYOUT[spec.kind]])
        _fill(slide.shapes.title, [spec.title], TITLE_SIZE, bold=True)
        lines = spec.bullets or ([spec.text] if spec.text else [])
        size = BODY_SIZE if sum(len(line) for line in lines) <= LONG_TEXT else SMALL_BODY_SIZE
        if spec.kind == "picture" and spec.image is not None:
            picture = slide.shapes.add_picture(
                io.BytesIO(resolved(spec.image)), MARGIN, Inches(1.55), height=Inches(5.3)
            )
            picture._element.nvPicPr.cNvPr.set("descr", spec.image_alt)
        elif spec.kind == "quote":
            _fill(slide.placeholders[1], [f"\u201c{spec.text}\u201d"], Pt(32), italic=True)
            _fill(slide.placeholders[2], [spec.attribution], SMALL_BODY_SIZE)
        elif spec.kind == "case":
            _fill(slide.placeholders[1], lines, size)
            _fill(slide.placeholders[2], [CASE_LABEL], SMALL_BODY_SIZE, bold=True)
        elif lines:
            _fill(slide.placeholders[1], lines, size, bullets=bool(spec.bullets))
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    _british_english(prs)
    out = io.BytesIO()
    prs.save(out)
    return normalise(out.getvalue())


def _fill(
    shape: Any,
    lines: list[str],
    size: Length,
    *,
    bold: bool = False,
    italic: bool = False,
    bullets: bool = False,
) -> None:
    """Text with its size set on every run, so no run falls back to something smaller."""
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # the text is sized to fit; never shrunk by the viewer
    frame.text = lines[0] if lines else ""
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for paragraph in frame.paragraphs:
        if not bullets:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.set("marL", "0")
            ppr.set("indent", "0")
            if ppr.find(qn("a:buNone")) is None:
                ppr.insert(0, etree.Element(qn("a:buNone")))
        for run in paragraph.runs:
            run.font.size = size
            run.font.bold = bold or None
            run.font.italic = italic or None


LANGUAGE = "en-GB"


def _british_english(prs: PresentationType) -> None:
    """British English on every run and default of every part (slides, notes, layouts,
    masters, the presentation's default text style), for spelling checks and screen readers:
    python-pptx's template says en-US, and a run without a language takes that default."""
    for part in prs.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for run in element.iter(qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr")):
            run.set("lang", LANGUAGE)


# The master ---------------------------------------------------------------------------------


def design_master(prs: PresentationType) -> dict[str, Any]:
    """Restyle the default master for 16:9 and keep only our six layouts, renamed."""
    master = prs.slide_master
    _text_styles(master.element)
    for ph in master.placeholders:
        kind = ph.placeholder_format.type
        name = str(kind).split(".")[-1].split(" ")[0]
        if name.startswith("TITLE"):
            _place(ph, MARGIN, Inches(0.45), WIDTH - 2 * MARGIN, Inches(1.05))
        elif name.startswith("BODY"):
            _place(ph, MARGIN, Inches(1.7), WIDTH - 2 * MARGIN, Inches(5.0))
        else:
            _footer_place(ph, name)
    _add_bar(master.element, 0, 0, WIDTH, Inches(0.16), ACCENT)
    _add_bar(master.element, MARGIN, Inches(1.5), Inches(1.2), Inches(0.06), ACCENT)
    keep: dict[str, Any] = {}
    layouts = list(prs.slide_layouts)
    for index, layout in enumerate(layouts):
        if index not in LAYOUTS:
            prs.slide_layouts.remove(layout)
            continue
        name = LAYOUTS[index]
        layout.element.cSld.set("name", name)
        _design_layout(name, layout)
        keep[name] = layout
    return keep


def _design_layout(name: str, layout: Any) -> None:
    placeholders = {ph.placeholder_format.idx: ph for ph in layout.placeholders}
    full = WIDTH - 2 * MARGIN
    for idx, ph in placeholders.items():
        if idx >= 10:
            _footer_place(ph, str(ph.placeholder_format.type).split(".")[-1].split(" ")[0])
    if name == "Title":
        _background(layout, ACCENT)
        layout.element.set("showMasterSp", "0")
        _place(placeholders[0], MARGIN, Inches(2.0), full, Inches(2.2))
        _list_style(placeholders[0], COVER_TITLE_SIZE, WHITE, bold=True, anchor="b")
        _place(placeholders[1], MARGIN, Inches(4.4), full, Inches(2.2))
        _list_style(placeholders[1], BODY_SIZE, WHITE, anchor="t")
    elif name == "Section":
        _background(layout, PALE)
        layout.element.set("showMasterSp", "0")
        _place(placeholders[0], MARGIN, Inches(2.3), full, Inches(1.6))
        _list_style(placeholders[0], Pt(44), ACCENT, bold=True, anchor="b")
        _place(placeholders[1], MARGIN, Inches(4.1), full, Inches(1.6))
        _list_style(placeholders[1], BODY_SIZE, INK, anchor="t")
    elif name == "Content":
        _place(placeholders[0], MARGIN, Inches(0.45), full, Inches(1.05))
        _place(placeholders[1], MARGIN, Inches(1.75), full, Inches(5.0))
    elif name == "Quote":
        _place(placeholders[0], MARGIN, Inches(0.45), full, Inches(1.05))
        _place(placeholders[1], Inches(1.4), Inches(1.8), WIDTH - Inches(2.8), Inches(3.2))
        _list_style(placeholders[1], Pt(32), ACCENT, italic=True, anchor="ctr")
        _place(placeholders[2], Inches(1.4), Inches(5.1), WIDTH - Inches(2.8), Inches(1.6))
        _list_style(placeholders[2], SMALL_BODY_SIZE, INK, anchor="t")
    elif name == "Case study":
        _place(placeholders[0], MARGIN, Inches(0.45), full, Inches(1.05))
        _place(placeholders[1], MARGIN, Inches(1.75), Inches(8.6), Inches(5.0))
        _list_style(placeholders[1], SMALL_BODY_SIZE, INK, anchor="t")
        _place(placeholders[2], Inches(9.7), Inches(1.75), Inches(2.93), Inches(2.6))
        _list_style(placeholders[2], SMALL_BODY_SIZE, ACCENT, bold=True, anchor="t")
        placeholders[2].fill.solid()
        placeholders[2].fill.fore_color.rgb = PALE
    elif name == "Picture":
        _place(placeholders[0], MARGIN, Inches(0.45), full, Inches(1.05))


def _place(shape: Any, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _footer_place(shape: Any, name: str) -> None:
    top, height = HEIGHT - Inches(0.55), Inches(0.4)
    if name.startswith("DATE"):
        _place(shape, MARGIN, top, Inches(3), height)
    elif name.startswith("FOOTER"):
        _place(shape, Inches(4.2), top, Inches(5), height)
    else:
        _place(shape, WIDTH - MARGIN - Inches(1.5), top, Inches(1.5), height)


def _background(layout: Any, colour: RGBColor) -> None:
    fill = layout.background.fill
    fill.solid()
    fill.fore_color.rgb = colour


def _text_styles(master: Any) -> None:
    """Title and body styles on the master: brand colour, Arial, body 28 pt (24 pt at level
    two and below), so text typed into the deck later starts at a readable size too."""
    styles = master.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    _run_defaults(title, TITLE_SIZE, ACCENT, bold=True)
    for body_pr in master.iter(qn("a:bodyPr")):
        _no_autofit(body_pr)
    for kind in ("p:bodyStyle", "p:otherStyle"):  # other: text boxes a trainer adds later
        body = styles.find(qn(kind))
        for level in range(1, 10):
            ppr = body.find(qn(f"a:lvl{level}pPr"))
            if ppr is not None:
                size = BODY_SIZE if level == 1 and kind == "p:bodyStyle" else SMALL_BODY_SIZE
                _run_defaults(ppr, size, INK)


def _run_defaults(ppr: Any, size: Length, colour: RGBColor, *, bold: bool = False) -> None:
    rpr = ppr.find(qn("a:defRPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, qn("a:defRPr"))
    rpr.set("sz", str(int(size.pt * 100)))
    if bold:
        rpr.set("b", "1")
    for child in list(rpr):
        if child.tag in (qn("a:solidFill"), qn("a:latin")):
            rpr.remove(child)
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", str(colour))
    rpr.insert(0, fill)
    latin = etree.Element(qn("a:latin"), typeface=FONT)
    after = [c for c in rpr if c.tag in (qn("a:ea"), qn("a:cs"), qn("a:sym"))]
    if after:
        after[0].addprevious(latin)
    else:
        rpr.append(latin)


def _list_style(
    shape: Any,
    size: Length,
    colour: RGBColor,
    *,
    bold: bool = False,
    italic: bool = False,
    anchor: str = "t",
) -> None:
    """A layout placeholder's own text style (it overrides the master's for that layout)."""
    body = shape._element.txBody
    body.bodyPr.set("anchor", anchor)
    _no_autofit(body.bodyPr)
    old = body.find(qn("a:lstStyle"))
    style = etree.Element(qn("a:lstStyle"))
    ppr = etree.SubElement(style, qn("a:lvl1pPr"), marL="0", indent="0", algn="l")
    etree.SubElement(ppr, qn("a:buNone"))
    _run_defaults(ppr, size, colour, bold=bold)
    if italic:
        ppr.find(qn("a:defRPr")).set("i", "1")
    if old is not None:
        body.replace(old, style)
    else:
        body.insert(1, style)


def _no_autofit(body_pr: Any) -> None:
    for child in list(body_pr):
        if child.tag in (qn("a:normAutofit"), qn("a:spAutoFit"), qn("a:noAutofit")):
            body_pr.remove(child)
    body_pr.insert(0, etree.Element(qn("a:noAutofit")))


_BAR = (
    '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<p:nvSpPr><p:cNvPr id="{id}" name="Brand bar {id}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
    "</p:nvSpPr><p:spPr>"
    '<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    '<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
    "</p:spPr></p:sp>"
)


def _add_bar(master: Any, x: int, y: int, w: int, h: int, colour: RGBColor) -> None:
    """A plain rectangle on the master (decoration: screen readers skip master shapes)."""
    tree = master.find(qn("p:cSld")).find(qn("p:spTree"))
    ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    xml = _BAR.format(id=max(ids) + 1, x=int(x), y=int(y), w=int(w), h=int(h), colour=colour)
    tree.append(copy.deepcopy(etree.fromstring(xml)))
