"""MkDocs, started before it is needed (`python -m builder.engine.runner`): it imports MkDocs,
the theme, the Markdown extensions and the hooks' own imports, then waits for one line on
standard input, the command line and environment of one `mkdocs build` as JSON, and runs it
exactly as `python -m mkdocs` would. An empty line, or standard input closed, and it exits.

builder.engine.mkdocs starts these while the builder loads, validates and renders, so MkDocs'
start-up (about 0.4 s, most of an incremental build's MkDocs time) is over before the docs tree
is written. Which build to run is only known then: a full build or an incremental one (see
builder.engine.stage), and the date the sitemap carries."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys

# What every build of this site imports (mkdocs.yml: theme, plugins, markdown_extensions, hooks).
# A module missing here only costs its import later, inside the build.
WARM = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "material.plugins.tags.plugin",
    "material.templates",
    "markdown.extensions.abbr",
    "markdown.extensions.admonition",
    "markdown.extensions.attr_list",
    "markdown.extensions.md_in_html",
    "markdown.extensions.tables",
    "markdown.extensions.toc",
    "pymdownx.snippets",
    "builder.sanitise",
)


def main() -> int:
    for name in WARM:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    order = json.loads(line)
    os.environ.update(order["env"])
    from mkdocs.__main__ import cli

    cli.main(args=order["args"], prog_name="mkdocs")  # exits with MkDocs' own status
    return 0


if __name__ == "__main__":
    sys.exit(main())
