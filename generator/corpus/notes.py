"""What `check` tells an editor beyond errors: placeholders left in, and claims to dig into.

Placeholders (`TODO…`, as written by `briefings new` and `briefings draft`) are
warnings: a file with one is publishable but not finished. Unattributed figures
and events that only one briefing describes are notes: the site shows them as
such, and the editor may want a second source.
"""

from __future__ import annotations

from typing import Any

from .index import CorpusIndex
from ..reading.loader import Located
from ..reading.models import Briefing
from ..reading.problems import Problem, Severity

PLACEHOLDER = "TODO"


def editorial_notes(located: list[Located[Briefing]], index: CorpusIndex, *, notes: bool = True) -> list[Problem]:
    """The placeholders left in, and unless `notes` is false, the notes (unattributed figures, single-source events)."""
    out: list[Problem] = []
    for lb in located:
        if lb.doc.may_hold(PLACEHOLDER):  # most files are finished: their values are not walked
            out.extend(_placeholders(lb, lb.doc.data, ()))
        if not notes:
            continue
        for i, figure in enumerate(lb.model.figures):
            if not figure.attributed_to:
                out.append(_note(lb, ("figures", i), f"figure '{figure.indicator}' has no attributed_to",
                                 "the site shows it as unattributed; add who produced it if the article says"))
        for i, event in enumerate(lb.model.events):
            record = index.events.get(event.id)
            if record is not None and len(record.accounts) == 1:
                out.append(_note(lb, ("events", i, "id"), f"event '{event.id}' is described by this briefing only",
                                 "a second source would let the site cross-check it"))
    return out


def _placeholders(lb: Located, value: Any, loc: tuple) -> list[Problem]:
    """Every string of the file's values that starts with the placeholder, in the file's order."""
    found: list[Problem] = []
    if type(value) is str or isinstance(value, str):
        _placeholder(lb, value, loc, found)
    elif isinstance(value, (dict, list)):
        _walk(lb, value, loc, found)
    return found


def _walk(lb: Located, value: dict | list, loc: tuple, found: list[Problem]) -> None:
    # A path is made only for a placeholder or a nested value, not for each of a file's thousands of strings.
    for key, item in (value.items() if type(value) is dict or isinstance(value, dict) else enumerate(value)):
        if type(item) is str:
            if PLACEHOLDER in item:
                _placeholder(lb, item, (*loc, key), found)
        elif isinstance(item, (dict, list)):
            _walk(lb, item, (*loc, key), found)
        elif isinstance(item, str):
            _placeholder(lb, item, (*loc, key), found)


def _placeholder(lb: Located, value: str, loc: tuple, found: list[Problem]) -> None:
    if value.lstrip().startswith(PLACEHOLDER):
        found.append(lb.problem(loc, f"placeholder left in: '{value[:60]}'", "replace it with the article's content",
                                warning=True))


def _note(lb: Located, loc: tuple, message: str, hint: str) -> Problem:
    problem = lb.problem(loc, message, hint, warning=True)
    return Problem(problem.path, problem.line, problem.col, problem.key_path, message, hint, Severity.NOTE)
