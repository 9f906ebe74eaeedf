"""Visual review of the documents: the first pages of every fact sheet, newsletter, Word file and
slide deck rendered to PNG under build/screenshots/documents/ (kept as CI artifacts for a person
to look at), with the checks a picture allows: each page is A4 portrait or a 16:9 slide as it
should be, and none is blank. PDF pages are drawn by pdftoppm (poppler-utils); Word files and
slides are first turned into PDF by LibreOffice (soffice), as a trainer's computer would."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from builder import pipeline
from builder.paths import ROOT, Paths
from tests.conftest import TODAY, make_project

OUT = ROOT / "build" / "screenshots" / "documents"
A4_RATIO = 297 / 210
SLIDE_RATIO = 7.5 / 13.333
PAGES = {"factsheets": 2, "newsletters": 2, "word": 2, "slides": 30}

pdftoppm = shutil.which("pdftoppm")
soffice = shutil.which("soffice") or shutil.which("libreoffice")
needs_pdftoppm = pytest.mark.skipif(
    pdftoppm is None, reason="pdftoppm not found: install poppler-utils to render PDF pages"
)
needs_soffice = pytest.mark.skipif(
    soffice is None,
    reason="soffice not found: install libreoffice-impress and libreoffice-writer to render "
    "Word files and slides",
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = make_project(tmp_path_factory.mktemp("documents"), ROOT / "content")
    pipeline.generate(paths, TODAY)
    return paths


def render_pdf(pdf: Path, folder: Path, stem: str, pages: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{stem}-*.png"):
        old.unlink()
    assert pdftoppm is not None
    subprocess.run(
        [pdftoppm, "-r", "60", "-png", "-f", "1", "-l", str(pages), str(pdf), str(folder / stem)],
        check=True,
        timeout=120,
    )
    return sorted(folder.glob(f"{stem}-*.png"))


def to_pdf(files: list[Path], where: Path) -> dict[Path, Path]:
    """Word files and decks converted by LibreOffice in one run, with a private profile."""
    assert soffice is not None
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{where / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(where),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {f: where / f"{f.stem}.pdf" for f in files}


def looks_right(png: Path, ratio: float) -> None:
    with Image.open(png) as image:
        width, height = image.size
        assert abs(height / width - ratio) < 0.02, f"{png.name}: {width}x{height}"
        low, high = image.convert("L").getextrema()
        assert high - low > 100, f"{png.name} is blank"


@needs_pdftoppm
def test_fact_sheets_and_newsletters_render(generated: Paths) -> None:
    rendered = 0
    for pdf in sorted((generated.docs / "factsheets").glob("*.pdf")):
        for png in render_pdf(pdf, OUT / "factsheets", pdf.stem, PAGES["factsheets"]):
            looks_right(png, A4_RATIO)
            rendered += 1
    for pdf in sorted((generated.docs / "newsletters").glob("*/newsletter.pdf")):
        stem = pdf.parent.name
        for png in render_pdf(pdf, OUT / "newsletters", stem, PAGES["newsletters"]):
            looks_right(png, A4_RATIO)
            rendered += 1
    assert rendered >= 15


@needs_pdftoppm
@needs_soffice
def test_word_files_and_slides_render(generated: Paths, tmp_path: Path) -> None:
    word = sorted((generated.docs / "factsheets").glob("*.docx"))
    word += sorted((generated.docs / "training").glob("*.docx"))
    slides = sorted((generated.docs / "training").glob("*.pptx"))
    # Two runs: a fact sheet's Word file and a deck can share a name.
    converted = to_pdf(word, tmp_path / "word") | to_pdf(slides, tmp_path / "slides")
    for source in word:
        pdf = converted[source]
        page = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0]
        size = tuple(round(float(v)) for v in page.mediabox.upper_right)
        assert size == (595, 842), f"{source.name} prints on {size}, not A4"
        for png in render_pdf(pdf, OUT / "word", source.stem, PAGES["word"]):
            looks_right(png, A4_RATIO)
    for source in slides:
        pngs = render_pdf(converted[source], OUT / "slides", source.stem, PAGES["slides"])
        assert len(pngs) >= 10, source.name
        for png in pngs:
            looks_right(png, SLIDE_RATIO)
