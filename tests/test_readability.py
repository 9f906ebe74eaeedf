"""Plain English, measured: every seed summary, set of key messages, fact sheet and audience
introduction scores Flesch reading ease 60 or more, and `make check` reports the scores per
file (as information, never as a warning)."""

from __future__ import annotations

from builder import pipeline
from builder.paths import Paths
from builder.validate import readability
from tests.conftest import TODAY
from tests.test_cli import run


def test_seed_content_reads_as_plain_english(real: Paths) -> None:
    checked = pipeline.check(real, TODAY)
    found = readability.scores(checked.site)
    fields = {(s.path.split("/")[1], s.field) for s in found}
    assert ("themes", "summary") in fields and ("factsheets", "fact sheet") in fields
    assert ("audiences.yaml", "trainers intro") in fields
    assert len(found) >= 2 * len(checked.site.themes) + 3 * len(checked.site.factsheets)
    low = [f"{s.path} {s.field}: {s.score:.0f}" for s in found if s.score < readability.TARGET]
    assert not low, f"below Flesch reading ease {readability.TARGET:.0f}: " + "; ".join(low)


def test_the_measure_tells_plain_from_academic_prose() -> None:
    academic = (
        "Notwithstanding considerable methodological heterogeneity, contemporaneous "
        "multi-agency organisational evaluations demonstrated insufficient "
        "operationalisation of recommendations regarding intergenerational vulnerability."
    )
    plain = "Staff learn most when the review starts. Tell them why it is happening."
    assert readability.reading_ease(academic) < readability.TARGET
    assert readability.reading_ease(plain) >= readability.TARGET


def test_citations_links_and_locators_are_not_read_as_words() -> None:
    text = "Most agreed [@dfe-rr037, Table 1]. See [the theme](id:theme-x) (chapter 5)."
    assert readability.plain_text(text) == "Most agreed. See the theme."


def test_check_prints_the_scores_without_warnings(real: Paths) -> None:
    result = run(real, "check")
    assert result.returncode == 0, result.stderr
    assert "plain English (Flesch reading ease, target 60 or more):" in result.stdout
    assert "content/factsheets/delphi-local.yaml: summary " in result.stdout
    assert "readab" not in result.stderr.lower() and "below 60" not in result.stdout
