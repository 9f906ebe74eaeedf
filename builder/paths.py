"""Every path the builder reads or writes, in one place. Imports nothing from the package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """Where one build reads its content and writes its output."""

    root: Path = ROOT

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def docs(self) -> Path:
        """The generated Markdown tree MkDocs renders (docs_dir in mkdocs.yml)."""
        return self.build / "docs"

    @property
    def cache(self) -> Path:
        """What builds keep for the next: documents and charts, compiled builder templates."""
        return self.build / "cache"

    @property
    def converted(self) -> Path:
        """Each page's converted Markdown, kept by overrides/hooks/converted.py."""
        return self.cache / "pages"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    def display(self, path: Path) -> str:
        """A path as editors see it in messages: relative to the project root when inside it."""
        # Symbolic links are not followed: a link inside content/ is named where it is. Only
        # a path outside the root as written is resolved (a system call per part of it).
        inside, root = path.absolute(), self.root.absolute()
        if not inside.is_relative_to(root):
            inside, root = path.resolve(), self.root.resolve()
        return (
            inside.relative_to(root).as_posix() if inside.is_relative_to(root) else path.as_posix()
        )
