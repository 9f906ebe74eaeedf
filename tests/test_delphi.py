"""The Delphi derive stage: the consensus rule at its boundaries, the comparison with the
printed tables, the whole-respondent check, and the real data's known results."""

from __future__ import annotations

import datetime as dt

import pytest

from builder import pipeline
from builder.derive.delphi import consensus, derive_delphi
from builder.derive.feasible import candidates, counts_fit, whole_counts
from builder.models import Delphi, DelphiResponse, DelphiSection, DelphiStudy, Page, PublishedRow
from builder.models.common import Source
from builder.paths import Paths
from tests.conftest import TODAY

STRONG, BROAD = 75, 95


@pytest.mark.parametrize(
    ("strong", "broad", "limb"),
    [
        (74, 94, ""),
        (75, 94, "strong"),
        (74, 95, "broad"),
        (75, 95, "both"),
        (100, 100, "both"),
        (0, 0, ""),
    ],
)
def test_consensus_limbs_at_their_boundaries(strong: int, broad: int, limb: str) -> None:
    assert consensus(strong, broad, STRONG, BROAD) == limb


def origin(model, line: int = 2):  # type: ignore[no-untyped-def]
    return model.with_origin(Source("content/delphi/test.csv", line))


def response(
    number: int,
    round_: int,
    sd: int,
    d: int,
    md: int,
    ma: int,
    a: int,
    sa: int,
    unable: int,
    statement: str = "A statement.",
) -> DelphiResponse:
    return origin(
        DelphiResponse(
            section="local",
            number=number,
            round=round_,
            statement=statement,
            strongly_disagree=sd,
            disagree=d,
            mildly_disagree=md,
            mildly_agree=ma,
            agree=a,
            strongly_agree=sa,
            unable=unable,
            source="Appendix 3",
        ),
        line=number * 2 + round_,
    )


def delphi(rows: list[DelphiResponse], published: list[PublishedRow]) -> Delphi:
    study = origin(
        DelphiStudy.model_validate(
            {
                "signed_up": 100,
                "both_rounds": 40,
                "scale_points": 6,
                "source": "chapter 3",
                "consensus_rule": {
                    "source": "chapter 3",
                    "strong_threshold": STRONG,
                    "broad_threshold": BROAD,
                },
                "rounds": [
                    {
                        "round": r,
                        "opened": dt.date(2010, 3, r),
                        "closed": dt.date(2010, 3, r + 5),
                        "respondents": n,
                        "source": "chapter 3",
                        "agencies": [{"agency": "Health", "count": n}],
                        "agency_other": [],
                    }
                    for r, n in ((1, 66), (2, 55))
                ],
            }
        )
    )
    section = origin(
        DelphiSection(
            id="local",
            slug="local",
            title="Local learning",
            chapter=5,
            table="Table 1",
            figure="Figure 1",
            statements=len(rows) // 2,
            questionnaire_intro="About local learning.",
        )
    )
    overview = origin(
        Page(
            id="delphi",
            title="Delphi",
            summary="S.",
            audiences=["researchers"],
            updated=dt.date(2026, 1, 1),
            review_due=dt.date(2027, 1, 1),
        )
    )
    return Delphi(overview, study, (section,), tuple(rows), tuple(published))


def printed(number: int, disagree: int, agree: int, unable: int, yes: str) -> PublishedRow:
    return origin(
        PublishedRow(
            section="local",
            number=number,
            statement_as_printed="A.",
            pct_disagree=disagree,
            pct_agree=agree,
            pct_unable=unable,
            consensus=yes,
            source="Table 1",
        ),
        line=number + 1,
    )


def test_the_rule_counts_those_unable_to_answer_in_the_denominator() -> None:
    # 74% agree or strongly agree of everyone, 20% unable: no consensus, although 74 of the
    # 80% who gave a view would be over 90%.
    rows = [response(1, 1, 0, 0, 0, 6, 40, 34, 20), response(1, 2, 0, 0, 0, 6, 40, 34, 20)]
    (result,) = derive_delphi(delphi(rows, [])).statements
    assert result.round2.consensus == "none"
    assert result.round2.pct_agree == 80 and result.round2.strong_agree == 74


