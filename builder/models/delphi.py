"""Models of the Delphi data transcribed from the report (chapter 3, Tables 1-3, Appendix 3)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from builder.models.common import ContentModel, Slug, Text

SectionId = Literal["local", "national_analysis", "learning_nationally"]
Consensus = Literal["agree", "disagree", "none"]
Percent = Annotated[int, Field(ge=0, le=100)]

LIKERT = (
    "strongly_disagree",
    "disagree",
    "mildly_disagree",
    "mildly_agree",
    "agree",
    "strongly_agree",
    "unable",
)


class DelphiResponse(ContentModel):
    """One statement in one round: its wording then and the printed percentages (Appendix 3)."""

    section: SectionId
    number: int = Field(ge=1, le=99)
    round: int = Field(ge=1, le=2)
    statement: Text = Field(description="The wording used in this round, as printed.")
    strongly_disagree: Percent
    disagree: Percent
    mildly_disagree: Percent
    mildly_agree: Percent
    agree: Percent
    strongly_agree: Percent
    unable: Percent
    source: Text = Field(description="Where in the report, e.g. 'Appendix 3'.")

    @property
    def key(self) -> tuple[str, int]:
        return (self.section, self.number)


class PublishedRow(ContentModel):
    """One row of the report's round-2 summary Tables 1-3, exactly as printed."""

    section: SectionId
    number: int = Field(ge=1, le=99)
    statement_as_printed: Text
    pct_disagree: Percent
    pct_agree: Percent
    pct_unable: Percent
    consensus: Literal["yes", "no"]
    source: Text


class AcknowledgedDifference(ContentModel):
    """A known difference between what the report prints and what its Appendix 3 data give:
    checked, explained, and shown on the site with this note. Only a difference that is not
    acknowledged here is a warning (a total beyond rounding, an error)."""

    section: SectionId
    number: int = Field(ge=1, le=99)
    measure: Literal["pct_disagree", "pct_agree", "pct_unable", "consensus", "counts", "total"]
    printed: Text = Field(
        description="The figure(s) as printed: e.g. '54', or '2/14/24/29/18/9/6' for counts."
    )
    note: Text = Field(description="What the site says about it, in plain words.")

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.section, self.number, self.measure, self.printed)


class DelphiSection(ContentModel):
    """One of the questionnaire's three sections and where the report summarises it."""

    id: SectionId
    slug: Slug = Field(description="Its address: /delphi/<slug>/.")
    title: Text
    chapter: int = Field(ge=1, le=8)
    table: Text
    figure: Text
    statements: int = Field(ge=1, description="How many statements the section has.")
    questionnaire_intro: Text = Field(description="The questionnaire's own introduction.")
    summary: str = Field(default="", description="Our summary of the results, in Markdown.")


class AgencyCount(ContentModel):
    agency: Text
    count: int = Field(ge=0)


class DelphiRound(ContentModel):
    round: int = Field(ge=1, le=2)
    opened: dt.date
    closed: dt.date
    respondents: int = Field(ge=1)
    source: Text
    agencies: list[AgencyCount]
    agency_other: list[AgencyCount]

    @model_validator(mode="after")
    def _dates_in_order(self) -> DelphiRound:
        if self.closed < self.opened:
            raise ValueError(f"closed ({self.closed}) is before opened ({self.opened})")
        return self


class ConsensusRule(ContentModel):
    """The rule set in advance: >= strong% (dis)agree or strongly, or >= broad% including
    mildly."""

    source: Text
    strong_threshold: int = Field(ge=50, le=100)
    broad_threshold: int = Field(ge=50, le=100)


class DelphiStudy(ContentModel):
    """Facts about the panel: who signed up, who answered, when, and the consensus rule."""

    signed_up: int = Field(ge=1)
    both_rounds: int = Field(ge=0)
    scale_points: int = Field(ge=2)
    source: Text
    consensus_rule: ConsensusRule
    rounds: Annotated[list[DelphiRound], Field(min_length=2, max_length=2)]
