"""Runs the stages in order (load, validate, derive, render, write, engine); owns nothing else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from builder import engine
from builder.cache import DocumentCache
from builder.config import read_config
from builder.derive import Derived, derive
from builder.load import load
from builder.models import Site
from builder.paths import Paths
from builder.problems import ContentError, Problem, Severity
from builder.render import render
from builder.validate import validate
from builder.write import Writer


@dataclass
class Checked:
    site: Site
    derived: Derived
    warnings: list[Problem] = field(default_factory=list)


def check(paths: Paths, today: dt.date | None = None) -> Checked:
    """Load, validate and derive; raise ContentError with every problem if anything is wrong."""
    site, problems = validate(load(paths), today)
    if site is None or any(p.severity == Severity.ERROR for p in problems):
        raise ContentError(problems)
    derived = derive(site)
    return Checked(site, derived, sorted(problems + derived.problems))


def generate(paths: Paths, today: dt.date | None = None) -> tuple[Checked, dict[str, int]]:
    """Everything up to the docs tree: nothing is written unless all content validated."""
    checked = check(paths, today)
    cache = DocumentCache(paths.build / "cache")
    outputs = render(
        checked.site,
        checked.derived,
        read_config(paths.mkdocs_yml),
        cache,
        today or dt.date.today(),
    )
    stats = Writer({"docs": paths.docs, "includes": paths.includes}).write(outputs)
    return checked, stats


def build(paths: Paths, today: dt.date | None = None) -> tuple[Checked, dict[str, int]]:
    """The whole site: docs tree, then MkDocs into a temporary folder moved into site/."""
    checked, stats = generate(paths, today)
    engine.build_site(paths, checked.derived.updated)
    return checked, stats
