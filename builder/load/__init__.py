"""Load: every file under content/ into records that remember their file and line."""

from builder.load.records import Kind, Loaded, Record, load

__all__ = ["Kind", "Loaded", "Record", "load"]
