"""Cross-checks of the Delphi data: every statement in both rounds, rows that add up, one
published row per statement, and the study's own totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from builder.models import Delphi, DelphiResponse
from builder.models.delphi import LIKERT
from builder.problems import Problem

# Sanity thresholds, each with the reason it exists.
EXPECTED_DELPHI_STATEMENTS = 39  # 13 local + 14 national analysis + 12 learning nationally
EXPECTED_REVISED = 10  # statements reworded for round 2 (chapter 3; Appendix 3 marks them)
SUM_TOLERANCE = 3  # seven whole percentages, each rounded, can sum to 97..103
# A printed row adds three totals of rounded cells (3 + 3 + 1 cells): at most 3.5 points off 100.
PUBLISHED_SUM_TOLERANCE = 3


def check_delphi(delphi: Delphi) -> Iterator[Problem]:
    by_statement: dict[tuple[str, int], dict[int, DelphiResponse]] = {}
    for row in delphi.responses:
        by_statement.setdefault(row.key, {})[row.round] = row
        total = sum(getattr(row, name) for name in LIKERT)
        if abs(total - 100) > SUM_TOLERANCE:
            yield Problem(
                row.origin.path,
                row.origin.line,
                "",
                f"the seven percentages add up to {total}, not about 100; "
                "check this row against Appendix 3",
            )
    total_statements = 0
    for section in delphi.sections:
        numbers = sorted(n for (s, n) in by_statement if s == section.id)
        total_statements += len(numbers)
        expected = list(range(1, section.statements + 1))
        if numbers != expected:
            missing = sorted(set(expected) - set(numbers))
            extra = sorted(set(numbers) - set(expected))
            detail = "; ".join(
                part
                for part in (
                    f"missing statement(s) {', '.join(map(str, missing))}" if missing else "",
                    f"unexpected statement(s) {', '.join(map(str, extra))}" if extra else "",
                )
                if part
            )
            yield Problem(
                section.origin.path,
                section.origin.line,
                "statements",
                f"section '{section.id}' should have statements 1-{section.statements} "
                f"in responses.csv: {detail}",
            )
    for key, rounds in sorted(by_statement.items()):
        if set(rounds) != {1, 2}:
            row = next(iter(rounds.values()))
            missing_round = 2 if 1 in rounds else 1
            yield Problem(
                row.origin.path,
                row.origin.line,
                "round",
                f"statement {key[0]} {key[1]} has no round {missing_round} row; "
                "every statement needs both rounds",
            )
    if total_statements and total_statements != EXPECTED_DELPHI_STATEMENTS:
        yield Problem(
            delphi.sections[0].origin.path,
            1,
            "statements",
            f"found {total_statements} statements; the report has {EXPECTED_DELPHI_STATEMENTS}",
        )
    revised = [
        k for k, r in by_statement.items() if {1, 2} <= set(r) and r[1].statement != r[2].statement
    ]
    if by_statement and len(revised) != EXPECTED_REVISED:
        yield Problem(
            delphi.responses[0].origin.path,
            1,
            "statement",
            f"{len(revised)} statements have different wordings in rounds 1 and 2; "
            f"the report revised {EXPECTED_REVISED}: check the wordings",
        )
    acknowledged = {a.key for a in delphi.acknowledged}
    for printed_row in delphi.published:
        parts = (printed_row.pct_disagree, printed_row.pct_agree, printed_row.pct_unable)
        total = sum(parts)
        known = (printed_row.section, printed_row.number, "total", str(total)) in acknowledged
        if abs(total - 100) > PUBLISHED_SUM_TOLERANCE and not known:
            yield Problem(
                printed_row.origin.path,
                printed_row.origin.line,
                "pct_agree",
                f"disagree, agree and unable add up to {total}% "
                f"({' + '.join(map(str, parts))}), which rounding cannot explain (at most "
                f"{100 - PUBLISHED_SUM_TOLERANCE}-{100 + PUBLISHED_SUM_TOLERANCE}); check the "
                f"row against {printed_row.source}, and if the report really prints it, record "
                "it in content/delphi/acknowledged.yaml with a note",
            )
    published = Counter(row.key for row in delphi.responses if row.round == 2)
    for printed_row in delphi.published:
        if (printed_row.section, printed_row.number) not in published:
            yield Problem(
                printed_row.origin.path,
                printed_row.origin.line,
                "number",
                f"no statement {printed_row.section} {printed_row.number} in responses.csv",
            )
    printed = {(row.section, row.number) for row in delphi.published}
    for key in sorted(set(published) - printed):
        yield Problem(
            delphi.published[0].origin.path if delphi.published else "content",
            1,
            "section",
            f"statement {key[0]} {key[1]} has no row from the published tables; add it as printed",
        )
    yield from _study_totals(delphi)


def _study_totals(delphi: Delphi) -> Iterator[Problem]:
    study = delphi.study
    rounds = sorted(r.round for r in study.rounds)
    if rounds != [1, 2]:
        yield Problem(
            study.origin.path,
            study.origin.line,
            "rounds",
            "needs exactly one entry for round 1 and one for round 2",
        )
    for index, entry in enumerate(study.rounds):
        counted = sum(a.count for a in entry.agencies)
        if counted != entry.respondents:
            yield Problem(
                study.origin.path,
                study.origin.line,
                f"rounds[{index}].agencies",
                f"agency counts add up to {counted} but respondents is "
                f"{entry.respondents}; check them against chapter 3",
            )
    smallest = min((r.respondents for r in study.rounds), default=0)
    if study.both_rounds > smallest:
        yield Problem(
            study.origin.path,
            study.origin.line,
            "both_rounds",
            f"{study.both_rounds} took part in both rounds, more than the "
            f"{smallest} who answered one round",
        )
