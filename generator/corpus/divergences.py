"""Where accounts differ, and what kind of difference it is.

Nothing here picks a winner. For each field that two or more accounts of one event
(or two or more values of one indicator) give differently, a `Difference` lists every
version, as the value the briefings give with the briefings that give it, and a class:

- `contradiction`: the versions cannot all be true (two days for a held event, disjoint
  periods, participant lists neither of which contains the other, `held` against
  `cancelled`, a status going backwards in publication order, two exact values of one
  indicator at one date, value ranges that do not meet);
- `precision`: compatible at different precision (a month and a day in it, "about 13
  million" and "more than 12 million");
- `time`: each true at its own date (statuses in publication order, values given for
  different dates, a planned date against a later one);
- `containment`: one place inside the other (through the places registry);
- `subset`: one account lists fewer participants;
- `wording`: the same value in other words;
- `not-comparable`: free text (outcomes, unregistered places), other units, a quantity the article gives in
  words (« des centaines ») against a number or other words: shown side by side, never judged.

A field's class is the most serious one among its pairs of versions (`CLASSES`, in that order). How a class or a
value is said in French is the site's business, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ..reading.dates import PartialDate
from ..reading.models import Briefing, Figure
from ..reading.names import name_key
from .date_spans import date_span, month_part
from .figure_pairs import classify_by_span, figure_class
from .index import CorpusIndex, EventRecord, FigureEntry, briefing_sort_key

CLASSES = ("contradiction", "not-comparable", "time", "precision", "containment", "subset", "wording")
"""Most serious first: a field takes the first class any pair of its versions has. A pair no rule can
compare outranks the compatible ones: one unknown place among three makes the field uncertain."""
NUANCES = frozenset({"time", "precision", "containment", "subset", "wording"})
FREE_TEXT = frozenset({"outcome"})
"""Fields whose versions are only ever shown side by side, in the accounts."""


@dataclass(frozen=True)
class Version:
    """One value of a field, with every briefing that gives it."""

    value: Any
    briefings: tuple[Briefing, ...]
    part: str | None = None
    """For a date known to the month: the third of it the article's wording names (`debut`, `mi`, `fin`)."""


@dataclass(frozen=True)
class Difference:
    subject: str
    """The event id or the indicator id."""
    subject_kind: str
    """`event` or `figure`."""
    field: str
    cls: str
    versions: tuple[Version, ...]
    contradicting: frozenset[int] = frozenset()
    """For a contradiction: the versions that take part in a contradicting pair (the others only differ in
    precision or time from them, and are left out of the warning box)."""

    @property
    def is_contradiction(self) -> bool:
        return self.cls == "contradiction"

    @property
    def is_nuance(self) -> bool:
        """Not a contradiction, yet worth showing apart from the accounts: compatible versions, and the
        places and units no rule can compare (never flagged, never hidden)."""
        return self.cls in NUANCES or (self.cls == "not-comparable" and self.field not in FREE_TEXT)


def event_differences(index: CorpusIndex, record: EventRecord) -> list[Difference]:
    """Every field that two or more accounts of the event give differently (an absent value is no difference).
    Worked out once per index (the pages and the exports both ask); the list is shared: never change it."""
    key = ("event", record.id)
    found = index._differences.get(key)
    if found is None or index.events.get(record.id) is not record:
        found = index._differences[key] = _event_differences(index, record)
    return found


