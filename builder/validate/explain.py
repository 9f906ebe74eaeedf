"""Turn pydantic's validation errors into one plain sentence each that says how to fix it."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from builder.problems import did_you_mean, one_of


def field_name(loc: tuple[Any, ...]) -> str:
    """('audiences', 0) -> 'audiences[0]'; ('rounds', 1, 'opened') -> 'rounds[1].opened'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def explain(error: ErrorDetails, model: type[BaseModel]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = error["loc"]
    if kind == "missing":
        return "is required but missing; add it"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        return (
            f"is not a field here{did_you_mean(loc[-1], allowed)} (allowed: {', '.join(allowed)})"
        )
    if kind == "literal_error":
        expected = [c.strip().strip("'") for c in str(ctx.get("expected", "")).split(" or ")]
        expected = [e for part in expected for e in part.split(", ")]
        return one_of(value, [e.strip("'") for e in expected])
    if kind.startswith("date"):
        return f"'{value}' is not a valid date; write it as YYYY-MM-DD, e.g. 2026-11-28"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{value}' should be a whole number"
    if kind in ("string_type",):
        return f"should be text, not {_describe(value)}; put it in quotes if needed"
    if kind == "list_type":
        return f"should be a list like [a, b], not {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"should be a set of fields (name: value), not {_describe(value)}"
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in str(ctx.get("pattern", "")):
            return (
                f"'{value}' should be lower-case letters, digits and single hyphens, "
                f"e.g. '{_slugify(value)}'"
            )
        if str(ctx.get("pattern", "")).startswith("^https?://"):
            return (
                f"'{value}' should be a web address starting https:// (or http://), "
                "with no spaces, quotes or brackets"
            )
        return f"'{value}' is not in the expected form"
    if kind == "string_too_short":
        return "should not be empty"
    if kind == "string_too_long":
        return (
            f"should be at most {ctx.get('max_length')} characters "
            f"(it has {len(str(value))}); shorten it"
        )
    if kind == "too_short":
        return f"should have at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"should have at most {ctx.get('max_length')} item(s)"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        limit = ctx.get("ge", ctx.get("le"))
        return f"{value} should be {bound} {limit}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "bool_parsing":
        return f"'{value}' should be true or false"
    return f"{error['msg']} (got {_describe(value)})"


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the (sub)model at `loc`, for a 'did you mean'."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            break
        current = _inner_model(field.annotation)
    if hasattr(current, "model_fields"):
        # The model's own fields first, then inherited ones (dates); never those the builder
        # fills in itself.
        own = [n for n in getattr(current, "__annotations__", {}) if n in current.model_fields]
        names = own + [n for n in current.model_fields if n not in own]
        return [n for n in names if n not in ("id", "body") or current.__name__ == "Finding"]
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return f"'{value}'"


def _slugify(value: object) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "my-item"
