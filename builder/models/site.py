"""The frozen Site aggregate: everything validated, cross-checked and ready to derive from."""

from __future__ import annotations

from dataclasses import dataclass

from builder.models.briefings import Briefing, Publication
from builder.models.delphi import (
    AcknowledgedDifference,
    DelphiResponse,
    DelphiSection,
    DelphiStudy,
    PublishedRow,
)
from builder.models.downloads import Factsheet, TrainingPack
from builder.models.learning import (
    Analysis,
    FindingsChapter,
    Implication,
    RecommendationType,
    RegisterRecord,
    ThematicTopics,
    Theme,
)
from builder.models.newsletters import Newsletter
from builder.models.pages import Audience, Page, Reference, Term
from builder.models.series import Series


@dataclass(frozen=True)
class Delphi:
    overview: Page
    study: DelphiStudy
    sections: tuple[DelphiSection, ...]
    responses: tuple[DelphiResponse, ...]
    published: tuple[PublishedRow, ...]
    acknowledged: tuple[AcknowledgedDifference, ...] = ()


@dataclass(frozen=True)
class Site:
    """All content, validated. Later stages read it and never change it."""

    audiences: tuple[Audience, ...]
    pages: tuple[Page, ...]
    terms: tuple[Term, ...]
    report: Reference
    references: tuple[Reference, ...]
    delphi: Delphi | None = None
    themes: tuple[Theme, ...] = ()
    findings: tuple[FindingsChapter, ...] = ()
    analyses: tuple[Analysis, ...] = ()
    implications: tuple[Implication, ...] = ()
    recommendation_types: tuple[RecommendationType, ...] = ()
    thematic_topics: ThematicTopics | None = None
    register: tuple[RegisterRecord, ...] = ()
    factsheets: tuple[Factsheet, ...] = ()
    training: tuple[TrainingPack, ...] = ()
    newsletters: tuple[Newsletter, ...] = ()
    publications: tuple[Publication, ...] = ()
    series: tuple[Series, ...] = ()
    briefings: tuple[Briefing, ...] = ()  # in start_here order, then by title

    @property
    def citable(self) -> tuple[Reference | Publication, ...]:
        """Everything a citation key can name: the report, its references, and the national
        publications since 2010."""
        return (self.report, *self.references, *self.publications)

    def reference(self, key: str) -> Reference | Publication:
        return {r.key: r for r in self.citable}[key]
