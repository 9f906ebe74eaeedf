"""Models of the downloadable kinds: fact sheets (web page, PDF and DOCX) and training packs
(slides, handout and a ZIP bundle), and the settings file for a locally branded set."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl, model_validator

from builder.models.common import AudienceId, ContentModel, Slug, Text
from builder.models.learning import Dated, StatementRef

ChartName = Literal[
    "delphi-local",
    "delphi-national-analysis",
    "delphi-learning-nationally",
    "observatory-cases-per-analysis",
    "observatory-report-length",
    "observatory-timeliness",
    "observatory-ofsted-judgements",
]
MAX_KEY_MESSAGES = 5  # the brief asks for at most five, so a sheet stays brief
MAX_KEY_ACTIONS = 4  # a box a reader takes in at a glance


class Factsheet(Dated):
    """A brief, printable fact sheet: content/factsheets/<id>.yaml."""

    id: Slug
    title: Text
    summary: Text
    audiences: Annotated[list[AudienceId], Field(min_length=1)]
    theme: Slug | None = None
    delphi_section: Literal["local", "national_analysis", "learning_nationally"] | None = None
    key_messages: Annotated[list[Text], Field(min_length=1, max_length=MAX_KEY_MESSAGES)]
    key_actions: Annotated[list[Text], Field(max_length=MAX_KEY_ACTIONS)] = Field(
        default_factory=list,
        description="Key actions: up to four short things a reader can do, each starting with "
        "a verb; printed in a shaded box near the top of the PDF and Word file.",
    )
    practice: Text = Field(description="What it means for practice: plain paragraphs.")
    questions: Annotated[list[Text], Field(min_length=1, max_length=6)]
    chart: ChartName | None = None
    chart_alt: str | None = Field(default=None, description="Required when chart is set.")
    sources: list[Slug] = Field(default_factory=list)

    @model_validator(mode="after")
    def _chart_needs_alt(self) -> Factsheet:
        if self.chart and not (self.chart_alt or "").strip():
            raise ValueError(
                "chart_alt: a fact sheet with a chart needs alt text (what the chart shows and "
                "its main numbers), for readers who cannot see it; add chart_alt"
            )
        return self


class SessionStep(ContentModel):
    minutes: int = Field(ge=1, le=240)
    activity: Text
    notes: str = ""


class CaseStudy(ContentModel):
    title: Text
    fictional: Literal[True] = Field(
        description="Case studies are always fictional composites; this must be true."
    )
    text: Text


class Discussion(ContentModel):
    question: Text
    facilitator_notes: Text


class Material(ContentModel):
    """Something a step of the session plan hands out, ready to print: cards or slips to cut
    out, or a sheet with rows to fill in."""

    title: Text
    step: Text = Field(description="The session_plan activity it is for, exactly as written.")
    instructions: Text = Field(description="For the trainer: how many to print, how to use.")
    cards: list[Text] = Field(
        default_factory=list, description="One card or slip each, printed to be cut out."
    )
    columns: list[Text] = Field(
        default_factory=list,
        description="A sheet to fill in: its column headings, the first over the rows' names.",
    )
    rows: list[Text] = Field(default_factory=list, description="The sheet's rows, by name.")

    @model_validator(mode="after")
    def _cards_or_sheet(self) -> Material:
        sheet = bool(self.columns or self.rows)
        if bool(self.cards) == sheet or (sheet and (len(self.columns) < 2 or not self.rows)):
            raise ValueError(
                f"'{self.title}' needs either cards (one text each) or a sheet "
                "(columns, at least two, and rows), not both and not neither"
            )
        return self


class TrainingPack(Dated):
    """A training pack for one theme: content/training/<id>.yaml."""

    id: Slug
    title: Text
    theme: Slug
    factsheet: Slug
    summary: Text
    audiences: Annotated[list[AudienceId], Field(min_length=1)]
    duration_minutes: int = Field(ge=10, le=480)
    learning_outcomes: Annotated[list[Text], Field(min_length=1)]
    session_plan: Annotated[list[SessionStep], Field(min_length=1)]
    case_study: CaseStudy
    discussion: Annotated[list[Discussion], Field(min_length=1)]
    delphi: list[StatementRef] = Field(default_factory=list)
    sources: list[Slug] = Field(default_factory=list)
    materials: list[Material] = Field(default_factory=list)

    @model_validator(mode="after")
    def _plan_adds_up(self) -> TrainingPack:
        total = sum(step.minutes for step in self.session_plan)
        if total != self.duration_minutes:
            raise ValueError(
                f"session_plan: the steps add up to {total} minutes but duration_minutes is "
                f"{self.duration_minutes}; make them agree"
            )
        return self


class LocalSettings(ContentModel):
    """A partnership's own branding for the fact sheets (never part of content/)."""

    partnership: Text = Field(description="e.g. 'Anytown Safeguarding Children Partnership'")
    logo: str | None = Field(default=None, description="Path to a PNG, relative to this file.")
    logo_alt: str = Field(default="", description="Alt text for the logo.")
    contacts: list[Text] = Field(default_factory=list, description="Local contacts, one line each.")
    procedures: HttpUrl | None = Field(default=None, description="Local procedures link.")

    @model_validator(mode="after")
    def _logo_needs_alt(self) -> LocalSettings:
        if self.logo and not self.logo_alt.strip():
            raise ValueError("logo_alt: a logo needs alt text, e.g. the partnership's name")
        return self
