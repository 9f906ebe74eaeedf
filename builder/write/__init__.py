"""Write: the only code that writes generated files."""

from builder.write.writer import WriteError, Writer, link_tree, remove_files, replace_dir

__all__ = ["WriteError", "Writer", "link_tree", "remove_files", "replace_dir"]
