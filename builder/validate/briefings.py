"""Cross-checks of practice briefings: notes oldest first, every source a known citation key,
related ids that exist, and one briefing per place in the 'start here' list."""

from __future__ import annotations

import re
from collections.abc import Iterator

from builder.models import Briefing, Site
from builder.models.addresses import addresses
from builder.problems import Problem, Severity, did_you_mean
from builder.validate import readability

# The agreed model: the summary and "In one minute" read easily (the site's plain-English
# measure, readability.TARGET), and the main text (all but the notes) is at most ~900 words.
MIN_READING_EASE = readability.TARGET
MAX_MAIN_WORDS = 900
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")


def check_briefings(
    site: Site, keys: set[str], existing: dict[str, set[str]], delphi_whole: bool = True
) -> Iterator[Problem]:
    """`existing` holds the ids of items that failed to load or validate, by kind: naming one is
    no error (its own error says what is wrong). Without the whole Delphi data, statement ids
    are not checked."""
    known = set(addresses(site))
    known |= {f"{kind}-{item}" for kind, ids in existing.items() for item in ids}
    skip = set() if delphi_whole else {"delphi"}
    places: dict[int, Briefing] = {}
    for briefing in site.briefings:
        yield from _oldest_first(briefing)
        yield from _sources(briefing, keys)
        yield from _related(briefing, known, skip)
        yield from _plain_english(briefing)
        if briefing.start_here is not None:
            first = places.get(briefing.start_here)
            if first is not None:
                yield _at(
                    briefing,
                    ("start_here",),
                    f"{briefing.start_here} is also the place of {first.origin.path} "
                    f"(line {first.origin.line_of('start_here')}); each briefing needs its own "
                    "place in the 'start here' list, so renumber one",
                )
            else:
                places[briefing.start_here] = briefing


def _at(briefing: Briefing, loc: tuple[str | int, ...], message: str) -> Problem:
    name = "".join(
        f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(loc)
    )
    return Problem(briefing.origin.path, briefing.origin.line_of(*loc), name, message)


def _oldest_first(briefing: Briefing) -> Iterator[Problem]:
    findings = briefing.national_findings
    for index in range(1, len(findings)):
        before, this = findings[index - 1].year, findings[index].year
        if this < before:
            yield _at(
                briefing,
                ("national_findings", index, "year"),
                f"{this} comes after {before} in the list; list the national findings oldest "
                "first (by year), so move this one up",
            )


def _sources(briefing: Briefing, keys: set[str]) -> Iterator[Problem]:
    for index, finding in enumerate(briefing.national_findings):
        if finding.source not in keys:
            yield _at(
                briefing,
                ("national_findings", index, "source"),
                f"no reference has the key '{finding.source}' in content/references.yaml or "
                f"content/publications.yaml{did_you_mean(finding.source, sorted(keys))}",
            )


RELATED = {
    "briefings": ("briefing", "another practice briefing's file name in content/briefings/"),
    "themes": ("theme", "a theme file name in content/themes/"),
    "delphi": ("delphi", "a Delphi statement such as 'learning-nationally-3'"),
    "factsheets": ("factsheet", "a fact sheet file name in content/factsheets/"),
    "training": ("training", "a training pack file name in content/training/"),
}


def _related(briefing: Briefing, known: set[str], skip: set[str]) -> Iterator[Problem]:
    for field, (prefix, what) in RELATED.items():
        if field in skip:
            continue
        choices = sorted(k.removeprefix(f"{prefix}-") for k in known if k.startswith(f"{prefix}-"))
        for index, value in enumerate(getattr(briefing.related, field)):
            if field == "briefings" and value == briefing.id:
                yield _at(
                    briefing,
                    ("related", field, index),
                    f"'{value}' is this briefing; use {what}",
                )
            elif f"{prefix}-{value}" not in known:
                yield _at(
                    briefing,
                    ("related", field, index),
                    f"'{value}' does not exist; use {what}{did_you_mean(value, choices)}",
                )


def main_words(briefing: Briefing) -> int:
    parts = [
        briefing.summary,
        *briefing.in_one_minute,
        *briefing.key_issues,
        *briefing.learning_for_practice,
        *briefing.supervision_questions,
        briefing.evidence_gaps or "",
        briefing.body,
    ]
    return sum(len(WORD.findall(part)) for part in parts)


def _plain_english(briefing: Briefing) -> Iterator[Problem]:
    for field, text in (
        ("summary", briefing.summary),
        ("in_one_minute", readability.sentences(briefing.in_one_minute)),
    ):
        ease = readability.reading_ease(text)
        if ease < MIN_READING_EASE:
            yield Problem(
                briefing.origin.path,
                briefing.origin.line_of(field),
                field,
                f"reads at {ease:.0f} on the Flesch reading ease scale, below "
                f"{MIN_READING_EASE:.0f}; use shorter sentences and everyday words",
                Severity.WARNING,
            )
    words = main_words(briefing)
    if words > MAX_MAIN_WORDS:
        yield Problem(
            briefing.origin.path,
            briefing.origin.line,
            "",
            f"the main text (everything but the national findings) is {words} words, more "
            f"than about {MAX_MAIN_WORDS}; shorten it so the briefing stays a quick read",
            Severity.WARNING,
        )
