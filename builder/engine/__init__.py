"""Engine: MkDocs renders the docs tree into a stage (kept for incremental builds), then
Pagefind indexes it and the link check reads it."""

from builder.engine.mkdocs import EngineError, build_site, serve

__all__ = ["EngineError", "build_site", "serve"]
