"""Differences between accounts, in the reader's words: contradictions for the warning boxes,
every other difference for the folded « Nuances entre récits » blocks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..corpus.divergences import Difference, event_differences, indicator_differences
from ..corpus.index import CorpusIndex, EventRecord
from ..reading.models import Briefing
from . import marks, wording
from .markup import Md


@dataclass(frozen=True)
class VersionView:
    shown: str
    briefings: tuple[Briefing, ...]
    sources: tuple[tuple[Briefing, Md], ...] = ()
    """Each briefing giving the version, with the marks of its own item (its basis, `tribune`)."""


@dataclass(frozen=True)
class DifferenceView:
    label: str
    """The field, in French."""
    note: str
    """What kind of difference it is, in French."""
    cls: str
    versions: tuple[VersionView, ...]
    older: int = 0
    """Versions left out of the line, older than those shown (`recent`): an indicator's table lists them all."""


VERSIONS_SHOWN = 12
"""At most this many versions of an indicator's values in one divergence line, the most recent: an indicator
given at many dates would otherwise make one line, and its page, grow with the corpus."""


def recent(view: DifferenceView | None, limit: int = VERSIONS_SHOWN) -> DifferenceView | None:
    """The view with its `limit` most recent versions (versions are in publication order) and the count of the rest."""
    if view is None or len(view.versions) <= limit:
        return view
    return replace(view, versions=view.versions[-limit:], older=view.older + len(view.versions) - limit)


def difference_view(index: CorpusIndex, d: Difference) -> DifferenceView:
    vague = d.field == "value" and any(v.value.value is None for v in d.versions)
    note = wording.difference_note(d.field, d.cls, vague)
    # A contradiction box lists the versions that contradict one another; a version only less precise
    # than them, or true at another date, stays in the accounts.
    versions = [v for i, v in enumerate(d.versions) if d.cls != "contradiction" or i in d.contradicting]
    items = _items(index, d)
    kind = "figure" if d.subject_kind == "figure" else "event"
    return DifferenceView(wording.DIVERGENCE_FIELDS.get(d.field, d.field), note, d.cls,
                          tuple(VersionView(shown(index, d.field, v.value, v.part), v.briefings,
                                            tuple((b, marks.item(kind, items[b.id], b)) for b in v.briefings))
                                for v in versions))


def _items(index: CorpusIndex, d: Difference) -> dict[str, Any]:
    """Briefing id → that briefing's own item behind the difference (its account of the event, its figure)."""
    if d.subject_kind == "figure":
        out: dict[str, Any] = {}
        for e in index.figures[d.subject]:
            out.setdefault(e.briefing.id, e.figure)
        return out
    return {a.briefing.id: a.event for a in index.events[d.subject].accounts}


def split(index: CorpusIndex, differences: list[Difference]) -> tuple[list[DifferenceView], list[DifferenceView]]:
    """(contradictions, nuances). Outcomes are in neither: the accounts show them side by side."""
    return ([difference_view(index, d) for d in differences if d.is_contradiction],
            [difference_view(index, d) for d in differences if d.is_nuance])


def shown(index: CorpusIndex, field: str, value: Any, part: str | None = None) -> str:
    """A version's value as the site shows it (and as the exports publish it): the site's reading of it,
    never one article's wording put in another's mouth (each account's own wording is in the accounts)."""
    if field == "date":
        return wording.date_text(value, part)
    if field == "status":
        return wording.STATUS_LABELS.get(value, value)
    if field == "participants":
        return ", ".join(index.actors[actor_id].name if actor_id in index.actors else actor_id for actor_id in value)
    if field == "value":
        return wording.figure_text(value) + (f" ({wording.as_of_text(value.as_of)})" if value.as_of else "")
    return value


# A live preview's rebuild works out only the differences of the events and indicators a changed briefing tells of:
# the others come from the page memo (site/page_memo.py), made from the very same briefings' objects last build.

def event_split(index: CorpusIndex, record: EventRecord, memo: Any = None, places: str = "") -> tuple[list, list]:
    """`split` of the event's differences; with a preview's `memo`, last build's when its accounts are the same
    objects and what they are compared by reads the same: the participants' actors and names, and the places
    registry (`places`, `places_key`)."""
    def make() -> tuple[list, list]:
        return split(index, event_differences(index, record))
    if memo is None:
        return make()
    actors = tuple(index.resolve(p) for a in record.accounts for p in a.event.participants)
    names = tuple(index.actors[i].name if i in index.actors else None for i in actors)
    return memo.made(("event-differences", record.id, actors, names, places),
                     tuple(x for a in record.accounts for x in (a.event, a.briefing)), make)


def indicator_split(index: CorpusIndex, indicator: str, memo: Any = None) -> tuple[list, list]:
    """`split` of the indicator's differences; with a preview's `memo`, last build's when its figures are the
    same objects, of the same briefings, in the same order."""
    def make() -> tuple[list, list]:
        return split(index, indicator_differences(index, indicator))
    if memo is None:
        return make()
    return memo.made(("indicator-differences", indicator),
                     tuple(x for e in index.figures[indicator] for x in (e.figure, e.briefing)), make)


def places_key(index: CorpusIndex) -> str:
    """The places registry as event differences read it (which place a wording names, which holds which)."""
    places = index.places
    return repr((sorted(places.names.items()), sorted(places.within.items()), sorted(places._keys.items())))
