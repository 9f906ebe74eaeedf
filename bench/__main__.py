"""`make bench`: build times, page size, search bytes and memory, written to bench/results.md
with the machine's details. Targets come from the issue; each result says whether it is met."""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import make_bare_material, make_corpus
from builder import pipeline
from builder.paths import ROOT, Paths

OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "results.md"
TODAY = dt.date(2026, 11, 28)
SIZES = (1000, 5000)
# Targets (issue 8); each is checked and reported, none is a test.
COLD_BUILD_S = 15.0
EDIT_REBUILD_S = 3.0
RATIO_TO_BARE_MATERIAL = 1.2
SCALE_5000_OVER_1000 = 5.5
SEARCH_BYTES_PER_QUERY = 300 * 1024
PAGE_HTML_BYTES = 60 * 1024


def timed_build(paths: Paths) -> dict[str, float]:
    timer = pipeline.Timer()
    started = time.perf_counter()
    pipeline.build(paths, TODAY, timer)
    seconds = dict(timer.seconds)
    seconds["total"] = time.perf_counter() - started
    seconds["builder"] = sum(v for k, v in timer.seconds.items() if not k.startswith("engine"))
    seconds["engine"] = sum(v for k, v in timer.seconds.items() if k.startswith("engine"))
    return seconds


def bare_material(pages: int) -> float:
    project = make_bare_material(OUT / f"bare-{pages}", pages)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--quiet",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(project / "site"),
        ],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - started


def html_pages(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def documents(site: Path) -> str:
    """How many generated documents and charts a site has, by kind."""
    counts = {kind: len(list(site.rglob(f"*.{kind}"))) for kind in ("pdf", "docx", "pptx", "svg")}
    return ", ".join(f"{n:,} {kind.upper()}" for kind, n in counts.items())


def largest_page(site: Path) -> tuple[int, str]:
    sizes = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return max(sizes)


def search_bytes(site: Path, query: str = "review") -> int:
    """Bytes downloaded for one query, after the search page and its UI have loaded."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS, chromium_path, serve

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "search/")
        page.wait_for_load_state("networkidle")
        page.locator(".pagefind-ui__search-input").wait_for()
        sizes: list[int] = []
        page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
        page.locator(".pagefind-ui__search-input").press_sequentially(query, delay=20)
        page.locator(".pagefind-ui__result").first.wait_for(timeout=30000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        browser.close()
    return sum(sizes)


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[str] = []
    real = make_corpus(OUT / "real", 0)
    shutil.rmtree(real / "build", ignore_errors=True)
    cold = timed_build(Paths(real))
    rows.append(
        f"| Real site, cold build (empty cache) | {cold['total']:.1f} s | "
        f"≤ {COLD_BUILD_S:.0f} s | {verdict(cold['total'] <= COLD_BUILD_S)} |"
    )
    theme = real / "content" / "themes" / "learning-without-blame.md"
    theme.write_text(theme.read_text().replace("summary: ", "summary: Edited. ", 1))
    edit = timed_build(Paths(real))
    rows.append(
        f"| Real site, one-file edit rebuild | {edit['total']:.1f} s "
        f"(builder {edit['builder']:.1f} s, engine {edit['engine']:.1f} s) | "
        f"≤ {EDIT_REBUILD_S:.0f} s | {verdict(edit['total'] <= EDIT_REBUILD_S)} |"
    )
    scale: dict[int, dict[str, float]] = {}
    for items in SIZES:
        project = make_corpus(OUT / f"corpus-{items}", items)
        scale[items] = timed_build(Paths(project))
        stages = ", ".join(
            f"{k} {v:.1f} s"
            for k, v in scale[items].items()
            if k not in ("total", "builder", "engine")
        )
        rows.append(
            f"| {items:,} items: builder {scale[items]['builder']:.1f} s + engine "
            f"{scale[items]['engine']:.1f} s ({stages}) | {scale[items]['total']:.1f} s "
            f"| | |"
        )
    pages = html_pages(OUT / f"corpus-{SIZES[0]}" / "site")
    bare = bare_material(pages)
    ratio = scale[SIZES[0]]["total"] / bare
    rows.append(
        f"| Bare Material + navigation.prune, {pages:,} plain pages (as many as the "
        f"{SIZES[0]:,}-item site has) | {bare:.1f} s | | |"
    )
    rows.append(
        f"| {SIZES[0]:,} items ÷ bare Material | {ratio:.2f} × | "
        f"≤ {RATIO_TO_BARE_MATERIAL} × | {verdict(ratio <= RATIO_TO_BARE_MATERIAL)} |"
    )
    made = documents(OUT / f"corpus-{SIZES[0]}" / "site")
    rows.append(
        f"| Of which: MkDocs alone ÷ bare Material; documents made from scratch "
        f"({made}) | {scale[SIZES[0]]['engine: mkdocs'] / bare:.2f} × | | |"
    )
    growth = scale[SIZES[1]]["total"] / scale[SIZES[0]]["total"]
    rows.append(
        f"| {SIZES[1]:,} items ÷ {SIZES[0]:,} items | {growth:.2f} × | "
        f"≤ {SCALE_5000_OVER_1000} × | {verdict(growth <= SCALE_5000_OVER_1000)} |"
    )
    site = OUT / f"corpus-{SIZES[0]}" / "site"
    per_query = search_bytes(site)
    rows.append(
        f"| Search bytes per query ({SIZES[0]:,} items) | {per_query / 1024:.0f} KB | "
        f"≤ 300 KB | {verdict(per_query <= SEARCH_BYTES_PER_QUERY)} |"
    )
    size, page = largest_page(OUT / f"corpus-{SIZES[1]}" / "site")
    rows.append(
        f"| Largest page HTML ({SIZES[1]:,} items): `{page}` | {size / 1024:.0f} KB | "
        f"≤ 60 KB | {verdict(size <= PAGE_HTML_BYTES)} |"
    )
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    rows.append(f"| Peak memory (largest process) | {peak / 1024:.0f} MB | | |")
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    RESULTS.write_text(
        "# Benchmark results\n\n"
        f"Run with `make bench` on {machine}. Synthetic corpora are generated by "
        "`bench/corpus.py` (real content plus N generated pages, themes, fact sheets and register "
        "records) and never published.\n\n| Measure | Result | Target | |\n|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )
    print(RESULTS.read_text())


if __name__ == "__main__":
    main()