def test_disagreement_side_and_each_limb() -> None:
    rows = [
        response(1, 1, 40, 35, 10, 5, 5, 0, 5),
        response(1, 2, 40, 35, 10, 5, 5, 0, 5),  # 75 strong
        response(2, 1, 30, 30, 35, 0, 0, 0, 5),
        response(2, 2, 30, 30, 35, 0, 0, 0, 5),  # 95 broad
        response(3, 1, 0, 0, 0, 20, 40, 35, 5),
        response(3, 2, 0, 0, 0, 20, 40, 34, 6),  # 74/94
    ]
    results = derive_delphi(delphi(rows, [])).statements
    assert [(s.round2.consensus, s.round2.limb) for s in results] == [
        ("disagree", "strong"),
        ("disagree", "broad"),
        ("none", ""),
    ]
    assert results[2].round1.consensus == "agree" and results[2].round1.limb == "both"
    assert results[2].change_agree == -1
    assert "75% disagreed or strongly disagreed (at least 75% needed)" in results[0].round2.reason


def test_printed_tables_are_compared_and_never_corrected() -> None:
    rows = [
        response(1, 1, 0, 2, 9, 5, 42, 35, 7),
        response(1, 2, 0, 2, 9, 5, 42, 35, 7),
        response(2, 1, 0, 2, 9, 5, 42, 35, 7),
        response(2, 2, 0, 2, 9, 5, 42, 35, 7),
    ]
    results = derive_delphi(
        delphi(rows, [printed(1, 11, 82, 7, "yes"), printed(2, 20, 82, 7, "no")])
    )
    found = [(d.number, d.measure, d.published, d.derived) for d in results.differences]
    assert (2, "pct_disagree", "20", "11") in found
    assert (2, "consensus", "no", "agree") in found
    assert not [d for d in results.differences if d.number == 1 and d.measure != "counts"]
    assert results.statements[1].published is not None
    assert results.statements[1].published.pct_disagree == 20  # shown as printed
    assert all(w.severity == "warning" for w in results.warnings)


def test_whole_respondent_check() -> None:
    assert candidates(2, 55) == [1]  # 1/55 = 1.8%
    assert candidates(1, 55) == []  # no count of 55 rounds to 1%
    assert counts_fit([0, 2, 9, 5, 42, 35, 7], 55).possible  # local 1, round 2
    assert not counts_fit([1, 99], 55).possible
    fit = counts_fit([2, 14, 24, 29, 18, 9, 6], 66)
    assert not fit.possible and fit.explain() == (
        "counts that round to these cells total 67-67 respondents, never 66"
    )


@pytest.fixture(scope="module")
def real_results():  # type: ignore[no-untyped-def]
    checked = pipeline.check(Paths(), TODAY)
    assert checked.derived.delphi is not None
    return checked.derived.delphi


def test_real_data_has_39_statements_and_ten_revisions(real_results) -> None:  # type: ignore[no-untyped-def]
    assert len(real_results.statements) == 39
    assert sum(s.revised for s in real_results.statements) == 10


def test_real_consensus_matches_the_reports_yes_rows(real_results) -> None:  # type: ignore[no-untyped-def]
    derived = {
        (s.section.id, s.number) for s in real_results.statements if s.round2.consensus != "none"
    }
    printed_yes = {
        (s.section.id, s.number)
        for s in real_results.statements
        if s.published and s.published.consensus == "yes"
    }
    assert derived == printed_yes
    assert len(derived) == 12  # 2 local + 3 national analysis + 7 learning nationally
    assert all(s.round2.consensus != "disagree" for s in real_results.statements)


def test_real_printed_figures_that_differ_from_the_appendix(real_results) -> None:  # type: ignore[no-untyped-def]
    found = {
        (d.section, d.number, d.measure, d.published, d.derived)
        for d in real_results.differences
        if d.measure != "counts"
    }
    assert found == {
        ("local", 9, "pct_disagree", "54", "45"),
        ("national_analysis", 6, "pct_agree", "64", "65"),  # whole counts of 55; cells add to 66
        ("learning_nationally", 9, "pct_agree", "100", "100"),  # cells add to 99; Table 3 is right
    }
    notes = {
        (d.section, d.number): d.note for d in real_results.differences if d.measure == "pct_agree"
    }
    # the notes editors wrote in content/delphi/acknowledged.yaml
    assert notes[("learning_nationally", 9)].startswith("Table 3's 100% is right")
    assert "give 65%" in notes[("national_analysis", 6)]
    assert "add up to 66%" in notes[("national_analysis", 6)]


def test_whole_counts_settle_a_rounded_row() -> None:
    # national analysis 6, round 2: the seven cells stand for exactly one split of 55 people
    (counts,) = whole_counts([2, 16, 11, 13, 35, 18, 5], 55)
    assert sum(counts[3:6]) == 36  # 36/55 = 65.45%, printed as 64, cells add to 66
    assert whole_counts([1, 99], 55) == []
