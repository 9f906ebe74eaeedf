"""Delphi results derived from the printed distributions (Appendix 3): agreement, consensus by
the study's rule, change between rounds, and where the printed tables differ from the data."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from builder.derive.feasible import counts_fit, whole_counts
from builder.models import Delphi, DelphiResponse, DelphiSection, PublishedRow
from builder.models.delphi import LIKERT
from builder.problems import Problem, Severity

SECTION_ORDER = ("local", "national_analysis", "learning_nationally")


@dataclass(frozen=True)
class RoundResult:
    round: int
    respondents: int
    statement: str
    values: dict[str, int]  # the seven printed percentages
    pct_disagree: int
    pct_agree: int
    pct_unable: int
    strong_agree: int  # agree + strongly agree
    strong_disagree: int
    consensus: str  # agree | disagree | none
    limb: str  # strong | broad | both | "" : which part of the rule was met
    reason: str  # the rule applied, in words


@dataclass(frozen=True)
class StatementResult:
    section: DelphiSection
    number: int
    rounds: tuple[RoundResult, RoundResult]
    revised: bool
    published: PublishedRow | None
    source_line: int

    @property
    def ref(self) -> str:
        return f"{self.section.slug}-{self.number}"

    @property
    def round1(self) -> RoundResult:
        return self.rounds[0]

    @property
    def round2(self) -> RoundResult:
        return self.rounds[1]

    @property
    def change_agree(self) -> int:
        return self.round2.pct_agree - self.round1.pct_agree


@dataclass(frozen=True)
class Difference:
    """A place where the report's printed numbers and the appendix data do not agree."""

    section: str
    number: int
    measure: str
    published: str
    derived: str
    note: str


@dataclass(frozen=True)
class DelphiResults:
    statements: tuple[StatementResult, ...]
    differences: tuple[Difference, ...]
    warnings: tuple[Problem, ...]
    table: pd.DataFrame  # one row per statement per round: the public delphi.csv

    def in_section(self, section_id: str) -> tuple[StatementResult, ...]:
        return tuple(s for s in self.statements if s.section.id == section_id)

    def by_ref(self, ref: str) -> StatementResult | None:
        """'local-5' (section slug and number) to that statement's results."""
        return next((s for s in self.statements if s.ref == ref), None)


def frame(responses: tuple[DelphiResponse, ...], respondents: dict[int, int]) -> pd.DataFrame:
    """The printed distributions with every derived column, one row per statement per round."""
    df = pd.DataFrame([r.model_dump() for r in responses])
    df["pct_disagree"] = df[["strongly_disagree", "disagree", "mildly_disagree"]].sum(axis=1)
    df["pct_agree"] = df[["mildly_agree", "agree", "strongly_agree"]].sum(axis=1)
    df["pct_unable"] = df["unable"]
    df["strong_agree"] = df["agree"] + df["strongly_agree"]
    df["strong_disagree"] = df["disagree"] + df["strongly_disagree"]
    df["respondents"] = df["round"].map(respondents)
    wordings = df.pivot_table(
        index=["section", "number"], columns="round", values="statement", aggfunc="first"
    )
    revised = (wordings[1] != wordings[2]).rename("revised")
    df = df.join(revised, on=["section", "number"])
    return df


def consensus(strong: int, broad: int, strong_threshold: int, broad_threshold: int) -> str:
    """Which limb of the rule one side meets: 'strong', 'broad', 'both' or ''."""
    limbs = [
        name
        for name, met in (
            ("strong", strong >= strong_threshold),
            ("broad", broad >= broad_threshold),
        )
        if met
    ]
    return "both" if len(limbs) == 2 else (limbs[0] if limbs else "")


