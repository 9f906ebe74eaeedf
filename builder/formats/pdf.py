"""Fact sheet PDFs through Typst: tagged, PDF/UA-1, fonts from an installed package, every
warning treated as an error, and at most two A4 pages."""

from __future__ import annotations

import datetime as dt
import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import font_source_sans_pro
import typst
from pypdf import PdfReader

TEMPLATE = Path(__file__).resolve().parent.parent / "typst" / "factsheet.typ"
MAX_PAGES = 2  # the brief: a fact sheet is at most two A4 pages


class DocumentError(Exception):
    """The document cannot be made as the content stands (too long, missing alt text...)."""


@cache
def _compiler() -> typst.Compiler:
    # Only the packaged font: never whatever the machine happens to have.
    return typst.Compiler(
        font_paths=[font_source_sans_pro.font_directory], ignore_system_fonts=True
    )


def factsheet_pdf(data: dict[str, Any], date: dt.date, max_pages: int = MAX_PAGES) -> bytes:
    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    try:
        pdf, warnings = _compiler().compile_with_warnings(
            input=TEMPLATE.read_bytes(),
            format="pdf",
            sys_inputs={"data": json.dumps(data)},
            pdf_standards=["ua-1"],
            timestamp=stamp,
        )
    except typst.TypstError as exc:
        raise DocumentError(f"the PDF could not be made: {exc.message}") from None
    if warnings:
        raise DocumentError("the PDF had warnings: " + "; ".join(w.message for w in warnings))
    assert isinstance(pdf, bytes)
    pages = page_count(pdf)
    if pages > max_pages:
        what = "a fact sheet" if max_pages == MAX_PAGES else "it"
        raise DocumentError(
            f"the PDF runs to {pages} A4 pages; {what} must fit on {max_pages}: shorten "
            "the key messages, the practice text or the questions"
        )
    return pdf


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
