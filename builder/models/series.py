"""A yearly series of national counts after 2010 (content/series/<id>.yaml): one unit per
series, every value with its publication key, locator and basis."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from builder.models.common import ContentModel, Dated, Slug, Text

Basis = Literal["primary", "secondary"]


class SeriesValue(ContentModel):
    """One count, exactly as the source gives it."""

    period: Annotated[
        str,
        Field(
            min_length=4,
            max_length=40,
            description="The period the count covers as the source labels it, e.g. '2022-23'.",
        ),
    ]
    year: int = Field(ge=2000, le=2100, description="The year the period starts: the sort order.")
    value: int = Field(ge=0)
    source: Slug = Field(description="A publication key in content/publications.yaml.")
    locator: Text
    basis: Basis
    summarised_by: str | None = Field(
        default=None, description="Required when basis is secondary: who summarised it."
    )
    note: str = ""

    @model_validator(mode="after")
    def _summarised_by_when_secondary(self) -> SeriesValue:
        if self.basis == "secondary" and not self.summarised_by:
            raise ValueError("summarised_by is required when basis is secondary")
        if self.basis == "primary" and self.summarised_by:
            raise ValueError("summarised_by is only for basis: secondary; remove it")
        return self


class Series(Dated):
    """A yearly series: content/series/<id>.yaml. Different units are different series."""

    id: Slug
    title: Text
    unit: Text = Field(description="What one count is, e.g. 'serious incident notifications'.")
    counted_by: Text = Field(description="Who counts them, e.g. 'Department for Education'.")
    summary: Text
    cannot_tell: Annotated[
        list[Text],
        Field(min_length=1, description="What these numbers cannot tell you, one point each."),
    ]
    values: Annotated[list[SeriesValue], Field(min_length=1)]

    @model_validator(mode="after")
    def _periods_unique_and_in_order(self) -> Series:
        periods = [v.period for v in self.values]
        if len(set(periods)) != len(periods):
            raise ValueError("each period may appear only once in values")
        years = [v.year for v in self.values]
        if years != sorted(years):
            raise ValueError("values must be in date order, oldest first")
        return self
