"""Write: the only code that writes generated files."""

from builder.write.writer import WriteError, Writer, replace_dir

__all__ = ["WriteError", "Writer", "replace_dir"]
