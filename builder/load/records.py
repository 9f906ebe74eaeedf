"""Read every file under content/ into records that remember their file and line."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.load.sourcemap import (
    LineMap,
    SyntaxProblem,
    check_file,
    parse_csv,
    parse_front_matter,
    parse_yaml,
)
from builder.paths import Paths
from builder.problems import Problem


@dataclass(frozen=True)
class Record:
    """The raw fields of one content item, before validation, and where each came from."""

    kind: str
    path: str
    data: Any
    lines: LineMap
    body: str | None = None
    body_line: int = 0

    @property
    def line(self) -> int:
        return self.lines.start


@dataclass(frozen=True)
class Kind:
    """How one content file maps to records: where it lives, how it is parsed, and which key
    holds its list of items (None: the whole document is one item)."""

    name: str
    pattern: str
    container: str | None = None
    single: str | None = None
    required: bool = True
    group: str = ""
    id_from_name: bool = False  # the item's id is its file name (without the extension)


# Every content file the builder knows. Each `name` matches a model in validate.MODELS.
KINDS: tuple[Kind, ...] = (
    Kind("audience", "audiences.yaml", container="audiences"),
    Kind("term", "glossary.yaml", container="terms"),
    Kind("report", "references.yaml", single="report"),
    Kind("reference", "references.yaml", container="references"),
    Kind("publication", "publications.yaml", container="publications", required=False),
    Kind("page", "pages/*.md", id_from_name=True),
    Kind("theme", "themes/*.md", id_from_name=True),
    Kind("briefing", "briefings/*.md", id_from_name=True),
    Kind("findings", "findings/*.yaml"),
    Kind("analysis", "analyses/*.yaml", id_from_name=True),
    Kind("series", "series/*.yaml", id_from_name=True),
    Kind("implication", "recommendations.yaml", container="implications", required=False),
    Kind("recommendation_type", "recommendation-types.yaml", container="types", required=False),
    Kind("thematic_topics", "thematic-topics.yaml", required=False),
    Kind("register", "register/*.yaml", id_from_name=True),
    Kind("factsheet", "factsheets/*.yaml", id_from_name=True),
    Kind("allowlist", "allowlist.yaml", required=False),
    Kind("newsletter", "newsletters/*.md", id_from_name=True),
    Kind("training", "training/*.yaml", id_from_name=True),
    Kind(
        "delphi_overview", "delphi/overview.md", required=False, group="delphi", id_from_name=True
    ),
    Kind("delphi_study", "delphi/study.yaml", required=False, group="delphi"),
    Kind(
        "delphi_section",
        "delphi/sections.yaml",
        container="sections",
        required=False,
        group="delphi",
    ),
    Kind("delphi_response", "delphi/responses.csv", required=False, group="delphi"),
    Kind("delphi_published", "delphi/published.csv", required=False, group="delphi"),
    Kind(
        "delphi_acknowledged", "delphi/acknowledged.yaml", container="differences", required=False
    ),
)
REQUIRED_FILES = ("pages/index.md",)


@dataclass
class Loaded:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    page_ids: list[str] = field(default_factory=list)  # every page file, even unreadable ones
    # Ids of items in files that could not be read, by kind: they exist, so a reference to one
    # is not reported again as unknown (the file's own error says what is wrong).
    unreadable: dict[str, set[str]] = field(default_factory=dict)

    def of(self, kind: str) -> list[Record]:
        return [r for r in self.records if r.kind == kind]


def load(paths: Paths) -> Loaded:
    """Every record in content/, and every problem met reading it (all of them, not the first)."""
    out = Loaded()
    root = paths.content
    known: set[Path] = set()
    groups_present: dict[str, list[str]] = {}
    for kind in KINDS:
        files = sorted(root.glob(kind.pattern))
        absent = root / kind.pattern
        if not files and kind.required and "*" not in kind.pattern and absent not in known:
            known.add(absent)  # two kinds in one file (references.yaml): report it once
            out.problems.append(
                Problem(paths.display(absent), 1, "", "file is missing; restore it")
            )
        for file in files:
            known.add(file)
            if kind.name == "page":
                out.page_ids.append("home" if file.stem == "index" else file.stem)
            if kind.name in ("theme", "newsletter", "briefing"):
                out.page_ids.append(f"{kind.name}-{file.stem}")
            if kind.group:
                groups_present.setdefault(kind.group, []).append(kind.pattern)
            try:
                check_file(file, root)  # no symbolic links, no oversized files
                out.records.extend(_records(kind, file, paths.display(file)))
            except SyntaxProblem as exc:
                out.unreadable.setdefault(kind.name, set()).add(_item_id(file))
                if not any(p.path == paths.display(file) for p in out.problems):
                    out.problems.append(Problem(paths.display(file), exc.line, "", exc.message))
    for required in REQUIRED_FILES:
        if not (root / required).exists():
            out.problems.append(
                Problem(paths.display(root / required), 1, "", "file is missing; restore it")
            )
    for group, present in groups_present.items():
        expected = {k.pattern for k in KINDS if k.group == group}
        for missing in sorted(expected - set(present)):
            for kind in KINDS:
                if kind.pattern == missing:
                    out.unreadable.setdefault(kind.name, set())
            out.problems.append(
                Problem(
                    paths.display(root / missing),
                    1,
                    "",
                    f"file is missing: the {group} data needs all of {', '.join(sorted(expected))}",
                )
            )
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        if file not in known and not file.name.startswith(".") and file.name != "README.md":
            out.problems.append(
                Problem(
                    paths.display(file),
                    1,
                    "",
                    "is not a kind of content the builder knows, so it would be left out of the "
                    f"site; {_where_it_goes(file.relative_to(root).as_posix())}",
                )
            )
    return out


def _where_it_goes(relative: str) -> str:
    """The nearest place a misplaced content file could be meant for."""
    folder, _, name = relative.rpartition("/")
    folders = sorted({k.pattern.rsplit("/", 1)[0] for k in KINDS if "/" in k.pattern})
    if folder:
        if folder in folders:
            kinds = [k.pattern for k in KINDS if k.pattern.startswith(folder + "/")]
            return f"content/{folder}/ holds only {' and '.join(kinds)}; rename the file to match"
        close = difflib.get_close_matches(folder, folders, n=1, cutoff=0.6)
        if close:
            return f"did you mean content/{close[0]}/? Move the file there"
        return f"move it into one of {_folders(folders)}"
    files = sorted({k.pattern for k in KINDS if "/" not in k.pattern})
    close = difflib.get_close_matches(name, files, n=1, cutoff=0.6)
    if close:
        return f"did you mean content/{close[0]}? Rename the file"
    return (
        f"content files go in {_folders(folders)}, or are one of "
        f"{', '.join(files)}; see CONTRIBUTING.md"
    )


def _folders(folders: list[str]) -> str:
    return ", ".join(f"content/{f}/" for f in folders)


def _records(kind: Kind, file: Path, shown: str) -> Iterator[Record]:
    text = _text(file.read_bytes())
    if file.suffix == ".md":
        data, lines, body, body_line = parse_front_matter(text)
        if not isinstance(data, dict):
            raise SyntaxProblem(2, "front matter should be fields like 'title: ...', one a line")
        data = {**_with_id(kind, file, data, lines), "body": body}
        yield Record(kind.name, shown, data, lines, body, body_line)
        return
    if file.suffix == ".csv":
        for line, row in parse_csv(text):
            yield Record(kind.name, shown, row, LineMap(start=line))
        return
    data, lines = parse_yaml(text)
    if kind.container is None and kind.single is None:
        if kind.id_from_name and isinstance(data, dict):
            data = _with_id(kind, file, data, lines)
        yield Record(kind.name, shown, data, lines)
        return
    if not isinstance(data, dict):
        raise SyntaxProblem(1, "should be a set of fields, e.g. 'terms:' followed by a list")
    key = kind.single or kind.container
    assert key is not None
    if key not in data:
        raise SyntaxProblem(1, f"{key}: is missing; add '{key}:' at the top level")
    if kind.single:
        yield Record(kind.name, shown, data[key], lines.sub((key,)))
        return
    items = data[key]
    if not isinstance(items, list):
        raise SyntaxProblem(lines.line_for((key,)), f"{key}: should be a list of items ('- ...')")
    for index, item in enumerate(items):
        yield Record(kind.name, shown, item, lines.sub((key, index)))


def _text(data: bytes) -> str:
    """UTF-8 text, with a leading byte-order mark (which some editors add) dropped; a byte that is
    not UTF-8 is reported at its own line."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SyntaxProblem(
            line,
            f"byte 0x{data[exc.start]:02x} on this line is not UTF-8 text (perhaps Latin-1 or "
            "Windows-1252 from a word processor); retype the character or save the file as UTF-8",
        ) from None


def _item_id(file: Path) -> str:
    return {"index": "home", "overview": "delphi"}.get(file.stem, file.stem)


def _with_id(kind: Kind, file: Path, data: dict[str, Any], lines: LineMap) -> dict[str, Any]:
    """The file name is the id (index.md is the home page, the Delphi overview is 'delphi')."""
    if not kind.id_from_name:
        return data
    if "id" in data:
        raise SyntaxProblem(
            lines.line_for(("id",)),
            "id: is taken from the file name; remove this field (rename the file instead)",
        )
    return {"id": _item_id(file), **data}
