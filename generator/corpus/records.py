"""What the cross-source index holds: actors, events with their accounts, demands, figures, quotes.

Small value objects, built by :mod:`generator.corpus.index` and read by every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..reading.dates import PartialDate
from ..reading.models import Briefing, Demand, Event, Figure, Quote
from ..reading.names import name_key, slugify
from .places import Places
from .suggest import Suggester


@dataclass
class Actor:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    party: str | None = None
    role: str | None = None
    registered: bool = True
    page: bool = True
    """Whether the actor has a page of their own (every registered actor does; see
    `UNREGISTERED_PAGES_PER_BRIEFING` for the others). Without one, the name is shown as text."""


@dataclass(frozen=True)
class Account:
    """One briefing's telling of one event."""

    briefing: Briefing
    event: Event


@dataclass
class EventRecord:
    """Every account of one event. The merged facts below are worked out once, on first use, and
    pages ask for them for every link to the event: read them only from a complete index
    (as `build_index` returns it), never while accounts are still being added."""

    id: str
    accounts: list[Account] = field(default_factory=list)

    @cached_property
    def kind(self) -> str:
        return _most_common([a.event.kind for a in self.accounts])

    @cached_property
    def title(self) -> str:
        return _most_common([a.event.title for a in self.accounts])

    @cached_property
    def date(self) -> PartialDate | None:
        """The most precise date any account gives (the others are shown when they differ)."""
        dates = [a.event.date for a in self.accounts if a.event.date is not None]
        return max(dates, key=lambda d: (len(d.iso()), d)) if dates else None

    @cached_property
    def status(self) -> str | None:
        """The status in the most recently published account."""
        dated = sorted(self.accounts, key=lambda a: briefing_sort_key(a.briefing), reverse=True)
        for account in dated:
            if account.event.status:
                return account.event.status
        return None


@dataclass(frozen=True)
class DemandEntry:
    briefing: Briefing
    demand: Demand
    voiced_by: str | None


@dataclass(frozen=True)
class FigureEntry:
    briefing: Briefing
    figure: Figure


@dataclass(frozen=True)
class QuoteEntry:
    briefing: Briefing
    quote: Quote
    speaker: str


@dataclass
class CorpusIndex:
    briefings: list[Briefing]
    actors: dict[str, Actor]
    parties: dict[str, str]
    topics: dict[str, str]
    mentions: dict[str, list[tuple[Briefing, str | None]]]
    events: dict[str, EventRecord]
    children: dict[str, list[str]]
    demands: list[DemandEntry]
    figures: dict[str, list[FigureEntry]]
    quotes: list[QuoteEntry]
    statements: dict[str, list[QuoteEntry]]
    file_of: dict[str, str]
    quotes_by_speaker: dict[str, list[QuoteEntry]] = field(default_factory=dict)
    demands_by_voice: dict[str, list[DemandEntry]] = field(default_factory=dict)
    events_by_actor: dict[str, list[str]] = field(default_factory=dict)
    history_of: dict[str, str] = field(default_factory=dict)
    """Event id → the summit whose history it belongs to (itself, for a summit)."""
    places: Places = field(default_factory=Places)
    _keys: dict[str, str] = field(default_factory=dict, repr=False)
    _by_id: dict[str, Briefing] = field(default_factory=dict, repr=False)
    _unregistered: dict[str, str] = field(default_factory=dict, repr=False)
    """Key of a name missing from the registry (the name itself when it has no key) → its actor id."""
    _registry_files: dict[str, str] = field(default_factory=dict, repr=False)
    _suggest: dict[str, Suggester] = field(default_factory=dict, repr=False)
    _differences: dict[tuple[str, str], list] = field(default_factory=dict, repr=False)
    """What corpus/divergences.py found, by ("event" | "figure", id): the pages and the exports ask for it alike."""

    def resolve(self, name: str) -> str:
        """The actor id for any spelling of a name (an unregistered name gets its own id)."""
        key = name_key(name)
        return self._keys.get(key) or self._unregistered.get(key or name) or slugify(name)

    def briefing(self, briefing_id: str) -> Briefing:
        return self._by_id[briefing_id]


def briefing_sort_key(briefing: Briefing) -> tuple[tuple[int, int, int], str]:
    published = briefing.source.published
    return (published.sort_key if published else (0, 0, 0), briefing.id or "")


def _most_common(values: list[str]) -> str:
    """The most frequent value; on a tie, the one seen first (`max` keeps the first of equals,
    and the dict keeps first-seen order)."""
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.__getitem__)
