"""Fact sheets and training packs opened as a trainer would: text extracted from the PDF, DOCX
and PPTX matches the content; PDFs are tagged and at most two pages; bad content fails clearly."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from builder import pipeline
from builder.commands.local import build_local
from builder.paths import Paths
from builder.problems import ContentError
from tests.conftest import ROOT, TODAY, make_project


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = make_project(tmp_path_factory.mktemp("downloads"), ROOT / "content")
    pipeline.generate(paths, TODAY)
    return paths


def words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def pdf_text(data: bytes) -> str:
    return words(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def sheets(paths: Paths) -> list[dict]:
    return [
        dict(yaml.safe_load(p.read_text()), id=p.stem)
        for p in sorted((paths.content / "factsheets").glob("*.yaml"))
    ]


def test_every_theme_has_a_fact_sheet_and_four_packs_exist(generated: Paths) -> None:
    themes = {p.stem for p in (generated.content / "themes").glob("*.md")}
    covered = {s.get("theme") for s in sheets(generated)}
    assert themes <= covered
    assert len(list((generated.docs / "training").glob("*.zip"))) >= 4


def test_pdfs_carry_the_content_tagged_in_at_most_two_pages(generated: Paths) -> None:
    for sheet in sheets(generated):
        data = (generated.docs / "factsheets" / f"{sheet['id']}.pdf").read_bytes()
        reader = PdfReader(io.BytesIO(data))
        assert 1 <= len(reader.pages) <= 2, sheet["id"]
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
        assert root["/Lang"] == "en-GB"
        text = pdf_text(data)
        assert words(sheet["title"]) in text
        for message in sheet["key_messages"]:
            assert words(message)[:60] in text, (sheet["id"], message)
        assert "Page 1 of" in text
        fonts = {
            str(font["/BaseFont"])
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert all("SourceSansPro" in font for font in fonts), fonts


def test_docx_carries_the_content_and_chart_alt_text(generated: Paths) -> None:
    for sheet in sheets(generated):
        document = Document(str(generated.docs / "factsheets" / f"{sheet['id']}.docx"))
        text = words(" ".join(p.text for p in document.paragraphs))
        assert words(sheet["title"]) in text
        for question in sheet["questions"]:
            assert words(question) in text
        descriptions = [
            e.get("descr") for e in document.element.body.iter() if e.tag.endswith("}docPr")
        ]
        assert descriptions == ([sheet["chart_alt"]] if sheet.get("chart") else [])


def test_slides_handout_and_bundle(generated: Paths) -> None:
    for path in sorted((generated.content / "training").glob("*.yaml")):
        pack = yaml.safe_load(path.read_text())
        deck = Presentation(str(generated.docs / "training" / f"{path.stem}.pptx"))
        slide_text = words(
            " ".join(
                shape.text_frame.text
                for slide in deck.slides
                for shape in slide.shapes
                if shape.has_text_frame
            )
        )
        notes = words(
            " ".join(
                slide.notes_slide.notes_text_frame.text
                for slide in deck.slides
                if slide.has_notes_slide
            )
        )
        assert words(pack["title"]) in slide_text
        assert "Fictional composite case study" in slide_text
        for item in pack["discussion"]:
            assert words(item["question"]) in slide_text
            assert words(item["facilitator_notes"]) in notes
        pictures = [
            shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13
        ]
        assert all(p._element.nvPicPr.cNvPr.get("descr") for p in pictures)
        handout = Document(str(generated.docs / "training" / f"{path.stem}-handout.docx"))
        handout_text = words(" ".join(p.text for p in handout.paragraphs))
        assert "This case is a fictional composite" in handout_text
        assert words(pack["case_study"]["text"])[:80] in handout_text
        with zipfile.ZipFile(generated.docs / "training" / f"{path.stem}.zip") as bundle:
            names = sorted(bundle.namelist())
            assert names == sorted(
                f"{path.stem}/{n}"
                for n in ("README.txt", "slides.pptx", "handout.docx", "factsheet.pdf")
            )
            readme = bundle.read(f"{path.stem}/README.txt").decode()
            assert "Licence:" in readme and "fictional composite" in readme


def test_pages_offer_downloads_with_format_and_size(generated: Paths) -> None:
    page = (generated.docs / "factsheets" / "learning-without-blame.md").read_text()
    assert "[Download PDF (" in page and "KB)](learning-without-blame.pdf)" in page
    assert "[Download Word (" in page
    downloads = (generated.docs / "downloads.md").read_text()
    assert 'id="crl-downloads"' in downloads and "## Open data" in downloads
    assert "training/learning-without-blame.zip" in downloads
    # Each item once (the page used to repeat every list for five audiences).
    assert downloads.count("training/learning-without-blame.zip") == 1
    for key in ("audience", "theme", "format"):
        assert f'<select data-key="{key}">' in downloads


def test_documents_are_byte_identical_across_builds(generated: Paths, tmp_path: Path) -> None:
    again = make_project(tmp_path / "again", ROOT / "content")
    pipeline.generate(again, TODAY)
    for folder in ("factsheets", "training"):
        for file in sorted((generated.docs / folder).iterdir()):
            assert (again.docs / folder / file.name).read_bytes() == file.read_bytes(), file.name


def test_missing_alt_text_is_a_content_error(real: Paths) -> None:
    sheet = real.content / "factsheets" / "delphi-local.yaml"
    sheet.write_text(
        "\n".join(
            line for line in sheet.read_text().splitlines() if not line.startswith("chart_alt")
        )
        + "\n"
    )
    with pytest.raises(ContentError) as caught:
        pipeline.check(real, TODAY)
    (problem,) = caught.value.problems
    assert str(problem).startswith("content/factsheets/delphi-local.yaml:")
    assert "chart_alt: a fact sheet with a chart needs alt text" in str(problem)


def test_a_fact_sheet_past_two_pages_fails_the_build_naming_the_file(real: Paths) -> None:
    sheet = real.content / "factsheets" / "learning-without-blame.yaml"
    data = yaml.safe_load(sheet.read_text())
    data["practice"] = "\n\n".join([data["practice"]] * 12)
    sheet.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(ContentError) as caught:
        pipeline.generate(real, TODAY)
    (problem,) = caught.value.problems
    assert problem.path == "content/factsheets/learning-without-blame.yaml"
    assert "A4 pages; a fact sheet must fit on 2" in problem.message
    assert not real.docs.exists()


def test_local_branding(real: Paths, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    shutil.copy(ROOT / "tests" / "fixtures" / "logo.png", logo)
    settings = tmp_path / "local.yaml"
    settings.write_text(
        'partnership: "Testshire Safeguarding Children Partnership"\n'
        'logo: logo.png\nlogo_alt: "Testshire logo"\n'
        'contacts: ["Advice line: 0000 000 0000"]\n'
        'procedures: "https://procedures.example.org/"\n'
    )
    target, count = build_local(real, settings, tmp_path / "out")
    assert count == 2 * len(list((real.content / "factsheets").glob("*.yaml")))
    text = pdf_text((target / "learning-without-blame.pdf").read_bytes())
    assert "Adapted for Testshire Safeguarding Children Partnership" in text
    assert "Advice line: 0000 000 0000" in text and "procedures.example.org" in text
    document = Document(str(target / "learning-without-blame.docx"))
    assert "Locally: Testshire" in " ".join(p.text for p in document.paragraphs)
    assert not (real.docs / "factsheets").exists()  # the national set is untouched


def test_local_settings_errors_are_reported_like_content_errors(
    real: Paths, tmp_path: Path
) -> None:
    settings = tmp_path / "local.yaml"
    settings.write_text('partnership: "X"\nlogo: missing.png\nlogo_alt: "X logo"\n')
    with pytest.raises(ContentError) as caught:
        build_local(real, settings)
    assert "logo: 'missing.png' is not a PNG file" in str(caught.value.problems[0])


def test_unchanged_content_is_not_regenerated(real: Paths) -> None:
    from builder.config import read_config
    from builder.formats.cache import DocumentCache
    from builder.render import render

    checked = pipeline.check(real, TODAY)
    cache = DocumentCache(real.build / "cache")
    render(checked.site, checked.derived, read_config(real.mkdocs_yml), cache)
    assert cache.misses > 0
    again = DocumentCache(real.build / "cache")
    render(checked.site, checked.derived, read_config(real.mkdocs_yml), again)
    assert again.misses == 0 and again.hits == cache.misses
