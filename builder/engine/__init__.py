"""Engine: MkDocs renders the docs tree into a new folder, Pagefind indexes it and the link
check reads it; then it becomes site/ (the last good build, which the next build starts from)."""

from builder.engine.mkdocs import EngineError, Runners, build_site, serve

__all__ = ["EngineError", "Runners", "build_site", "serve"]