def _event_differences(index: CorpusIndex, record: EventRecord) -> list[Difference]:
    accounts = record.accounts
    if len(accounts) < 2:
        return []
    out: list[Difference] = []

    def add(field: str, versions: tuple[Version, ...], pair_class: Any) -> None:
        if len(versions) > 1:
            cls, contradicting = _classify(versions, pair_class)
            out.append(Difference(record.id, "event", field, cls, versions, contradicting))

    dated = [(_date_version(a.event.date, a.event.date_text), a) for a in accounts]
    dates = _versions([(key, a.event.date, a.briefing, key.rsplit("|", 1)[1] if key else None) for key, a in dated])
    # A version is about the event as held when one of its accounts says so (or gives no status).
    held = {key for key, a in dated if key and a.event.status in (None, "held")}
    add("date", dates, lambda x, y: _date_class(x, y, _date_version_of(x) in held and _date_version_of(y) in held))
    add("place", _versions([(_key(a.event.place), a.event.place, a.briefing, None) for a in accounts]),
        lambda x, y: _place_class(index, x.value, y.value))
    # Durations and outcomes are the analyst's or the article's free text: shown side by side, never judged.
    add("duration", _versions([(_key(a.event.duration), a.event.duration, a.briefing, None) for a in accounts]),
        lambda x, y: "not-comparable")
    add("outcome", _versions([(_key(a.event.outcome), a.event.outcome, a.briefing, None) for a in accounts]),
        lambda x, y: "not-comparable")
    statuses = _versions([(a.event.status, a.event.status, a.briefing, None) for a in accounts])
    if len(statuses) > 1:
        cls = status_class([(a.briefing, a.event.status) for a in accounts if a.event.status])
        out.append(Difference(record.id, "event", "status", cls, statuses,
                              frozenset(range(len(statuses))) if cls == "contradiction" else frozenset()))
    people = _versions([
        (" + ".join(sorted({index.resolve(p) for p in a.event.participants})) or None,
         tuple(dict.fromkeys(index.resolve(p) for p in a.event.participants)), a.briefing, None)
        for a in accounts])
    add("participants", people, lambda x, y: participants_class(set(x.value), set(y.value)))
    return out


def figure_differences(indicator: str, entries: list[FigureEntry]) -> list[Difference]:
    """The values of one indicator, when two or more sources give different ones."""
    versions = _versions([(_figure_key(e.figure, e.briefing), e.figure, e.briefing, None) for e in entries])
    if len(versions) < 2:
        return []
    cls, contradicting = _classify_figures(versions)
    return [Difference(indicator, "figure", "value", cls, versions, contradicting)]


def _classify_figures(versions: tuple[Version, ...]) -> tuple[str, frozenset[int]]:
    """`_classify` with `figure_class`, comparing one by one only the values whose dates nest (figure_pairs.py)."""
    whens = [_when(v) for v in versions]
    found, contradicting = classify_by_span(
        whens, [v.value.unit or "" for v in versions],
        lambda i, j: figure_class(versions[i].value, versions[j].value, whens[i], whens[j]))
    return _worst(found), contradicting


def _when(v: Version) -> PartialDate | None:
    """The date a figure describes: its `as_of`, else the publication date of the first article giving it."""
    return v.value.as_of or v.briefings[0].source.published


def indicator_differences(index: CorpusIndex, indicator: str) -> list[Difference]:
    """`figure_differences` of one indicator of the index, worked out once per index (a shared list)."""
    key = ("figure", indicator)
    found = index._differences.get(key)
    if found is None:
        found = index._differences[key] = figure_differences(indicator, index.figures[indicator])
    return found


def all_differences(index: CorpusIndex) -> list[Difference]:
    """Every difference on the site, events first, in a stable order: the rows the exports publish."""
    out = [d for event_id in sorted(index.events) for d in event_differences(index, index.events[event_id])]
    out += [d for indicator in sorted(index.figures) for d in indicator_differences(index, indicator)]
    return out


def _classify(versions: tuple[Version, ...], pair_class: Any) -> tuple[str, frozenset[int]]:
    """The field's class (the most serious of its pairs') and the versions in contradicting pairs."""
    classes = {}
    for i, j in combinations(range(len(versions)), 2):
        classes[(i, j)] = pair_class(versions[i], versions[j])
    contradicting = frozenset(k for pair, cls in classes.items() if cls == "contradiction" for k in pair)
    return _worst(classes.values()), contradicting


# --- dates -------------------------------------------------------------------------------------

