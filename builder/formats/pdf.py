"""Fact sheet PDFs through Typst: tagged, PDF/UA-1, fonts from an installed package, every
warning treated as an error, and at most two A4 pages, never with a near-empty last page: a
short spill is pulled back onto one page (a slightly tighter layout), and a longer sheet gets
a planned second page that starts at "What it means for practice"."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import font_source_sans_pro
import typst
from pypdf import PdfReader

TEMPLATE = Path(__file__).resolve().parent.parent / "typst" / "factsheet.typ"
NEWSLETTER = TEMPLATE.with_name("newsletter.typ")
MAX_PAGES = 2  # the brief: a fact sheet is at most two A4 pages
A4_HEIGHT_PT = 841.89
MIN_LAST_PAGE_FILL = 0.3  # a second page less full than this looks like a mistake


class DocumentError(Exception):
    """The document cannot be made as the content stands (too long, missing alt text...)."""


@cache
def _compiler() -> typst.Compiler:
    # Only the packaged font: never whatever the machine happens to have.
    return typst.Compiler(
        font_paths=[font_source_sans_pro.font_directory], ignore_system_fonts=True
    )


def factsheet_pdf(data: dict[str, Any], date: dt.date, max_pages: int = MAX_PAGES) -> bytes:
    """One page if the normal or the slightly tighter layout fits on one; otherwise two pages
    whose second is not near-empty: the normal flow, or the planned split (the second page
    starts at "What it means for practice"); failing both, the normal layout. Each layout is
    compiled, and its pages counted, at most once."""
    inputs = json.dumps(data)
    compiled: dict[str, tuple[bytes, int]] = {}

    def made(layout: str) -> tuple[bytes, int]:
        if layout not in compiled:
            candidate = _compile(inputs, layout, date)
            compiled[layout] = candidate, page_count(candidate)
        return compiled[layout]

    chosen = next((made(layout) for layout in ("normal", "compact") if made(layout)[1] == 1), None)
    # Two pages: the normal flow if it leaves enough on the second page (page 1 stays full),
    # else the planned split.
    for layout in ("normal", "split"):
        if chosen is not None:
            break
        if made(layout)[1] <= max_pages and last_page_fill(inputs, layout) >= MIN_LAST_PAGE_FILL:
            chosen = made(layout)
    pdf, pages = chosen if chosen is not None else made("normal")
    if pages > max_pages:
        what = "a fact sheet" if max_pages == MAX_PAGES else "it"
        raise DocumentError(
            f"the PDF runs to {pages} A4 pages; {what} must fit on {max_pages}: shorten "
            "the key messages, the practice text or the questions"
        )
    return pdf


def newsletter_pdf(data: dict[str, Any], date: dt.date, max_pages: int = 4) -> bytes:
    pdf = _compile(json.dumps(data), "normal", date, NEWSLETTER)
    pages = page_count(pdf)
    if pages > max_pages:
        raise DocumentError(
            f"the PDF runs to {pages} A4 pages; a newsletter must fit on {max_pages}: shorten "
            "the editorial or list fewer items"
        )
    return pdf


def _compile(inputs: str, layout: str, date: dt.date, template: Path = TEMPLATE) -> bytes:
    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    try:
        pdf, warnings = _compiler().compile_with_warnings(
            input=template.read_bytes(),
            format="pdf",
            sys_inputs={"data": inputs, "layout": layout},
            pdf_standards=["ua-1"],
            timestamp=stamp,
        )
    except typst.TypstError as exc:
        raise DocumentError(f"the PDF could not be made: {exc.message}") from None
    if warnings:
        raise DocumentError("the PDF had warnings: " + "; ".join(w.message for w in warnings))
    assert isinstance(pdf, bytes)
    return pdf


def last_page_fill(inputs: str, layout: str) -> float:
    """How far down its last page the text runs (0 to 1), from the position the template
    records where the text ends."""
    found = json.loads(
        typst.query(
            TEMPLATE.read_bytes(),
            "<end-of-text>",
            field="value",
            one=True,
            format="json",
            font_paths=[font_source_sans_pro.font_directory],
            ignore_system_fonts=True,
            sys_inputs={"data": inputs, "layout": layout},
        )
    )
    return float(str(found["y"]).removesuffix("pt")) / A4_HEIGHT_PT


# Typst writes one page tree, uncompressed, in this form ("/Type/Pages/Count 2/Kids[...]").
_PAGE_TREE = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)")


def page_count(pdf: bytes) -> int:
    """The number of pages: read from Typst's page tree where there is exactly one in that
    form, as pypdf takes longer to open a document than Typst takes to make it; otherwise
    counted by pypdf. tests/test_downloads.py checks both agree on every PDF of the site."""
    found = _PAGE_TREE.findall(pdf)
    if len(found) == 1:
        return int(found[0])
    return len(PdfReader(io.BytesIO(pdf)).pages)
