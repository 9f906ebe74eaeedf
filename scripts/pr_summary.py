#!/usr/bin/env python3
"""What a pull request changes on the site, as Markdown for the workflow's job summary: pages
added, changed and removed against the main branch's build, other files (downloads, data) by
count, warnings that are new, and the link-check and accessibility results.

    python3 scripts/pr_summary.py BASE_SITE PR_SITE [--base-check LOG] [--check LOG]
        [--junit JUNIT_XML] [--build-log LOG]

Standard library only, so it runs before any set-up. Pages are compared after removing what
differs on every build of the same content (the build date in the footer is taken from content,
so nothing is expected; the normalisation is kept for safety and stated here).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# Generated search index and assets change with any page; they are not what a reviewer reads.
IGNORED = ("pagefind/", "assets/", "search/", "sitemap.xml", "sitemap.xml.gz")
LISTED = 60  # at most this many pages per list; the rest are counted


def digest(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".html":
        data = re.sub(rb'<meta name="generator"[^>]*>', b"", data)
    return hashlib.sha256(data).hexdigest()


def files(site: Path) -> dict[str, str]:
    if not site.is_dir():
        return {}
    return {
        p.relative_to(site).as_posix(): digest(p)
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.relative_to(site).as_posix().startswith(IGNORED)
    }


def page_url(relative: str) -> str:
    return "/" + relative.removesuffix("index.html")


def compare(base: dict[str, str], head: dict[str, str]) -> dict[str, list[str]]:
    return {
        "added": sorted(set(head) - set(base)),
        "changed": sorted(k for k in set(head) & set(base) if head[k] != base[k]),
        "removed": sorted(set(base) - set(head)),
    }


def warnings(log: Path | None) -> list[str]:
    if log is None or not log.is_file():
        return []
    return [
        line for line in log.read_text(errors="replace").splitlines() if line.startswith("warning:")
    ]


def test_results(junit: Path | None) -> tuple[dict[str, int], list[str]]:
    """Counts for the accessibility tests and for the whole suite, and failing test names."""
    totals = {"a11y_passed": 0, "a11y_failed": 0, "passed": 0, "failed": 0, "skipped": 0}
    failing: list[str] = []
    if junit is None or not junit.is_file():
        return totals, failing
    for case in ET.parse(junit).getroot().iter("testcase"):
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        failed = case.find("failure") is not None or case.find("error") is not None
        skipped = case.find("skipped") is not None
        key = "skipped" if skipped else "failed" if failed else "passed"
        totals[key] += 1
        if "test_accessibility" in name and not skipped:
            totals["a11y_failed" if failed else "a11y_passed"] += 1
        if failed:
            failing.append(name)
    return totals, failing


def section(title: str, items: list[str], fmt: object = page_url) -> list[str]:
    lines = [f"**{title}** ({len(items)})", ""]
    for item in items[:LISTED]:
        lines.append(f"- `{fmt(item)}`" if callable(fmt) else f"- `{item}`")
    if len(items) > LISTED:
        lines.append(f"- … and {len(items) - LISTED} more")
    return [*lines, ""]


def summary(args: argparse.Namespace) -> str:
    base, head = files(args.base), files(args.site)
    out = ["## What this pull request changes on the site", ""]
    if not head:
        out += ["The site did not build: see the `make site` step's log.", ""]
    elif not base:
        out += ["No build of the main branch to compare with (its build failed or is missing).", ""]
    else:
        diff = compare(base, head)
        pages = {k: [f for f in v if f.endswith(".html")] for k, v in diff.items()}
        others = {k: [f for f in v if not f.endswith(".html")] for k, v in diff.items()}
        if not any(diff.values()):
            out += ["No page or download changes.", ""]
        for kind in ("added", "changed", "removed"):
            if pages[kind]:
                out += section(f"Pages {kind}", pages[kind])
        for kind in ("added", "changed", "removed"):
            if others[kind]:
                out += section(f"Downloads and data {kind}", others[kind], fmt="")
    new = sorted(set(warnings(args.check)) - set(warnings(args.base_check)))
    out += ["## Checks", ""]
    out.append(f"- New warnings from `make check`: {len(new)}")
    out += [f"  - `{w}`" for w in new[:LISTED]]
    built = args.build_log is not None and args.build_log.is_file()
    log = args.build_log.read_text(errors="replace") if built else ""
    if not head:
        out.append("- Link check: not run (the site did not build)")
    elif "links that do not resolve" in log:
        out.append("- Link check: **failed** (see the `make site` log)")
    else:
        out.append("- Link check: passed (every internal link and anchor resolves)")
    totals, failing = test_results(args.junit)
    if args.junit is not None and args.junit.is_file():
        out.append(
            f"- Accessibility (axe-core, WCAG 2.2 AA, every page type): "
            f"{totals['a11y_passed']} passed, {totals['a11y_failed']} failed"
        )
        out.append(
            f"- Tests: {totals['passed']} passed, {totals['failed']} failed, "
            f"{totals['skipped']} skipped"
        )
        out += [f"  - failed: `{name}`" for name in failing[:LISTED]]
    else:
        out.append("- Tests: no results (the test step did not run)")
    out += [
        "",
        "The built site is attached to this run as the `site` artifact: download it and "
        "open `index.html`, or serve it with `python3 -m http.server -d site`.",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the main branch's built site/")
    parser.add_argument("site", type=Path, help="this pull request's built site/")
    parser.add_argument("--base-check", type=Path, help="output of make check on main")
    parser.add_argument("--check", type=Path, help="output of make check on this branch")
    parser.add_argument("--junit", type=Path, help="pytest's --junitxml report")
    parser.add_argument("--build-log", type=Path, help="output of make site on this branch")
    sys.stdout.write(summary(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
