"""Shared field types and the base every content model inherits: strict, frozen, source-aware."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator

AudienceId = Literal["practitioners", "trainers", "managers", "policy-makers", "researchers"]
AUDIENCE_IDS: tuple[str, ...] = get_args(AudienceId)

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        description="Lower-case letters, digits and single hyphens, e.g. 'about-the-evidence'.",
    ),
]
Text = Annotated[str, Field(min_length=1)]


@dataclass(frozen=True)
class Source:
    """Where a record came from: the file as editors see it, and the line it starts on."""

    path: str
    line: int
    body_line: int = 0  # for Markdown: the file line the body starts on
    fields: dict[tuple[str | int, ...], int] = field(default_factory=dict, compare=False)

    def line_of(self, *loc: str | int) -> int:
        """The line of a field (or list item) of this record, else the record's first line."""
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.fields:
                return self.fields[loc[:n]]
        return self.line

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class ContentModel(BaseModel):
    """Base of every content kind: unknown fields are errors, and records cannot change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    _origin: Source | None = PrivateAttr(default=None)

    @property
    def origin(self) -> Source:
        """The file and line this item was read from."""
        if self._origin is None:
            raise RuntimeError(f"{type(self).__name__} was built outside the loader")
        return self._origin

    def with_origin(self, origin: Source) -> ContentModel:
        self._origin = origin
        return self


class Dated(ContentModel):
    updated: dt.date = Field(description="When the content last changed (YYYY-MM-DD).")
    review_due: dt.date = Field(description="When an editor should next review it.")
    notice: str | None = Field(
        default=None,
        description="Shown prominently, e.g. when guidance it cites has been replaced.",
    )

    @field_validator("review_due")
    @classmethod
    def _review_after_update(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        updated = info.data.get("updated")
        if updated is not None and value <= updated:
            raise ValueError(
                f"{value} is not after updated ({updated}); set it to when this "
                "should next be checked"
            )
        return value
