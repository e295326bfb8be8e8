"""A pydantic validation error as one positioned Problem, with a hint where one helps."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel

from .models import inner_model, is_model
from .problems import Problem, format_key_path
from .yamlread import Document, Loc


def problem_from_error(model: type[BaseModel], error: Any, doc: Document, shown: str, prefix: Loc) -> Problem:
    loc: Loc = (*prefix, *(p for p in error["loc"] if isinstance(p, (str, int)) and not _is_validator_tag(p)))
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _fields_at(model, loc[len(prefix):-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        line, col = doc.position(loc, key=True)
        return Problem(shown, line, col, format_key_path(loc[:-1]), f"unknown key '{key}'", hint)
    line, col = doc.position(loc)
    if kind == "missing":
        line, col = doc.position(loc[:-1])
        return Problem(shown, line, col, format_key_path(loc), "required", _missing_hint(str(loc[-1])))
    if kind == "briefing":
        return Problem(shown, line, col, format_key_path(loc), ctx["message"], ctx.get("hint", ""))
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        given = error.get("input")
        close = difflib.get_close_matches(str(given), choices, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"one of: {', '.join(choices)}"
        return Problem(shown, line, col, format_key_path(loc), f"'{given}' is not allowed here", hint)
    if kind in {"list_type", "dict_type", "model_type", "model_attributes_type"}:
        want = "a list" if kind == "list_type" else "a mapping of keys"
        return Problem(shown, line, col, format_key_path(loc), f"expected {want}, found {kind_of(error.get('input'))}")
    if kind == "string_type":
        return Problem(shown, line, col, format_key_path(loc), f"expected text, found {kind_of(error.get('input'))}")
    return Problem(shown, line, col, format_key_path(loc), error["msg"])


def _is_validator_tag(part: object) -> bool:
    return isinstance(part, str) and ("[" in part or part in {"function-after", "function-before"})


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed at `loc` inside `model`, following nested models and lists."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if is_model(current) else None
        if field is None:
            return []
        current = inner_model(field.annotation)
    return sorted(current.model_fields) if is_model(current) else []




def _missing_hint(key: str) -> str:
    if key in {"outlet", "published"}:
        return f"write `{key}: null` when the article does not say"
    return f"add `{key}:`"


def kind_of(value: Any, *, echo: bool = True) -> str:
    """What a value is; with `echo`, a short text is quoted."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the text '{value}'" if echo and len(str(value)) < 40 else "a text"
