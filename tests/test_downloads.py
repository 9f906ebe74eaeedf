"""Fact sheets and training packs opened as a trainer would: text extracted from the PDF, DOCX
and PPTX matches the content; PDFs are tagged and at most two pages; bad content fails clearly."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from pptx import Presentation
from pptx.oxml.ns import qn as qn_p
from pptx.util import Inches, Pt
from pypdf import PdfReader

from builder import pipeline
from builder.commands.local import build_local
from builder.formats.pdf import page_count
from builder.paths import Paths
from builder.problems import ContentError
from tests.conftest import ROOT, TODAY, Generated, make_project


def words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def pdf_text(data: bytes) -> str:
    return words(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


# A pointer into the report, which the documents turn into a numbered note naming the report.
LOCATOR = re.compile(
    r"\s*\((?:[^()]*[;,]\s*)?(?:Tables?|Appendix|chapters?) \d+(?:\s*(?:and|to|;|,)\s*[\w ]+)?\)"
)
A4_POINTS = (595, 842)
FOOTER_POINTS = 60  # text below this height (from the page foot) is the running footer


def without_locators(text: str) -> str:
    return words(LOCATOR.sub("", text))


def lowest_body_text(page: object) -> float:
    """How far down the page (0 top, 1 bottom) the lowest line of body text sits."""
    heights: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = cm[5] + tm[5] * cm[3] if cm else tm[5]
        if text.strip() and y > FOOTER_POINTS:
            heights.append(y)

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return 1 - min(heights) / A4_POINTS[1] if heights else 0.0


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
            assert without_locators(message)[:60] in text, (sheet["id"], message)
        assert "Page 1 of" in text
        width, height = (round(float(v)) for v in reader.pages[0].mediabox.upper_right)
        assert (width, height) == A4_POINTS
        fonts = {
            str(font["/BaseFont"])
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert all("SourceSansPro" in font for font in fonts), fonts


def test_page_counts_read_from_the_page_tree_are_pypdfs(generated: Paths) -> None:
    """builder.formats.pdf.page_count reads Typst's page tree; pypdf agrees on every PDF, and
    a PDF whose tree is not in that form is counted by pypdf."""
    pdfs = sorted(generated.docs.rglob("*.pdf"))
    assert len(pdfs) > 10
    counts = {pdf.name: page_count(pdf.read_bytes()) for pdf in pdfs}
    assert counts == {pdf.name: len(PdfReader(pdf).pages) for pdf in pdfs}
    assert set(counts.values()) >= {1, 2}
    two = next(pdf.read_bytes() for pdf in pdfs if counts[pdf.name] == 2)
    assert b"/Type/Pages/Count 2" in two
    reordered = two.replace(b"/Type/Pages/Count 2", b"/Count 2/Type/Pages")  # same offsets
    assert page_count(reordered) == 2


def test_fact_sheet_pdfs_read_cleanly(generated: Paths) -> None:
    """The issue 15 faults: a key-actions box up top, no near-empty second page, the web
    address whole on one line, and no "(Table 1)" of a report the reader does not have."""
    for sheet in sheets(generated):
        data = (generated.docs / "factsheets" / f"{sheet['id']}.pdf").read_bytes()
        reader = PdfReader(io.BytesIO(data))
        first = words(reader.pages[0].extract_text())
        assert "Key actions" in first, sheet["id"]
        for action in sheet["key_actions"]:
            assert words(action) in first, (sheet["id"], action)
        assert first.index("Key actions") < first.index("Key messages")
        if len(reader.pages) == 2:
            assert lowest_body_text(reader.pages[1]) >= 0.3, f"{sheet['id']}: page 2 near-empty"
        address = f"casereviewlearning.github.io/case-review-learning/factsheets/{sheet['id']}"
        for page in reader.pages:
            assert any(address in line for line in page.extract_text().splitlines()), (
                f"{sheet['id']}: the footer address is broken across lines"
            )
        text = pdf_text(data)
        assert not LOCATOR.search(text), (sheet["id"], LOCATOR.search(text))
        if "Table" in " ".join(sheet["key_messages"]) + sheet["practice"]:
            assert "Sidebotham et al. 2010, Table" in text, sheet["id"]


def test_word_files_are_a4_in_british_english(generated: Paths) -> None:
    files = sorted((generated.docs / "factsheets").glob("*.docx"))
    files += sorted((generated.docs / "training").glob("*.docx"))
    assert len(files) > 15
    for file in files:
        document = Document(str(file))
        for section in document.sections:
            assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        styles = document.styles.element
        (default_lang,) = styles.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang")
        assert default_lang.get(qn("w:val")) == "en-GB", file.name
        langs = {e.get(qn("w:val")) for e in styles.iter(qn("w:lang"))}
        assert langs == {"en-GB"}, (file.name, langs)
        assert document.core_properties.language == "en-GB"
        assert "python-docx" not in document.core_properties.comments, file.name
        # Without the blank template's extras (its Word 2010 copy of the styles, and a
        # thumbnail of an empty page), and with every part the package lists.
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml").decode()
        assert not {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"} & names, file.name
        assert "stylesWithEffects" not in types and "thumbnail" not in types, file.name


def test_word_files_define_every_style_they_use_and_no_more(generated: Paths) -> None:
    """Each Word file defines the styles its parts name (else Word shows that text as Normal)
    and those they build on, without the blank template's 150 unused table designs."""
    files = sorted(generated.docs.rglob("*.docx"))
    assert len(files) > 15
    for file in files:
        with zipfile.ZipFile(file) as archive:
            styles = archive.read("word/styles.xml").decode()
            named = {
                ref
                for name in archive.namelist()
                if name.endswith(".xml") and name != "word/styles.xml"
                for ref in re.findall(
                    r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"',
                    archive.read(name).decode(),
                )
            }
        defined = set(re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', styles))
        based = set(re.findall(r'<w:(?:basedOn|next|link) w:val="([^"]+)"', styles))
        assert named and named | based <= defined, (file.name, (named | based) - defined)
        assert len(defined) < 30 and len(styles) < 40_000, (file.name, len(defined))


def test_word_fact_sheets_have_the_key_actions_and_named_notes(generated: Paths) -> None:
    for sheet in sheets(generated):
        document = Document(str(generated.docs / "factsheets" / f"{sheet['id']}.docx"))
        texts = [p.text for p in document.paragraphs]
        assert texts.index("Key actions") < texts.index("Key messages"), sheet["id"]
        for action in sheet["key_actions"]:
            assert action in texts
        assert not LOCATOR.search(" ".join(texts)), sheet["id"]


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
        assert "Fictional composite: it describes no real child" in slide_text
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
            extra = ("materials.docx",) if pack.get("materials") else ()
            assert names == sorted(
                f"{path.stem}/{n}"
                for n in ("README.txt", "slides.pptx", "handout.docx", "factsheet.pdf", *extra)
            )
            readme = bundle.read(f"{path.stem}/README.txt").decode()
            assert "Licence:" in readme and "fictional composite" in readme


def test_materials_the_session_plan_hands_out_are_ready_to_print(generated: Paths) -> None:
    """Cards to cut out as a ruled grid, two to a row; a sheet as a ruled table whose heading
    row repeats on each page, one row for each name and room to write; each material on a page
    of its own; and all of it on the pack's page too."""
    packs = {
        path.stem: yaml.safe_load(path.read_text())
        for path in sorted((generated.content / "training").glob("*.yaml"))
    }
    with_materials = {name: pack for name, pack in packs.items() if pack.get("materials")}
    assert {"learning-without-blame", "involving-practitioners"} <= set(with_materials)
    assert "reaching-the-front-line" not in with_materials  # hands out nothing
    assert not (generated.docs / "training" / "reaching-the-front-line-materials.docx").exists()
    for name, pack in with_materials.items():
        document = Document(str(generated.docs / "training" / f"{name}-materials.docx"))
        page = (generated.docs / "training" / f"{name}.md").read_text(encoding="utf-8")
        assert f"]({name}-materials.docx)" in page
        tables = iter(document.tables)
        for material in pack["materials"]:
            table = next(tables)
            assert table.style.name == "Table Grid"
            cells = [[cell.text for cell in row.cells] for row in table.rows]
            assert f"### {material['title']}" in page
            assert f"Used in: {material['step']}" in page
            if material.get("cards"):
                assert len(table.columns) == 2
                assert [text for row in cells for text in row if text] == material["cards"]
                for card in material["cards"]:
                    assert f"- {card}" in page
            else:
                assert cells[0] == material["columns"]
                assert [row[0] for row in cells[1:]] == material["rows"]
                assert all(text == "" for row in cells[1:] for text in row[1:])
                assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
                assert "| " + " | ".join(material["columns"]) + " |" in page
        breaks = document.element.body.xpath('.//w:br[@w:type="page"]')
        assert len(breaks) == len(pack["materials"]) - 1


SLIDE_LAYOUTS = {"Title", "Section", "Content", "Quote", "Case study", "Picture"}


def test_slides_use_the_designed_16_9_master(generated: Paths) -> None:
    for path in sorted((generated.content / "training").glob("*.yaml")):
        deck = Presentation(str(generated.docs / "training" / f"{path.stem}.pptx"))
        assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
        assert {layout.name for layout in deck.slide_layouts} == SLIDE_LAYOUTS
        used = {slide.slide_layout.name for slide in deck.slides}
        assert {"Title", "Section", "Content", "Case study", "Quote"} <= used, used
        # The master itself is laid out for 16:9, not the default 4:3 one stretched.
        for shape in deck.slide_master.placeholders:
            assert shape.left + shape.width <= deck.slide_width
        assert max(s.left + s.width for s in deck.slide_master.placeholders) > Inches(11)
        styles = deck.slide_master.element.find(qn_p("p:txStyles"))
        sizes = [int(e.get("sz")) for e in styles.iter(qn_p("a:defRPr")) if e.get("sz")]
        assert min(sizes) >= 2400, sizes
        colours = {e.get("val") for e in styles.iter(qn_p("a:srgbClr"))}
        assert "283593" in colours
        for number, slide in enumerate(deck.slides, 1):
            for shape in slide.shapes:
                if not shape.has_text_frame:
                    continue
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is not None and run.font.size >= Pt(24), (
                            path.stem,
                            number,
                            run.text,
                        )


def test_slides_are_british_english_and_say_what_they_are(generated: Paths) -> None:
    """Every run and text default of every part (slides, notes, layouts, masters) is en-GB, as
    the document's language is; the properties name neither the library nor 4:3."""
    for path in sorted((generated.content / "training").glob("*.yaml")):
        file = generated.docs / "training" / f"{path.stem}.pptx"
        deck = Presentation(str(file))
        assert deck.core_properties.language == "en-GB"
        assert "python-pptx" not in deck.core_properties.comments, path.stem
        with zipfile.ZipFile(file) as archive:
            xml = {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")}
        langs = {lang for text in xml.values() for lang in re.findall(r' lang="([^"]*)"', text)}
        assert langs == {"en-GB"}, (path.stem, langs)
        assert sum(text.count(' lang="') for n, text in xml.items() if "slides/" in n) > 50
        assert 'type="screen4x3"' not in xml["ppt/presentation.xml"], path.stem


def test_slides_keep_sentences_whole_with_notes_for_each(generated: Paths) -> None:
    for path in sorted((generated.content / "training").glob("*.yaml")):
        pack = yaml.safe_load(path.read_text())
        deck = Presentation(str(generated.docs / "training" / f"{path.stem}.pptx"))
        notes = [
            slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
            for slide in deck.slides
        ]
        assert all(n.strip() for n in notes), (path.stem, notes.index(""))
        assert len(set(notes)) == len(notes), f"{path.stem}: two slides share their notes"
        case = [
            slide.placeholders[1].text_frame.text
            for slide in deck.slides
            if slide.slide_layout.name == "Case study"
        ]
        assert len(case) >= 2
        for text in case:
            assert text.rstrip()[-1] in ".!?\u201d\"'", (path.stem, text[-60:])
            assert text.split()[0][0].isupper() or text.startswith("\u2022"), text[:40]
            assert len(text) <= 600, (path.stem, len(text))
        expected = pack["case_study"]["text"].replace("\n- ", "\n\u2022 ")
        assert words(" ".join(case)) == words(expected)


def repeated(text: str, n: int = 4) -> set[str]:
    found = re.findall(r"[a-z0-9'-]+", text.lower())
    grams = [" ".join(found[i : i + n]) for i in range(len(found) - n + 1)]
    return {g for g in grams if grams.count(g) > 1}


def test_pack_pages_do_not_repeat_themselves(generated: Paths) -> None:
    """Title, summary, introduction, outcomes and the case-study heading say each thing once
    (issue 15: "A 90-minute session on... A 90-minute session on...")."""
    for page in sorted((generated.docs / "training").glob("*.md")):
        if page.name == "index.md":
            continue
        text = page.read_text().split("\n---\n", 1)[1]
        head = "\n".join(
            line
            for line in text.split("## Session plan")[0].splitlines()
            if not line.startswith(("<", "["))  # the generator's comment, the buttons
        )
        case = text.split("## Case study")[1].split("\n\n")[0:3]
        outcome_lines = [line for line in head.splitlines() if line.startswith("- ")]
        assert not repeated(head, 5), (page.name, repeated(head, 5))
        assert not repeated("\n".join(case), 3), (page.name, repeated("\n".join(case), 3))
        assert len(outcome_lines) >= 3


def test_pages_offer_downloads_with_format_and_size(generated: Paths) -> None:
    page = (generated.docs / "factsheets" / "learning-without-blame.md").read_text()
    assert "[Download PDF (" in page and "KB)](learning-without-blame.pdf)" in page
    assert "[Download Word (" in page
    downloads = (generated.docs / "downloads" / "index.md").read_text()
    assert 'id="crl-downloads"' in downloads and "## Open data" in downloads
    assert "training/learning-without-blame.zip" in downloads
    # Each item once (the page used to repeat every list for five audiences).
    assert downloads.count("training/learning-without-blame.zip") == 1
    for key in ("audience", "theme", "format"):
        assert f'<select data-key="{key}">' in downloads


def test_downloads_lists_every_open_data_file_the_site_publishes(generated: Paths) -> None:
    published = sorted(p.name for p in (generated.docs / "data").iterdir() if p.is_file())
    assert "panel-rapid-reviews.csv" in published and "scrs-analysed.csv" in published
    downloads = (generated.docs / "downloads" / "index.md").read_text()
    open_data = downloads.split("## Open data")[1]
    assert [name for name in published if f"[{name}](../data/{name})" not in open_data] == []


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
    # every fact sheet and every briefing made into one, each as PDF and DOCX
    sheets = len(list((real.content / "factsheets").glob("*.yaml")))
    briefings = len(list((real.content / "briefings").glob("*.md")))
    assert count == 2 * (sheets + briefings)
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


def test_unchanged_content_is_not_regenerated(generated_real: Generated) -> None:
    """Charts (SVG, PNG) and documents all go through the one cache that is counted: a second
    render of the same content makes nothing anew. It reads every stored output but those that
    are only another document's arguments (a chart's PNG, and the wide SVG it was drawn from, are
    inside the Word and PDF files already)."""
    from builder.config import read_config
    from builder.formats.cache import DocumentCache
    from builder.render import render

    paths, checked = generated_real.paths, generated_real.checked
    kinds = {p.name for p in (paths.build / "cache").iterdir()}
    assert {"chart-svg", "chart-png"} <= kinds, kinds
    again = DocumentCache(paths.build / "cache")
    render(checked.site, checked.derived, read_config(paths.mkdocs_yml), again, TODAY)
    stored = sum(1 for _ in (paths.build / "cache").rglob("*.bin"))
    pictures = sum(1 for _ in (paths.build / "cache" / "chart-png").glob("*.bin"))
    assert again.misses == 0
    assert stored - 2 * pictures <= again.hits < stored


def test_slides_and_handout_follow_the_session_plan(generated: Paths) -> None:
    """Each plan takes "The evidence in brief" before the case study; the deck's sections and
    the handout's headings come in the same order, so a trainer never jumps about."""
    for path in sorted((generated.content / "training").glob("*.yaml")):
        plan = [step["activity"] for step in yaml.safe_load(path.read_text())["session_plan"]]
        evidence = plan.index("The evidence in brief")
        case = next(i for i, activity in enumerate(plan) if activity.startswith("Case study"))
        assert evidence < case, path.stem
        deck = Presentation(str(generated.docs / "training" / f"{path.stem}.pptx"))
        titles = [slide.shapes.title.text for slide in deck.slides]
        assert titles.index("The evidence in brief") < titles.index("Case study"), path.stem
        assert titles.index("Case study") < titles.index("Discussion"), path.stem
        handout = Document(str(generated.docs / "training" / f"{path.stem}-handout.docx"))
        headings = [p.text for p in handout.paragraphs if p.style.name.startswith("Heading")]
        case_heading = next(h for h in headings if h.startswith("Case study"))
        assert headings.index("Key messages") < headings.index(case_heading), path.stem


def test_documents_in_the_docs_tree_are_the_cached_files(generated: Paths) -> None:
    """Each document is kept once on disk: the docs tree links the cache's file."""
    cached = {p.stat().st_ino for p in generated.cache.rglob("*.bin")}
    documents = [*generated.docs.rglob("*.pdf"), *generated.docs.rglob("*.docx")]
    assert len(documents) > 20
    assert all(d.stat().st_ino in cached for d in documents)
