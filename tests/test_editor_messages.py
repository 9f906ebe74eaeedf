"""Messages that send an editor to the real place, once per root cause: one mistaken file in a
copy of the real content, and the exact lines `make check` prints for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import pipeline
from builder.paths import Paths
from builder.problems import ContentError, Severity
from tests.conftest import TODAY


def errors(paths: Paths) -> list[str]:
    with pytest.raises(ContentError) as caught:
        pipeline.check(paths, TODAY)
    return [str(p) for p in caught.value.problems if p.severity == Severity.ERROR]


def warnings(paths: Paths) -> list[str]:
    return [str(p) for p in pipeline.check(paths, TODAY).warnings]


def replace_line(path: Path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1], f"{old!r} not on line {number} of {path}"
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_the_seed_content_has_no_warnings(real: Paths) -> None:
    assert warnings(real) == []


def test_an_unclosed_csv_quote_is_reported_on_its_own_row(real: Paths) -> None:
    responses = real.content / "delphi" / "responses.csv"
    replace_line(responses, 20, '"local",10', '"local,10')
    assert errors(real) == [
        "content/delphi/responses.csv:20: CSV syntax error: ',' expected after '\"'; "
        "check the quotes and commas on this row"
    ]


def test_a_quote_left_open_at_the_end_of_the_file_points_at_its_row(real: Paths) -> None:
    responses = real.content / "delphi" / "responses.csv"
    lines = responses.read_text().splitlines()
    last = len(lines)
    replace_line(responses, last, '"Appendix 3"', '"Appendix 3')
    assert errors(real) == [
        f"content/delphi/responses.csv:{last}: a quoted cell starts on this row and is never "
        "closed; add the closing '\"'"
    ]


def test_one_extra_csv_cell_is_one_error(real: Paths) -> None:
    responses = real.content / "delphi" / "responses.csv"
    replace_line(responses, 20, '"Appendix 3"', '"Appendix 3",9')
    assert errors(real) == [
        "content/delphi/responses.csv:20: this row has more cells than the header; check commas"
    ]


def test_a_byte_order_mark_is_accepted(real: Paths) -> None:
    about = real.content / "pages" / "about.md"
    about.write_bytes(b"\xef\xbb\xbf" + about.read_bytes())
    assert warnings(real) == []


def test_a_latin1_byte_is_reported_at_its_line(real: Paths) -> None:
    theme = real.content / "themes" / "evaluating-reviews.md"
    data = theme.read_bytes().split(b"\n")
    data[9] = data[9] + b" caf\xe9"
    theme.write_bytes(b"\n".join(data))
    assert errors(real) == [
        "content/themes/evaluating-reviews.md:10: byte 0xe9 on this line is not UTF-8 text "
        "(perhaps Latin-1 or Windows-1252 from a word processor); retype the character or "
        "save the file as UTF-8"
    ]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (
            "null",
            "the field name 'null' is not text (a number, date, true/false or empty); field "
            "names are words, e.g. 'title:'",
        ),
        (
            "12",
            "the field name '12' is not text (a number, date, true/false or empty); field "
            "names are words, e.g. 'title:'",
        ),
        ("? [a, b]\n", "a field name must be plain text (complex '? ...' keys are not allowed)"),
    ],
)
def test_a_key_that_is_not_a_word_is_reported_at_its_line(
    real: Paths, key: str, message: str
) -> None:
    theme = real.content / "themes" / "evaluating-reviews.md"
    theme.write_text(theme.read_text().replace("title: ", f"{key}: x\ntitle: ", 1))
    assert errors(real) == [f"content/themes/evaluating-reviews.md:2: {message}"]


def test_two_deleted_required_files_are_two_errors(real: Paths) -> None:
    (real.content / "audiences.yaml").unlink()
    (real.content / "references.yaml").unlink()
    assert errors(real) == [
        "content/audiences.yaml:1: file is missing; restore it",
        "content/references.yaml:1: file is missing; restore it",
    ]


def test_missing_delphi_files_do_not_cascade(real: Paths) -> None:
    (real.content / "delphi" / "sections.yaml").unlink()
    (real.content / "delphi" / "responses.csv").unlink()
    needs = (
        "file is missing: the delphi data needs all of delphi/overview.md, delphi/published.csv, "
        "delphi/responses.csv, delphi/sections.yaml, delphi/study.yaml"
    )
    assert errors(real) == [
        f"content/delphi/responses.csv:1: {needs}",
        f"content/delphi/sections.yaml:1: {needs}",
    ]


def test_a_broken_fact_sheet_is_reported_once(real: Paths) -> None:
    sheet = real.content / "factsheets" / "learning-without-blame.yaml"
    sheet.write_text(sheet.read_text().replace("\ntitle: ", "\ntitle: [unclosed\nx: ", 1))
    found = errors(real)
    assert len(found) == 1 and found[0].startswith(
        "content/factsheets/learning-without-blame.yaml:"
    ), found


def test_a_misspelt_field_is_one_error_not_two(real: Paths) -> None:
    sheet = real.content / "factsheets" / "learning-without-blame.yaml"
    sheet.write_text(sheet.read_text().replace("\nsummary:", "\nsummry:", 1))
    found = errors(real)
    assert len(found) == 1, found
    assert "summry: is not a field here; did you mean 'summary'?" in found[0]


@pytest.mark.parametrize(
    ("where", "advice"),
    [
        ("theme/neglect.md", "did you mean content/themes/? Move the file there"),
        ("glosary.yaml", "did you mean content/glossary.yaml? Rename the file"),
        ("themes/neglect.yaml", "content/themes/ holds only themes/*.md; rename the file to match"),
    ],
)
def test_a_misplaced_file_is_an_error_with_where_it_goes(
    real: Paths, where: str, advice: str
) -> None:
    target = real.content / where
    target.parent.mkdir(exist_ok=True)
    target.write_text("title: x\n")
    assert errors(real) == [
        f"content/{where}:1: is not a kind of content the builder knows, so it would be left out "
        f"of the site; {advice}"
    ]


def test_a_printed_row_beyond_rounding_is_an_error(real: Paths) -> None:
    published = real.content / "delphi" / "published.csv"
    replace_line(published, 2, ",11,82,7,", ",93,82,7,")
    assert errors(real) == [
        "content/delphi/published.csv:2: pct_agree: disagree, agree and unable add up to 182% "
        "(93 + 82 + 7), which rounding cannot explain (at most 97-103); check the row against "
        "Table 1, and if the report really prints it, record it in "
        "content/delphi/acknowledged.yaml with a note"
    ]


def test_a_new_difference_warns_and_an_acknowledged_one_does_not(real: Paths) -> None:
    published = real.content / "delphi" / "published.csv"
    replace_line(published, 2, ",11,82,7,", ",12,81,7,")
    found = warnings(real)
    assert found and all(w.startswith("content/delphi/published.csv:2:") for w in found), found
    assert any("Table 1 prints 81% agreeing" in w for w in found), found


def test_a_stale_acknowledgement_warns(real: Paths) -> None:
    acknowledged = real.content / "delphi" / "acknowledged.yaml"
    acknowledged.write_text(
        acknowledged.read_text()
        + '  - section: "local"\n    number: 1\n    measure: "pct_agree"\n'
        + '    printed: "81"\n    note: "Not a real difference."\n'
    )
    found = warnings(real)
    assert len(found) == 1 and "acknowledges a difference the data no longer show" in found[0]


def test_acknowledged_notes_are_what_the_site_shows(real: Paths) -> None:
    checked = pipeline.check(real, TODAY)
    assert checked.derived.delphi is not None
    notes = {(d.section, d.number, d.measure): d.note for d in checked.derived.delphi.differences}
    assert notes[("learning_nationally", 9, "pct_agree")].startswith("Table 3's 100% is right")
