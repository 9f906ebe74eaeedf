"""Runs the stages in order (load, validate, derive, render, write, engine); owns nothing else."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from builder import engine
from builder.collection import fewer_collections
from builder.config import read_config
from builder.derive import Derived, derive
from builder.formats.cache import DocumentCache
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


class Timer:
    """Seconds spent in each stage, for the benchmarks and the build summary."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def stage(self, name: str, started: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def check(paths: Paths, today: dt.date | None = None, timer: Timer | None = None) -> Checked:
    """Load, validate and derive; raise ContentError with every problem if anything is wrong."""
    timer = timer or Timer()
    started = time.perf_counter()
    site, problems = validate(load(paths), today)
    timer.stage("load and validate", started)
    if site is None or any(p.severity == Severity.ERROR for p in problems):
        raise ContentError(problems)
    started = time.perf_counter()
    derived = derive(site)
    timer.stage("derive", started)
    return Checked(site, derived, sorted(problems + derived.problems))


def generate(
    paths: Paths, today: dt.date | None = None, timer: Timer | None = None
) -> tuple[Checked, dict[str, int]]:
    """Everything up to the docs tree: nothing is written unless all content validated."""
    timer = timer or Timer()
    cache = DocumentCache(paths.cache)
    cache.prepare()  # document workers start up while content loads
    with fewer_collections():
        try:
            checked = check(paths, today, timer)
        except BaseException:
            cache.close(wait=False)  # the content is wrong: say so now, not after they start
            raise
        started = time.perf_counter()
        outputs = render(
            checked.site,
            checked.derived,
            read_config(paths.mkdocs_yml),
            cache,
            today or dt.date.today(),
        )
        timer.stage("render", started)
        started = time.perf_counter()
        stats = Writer({"docs": paths.docs}).write(outputs)
        timer.stage("write", started)
    return checked, stats


def build(
    paths: Paths, today: dt.date | None = None, timer: Timer | None = None
) -> tuple[Checked, dict[str, int]]:
    """The whole site: docs tree, then MkDocs into a temporary folder moved into site/."""
    timer = timer or Timer()
    # MkDocs starts up while the builder works; see engine.Runners.
    with engine.Runners(paths) as runners:
        checked, stats = generate(paths, today, timer)
        engine.build_site(paths, checked.derived.updated, timer.seconds, runners)
    return checked, stats
