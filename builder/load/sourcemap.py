"""Parse YAML, front matter and CSV into plain data plus a map from each field to its line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class LineMap:
    """Line numbers (1-based) of every key and list item, by their path in the document."""

    start: int
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_for(self, loc: Loc) -> int:
        """The line of the deepest known part of `loc` (a field missing from a mapping reports
        the mapping's line)."""
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.lines:
                return self.lines[loc[:n]]
        return self.start

    def sub(self, prefix: Loc) -> LineMap:
        """The map of one item inside the document, with paths relative to it."""
        n = len(prefix)
        inner = {loc[n:]: line for loc, line in self.lines.items() if loc[:n] == prefix}
        return LineMap(start=self.lines.get(prefix, self.start), lines=inner)


class SyntaxProblem(Exception):
    """The text is not valid YAML (or CSV); carries the line and a plain explanation."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2026-13-01) as text, so validation can say
    what is wrong with it instead of crashing."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same, on libyaml's C parser (about ten times faster on a large register)."""


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


# Bounds on what a content file may be. Editors write a few kilobytes a file, nested a few
# levels; these limits are far above that and far below what costs memory or a crash.
MAX_FILE_BYTES = 1_000_000  # the largest content file today is about 40 KB
MAX_DEPTH = 32  # content nests about 5 levels; libyaml's composer recurses (and can crash) deeper


def check_file(file: Path, root: Path) -> None:
    """A content file must be a real file inside content/ and of a reasonable size."""
    here = file
    while here != root and here != here.parent:
        if here.is_symlink():
            raise SyntaxProblem(
                1,
                f"'{here.name}' is a symbolic link; content must be real files inside content/ "
                "(copy the file in instead)",
            )
        here = here.parent
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SyntaxProblem(
            1,
            f"is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a content file may be; "
            "split it into smaller files",
        )


_REFUSED_TOKENS: dict[type, str] = {
    yaml.AnchorToken: "YAML anchors ('&name') are not allowed in content; write the value out",
    yaml.AliasToken: "YAML aliases ('*name') are not allowed in content; write the value out",
    yaml.TagToken: "YAML tags ('!!type') are not allowed in content; write the plain value",
}


def _bounded(loader_class: type[_Loader], text: str, first_line: int) -> None:
    """Refuse anchors, aliases and deep nesting before anything is composed (a few hundred
    bytes of nested aliases expand to gigabytes). Syntax errors are left to the parser."""
    try:
        loader = loader_class(text)
    except yaml.YAMLError:
        return  # an unreadable character: the parse reports it, with its line
    depth = 0
    try:
        while loader.check_token():
            token = loader.get_token()
            message = _REFUSED_TOKENS.get(type(token))
            if message is None and isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"nests deeper than {MAX_DEPTH} levels; content never needs that"
            elif isinstance(token, _CLOSING):
                depth -= 1
            if message:
                raise SyntaxProblem(first_line + token.start_mark.line, message)
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


_OPENING = (
    yaml.BlockSequenceStartToken,
    yaml.BlockMappingStartToken,
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def parse_yaml(text: str, first_line: int = 1) -> tuple[Any, LineMap]:
    """YAML text to (data, line map). `first_line` is the file line the text starts on."""
    _bounded(_FastLoader, text, first_line)
    try:
        return _parse(_FastLoader, text, first_line)
    except (yaml.YAMLError, SyntaxProblem):
        # Reparse with the pure-Python parser: its messages are the ones editors are shown.
        return _parse(_Loader, text, first_line)


def _parse(loader_class: type[_Loader], text: str, first_line: int) -> tuple[Any, LineMap]:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        line = first_line + text[: exc.position].count("\n")
        raise SyntaxProblem(
            line, f"contains a character YAML does not allow (code {exc.character:#x}); delete it"
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, LineMap(start=first_line)
        lines: dict[Loc, int] = {}
        _walk(node, (), lines, first_line)
        return loader.construct_document(node), LineMap(start=first_line, lines=lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        what = exc.problem or "invalid YAML"
        raise SyntaxProblem(
            line, f"YAML syntax error: {what}; check the indentation, colons and quotes here"
        ) from None
    except yaml.reader.ReaderError as exc:
        line = first_line + text[: exc.position].count("\n")
        raise SyntaxProblem(
            line, f"contains a character YAML does not allow (code {exc.character:#x}); delete it"
        ) from None
    except yaml.YAMLError as exc:
        raise SyntaxProblem(first_line, f"YAML syntax error: {exc}") from None
    finally:
        loader.dispose()


STR_TAG = "tag:yaml.org,2002:str"


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], first: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = first + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode):
                raise SyntaxProblem(
                    line, "a field name must be plain text (complex '? ...' keys are not allowed)"
                )
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SyntaxProblem(
                    line, "YAML merge keys ('<<') are not allowed in content; write the fields out"
                )
            if key_node.tag != "tag:yaml.org,2002:str":
                raise SyntaxProblem(
                    line,
                    f"the field name '{key_node.value}' is not text (a number, date, true/false "
                    "or empty); field names are words, e.g. 'title:'",
                )
            key = key_node.value
            if key in seen:
                raise SyntaxProblem(
                    line,
                    f"'{key}' appears twice in the same block (first on line {seen[key]}); "
                    "keep one and delete the other",
                )
            seen[key] = line
            lines[(*loc, key)] = line
            _walk(value_node, (*loc, key), lines, first)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = first + item.start_mark.line
            _walk(item, (*loc, index), lines, first)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Markdown with front matter to (front matter YAML, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise SyntaxProblem(
            1, "front matter missing: start the file with a line '---', the fields, then '---'"
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise SyntaxProblem(1, "front matter is not closed: add a line '---' after the last field")


def parse_front_matter(text: str) -> tuple[Any, LineMap, str, int]:
    """(front matter data, its line map, body, first line of the body)."""
    front, body, body_line = split_front_matter(text)
    data, lines = parse_yaml(front, first_line=2)
    return data, LineMap(start=1, lines=lines.lines), body, body_line


def parse_csv(text: str) -> list[tuple[int, dict[str, str]]]:
    """CSV text with a header to [(line, row)], each row at the line it starts on (a quoted cell
    may span lines); blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        reader.fieldnames  # noqa: B018 (reads the header, so line_num counts from it)
    except csv.Error as exc:
        raise SyntaxProblem(1, _csv_message(str(exc))) from None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise SyntaxProblem(start, _csv_message(str(exc))) from None
        # the row starts on the first non-blank line after the previous one
        while start < reader.line_num and not _line(text, start).strip():
            start += 1
        if None in row:
            raise SyntaxProblem(start, "this row has more cells than the header; check commas")
        rows.append((start, {k: v for k, v in row.items() if v is not None}))
    return rows


def _csv_message(error: str) -> str:
    if "unexpected end of data" in error or "EOF" in error:
        return "a quoted cell starts on this row and is never closed; add the closing '\"'"
    return f"CSV syntax error: {error}; check the quotes and commas on this row"


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""
