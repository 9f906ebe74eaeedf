"""The observatory's numbers: the national analyses from 2002 to today (the six the study
appraised and those after it), the report's figures on timeliness and Ofsted judgements, the
yearly series since 2010 (one unit each), and the case review register aggregated (pandas)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from builder.models import Site

REGISTER_COLUMNS = [
    "id",
    "year",
    "region",
    "age_band",
    "outcome",
    "harm_types",
    "agencies",
    "themes",
    "months_to_complete",
    "recommendations",
]


SERIES_COLUMNS = [
    "period",
    "year",
    "value",
    "unit",
    "source",
    "locator",
    "basis",
    "summarised_by",
    "note",
]
COUNT_COLUMNS = [
    "label",
    "period",
    "year",
    "cases",
    "unit",
    "source",
    "locator",
    "basis",
    "summarised_by",
]
# One frame per unit: never one chart for two units.
COUNT_UNITS = {
    "analysed": "serious case reviews analysed",
    "evaluated": "serious case reviews evaluated by Ofsted",
}


@dataclass(frozen=True)
class Observatory:
    analyses: pd.DataFrame  # one row per analysis the study appraised: sample sizes, length
    counts: dict[str, pd.DataFrame]  # 'analysed' | 'evaluated' -> one row per analysis, 2002 on
    series: dict[str, pd.DataFrame]  # series id -> one row per period, exactly as in content
    timeliness: pd.DataFrame  # one row per printed timeliness figure
    judgements: pd.DataFrame  # Ofsted evaluations: evaluated, inadequate (printed and derived)
    register: pd.DataFrame  # one row per register record (lists joined with ';')
    register_by_year: pd.DataFrame  # year x outcome counts
    register_breakdowns: dict[str, pd.DataFrame]  # field -> value counts


def observatory(site: Site) -> Observatory:
    analyses = pd.DataFrame(
        [
            {
                "analysis": a.id,
                "label": a.label,
                "kind": a.kind,
                "year": a.year,
                "period": a.period.label,
                "descriptive_sample": a.sample.descriptive,
                "in_depth_sample": a.sample.in_depth,
                "interviews": a.sample.interviews,
                "main_pages": a.length.main_pages,
                "appendix_pages": a.length.appendix_pages,
                "total_pages": a.length.main_pages + a.length.appendix_pages,
                "source": a.length.source,
            }
            for a in site.analyses
            if a.appraised and a.length is not None
        ],
        columns=[
            "analysis",
            "label",
            "kind",
            "year",
            "period",
            "descriptive_sample",
            "in_depth_sample",
            "interviews",
            "main_pages",
            "appendix_pages",
            "total_pages",
            "source",
        ],
    )
    for column in ("descriptive_sample", "in_depth_sample", "interviews"):
        analyses[column] = analyses[column].astype("Int64")
    timeliness = pd.DataFrame(
        [
            {
                "analysis": a.id,
                "label": a.label,
                "measure": t.label,
                "percent": t.percent,
                "count": t.count,
                "of": t.of,
                "derived_percent": round(100 * t.count / t.of, 1)
                if t.count is not None and t.of
                else None,
                "source": t.source,
            }
            for a in site.analyses
            for t in a.timeliness
        ],
        columns=[
            "analysis",
            "label",
            "measure",
            "percent",
            "count",
            "of",
            "derived_percent",
            "source",
        ],
    )
    for column in ("percent", "count", "of"):
        timeliness[column] = timeliness[column].astype("Int64")
    judgements = pd.DataFrame(
        [
            {
                "analysis": a.id,
                "label": a.label,
                "evaluated": a.judgements.evaluated,
                "inadequate": a.judgements.inadequate,
                "inadequate_percent": a.judgements.inadequate_percent,
                "percent_shown": a.judgements.inadequate_percent
                if a.judgements.inadequate_percent is not None
                else round(100 * (a.judgements.inadequate or 0) / a.judgements.evaluated),
                "percent_is": "printed"
                if a.judgements.inadequate_percent is not None
                else "derived",
                "source": a.judgements.source,
            }
            for a in site.analyses
            if a.judgements is not None and a.appraised
        ],
        columns=[
            "analysis",
            "label",
            "evaluated",
            "inadequate",
            "inadequate_percent",
            "percent_shown",
            "percent_is",
            "source",
        ],
    )
    for column in ("inadequate", "inadequate_percent"):
        judgements[column] = judgements[column].astype("Int64")
    register = _register(site)
    return Observatory(
        analyses,
        _counts(site),
        _series(site),
        timeliness,
        judgements,
        register,
        _by_year(register),
        _breakdowns(register),
    )


def _counts(site: Site) -> dict[str, pd.DataFrame]:
    """Cases each national analysis counted, 2002 to today, split by unit."""
    rows = [
        {
            "label": a.label,
            "period": a.period_label or a.period.label,
            "year": a.year,
            "cases": a.sample.descriptive,
            "unit": a.unit,
            # Where the count is printed: the 2010 report for the six it appraised (its
            # chapter 4 and appendices), otherwise the later publication itself.
            "source": site.report.key if a.appraised else a.source_key,
            "locator": a.sample.source,
            "basis": a.sample.basis,
            "summarised_by": a.sample.summarised_by or "",
        }
        for a in site.analyses
        if a.sample.descriptive is not None
    ]
    frame = pd.DataFrame(rows, columns=COUNT_COLUMNS)
    return {
        name: frame[frame["unit"] == unit].reset_index(drop=True)
        for name, unit in COUNT_UNITS.items()
    }


def _series(site: Site) -> dict[str, pd.DataFrame]:
    return {
        s.id: pd.DataFrame(
            [
                {**v.model_dump(), "unit": s.unit, "summarised_by": v.summarised_by or ""}
                for v in s.values
            ],
            columns=SERIES_COLUMNS,
        )
        for s in site.series
    }


def _register(site: Site) -> pd.DataFrame:
    rows = [
        {
            **r.model_dump(),
            **{k: ";".join(getattr(r, k)) for k in ("harm_types", "agencies", "themes")},
        }
        for r in site.register
    ]
    return pd.DataFrame(rows, columns=REGISTER_COLUMNS)


def _by_year(register: pd.DataFrame) -> pd.DataFrame:
    if register.empty:
        return pd.DataFrame(columns=["year", "outcome", "reviews"])
    counts = register.groupby(["year", "outcome"]).size().rename("reviews").reset_index()
    return counts.sort_values(["year", "outcome"]).reset_index(drop=True)


def _breakdowns(register: pd.DataFrame) -> dict[str, pd.DataFrame]:
    out = {}
    for field in ("region", "age_band", "outcome", "harm_types", "agencies"):
        values = register[field]
        if field in ("harm_types", "agencies"):
            values = values.str.split(";").explode()
        counts = values.value_counts().rename_axis("value").rename("reviews").reset_index()
        out[field] = counts.sort_values(
            ["reviews", "value"], ascending=[False, True], ignore_index=True
        )
    return out
