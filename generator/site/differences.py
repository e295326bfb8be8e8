"""Differences between accounts, in the reader's words: contradictions for the warning boxes,
every other difference for the folded « Nuances entre récits » blocks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..corpus.divergences import Difference
from ..corpus.index import CorpusIndex
from ..reading.models import Briefing
from . import wording


@dataclass(frozen=True)
class VersionView:
    shown: str
    briefings: tuple[Briefing, ...]


@dataclass(frozen=True)
class DifferenceView:
    label: str
    """The field, in French."""
    note: str
    """What kind of difference it is, in French."""
    cls: str
    versions: tuple[VersionView, ...]


def difference_view(index: CorpusIndex, d: Difference) -> DifferenceView:
    note = wording.UNPLACED if d.field == "place" and d.cls == "not-comparable" else wording.DIFFERENCE_CLASSES[d.cls]
    return DifferenceView(wording.DIVERGENCE_FIELDS.get(d.field, d.field), note, d.cls,
                          tuple(VersionView(shown(index, d.field, v.value, v.text), v.briefings) for v in d.versions))


def split(index: CorpusIndex, differences: list[Difference]) -> tuple[list[DifferenceView], list[DifferenceView]]:
    """(contradictions, nuances). Outcomes, free text that cannot be compared, are in neither: the accounts
    show them side by side. Places and durations no rule can compare are nuances, never flagged, never hidden."""
    views = [(d, difference_view(index, d)) for d in differences]
    return ([v for d, v in views if d.cls == "contradiction"],
            [v for d, v in views if d.cls in wording.NUANCE_CLASSES or (d.cls == "not-comparable" and d.field != "outcome")])


def shown(index: CorpusIndex, field: str, value: Any, text: str | None = None) -> str:
    """A version's value as the site shows it (and as the exports publish it)."""
    if field == "date":
        return wording.date_text(value) + (f" (« {text} »)" if text else "")
    if field == "status":
        return wording.STATUS_LABELS.get(value, value)
    if field == "participants":
        return ", ".join(index.actors[actor_id].name if actor_id in index.actors else actor_id for actor_id in value)
    if field == "value":
        return wording.figure_text(value)
    return value
