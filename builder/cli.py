"""Command line: build, check, serve, new, schemas. Exit 0 ok, 1 content errors, 2 usage,
3 the engine refused the generated tree, 70 a bug in the builder."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from builder import pipeline
from builder.commands import new as scaffold
from builder.commands import schemas
from builder.engine import EngineError
from builder.paths import Paths
from builder.problems import ContentError, Problem, counts, report
from builder.render.newsletters import suggestions
from builder.validate import readability

EXIT_CONTENT, EXIT_USAGE, EXIT_ENGINE, EXIT_BUG = 1, 2, 3, 70


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder", description=__doc__)
    parser.add_argument(
        "--root", type=Path, default=None, help="project folder (default: this checkout)"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of builder bugs")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="validate content and build the whole site into site/")
    sub.add_parser("check", help="validate content and report every problem; builds nothing")
    serve = sub.add_parser("serve", help="live preview; edits under content/ rebuild")
    serve.add_argument("--address", default="127.0.0.1:8000")
    new = sub.add_parser("new", help="create a new content file that already validates")
    new.add_argument("kind", choices=sorted(scaffold.KINDS))
    new.add_argument("slug")
    sub.add_parser("schemas", help="export JSON Schemas of every content kind to schemas/")
    local = sub.add_parser(
        "local",
        help="fact sheets branded for a partnership, from a "
        "settings file (see local-settings.example.yaml)",
    )
    local.add_argument("settings", type=Path)
    local.add_argument(
        "--out", type=Path, default=None, help="output folder (default: build/local/<partnership>)"
    )
    args = parser.parse_args(argv)
    paths = Paths(args.root.resolve()) if args.root else Paths()
    try:
        return _run(args, paths)
    except ContentError as exc:
        print(report(exc.problems), file=sys.stderr)
        print(
            f"{args.command}: {counts(exc.problems)}; nothing was built: "
            "fix the errors above and run it again",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except EngineError as exc:
        print(f"MkDocs could not render the generated pages:\n{exc}", file=sys.stderr)
        print(
            f"{args.command}: MkDocs refused the generated pages (above); "
            "the previous site/ was left as it was",
            file=sys.stderr,
        )
        return EXIT_ENGINE
    except scaffold.ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: say so plainly; tracebacks only on request
        if args.debug:
            raise
        print(
            f"internal error in the builder: {type(exc).__name__}: {exc}\n"
            "This is a bug, not a problem with your content; please report it "
            "(run again with --debug for details).",
            file=sys.stderr,
        )
        return EXIT_BUG


def _run(args: argparse.Namespace, paths: Paths) -> int:
    started = time.perf_counter()
    if args.command == "check":
        checked = pipeline.check(paths)
        print(f"plain English (Flesch reading ease, target {readability.TARGET:.0f} or more):")
        print("\n".join(readability.report(readability.scores(checked.site))))
        suggested = suggestions(checked.derived.updates.issues, checked.derived.addresses)
        if suggested:
            print(
                "newsletters: new or updated since the previous issue and not listed "
                "(add to new_and_updated the ones worth telling readers about):"
            )
            print("\n".join(suggested))
        sys.stdout.flush()
        _warn(checked.warnings)
        print(
            f"check: {counts(checked.warnings)}; content is valid: "
            f"{len(checked.site.pages)} pages, {len(checked.site.briefings)} briefings, "
            f"{len(checked.site.terms)} glossary terms, "
            f"{len(checked.site.references) + len(checked.site.publications)} references"
            + (
                f", {len(checked.derived.delphi.statements)} Delphi statements"
                if checked.derived.delphi
                else ""
            )
            + "; nothing built (make site builds)"
        )
        return 0
    if args.command == "build":
        timer = pipeline.Timer()
        checked, stats = pipeline.build(paths, timer=timer)
        _warn(checked.warnings)
        print("  ".join(f"{name} {seconds:.1f}s" for name, seconds in timer.seconds.items()))
        print(
            f"build: {counts(checked.warnings)}; built site/ in "
            f"{time.perf_counter() - started:.1f}s ({stats['written']} files written, "
            f"{stats['unchanged']} unchanged, {stats['removed']} removed)"
        )
        return 0
    if args.command == "serve":
        from builder.commands import serve

        return serve.serve(paths, args.address)
    if args.command == "new":
        created = scaffold.new(paths, args.kind, args.slug)
        print(f"created {paths.display(created)}: edit it, then run 'make check'")
        return 0
    if args.command == "local":
        from builder.commands.local import build_local

        target, count = build_local(
            paths, args.settings.resolve(), args.out.resolve() if args.out else None
        )
        print(f"wrote {count} branded fact sheet files to {paths.display(target)}")
        return 0
    if args.command == "schemas":
        for written in schemas.export(paths):
            print(f"wrote {paths.display(written)}")
        return 0
    return EXIT_USAGE


def _warn(warnings: list[Problem]) -> None:
    if warnings:
        print(report(warnings), file=sys.stderr)
