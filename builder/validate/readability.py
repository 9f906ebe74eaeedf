"""How easy the plain-English parts of the site are to read: Flesch reading ease (textstat) for
each summary, each set of key messages and each fact sheet as a whole. The target is 60 or
more ("plain English"); `make check` prints the scores, one line per file, and the tests hold
the seed content to the target. Citations, links and report locators are taken out first:
readers see them as notes, not as words in the sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

from builder.models.site import Site

TARGET = 60.0

_CITATION = re.compile(r"\s*\[@[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_LOCATOR = re.compile(
    r"\s*\((?:[^()]*[;,]\s*)?(?:Tables?|Appendix|Appendices|chapters?|Figure)\s[^()]*\)"
)
_MARKUP = re.compile(r"[*_`#>]|^\s*[-+]\s+|^\s*\d+\.\s+", re.M)


@dataclass(frozen=True)
class Score:
    path: str
    field: str
    score: float

    @property
    def ok(self) -> bool:
        return self.score >= TARGET


def plain_text(text: str) -> str:
    """What a reader reads: no citation keys, link targets, locators or Markdown marks."""
    text = _CITATION.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _LOCATOR.sub("", text)
    return _MARKUP.sub("", text)


def reading_ease(text: str) -> float:
    return float(textstat.flesch_reading_ease(plain_text(text)))


def sentences(items: list[str]) -> str:
    """List items read as sentences: each one ends with a full stop for the measure."""
    return " ".join(i.strip() if i.strip()[-1:] in ".?!" else f"{i.strip()}." for i in items)


def scores(site: Site) -> list[Score]:
    out: list[Score] = []
    for theme in site.themes:
        path = theme.origin.path
        out.append(Score(path, "summary", reading_ease(theme.summary)))
        out.append(Score(path, "key messages", reading_ease(sentences(theme.key_messages))))
    for sheet in site.factsheets:
        path = sheet.origin.path
        whole = " ".join(
            [
                sheet.summary,
                sentences(sheet.key_actions) if sheet.key_actions else "",
                sentences(sheet.key_messages),
                sheet.practice,
                sentences(sheet.questions),
            ]
        )
        out.append(Score(path, "summary", reading_ease(sheet.summary)))
        out.append(Score(path, "key messages", reading_ease(sentences(sheet.key_messages))))
        out.append(Score(path, "fact sheet", reading_ease(whole)))
    for audience in site.audiences:
        out.append(
            Score(audience.origin.path, f"{audience.id} intro", reading_ease(audience.intro))
        )
    return out


def report(found: list[Score]) -> list[str]:
    """One line per file: every field's score, those under the target marked."""
    lines: dict[str, list[str]] = {}
    for score in found:
        mark = "" if score.ok else " (below 60)"
        lines.setdefault(score.path, []).append(f"{score.field} {score.score:.0f}{mark}")
    return [f"  {path}: {', '.join(fields)}" for path, fields in lines.items()]
