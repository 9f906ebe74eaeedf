"""Models of the site's editorial kinds: audiences, pages, glossary terms and references."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from builder.models.common import AudienceId, ContentModel, Dated, Slug, Text


class Audience(ContentModel):
    """One of the five audiences; each has a pathway page listing what is tagged for it."""

    id: AudienceId
    name: Text
    summary: Text = Field(description="One sentence: who this pathway is for.")
    intro: Text = Field(description="Markdown shown at the top of the pathway page.")


class Page(Dated):
    """An editorial page: Markdown with this front matter, in content/pages/<id>.md."""

    id: Slug = Field(description="Taken from the file name; index.md is the home page, 'home'.")
    title: Text
    summary: Text = Field(description="One sentence shown in lists and search results.")
    audiences: Annotated[list[AudienceId], Field(min_length=1)]
    tags: list[Slug] = Field(default_factory=list)
    sources: list[Slug] = Field(
        default_factory=list, description="Citation keys from content/references.yaml."
    )
    body: Annotated[str, StringConstraints(strip_whitespace=False)] = Field(
        default="", description="Filled from the Markdown after the front matter."
    )


class Term(ContentModel):
    """A glossary entry; its abbreviation becomes a tooltip on every page."""

    abbr: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9&]*$", max_length=12)] | None = Field(
        default=None,
        description="The abbreviation, if the term has one; it becomes a tooltip on every page.",
    )
    term: Text
    definition: Text
    status: str | None = Field(
        default=None, description="What replaced it since 2010, if it no longer exists."
    )

    @property
    def key(self) -> str:
        """Its anchor and sort key: the abbreviation, else the term as a slug."""
        return (
            self.abbr or "-".join(self.term.lower().replace("(", "").replace(")", "").split())
        ).lower()


class Correction(ContentModel):
    """What a publication itself says where the report's entry for it is wrong."""

    title: Text
    year: int = Field(ge=1900, le=2100)
    checked: Text = Field(description="Where the title and year were checked, e.g. a page.")


class Reference(ContentModel):
    """A bibliography entry, carried exactly as printed, with fields to cite it by."""

    key: Slug = Field(description="Cite it in Markdown as [@key] or [@key, chapter 3].")
    short: Text = Field(description="How it reads in text, e.g. 'Brandon et al. 2009'.")
    authors: Text
    year: int = Field(ge=1900, le=2100)
    title: Text
    publisher: str | None = None
    as_printed: Text = Field(description="The entry exactly as the report prints it.")
    correction: Correction | None = Field(
        None, description="Only where the printed entry is wrong: the publication's own title."
    )

    @property
    def cited(self) -> str:
        """The entry as printed and, where it is wrong, what the publication itself says."""
        if self.correction is None:
            return self.as_printed
        c = self.correction
        return (
            f"{self.as_printed} [The 2010 report prints the entry so; the publication is "
            f"titled *{c.title}* ({c.year}; checked against {c.checked}).]"
        )

    @property
    def known_title(self) -> str:
        """The publication's title: as printed, unless corrected."""
        return self.correction.title if self.correction else self.title

    @model_validator(mode="after")
    def _fields_in_entry(self) -> Reference:
        for name in ("authors", "title"):
            value = getattr(self, name)
            if value.replace("*", "") not in self.as_printed.replace("*", ""):
                raise ValueError(
                    f"{name} '{value}' does not appear in as_printed; copy it from the entry"
                )
        if str(self.year) not in self.as_printed:
            raise ValueError(f"year {self.year} does not appear in as_printed")
        return self


class Allowlist(ContentModel):
    """Names the identifying-details check may allow: authors and organisations only."""

    names: list[Text] = Field(
        default_factory=list,
        description="Exact text as it appears, e.g. 'Dr Example' for a cited author.",
    )
