"""A synthetic corpus for the benchmarks only (never published): the real content plus N
generated items (themes, pages, fact sheets and register records) with realistic text length.
Each item is plainly marked as synthetic. No Delphi statements are generated: the 39 are the
report's own, checked against its printed tables, so they do not grow; the synthetic themes
link to them instead, which grows each statement page's list of themes."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import get_args

from builder.models.learning import Region
from builder.paths import ROOT

WORDS = (
    "review",
    "practitioner",
    "learning",
    "agency",
    "family",
    "child",
    "safeguarding",
    "partnership",
    "evidence",
    "supervision",
    "recommendation",
    "action",
    "plan",
    "training",
    "manager",
    "front",
    "line",
    "report",
    "theme",
    "national",
    "local",
    "analysis",
    "panel",
    "consensus",
    "support",
    "accountability",
    "information",
    "sharing",
    "assessment",
    "risk",
    "neglect",
    "school",
    "health",
    "police",
    "social",
    "care",
    "record",
    "meeting",
)
AUDIENCES = ["practitioners", "trainers", "managers", "policy-makers", "researchers"]
REGIONS = list(get_args(Region))


def sentence(rng: random.Random, length: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng, rng.randint(9, 20)) for _ in range(sentences))


def make_corpus(target: Path, items: int, seed: int = 2010) -> Path:
    """A project folder at `target` with the real content and `items` synthetic items."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "content", target / "content")
    content = target / "content"
    (content / "register").mkdir(exist_ok=True)
    themes = [p.stem for p in (content / "themes").glob("*.md")]
    for n in range(items):
        kind = n % 10
        if kind < 4:
            _page(content, rng, n)
        elif kind < 7:
            _theme(content, rng, n)
        elif kind < 8:
            _factsheet(content, rng, n)
        else:
            _record(content, rng, n, themes)
    return target


def _front(rng: random.Random) -> str:
    audiences = sorted(rng.sample(AUDIENCES, rng.randint(1, 3)))
    return (
        f"audiences: [{', '.join(audiences)}]\n"
        f"tags: [synthetic, {rng.choice(['process', 'evidence', 'training'])}]\n"
        "updated: 2026-11-28\nreview_due: 2027-11-28\n"
    )


def _page(content: Path, rng: random.Random, n: int) -> None:
    body = "\n\n".join(f"## {sentence(rng, 4)[:-1]}\n\n{paragraph(rng)}" for _ in range(4))
    (content / "pages" / f"synthetic-page-{n:05d}.md").write_text(
        f"---\ntitle: Synthetic page {n}\nsummary: {sentence(rng)}\n{_front(rng)}---\n\n"
        f"Synthetic benchmark text, not real content. {body}\n"
    )


def _theme(content: Path, rng: random.Random, n: int) -> None:
    lines = lambda k: "".join(f'  - "{sentence(rng)}"\n' for _ in range(k))  # noqa: E731
    audiences = "".join(f'  {a}: "{sentence(rng)}"\n' for a in AUDIENCES)
    (content / "themes" / f"synthetic-theme-{n:05d}.md").write_text(
        f"---\ntitle: Synthetic theme {n}\nsummary: {sentence(rng)}\n{_front(rng)}"
        f"key_messages:\n{lines(4)}for_audiences:\n{audiences}questions:\n{lines(3)}"
        f"delphi: [local-{rng.randint(1, 13)}, learning-nationally-{rng.randint(1, 12)}]\n"
        f"analyses: [brandon-2009]\nsources: [dfe-rr037]\n---\n\n## What the evidence says\n\n"
        + "\n\n".join(paragraph(rng, 6) for _ in range(4))
        + "\n"
    )


def _factsheet(content: Path, rng: random.Random, n: int) -> None:
    lines = "".join(f'  - "{sentence(rng, 12)}"\n' for _ in range(4))
    audiences = sorted(rng.sample(AUDIENCES, rng.randint(1, 3)))
    (content / "factsheets" / f"synthetic-sheet-{n:05d}.yaml").write_text(
        f'title: Synthetic fact sheet {n}\nsummary: "{sentence(rng)}"\n'
        f"audiences: [{', '.join(audiences)}]\nupdated: 2026-11-28\nreview_due: 2027-11-28\n"
        f"key_messages:\n{lines}practice: |\n  {paragraph(rng, 6)}\n"
        f"questions:\n{lines}sources: [dfe-rr037]\n"
    )


def _record(content: Path, rng: random.Random, n: int, themes: list[str]) -> None:
    (content / "register" / f"synthetic-{n:05d}.yaml").write_text(
        f"year: {rng.randint(2019, 2026)}\nregion: {rng.choice(REGIONS)}\n"
        f"age_band: {rng.choice(['under-1', '1-4', '5-9', '10-15', '16-17'])}\n"
        f"outcome: {rng.choice(['death', 'serious-harm'])}\n"
        f"harm_types: [{rng.choice(['neglect', 'physical-abuse', 'sexual-abuse'])}]\n"
        f"agencies: [health, {rng.choice(['police', 'education', 'children-social-care'])}]\n"
        f"themes: [{rng.choice(themes)}]\nmonths_to_complete: {rng.randint(4, 30)}\n"
        f"recommendations: {rng.randint(1, 20)}\n"
    )


def make_bare_material(target: Path, pages: int, seed: int = 2010) -> Path:
    """Plain Material with navigation.prune and the same number of plain pages."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    docs.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(
        "site_name: Bare Material\ntheme:\n  name: material\n  font: false\n  features:\n"
        "    - navigation.prune\nplugins:\n  - search\n"
    )
    (docs / "index.md").write_text("# Home\n\nBare Material for the benchmark.\n")
    for n in range(pages):
        folder = docs / f"section-{n // 100:02d}"
        folder.mkdir(exist_ok=True)
        body = "\n\n".join(f"## {sentence(rng, 4)[:-1]}\n\n{paragraph(rng)}" for _ in range(4))
        (folder / f"page-{n:05d}.md").write_text(f"# Plain page {n}\n\n{body}\n")
    return target