def derive_delphi(delphi: Delphi) -> DelphiResults:
    rule = delphi.study.consensus_rule
    respondents = {r.round: r.respondents for r in delphi.study.rounds}
    df = frame(delphi.responses, respondents)
    agree_limb = [
        consensus(s, b, rule.strong_threshold, rule.broad_threshold)
        for s, b in zip(df["strong_agree"], df["pct_agree"], strict=True)
    ]
    disagree_limb = [
        consensus(s, b, rule.strong_threshold, rule.broad_threshold)
        for s, b in zip(df["strong_disagree"], df["pct_disagree"], strict=True)
    ]
    df["consensus"] = [
        "agree" if a else ("disagree" if d else "none")
        for a, d in zip(agree_limb, disagree_limb, strict=True)
    ]
    df["limb"] = [a or d for a, d in zip(agree_limb, disagree_limb, strict=True)]
    sections: dict[str, DelphiSection] = {s.id: s for s in delphi.sections}
    published: dict[tuple[str, int], PublishedRow] = {
        (p.section, p.number): p for p in delphi.published
    }
    sources: dict[tuple[str, int, int], DelphiResponse] = {
        (r.section, r.number, r.round): r for r in delphi.responses
    }
    statements = []
    for (section_id, number), rows in df.groupby(["section", "number"], sort=False):
        rounds = tuple(
            _round(row, rule.strong_threshold, rule.broad_threshold)
            for _, row in rows.sort_values("round").iterrows()
        )
        statements.append(
            StatementResult(
                section=sections[str(section_id)],
                number=int(number),
                rounds=(rounds[0], rounds[1]),
                revised=bool(rows["revised"].iloc[0]),
                published=published.get((str(section_id), int(number))),
                source_line=sources[(str(section_id), int(number), 2)].origin.line,
            )
        )
    statements.sort(key=lambda s: (SECTION_ORDER.index(s.section.id), s.number))
    differences, warnings = _compare(statements, delphi, sources, respondents)
    return DelphiResults(tuple(statements), tuple(differences), tuple(warnings), _public(df))


def _round(row: pd.Series, strong_threshold: int, broad_threshold: int) -> RoundResult:
    side = {"agree": ("strong_agree", "pct_agree"), "disagree": ("strong_disagree", "pct_disagree")}
    verdict = str(row["consensus"])
    if verdict == "none":
        reason = (
            f"{row['strong_agree']}% agreed or strongly agreed and "
            f"{row['strong_disagree']}% disagreed or strongly disagreed (the rule needs "
            f"{strong_threshold}%), and {row['pct_agree']}% agreed and {row['pct_disagree']}% "
            f"disagreed to any degree (the rule needs {broad_threshold}%)."
        )
    else:
        strong, broad = side[verdict]
        word = "agreed" if verdict == "agree" else "disagreed"
        parts = []
        if row["limb"] in ("strong", "both"):
            parts.append(
                f"{row[strong]}% {word} or strongly {word} (at least {strong_threshold}% needed)"
            )
        if row["limb"] in ("broad", "both"):
            parts.append(
                f"{row[broad]}% {word} to some degree, mildly included "
                f"(at least {broad_threshold}% needed)"
            )
        reason = " and ".join(parts) + "."
    return RoundResult(
        round=int(row["round"]),
        respondents=int(row["respondents"]),
        statement=str(row["statement"]),
        values={k: int(row[k]) for k in LIKERT},
        pct_disagree=int(row["pct_disagree"]),
        pct_agree=int(row["pct_agree"]),
        pct_unable=int(row["pct_unable"]),
        strong_agree=int(row["strong_agree"]),
        strong_disagree=int(row["strong_disagree"]),
        consensus=verdict,
        limb=str(row["limb"]),
        reason=reason,
    )


