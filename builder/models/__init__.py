"""Pydantic models of every content kind, and the frozen Site aggregate they validate into."""

from builder.models.briefings import Briefing, NationalFinding, Publication
from builder.models.common import AUDIENCE_IDS, AudienceId, ContentModel, Slug, Source
from builder.models.delphi import (
    AcknowledgedDifference,
    Consensus,
    DelphiResponse,
    DelphiSection,
    DelphiStudy,
    PublishedRow,
    SectionId,
)
from builder.models.downloads import Factsheet, LocalSettings, TrainingPack
from builder.models.learning import (
    Analysis,
    FindingsChapter,
    Implication,
    RecommendationType,
    RegisterRecord,
    StatementRef,
    ThematicTopics,
    Theme,
)
from builder.models.newsletters import Newsletter
from builder.models.pages import Allowlist, Audience, Page, Reference, Term
from builder.models.series import Series, SeriesValue
from builder.models.site import Delphi, Site

__all__ = [
    "AUDIENCE_IDS",
    "AcknowledgedDifference",
    "Allowlist",
    "Analysis",
    "Audience",
    "AudienceId",
    "Briefing",
    "Consensus",
    "ContentModel",
    "Delphi",
    "DelphiResponse",
    "DelphiSection",
    "DelphiStudy",
    "Factsheet",
    "FindingsChapter",
    "Implication",
    "LocalSettings",
    "NationalFinding",
    "Newsletter",
    "Page",
    "Publication",
    "PublishedRow",
    "RecommendationType",
    "Reference",
    "RegisterRecord",
    "SectionId",
    "Series",
    "SeriesValue",
    "Site",
    "Slug",
    "Source",
    "StatementRef",
    "Term",
    "ThematicTopics",
    "Theme",
    "TrainingPack",
]
