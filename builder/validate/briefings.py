"""Cross-checks of practice briefings: notes oldest first, every source a known citation key,
related ids that exist, and one briefing per place in the 'start here' list."""

from __future__ import annotations

from collections.abc import Iterator

from builder.models import Briefing, Site
from builder.models.addresses import addresses
from builder.problems import Problem, did_you_mean


def check_briefings(site: Site, keys: set[str]) -> Iterator[Problem]:
    known = set(addresses(site))
    places: dict[int, Briefing] = {}
    for briefing in site.briefings:
        yield from _oldest_first(briefing)
        yield from _sources(briefing, keys)
        yield from _related(briefing, known)
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
    "themes": ("theme", "a theme file name in content/themes/"),
    "delphi": ("delphi", "a Delphi statement such as 'learning-nationally-3'"),
    "factsheets": ("factsheet", "a fact sheet file name in content/factsheets/"),
    "training": ("training", "a training pack file name in content/training/"),
}


def _related(briefing: Briefing, known: set[str]) -> Iterator[Problem]:
    for field, (prefix, what) in RELATED.items():
        choices = sorted(k.removeprefix(f"{prefix}-") for k in known if k.startswith(f"{prefix}-"))
        for index, value in enumerate(getattr(briefing.related, field)):
            if f"{prefix}-{value}" not in known:
                yield _at(
                    briefing,
                    ("related", field, index),
                    f"'{value}' does not exist; use {what}{did_you_mean(value, choices)}",
                )
