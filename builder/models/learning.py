"""Models of the learning kinds: themes, the study's findings, the national analyses it
appraised, its 15 implications with tracking fields, and the case review register."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

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
    basis: Literal["report", "primary", "secondary"] = Field(
        default="report",
        description="report: as DFE-RR037 gives it; primary: the publication's own text or "
        "page; secondary: a third party's summary (then summarised_by is required).",
    )
    summarised_by: str | None = None

    @model_validator(mode="after")
    def _summarised_by_when_secondary(self) -> Sample:
        if (self.basis == "secondary") != bool(self.summarised_by):
            raise ValueError("summarised_by is required when basis is secondary, and only then")
        return self


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


AnalysisKind = Literal["biennial", "triennial", "final-analysis", "ofsted"]
# What one counted case is, by kind: never plotted together.
UNITS: dict[str, str] = {
    "biennial": "serious case reviews analysed",
    "triennial": "serious case reviews analysed",
    "final-analysis": "serious case reviews analysed",
    "ofsted": "serious case reviews evaluated by Ofsted",
}


class Analysis(Dated):
    """A national analysis of case reviews: content/analyses/<id>.yaml. The six the study
    appraised cite a reference (DFE-RR037's list); those after 2010 cite a publication."""

    id: Slug
    title: Text
    authors: Text
    year: int = Field(ge=1950, le=2100)
    kind: AnalysisKind
    reference: Slug | None = Field(
        default=None, description="Its key in content/references.yaml (appraised in 2010)."
    )
    publication: Slug | None = Field(
        default=None, description="Its key in content/publications.yaml (after 2010)."
    )
    period: Period
    period_label: str | None = Field(
        default=None,
        description="The period as the source words it, e.g. 'April 2011 to March 2014'.",
    )
    summary: Text
    aim: Text | None = None
    objectives: list[Text] = Field(default_factory=list)
    method: Text | None = None
    sample: Sample
    length: Length | None = None
    timeliness: list[Timeliness] = Field(default_factory=list)
    judgements: Judgements | None = None
    key_findings: Annotated[list[Text], Field(min_length=1)]
    implications: list[Text] = Field(default_factory=list)
    strengths: list[Text] = Field(default_factory=list)
    limitations: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_source(self) -> Analysis:
        if (self.reference is None) == (self.publication is None):
            raise ValueError(
                "give exactly one of reference (an analysis DFE-RR037 appraised) or "
                "publication (one published after it)"
            )
        if self.reference is not None and (
            self.aim is None or self.method is None or self.length is None
        ):
            raise ValueError("an appraised analysis needs aim, method and length from the report")
        return self

    @property
    def label(self) -> str:
        return f"{self.authors} ({self.year})"

    @property
    def unit(self) -> str:
        return UNITS[self.kind]

    @property
    def source_key(self) -> str:
        return self.reference or self.publication or ""

    @property
    def appraised(self) -> bool:
        """One of the six national analyses DFE-RR037 appraised."""
        return self.reference is not None


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
    evidence: str = Field(
        default="",
        description="What shows the status, with a citation [@key, locator] for every status "
        "other than not-assessed.",
    )
    evidence_needed: str = Field(
        default="",
        description="For a not-assessed implication: what evidence would settle its status.",
    )
    last_reviewed: dt.date
    source: Text

    @model_validator(mode="after")
    def _status_has_evidence(self) -> Implication:
        if self.status == "not-assessed":
            if not self.evidence_needed:
                raise ValueError(
                    "a not-assessed implication needs evidence_needed: say what evidence "
                    "would settle its status"
                )
        elif "[@" not in self.evidence:
            raise ValueError(
                f"status '{self.status}' needs evidence citing a source as [@key, locator]"
            )
        return self


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


# How each coded value reads on the register's pages and charts; the CSV keeps the codes.
REGISTER_LABELS: dict[str, str] = {
    "north-east": "North East",
    "north-west": "North West",
    "yorkshire-and-the-humber": "Yorkshire and the Humber",
    "east-midlands": "East Midlands",
    "west-midlands": "West Midlands",
    "east-of-england": "East of England",
    "london": "London",
    "south-east": "South East",
    "south-west": "South West",
    "under-1": "under 1",
    "1-4": "1 to 4",
    "5-9": "5 to 9",
    "10-15": "10 to 15",
    "16-17": "16 to 17",
    "death": "death",
    "serious-harm": "serious harm",
    "physical-abuse": "physical abuse",
    "neglect": "neglect",
    "sexual-abuse": "sexual abuse",
    "emotional-abuse": "emotional abuse",
    "exploitation": "exploitation",
    "other": "other",
    "children-social-care": "children's social care",
    "health": "health",
    "police": "police",
    "education": "education",
    "probation": "probation",
    "housing": "housing",
    "voluntary-sector": "voluntary sector",
}


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