def _compare(
    statements: list[StatementResult],
    delphi: Delphi,
    sources: dict[tuple[str, int, int], DelphiResponse],
    respondents: dict[int, int],
) -> tuple[list[Difference], list[Problem]]:
    differences: list[Difference] = []
    warnings: list[Problem] = []

    known = {a.key: a for a in delphi.acknowledged}
    used: set[tuple[str, int, str, str]] = set()

    def add(difference: Difference, path: str, line: int) -> None:
        key = (difference.section, difference.number, difference.measure, difference.published)
        if key in known:  # checked and explained by an editor: shown with their note, no warning
            used.add(key)
            differences.append(replace(difference, note=known[key].note))
            return
        differences.append(difference)
        warnings.append(
            Problem(
                path,
                line,
                difference.measure,
                f"{difference.note} (printed {difference.published}, derived {difference.derived})"
                "; if the report really prints this, record it in content/delphi/acknowledged.yaml",
                Severity.WARNING,
            )
        )

    for s in statements:
        row = s.published
        derived = s.round2
        if row is not None:
            table = row.origin
            where = f"{row.source} prints"
            for measure, what in (
                ("pct_disagree", "disagreeing"),
                ("pct_agree", "agreeing"),
                ("pct_unable", "unable to answer"),
            ):
                printed, computed = getattr(row, measure), getattr(derived, measure)
                if printed != computed:
                    add(
                        _printed_difference(
                            s, measure, what, where, printed, computed, respondents[2]
                        ),
                        table.path,
                        table.line,
                    )
            says_yes = derived.consensus != "none"
            if (row.consensus == "yes") != says_yes:
                add(
                    Difference(
                        s.section.id,
                        s.number,
                        "consensus",
                        row.consensus,
                        derived.consensus,
                        f"{where} consensus '{row.consensus}'; the rule applied to "
                        f"Appendix 3 gives '{derived.consensus}'",
                    ),
                    table.path,
                    table.line,
                )
            fit = counts_fit([row.pct_disagree, row.pct_agree, row.pct_unable], respondents[2])
            if not fit.possible:
                summed = (row.pct_disagree, row.pct_agree) == (
                    derived.pct_disagree,
                    derived.pct_agree,
                )
                cause = (
                    " (it adds up Appendix 3's already-rounded percentages, so its totals "
                    "need not match whole respondents)"
                    if summed
                    else ""
                )
                add(
                    Difference(
                        s.section.id,
                        s.number,
                        "counts",
                        f"{row.pct_disagree}/{row.pct_agree}/{row.pct_unable}",
                        fit.explain(),
                        f"{where} percentages that no whole numbers of "
                        f"the {respondents[2]} round-2 respondents can produce{cause}",
                    ),
                    table.path,
                    table.line,
                )
        for result in s.rounds:
            fit = counts_fit(list(result.values.values()), result.respondents)
            if not fit.possible:
                src = sources[(s.section.id, s.number, result.round)]
                add(
                    Difference(
                        s.section.id,
                        s.number,
                        "counts",
                        "/".join(str(v) for v in result.values.values()),
                        fit.explain(),
                        f"Appendix 3 round {result.round}: no whole numbers of the "
                        f"{result.respondents} respondents round to these seven "
                        "percentages",
                    ),
                    src.origin.path,
                    src.origin.line,
                )
    for s in statements:  # a printed total beyond rounding is acknowledged in validation
        if s.published is not None:
            row = s.published
            used.add(
                (
                    s.section.id,
                    s.number,
                    "total",
                    str(row.pct_disagree + row.pct_agree + row.pct_unable),
                )
            )
    for key, ack in known.items():
        if key not in used:
            warnings.append(
                Problem(
                    ack.origin.path,
                    ack.origin.line,
                    ack.measure,
                    f"acknowledges a difference the data no longer show ({ack.section} "
                    f"{ack.number}, printed {ack.printed}); remove this entry",
                    Severity.WARNING,
                )
            )
    return differences, warnings


SIDES = {"pct_disagree": slice(0, 3), "pct_agree": slice(3, 6), "pct_unable": slice(6, 7)}


def _printed_difference(
    s: StatementResult,
    measure: str,
    what: str,
    where: str,
    printed: int,
    summed: int,
    respondents: int,
) -> Difference:
    """A printed total that differs from the sum of Appendix 3's rounded cells. Where whole
    numbers of respondents settle the true figure, that figure is what 'the data give'."""
    cells = list(s.round2.values.values())
    whole = {
        round_half_up(100 * sum(c[SIDES[measure]]) / respondents)
        for c in whole_counts(cells, respondents)
    }
    if len(whole) == 1:
        (true,) = whole
        if true == summed:
            note = (
                f"{where} {printed}% {what}; Appendix 3's round-2 distribution gives {true}%, "
                f"added up or worked out in whole numbers of the {respondents} respondents"
            )
        else:
            verdict = (
                "which is what whole numbers of respondents give, so the printed figure is right"
                if true == printed
                else f"whole numbers of the {respondents} respondents give {true}%"
            )
            note = (
                f"{where} {printed}% {what}, {verdict}; adding Appendix 3's rounded round-2 "
                f"cells gives {summed}%"
            )
        return Difference(s.section.id, s.number, measure, str(printed), str(true), note)
    return Difference(
        s.section.id,
        s.number,
        measure,
        str(printed),
        str(summed),
        f"{where} {printed}% {what}; Appendix 3's round-2 distribution adds up to {summed}%",
    )


def round_half_up(x: float) -> int:
    return int(x + 0.5)


PUBLIC_COLUMNS = [
    "section",
    "number",
    "round",
    "statement",
    "revised",
    *LIKERT,
    "pct_disagree",
    "pct_agree",
    "pct_unable",
    "consensus",
]


def _public(df: pd.DataFrame) -> pd.DataFrame:
    out = df[PUBLIC_COLUMNS].copy()
    out["order"] = out["section"].map(SECTION_ORDER.index)
    out = out.sort_values(["order", "number", "round"]).drop(columns="order")
    return out.reset_index(drop=True)
