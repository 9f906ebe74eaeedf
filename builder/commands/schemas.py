"""JSON Schemas of every content kind, for editors' completion and hover help (.vscode)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, create_model

from builder.models import (
    AcknowledgedDifference,
    Analysis,
    Audience,
    Briefing,
    DelphiResponse,
    DelphiSection,
    DelphiStudy,
    Factsheet,
    FindingsChapter,
    Implication,
    LocalSettings,
    Page,
    Publication,
    PublishedRow,
    RecommendationType,
    Reference,
    RegisterRecord,
    Series,
    Term,
    ThematicTopics,
    Theme,
    TrainingPack,
)
from builder.paths import Paths


def _list_of(name: str, key: str, item: type[BaseModel], doc: str) -> type[BaseModel]:
    fields: dict[str, Any] = {key: (list[item], ...)}  # type: ignore[valid-type]
    return create_model(name, __doc__=doc, **fields)


def documents() -> dict[str, type[BaseModel]]:
    """Schema file name -> the model of one whole content file."""
    return {
        "audiences": _list_of(
            "AudiencesFile", "audiences", Audience, "content/audiences.yaml: the five audiences."
        ),
        "glossary": _list_of("GlossaryFile", "terms", Term, "content/glossary.yaml."),
        "references": create_model(
            "ReferencesFile",
            __doc__="content/references.yaml: the report and its references.",
            report=(Reference, ...),
            references=(list[Reference], ...),
        ),
        "publications": _list_of(
            "PublicationsFile",
            "publications",
            Publication,
            "content/publications.yaml: national publications since 2010.",
        ),
        "page": Page,
        "delphi-study": DelphiStudy,
        "delphi-sections": _list_of(
            "DelphiSectionsFile", "sections", DelphiSection, "content/delphi/sections.yaml."
        ),
        "delphi-response": DelphiResponse,
        "delphi-published": PublishedRow,
        "delphi-acknowledged": _list_of(
            "DelphiAcknowledgedFile",
            "differences",
            AcknowledgedDifference,
            "content/delphi/acknowledged.yaml: known differences between the report's tables "
            "and its Appendix 3, each with the note the site shows.",
        ),
        "theme": Theme,
        "briefing": Briefing,
        "findings": FindingsChapter,
        "analysis": Analysis,
        "series": Series,
        "recommendations": _list_of(
            "RecommendationsFile",
            "implications",
            Implication,
            "content/recommendations.yaml: the 15 implications.",
        ),
        "recommendation-types": create_model(
            "RecommendationTypesFile",
            __doc__="content/recommendation-types.yaml.",
            source=(str, ...),
            types=(list[RecommendationType], ...),
        ),
        "thematic-topics": ThematicTopics,
        "register-record": RegisterRecord,
        "factsheet": Factsheet,
        "training-pack": TrainingPack,
        "local-settings": LocalSettings,
    }


# Fields the builder fills in itself (from the file name and the Markdown body).
FILLED_IN = ("id", "body")


def schema(model: type[BaseModel]) -> dict[str, Any]:
    data = model.model_json_schema(by_alias=True)
    for name in FILLED_IN:
        if name in data.get("properties", {}):
            data["properties"].pop(name)
    data["required"] = [r for r in data.get("required", []) if r not in FILLED_IN]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **data}


def render_all() -> dict[str, str]:
    return {
        f"{name}.schema.json": json.dumps(schema(model), indent=2, sort_keys=True) + "\n"
        for name, model in documents().items()
    }


def export(paths: Paths) -> list[Path]:
    paths.schemas.mkdir(exist_ok=True)
    written = []
    for name, text in render_all().items():
        target = paths.schemas / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