def _date_version(value: PartialDate | None, wording: str | None) -> str | None:
    """Dates are the same version when they cover the same days: « début août » is not « août »."""
    if value is None:
        return None
    return f"{value.iso()}|{month_part(value, wording) or ''}"


def _date_version_of(v: Version) -> str:
    return f"{v.value.iso()}|{v.part or ''}"


def _date_class(x: Version, y: Version, held: bool) -> str:
    (a0, a1), (b0, b1) = date_span(x.value, x.part), date_span(y.value, y.part)
    if a1 < b0 or b1 < a0:
        # Disjoint: two days for a held event cannot both be true; a plan may move.
        return "contradiction" if held else "time"
    return "precision"


# --- places, durations -------------------------------------------------------------------------

def _place_class(index: CorpusIndex, a: str, b: str) -> str:
    pa, pb = index.places.resolve(a), index.places.resolve(b)
    if pa is None or pb is None:
        return "wording" if _core(a) == _core(b) else "not-comparable"
    if pa == pb:
        return "wording"
    if index.places.contains(pa, pb) or index.places.contains(pb, pa):
        return "containment"
    return "contradiction"


def _core(place: str) -> str:
    """A place without what follows a comma or sits in brackets: « Anchorage (Alaska) » → « anchorage »."""
    return name_key(re.split(r"[,(]", place, maxsplit=1)[0])


# --- statuses ----------------------------------------------------------------------------------

_STAGE = {"proposed": 0, "planned": 1, "postponed": 1, "held": 2, "cancelled": 2}


def status_class(told: list[tuple[Briefing, str]]) -> str:
    """Statuses in publication order. `held` against `cancelled`, or a status going back (held in an
    earlier article, planned in a later one), cannot both be true; a plan that then happens, is
    postponed or is cancelled is a change in time."""
    if {"held", "cancelled"} <= {status for _, status in told}:
        return "contradiction"
    dated = sorted(((b.source.published, status) for b, status in told if b.source.published),
                   key=lambda item: item[0].sort_key)
    for (earlier, before), (later, after) in combinations(dated, 2):
        if _STAGE[after] < _STAGE[before] and earlier.sort_key[: _depth(earlier, later)] < later.sort_key[: _depth(earlier, later)]:
            return "contradiction"
    return "time"


def _depth(a: PartialDate, b: PartialDate) -> int:
    """Compare two publication dates only as precisely as both are known."""
    return min(3 if a.day else 2 if a.month else 1, 3 if b.day else 2 if b.month else 1)


# --- participants ------------------------------------------------------------------------------

def participants_class(a: set[str], b: set[str]) -> str:
    if a == b:
        return "wording"
    if a <= b or b <= a:
        return "subset"
    return "contradiction"


# --- figures -----------------------------------------------------------------------------------

def _figure_key(f: Figure, briefing: Briefing) -> str:
    """One version per value, qualifier, unit and date described (a missing `as_of` is the article's date)."""
    when = f.as_of or briefing.source.published
    amount = repr(float(f.value)) if f.value is not None else f"« {_key(f.amount_text)} »"
    return f"{amount}|{f.qualifier or 'exact'}|{f.unit or ''}|{when.iso() if when else ''}"


# --- shared ------------------------------------------------------------------------------------

def _versions(rows: list[tuple[str | None, Any, Briefing, str | None]]) -> tuple[Version, ...]:
    """Group briefings by the key of what they say, in publication order; rows with no value are left out."""
    groups: dict[str, tuple[Any, str | None, list[Briefing]]] = {}
    for key, value, briefing, part in sorted(rows, key=lambda r: briefing_sort_key(r[2])):
        if key is None:
            continue
        groups.setdefault(key, (value, part or None, []))[2].append(briefing)
    return tuple(Version(value, tuple(bs), part) for value, part, bs in groups.values())


def _worst(classes: Any) -> str:
    found = set(classes)
    return next(c for c in CLASSES if c in found)


def _key(value: str | None) -> str | None:
    return (name_key(value) or value) if value else None
