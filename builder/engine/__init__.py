"""Engine: MkDocs renders the docs tree into a stage (kept for incremental builds), then
Pagefind indexes it and the link check reads it."""

from builder.engine.mkdocs import EngineError, Runners, build_site, serve

__all__ = ["EngineError", "Runners", "build_site", "serve"]
