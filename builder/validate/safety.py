"""Safety of editors' content: HTML the sanitiser would remove (anything that could run code
or fetch from other hosts), control characters, includes, and details that could identify a
child, family or practitioner. All are content errors with the file, line and the text found."""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from builder import sanitise
from builder.load import Loaded, Record
from builder.problems import Problem

# --- Characters no text field needs: C0/C1 controls (tab and newline aside), bidirectional
# overrides (which make text read differently from what it is), and the BOM inside a text.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")

# --- Details that could identify someone ----------------------------------------------------
IDENTIFYING = [
    (
        re.compile(
            r"\b(?:born(?: on)?|date of birth|d\.o\.b\.?|dob)\b[:\s]*[^.\n]{0,25}?\d{1,4}"
            r"(?:[/.-]\d{1,2}[/.-]\d{2,4}|\s+\w+\s+\d{4})?",
            re.I,
        ),
        "a date of birth",
    ),
    # In any case: 'sw1a 1aa' identifies a street as well as 'SW1A 1AA' does.
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I), "a full postcode"),
    # National Insurance numbers, prefix letters in any combination (QQ is the usual example).
    (
        re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.I),
        "a National Insurance number",
    ),
    # A named school or nursery with a place: '(St Anne's) Primary School in Barnsley'.
    (
        re.compile(
            r"\b((?:[A-Z][\w'’.-]*\s+){1,4})(?:Primary|Secondary|Infant|Junior|High|Grammar|"
            r"Community|Church|Special|Free)?\s*(?:School|Academy|Nursery|Pre-?school|College|"
            r"Children's Centre)\b(?:,\s*|\s+(?:in|at|near|of)\s+)[A-Z][a-z]+"
        ),
        "a named school or nursery and its place",
    ),
    (
        re.compile(r"(?<![\w/-])(?:\+44\s?\(?0?\)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b"),
        "a phone number",
    ),
    (re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"), "an email address"),
    (
        re.compile(
            r"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Road|Rd|Avenue|Ave|"
            r"Lane|Close|Drive|Way|Crescent|Court|Gardens|Place|Terrace|Grove|Hill|Mews)"
            r"\b"
        ),
        "a street address",
    ),
    (re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+[A-Z][a-z'-]+"), "a personal name"),
]
# Ten digits that pass the NHS number's modulus-11 check (checked in _nhs_number).
NHS_NUMBER = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
# Words that make a school's name generic ('the Primary School in Leeds' names no school).
GENERIC = {"The", "A", "An", "This", "That", "Each", "Every", "Any", "Local", "Their", "His"}
GENERIC |= {"Her", "Our", "Your", "Its", "One", "Another", "Primary", "Secondary", "Special"}

# "<given name> <Capitalised word>" reads as a person's name. Given names: the list kept here
# (names common in England) and the first names Faker (a maintained data package) holds for
# the languages most spoken in England, a few thousand names.
GIVEN_NAMES_FILE = Path(__file__).parent.parent / "data" / "given-names.txt"
NAME_LOCALES = (
    *("en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "en_KE", "yo_NG", "ig_NG"),
    *("tw_GH", "pl_PL", "ro_RO", "pt_PT", "lt_LT", "it_IT", "es_ES", "fr_FR", "de_DE", "tr_TR"),
)
# A first name and a surname; a double-barrelled part (Labinjo-Hughes) is one name.
NAME_PAIR = re.compile(
    r"\b([A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*)(?=\s+([A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*))"
)


@cache
def given_names() -> frozenset[str]:
    names = {
        line.strip()
        for line in GIVEN_NAMES_FILE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            names.update(
                name
                for name in getattr(provider, attribute, ())
                if isinstance(name, str) and len(name) > 2 and name.isalpha() and name.istitle()
            )
    return frozenset(names)


# Files whose job is to name real authors and organisations.
NAMES_ALLOWED_IN = ("content/references.yaml",)


@dataclass(frozen=True)
class Text:
    path: str
    line: int
    field: str
    value: str


def texts(record: Record) -> Iterator[Text]:
    """Every string a record holds, with the line it starts on."""
    if record.body is not None:
        yield Text(record.path, record.body_line, "body", record.body)

    def walk(value: Any, loc: tuple[str | int, ...]) -> Iterator[Text]:
        if isinstance(value, str) and loc != ("body",):
            line = record.lines.line_for(loc)
            yield Text(record.path, line + (1 if "\n" in value.strip() else 0), _field(loc), value)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*loc, str(key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*loc, index))

    yield from walk(record.data, ())


def _field(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def check_safety(loaded: Loaded, allowed_names: set[str]) -> Iterator[Problem]:
    seen: set[tuple[str, int, str]] = set()
    for record in loaded.records:
        for text in texts(record):
            for problem in _scan(text, allowed_names):
                key = (problem.path, problem.line, problem.message)
                if key not in seen:
                    seen.add(key)
                    yield problem


def _scan(text: Text, allowed_names: set[str]) -> Iterator[Problem]:
    yield from _markup(text)
    # Most texts can match almost nothing: a few cheap tests (a digit? an '@'? two capitalised
    # words in a row?) decide which patterns are worth running at all (5,000 items).
    present = _present(text.value)
    if not present:
        return
    patterns = [(p, what) for p, what in IDENTIFYING if NEEDS[what] in present]
    for offset, line in enumerate(text.value.splitlines() or [text.value]):
        at = text.line + offset
        for pattern, what in patterns:
            for match in pattern.finditer(line):
                if what.startswith("a named school") and not set(match[1].split()) - GENERIC:
                    continue
                yield from _identifying(text, at, match.group(0), what, allowed_names)
        if "digit" in present:
            for match in NHS_NUMBER.finditer(line):
                if _nhs_check_digit_ok("".join(match.groups())):
                    found = match.group(0)
                    yield from _identifying(text, at, found, "an NHS number", allowed_names)
        if "names" in present and text.path not in NAMES_ALLOWED_IN:
            names = given_names()
            for match in NAME_PAIR.finditer(line):
                if match[1] in names:
                    found = f"{match[1]} {match[2]}"
                    yield from _identifying(text, at, found, "a personal name", allowed_names)


# What each pattern cannot match without (see _present).
NEEDS = {
    "a date of birth": "birth",
    "a full postcode": "digit",
    "a National Insurance number": "digit",
    "a named school or nursery and its place": "school",
    "a phone number": "digit",
    "an email address": "@",
    "a street address": "digit",
    "a personal name": "title",
}
_DIGIT = re.compile(r"\d")
_CAPITALISED_PAIR = re.compile(r"[A-Z][a-z'’-]+\s+[A-Z]")


def _present(value: str) -> set[str]:
    present = set()
    if _DIGIT.search(value):
        present.add("digit")
        lower = value.lower()
        if "born" in lower or "birth" in lower or "dob" in lower or "d.o.b" in lower:
            present.add("birth")
    else:
        lower = value.lower()
    if "@" in value:
        present.add("@")
    if any(word in lower for word in ("school", "academy", "nursery", "college", "centre")):
        present.add("school")
    if _CAPITALISED_PAIR.search(value):
        present.add("names")
    if any(title in value for title in ("Mr", "Ms", "Miss", "Mx", "Dr", "Master")):
        present.add("title")
    return present


def _nhs_check_digit_ok(digits: str) -> bool:
    """The NHS number's modulus-11 check: weights 10 to 2 on the first nine digits."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return check != 10 and (check % 11) == int(digits[9])


def _identifying(
    text: Text, line: int, found: str, what: str, allowed: set[str]
) -> Iterator[Problem]:
    if what == "a personal name" and (found in allowed or text.path in NAMES_ALLOWED_IN):
        return
    yield Problem(
        text.path,
        line,
        text.field,
        f"'{found.strip()}' looks like {what}; content must not identify anyone: "
        "remove it (or, for an author or organisation, add it to "
        "content/allowlist.yaml)",
    )


def _markup(text: Text) -> Iterator[Problem]:
    """What the sanitiser would remove, control characters, and snippet includes."""
    for match in CONTROL.finditer(text.value):
        yield Problem(
            text.path,
            _line_of(text, match.start()),
            text.field,
            f"contains the control character U+{ord(match.group()):04X}, which no text needs; "
            "delete it (retype the text around it if you cannot see it)",
        )
    for match in sanitise.SNIPPET.finditer(text.value) if "8<" in text.value else ():
        yield Problem(
            text.path,
            _line_of(text, match.start()),
            text.field,
            f"'{match.group()}' (a snippet include) is not available in content; copy the text "
            "in, or link to the page that has it",
        )
    for item in sanitise.removed(text.value):
        yield Problem(text.path, _needle_line(text, item.needle), text.field, item.message)


def _needle_line(text: Text, needle: str) -> int:
    """The line of what was removed: found as written, or entity-encoded; else the first line
    with text on it."""
    for source in (text.value, html.unescape(text.value)):
        at = source.lower().find(needle.lower()) if needle else -1
        if at >= 0:
            return text.line + source.count("\n", 0, at)
    return text.line + len(text.value) - len(text.value.lstrip("\n"))


def _line_of(text: Text, offset: int) -> int:
    return text.line + text.value.count("\n", 0, offset)
