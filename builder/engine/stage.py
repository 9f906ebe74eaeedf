"""The last good build (site/) and what every page of it depends on besides its own Markdown:
when that fingerprint is unchanged since site/ was built, MkDocs may re-render only the pages
whose Markdown changed (`--dirty`); otherwise it renders them all."""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import yaml

from builder.paths import Paths

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Builder code the MkDocs hooks import (overrides/hooks/sanitise.py cleans every page with
# builder.sanitise): a change to it changes every page, as a change to the hooks does.
HOOK_IMPORTS = (Path(__file__).resolve().parent.parent / "sanitise.py",)
# Front matter fields that show on other pages (navigation, footer links, tag chips).
SHARED_FIELDS = ("title", "tags")
STATE_FILE = "crl-stage.json"  # in build/, so it is never published


def recorded(paths: Paths) -> str | None:
    """The fingerprint site/ was last built from, if the build was complete."""
    path = paths.build / STATE_FILE
    if not paths.site.is_dir() or not path.is_file():
        return None
    return str(json.loads(path.read_text()).get("fingerprint"))


def forget(paths: Paths) -> None:
    (paths.build / STATE_FILE).unlink(missing_ok=True)


def record(paths: Paths, state: str) -> None:
    paths.build.mkdir(parents=True, exist_ok=True)
    (paths.build / STATE_FILE).write_text(json.dumps({"fingerprint": state}) + "\n")


def fingerprint(paths: Paths) -> str:
    """A digest of the engine and theme versions, mkdocs.yml, the theme overrides and the
    builder code their hooks import, the list of docs files and every page's title and tags."""
    digest = hashlib.sha256()
    digest.update(json.dumps([version("mkdocs"), version("mkdocs-material")]).encode())
    digest.update(paths.mkdocs_yml.read_bytes())
    overrides = paths.root / "overrides"
    for path in _files(overrides):
        digest.update(path.relative_to(overrides).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for path in HOOK_IMPORTS:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in _files(paths.docs):
        digest.update(path.relative_to(paths.docs).as_posix().encode() + b"\0")
        if path.suffix == ".md":
            digest.update(json.dumps(_shared_meta(path), sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _shared_meta(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    front = yaml.load(text[3:end], Loader=_Loader) if end > 0 else None
    if not isinstance(front, dict):
        return {}
    return {key: front.get(key) for key in SHARED_FIELDS}
