"""`python -m builder local SETTINGS`: a partnership's own branded set of fact sheets (PDF and
DOCX) from the national content, without touching it."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from builder import pipeline
from builder.config import read_config
from builder.formats.cache import DocumentCache
from builder.load.sourcemap import SyntaxProblem, parse_yaml
from builder.models import LocalSettings
from builder.paths import Paths
from builder.problems import ContentError, Problem
from builder.render.context import Context
from builder.render.factsheets import Branding, documents
from builder.render.output import Output
from builder.validate.explain import explain, field_name
from builder.write import Writer


def read_settings(path: Path, paths: Paths) -> Branding:
    shown = paths.display(path)
    try:
        data, lines = parse_yaml(path.read_text(encoding="utf-8"))
    except SyntaxProblem as exc:
        raise ContentError([Problem(shown, exc.line, "", exc.message)]) from None
    except OSError as exc:
        raise ContentError([Problem(shown, 1, "", f"cannot be read: {exc.strerror}")]) from None
    try:
        settings = LocalSettings.model_validate(data)
    except ValidationError as exc:
        raise ContentError(
            [
                Problem(
                    shown,
                    lines.line_for(tuple(e["loc"])),
                    field_name(tuple(e["loc"])),
                    explain(e, LocalSettings),
                )
                for e in exc.errors()
            ]
        ) from None
    logo = None
    if settings.logo:
        logo_path = (path.parent / settings.logo).resolve()
        if not logo_path.is_file() or logo_path.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
            raise ContentError(
                [
                    Problem(
                        shown,
                        lines.line_for(("logo",)),
                        "logo",
                        f"'{settings.logo}' is not a PNG file next to this "
                        "settings file; give the path of a .png logo",
                    )
                ]
            )
        logo = logo_path.read_bytes()
    return Branding(
        settings.partnership,
        logo,
        settings.logo_alt,
        list(settings.contacts),
        str(settings.procedures) if settings.procedures else None,
    )


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def build_local(paths: Paths, settings: Path, out: Path | None = None) -> tuple[Path, int]:
    """Validate everything, render every fact sheet with the branding, then write them."""
    branding = read_settings(settings, paths)
    checked = pipeline.check(paths)
    cache = DocumentCache(paths.cache)
    ctx = Context(checked.site, checked.derived, read_config(paths.mkdocs_yml), cache)
    files = documents(ctx, branding)
    target = out or paths.build / "local" / slug(branding.name)
    outputs = [
        Output(path.removeprefix("factsheets/"), data, "content/factsheets/")
        for path, data in sorted(files.items())
    ]
    listing = "\n".join(f"- {o.path}" for o in outputs)
    outputs.append(
        Output(
            "README.md",
            f"# Fact sheets adapted for {branding.name}\n\n"
            f"Generated from the national content of {ctx.config.name} with "
            f"{paths.display(settings)}.\n\n{listing}\n",
            str(settings),
        )
    )
    Writer({"docs": target}).write(outputs)
    return target, len(outputs) - 1
