"""Live preview: MkDocs serves the docs tree; we regenerate it when content/ changes, and MkDocs
reloads the browser. Content errors are printed and the last good pages stay up."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from watchfiles import watch

from builder import engine, pipeline
from builder.paths import Paths
from builder.problems import ContentError, report

TEMPLATES = Path(__file__).parent.parent / "templates"


def serve(paths: Paths, address: str) -> int:
    _regenerate(paths)
    server = engine.serve(paths, address)

    def stop(*_: object) -> None:
        # Stopping the preview (Ctrl-C or a terminate signal) also stops the MkDocs server.
        server.terminate()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        for _changes in watch(paths.content, TEMPLATES):
            _regenerate(paths)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


def _regenerate(paths: Paths) -> None:
    try:
        checked, stats = pipeline.generate(paths)
    except ContentError as exc:
        print(report(exc.problems), file=sys.stderr)
        print("Preview not updated: fix the errors above and save again.", file=sys.stderr)
        return
    if checked.warnings:
        print(report(checked.warnings), file=sys.stderr)
    print(f"regenerated: {stats['written']} changed, {stats['removed']} removed", flush=True)
