"""Models of issue 14's kinds: the post-2010 national publications (the bibliography's second
part, content/publications.yaml) and practice briefings (content/briefings/<slug>.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from builder.models.common import AudienceId, ContentModel, Dated, Slug, Text
from builder.models.learning import StatementRef

PublicationKind = Literal[
    "national-analysis",
    "national-review",
    "practice-briefing",
    "annual-report",
    "statutory-guidance",
    "official-statistics",
    "secondary-summary",
]
KIND_LABELS: dict[str, str] = {
    "national-analysis": "National analysis",
    "national-review": "National review",
    "practice-briefing": "Practice briefing",
    "annual-report": "Annual report",
    "statutory-guidance": "Statutory guidance",
    "official-statistics": "Official statistics",
    "secondary-summary": "Secondary summary",
}
HttpUrl = Annotated[
    str,
    Field(
        pattern=r"^https?://[^\s<>\"'()]+$",
        max_length=500,
        description="The official address, starting http:// or https://.",
    ),
]


class Publication(ContentModel):
    """A national publication since 2010: content/publications.yaml. Cite it like a reference,
    [@key] or [@key, locator]."""

    key: Slug = Field(description="Exactly the source pack's key; cite it as [@key, locator].")
    short: Text = Field(description="How it reads in notes, e.g. 'Ofsted 2011'. Unique.")
    authors: Text
    year: int | None = Field(
        ge=2000,
        le=2100,
        description="Publication year. Write null only for a series with no single year, or "
        "when the pack has not verified the year; it then reads 'n.d.'.",
    )
    title: Text
    publisher: Text
    report_no: str | None = None
    kind: PublicationKind
    url: HttpUrl | None = Field(
        default=None, description="Official URL from the pack; omit it if the pack says not seen."
    )
    period: str | None = Field(default=None, description="The period it covers, from the pack.")
    read: dt.date = Field(description="The date the pack read it (YYYY-MM-DD).")

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def as_printed(self) -> str:
        """The entry as the references page and documents' source lists show it."""
        number = f" {self.report_no}." if self.report_no else ""
        year = "n.d." if self.year is None else self.year
        return f"{self.authors} ({year}). *{self.title}*.{number} {self.publisher}."

    @property
    def cited(self) -> str:
        """As a Reference's: this entry is made from the pack's own fields, never a misprint."""
        return self.as_printed

    @property
    def known_title(self) -> str:
        return self.title


Basis = Literal["report", "primary", "secondary"]
MAX_TITLE = 60  # a plain topic name, short enough for the navigation and a fact sheet's title


class NationalFinding(ContentModel):
    """One note in "What national reviews found": what one source found, in our own words."""

    year: int = Field(ge=2000, le=2100, description="The source's publication year.")
    source: Slug = Field(
        description="'dfe-rr037', a key in content/references.yaml or content/publications.yaml."
    )
    locator: Text = Field(description="Chapter, table, appendix, page, section or pack locator.")
    basis: Basis = Field(
        description="report: DFE-RR037's summary of an earlier analysis; primary: the "
        "publication's own text or page; secondary: a third party's summary."
    )
    summarised_by: str | None = Field(
        default=None, description="Required when basis is secondary: whose summary it is."
    )
    text: Text

    @model_validator(mode="after")
    def _summariser_iff_secondary(self) -> NationalFinding:
        if self.basis == "secondary" and not (self.summarised_by or "").strip():
            raise ValueError(
                "summarised_by: a finding with basis secondary needs summarised_by, the third "
                "party whose summary you used (e.g. 'NSPCC Learning'); add it"
            )
        if self.basis != "secondary" and self.summarised_by is not None:
            raise ValueError(
                f"summarised_by: only a finding with basis secondary names who summarised it; "
                f"remove summarised_by, or set basis: secondary (basis is {self.basis})"
            )
        return self

    @property
    def read_in_original(self) -> bool:
        return self.basis in ("primary", "report")


class BriefingRelated(ContentModel):
    """Ids of related content, each shown as a link at the end of the briefing."""

    briefings: list[Slug] = Field(
        default_factory=list,
        description="Other practice briefings a reader of this one will want next (file names).",
    )
    themes: list[Slug] = Field(default_factory=list, description="Theme file names.")
    delphi: list[StatementRef] = Field(
        default_factory=list, description="Delphi statements, e.g. 'learning-nationally-3'."
    )
    factsheets: list[Slug] = Field(default_factory=list, description="Fact sheet file names.")
    training: list[Slug] = Field(default_factory=list, description="Training pack file names.")


class Briefing(Dated):
    """A practice briefing on one topic: content/briefings/<id>.md. The builder makes its page
    and a fact sheet (PDF and Word) from it."""

    id: Slug
    title: Annotated[str, Field(min_length=1, max_length=MAX_TITLE)] = Field(
        description="A plain topic name, at most 60 characters."
    )
    summary: Text = Field(description="One or two short sentences in plain English.")
    audiences: Annotated[list[AudienceId], Field(min_length=1)]
    tags: list[Slug] = Field(default_factory=list)
    start_here: int | None = Field(
        default=None,
        ge=1,
        description="Its place in the practitioner pathway's 'start here' list and the home "
        "page's practice topics (unique).",
    )
    in_one_minute: Annotated[list[Text], Field(min_length=3, max_length=5)]
    key_issues: Annotated[list[Text], Field(min_length=2, max_length=6)]
    national_findings: Annotated[list[NationalFinding], Field(min_length=3, max_length=12)] = Field(
        description="What the national reviews found, oldest first (by year)."
    )
    learning_for_practice: Annotated[list[Text], Field(min_length=3, max_length=8)]
    supervision_questions: Annotated[list[Text], Field(min_length=3, max_length=6)]
    evidence_gaps: str | None = None
    related: BriefingRelated = Field(default_factory=BriefingRelated)
    body: Annotated[str, StringConstraints(strip_whitespace=False)] = ""

    @property
    def sources(self) -> list[str]:
        """Distinct source keys of the notes, in order of first use."""
        return list(dict.fromkeys(f.source for f in self.national_findings))

    @property
    def sources_read(self) -> list[str]:
        """Sources with at least one finding read in the original (basis primary or report)."""
        read = {f.source for f in self.national_findings if f.read_in_original}
        return [s for s in self.sources if s in read]
