"""Write: the only code that writes generated files."""

from builder.write.writer import WriteError, Writer, link_tree, replace_dir

__all__ = ["WriteError", "Writer", "link_tree", "replace_dir"]
