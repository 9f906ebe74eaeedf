"""Models of the learning kinds: themes, the study's findings, the national analyses it
appraised, its 15 implications with tracking fields, and the case review register."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from builder.models.common import AudienceId, ContentModel, Dated, Slug, Text

StatementRef = Annotated[
    str,
    Field(
        pattern=r"^(local|national-analysis|learning-nationally)-[0-9]+$",
        description="A Delphi statement: section and number, e.g. 'local-5'.",
    ),
]
FindingSection = Literal["local-learning", "national-analysis", "learning-nationally"]
Area = Literal["local-learning", "national-analysis", "dissemination"]
Status = Literal[
    "not-assessed",
    "not-started",
    "in-progress",
    "partly-implemented",
    "implemented",
    "superseded",
]
Body = Annotated[str, StringConstraints(strip_whitespace=False)]


class ForAudiences(ContentModel):
    """What a theme means for each audience."""

    practitioners: Text
    trainers: Text
    managers: Text
    policy_makers: Text = Field(alias="policy-makers")
    researchers: Text

    def items(self) -> list[tuple[str, str]]:
        return [
            ("practitioners", self.practitioners),
            ("trainers", self.trainers),
            ("managers", self.managers),
            ("policy-makers", self.policy_makers),
            ("researchers", self.researchers),
        ]


class Theme(Dated):
    """A thematic summary: content/themes/<id>.md (front matter and body)."""

    id: Slug
    title: Text
    summary: Text
    audiences: Annotated[list[AudienceId], Field(min_length=1)]
    tags: list[Slug] = Field(default_factory=list)
    key_messages: Annotated[list[Text], Field(min_length=1, max_length=6)]
    for_audiences: ForAudiences
    questions: Annotated[list[Text], Field(min_length=1)]
    delphi: list[StatementRef] = Field(default_factory=list)
    analyses: list[Slug] = Field(default_factory=list)
    sources: list[Slug] = Field(default_factory=list)
    body: Body = ""


class Finding(ContentModel):
    id: Slug = Field(description="Unique across all findings files; its anchor on the page.")
    title: Text
    summary: Text
    delphi: list[StatementRef] = Field(default_factory=list)
    themes: list[Slug] = Field(default_factory=list)


class FindingsChapter(Dated):
    """The study's findings for one chapter: content/findings/<section>.yaml."""

    section: FindingSection
    title: Text
    chapter: int = Field(ge=1, le=8)
    intro: Text
    findings: Annotated[list[Finding], Field(min_length=1)]


class Sample(ContentModel):
    descriptive: int | None = Field(default=None, ge=0)
    in_depth: int | None = Field(default=None, ge=0)
    interviews: int | None = Field(default=None, ge=0)
    note: str = ""
    source: Text


class Length(ContentModel):
    main_pages: int = Field(ge=1)
    appendix_pages: int = Field(ge=0)
    source: Text


class Timeliness(ContentModel):
    label: Text
    percent: int | None = Field(default=None, ge=0, le=100)
    count: int | None = Field(default=None, ge=0)
    of: int | None = Field(default=None, ge=1)
    source: Text


class Judgements(ContentModel):
    evaluated: int = Field(ge=1)
    inadequate: int | None = Field(default=None, ge=0)
    inadequate_percent: int | None = Field(default=None, ge=0, le=100)
    source: Text


class Period(ContentModel):
    start: int = Field(ge=1950, le=2100)
    end: int = Field(ge=1950, le=2100)

    @property
    def label(self) -> str:
        return f"{self.start}–{self.end}"


class Analysis(Dated):
    """A national analysis the study appraised: content/analyses/<id>.yaml."""

    id: Slug
    title: Text
    authors: Text
    year: int = Field(ge=1950, le=2100)
    kind: Literal["biennial", "ofsted"]
    reference: Slug = Field(description="Its key in content/references.yaml.")
    period: Period
    summary: Text
    aim: Text
    objectives: list[Text]
    method: Text
    sample: Sample
    length: Length
    timeliness: list[Timeliness] = Field(default_factory=list)
    judgements: Judgements | None = None
    key_findings: Annotated[list[Text], Field(min_length=1)]
    implications: list[Text] = Field(default_factory=list)
    strengths: list[Text] = Field(default_factory=list)
    limitations: list[Text] = Field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.authors} ({self.year})"


class Implication(ContentModel):
    """One of the report's 15 implications, with the tracking fields editors maintain."""

    number: int = Field(ge=1, le=99)
    title: Text
    summary: Text
    area: Area
    audiences: Annotated[list[AudienceId], Field(min_length=1)]
    themes: list[Slug] = Field(default_factory=list)
    status: Status
    owner: Text
    evidence: str = ""
    last_reviewed: dt.date
    source: Text


class RecommendationType(ContentModel):
    id: Literal[
        "practical", "policy", "professional-practice", "commissioning", "regional", "national"
    ]
    name: Text
    description: Text
    evidence_needed: Text
    timescale: Text


class ThematicTopics(ContentModel):
    """The report's suggested topics for future thematic reviews, as printed."""

    source: Text
    intro: Text
    topics: Annotated[list[Text], Field(min_length=1)]


Region = Literal[
    "north-east",
    "north-west",
    "yorkshire-and-the-humber",
    "east-midlands",
    "west-midlands",
    "east-of-england",
    "london",
    "south-east",
    "south-west",
]
AgeBand = Literal["under-1", "1-4", "5-9", "10-15", "16-17"]
Harm = Literal[
    "physical-abuse", "neglect", "sexual-abuse", "emotional-abuse", "exploitation", "other"
]
Agency = Literal[
    "children-social-care",
    "health",
    "police",
    "education",
    "probation",
    "housing",
    "voluntary-sector",
    "other",
]


class RegisterRecord(ContentModel):
    """One anonymised case review: content/register/<id>.yaml. Never names, places or dates
    that could identify anyone: only the year, the region and broad bands."""

    id: Slug
    year: int = Field(ge=2000, le=2100, description="Year the review was published.")
    region: Region
    age_band: AgeBand
    outcome: Literal["death", "serious-harm"]
    harm_types: Annotated[list[Harm], Field(min_length=1)]
    agencies: Annotated[list[Agency], Field(min_length=1)]
    themes: list[Slug] = Field(default_factory=list)
    months_to_complete: int = Field(ge=0, le=120)
    recommendations: int = Field(ge=0, le=500)
