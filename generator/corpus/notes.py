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


def editorial_notes(located: list[Located[Briefing]], index: CorpusIndex) -> list[Problem]:
    out: list[Problem] = []
    for lb in located:
        out.extend(_placeholders(lb, lb.doc.data, ()))
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
    if isinstance(value, str):
        if value.lstrip().startswith(PLACEHOLDER):
            return [lb.problem(loc, f"placeholder left in: '{value[:60]}'", "replace it with the article's content",
                               warning=True)]
        return []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _placeholders(lb, v, (*loc, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _placeholders(lb, v, (*loc, i))]
    return []


def _note(lb: Located, loc: tuple, message: str, hint: str) -> Problem:
    problem = lb.problem(loc, message, hint, warning=True)
    return Problem(problem.path, problem.line, problem.col, problem.key_path, message, hint, Severity.NOTE)
