"""What an actor page shows of an actor who appears in thousands of briefings: the most recent
items of each list, the roles most often given, and counts month by month."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable

from ..corpus.index import DemandEntry, QuoteEntry
from ..reading.dates import PartialDate
from ..reading.models import Briefing
from ..reading.names import name_key
from . import wording


def quote_date(q: QuoteEntry) -> PartialDate | None:
    return q.quote.date or q.briefing.source.published


def demand_date(d: DemandEntry) -> PartialDate | None:
    return d.demand.date or d.briefing.source.published


ACTOR_LIST_LIMIT = 20
"""An actor page lists at most this many mentions, quotes, demands or events. Beyond that (the
leaders of a large corpus appear in thousands of briefings) it shows the most recent ones, sums up
the rest — the roles most often given, counts month by month — and links to the pages that list
everything, so the page stays readable and its size does not grow with the corpus."""
ACTOR_ROLES_LIMIT = 10


@dataclass(frozen=True)
class Listing:
    """What an actor page shows of one list: all of it in its own order (`more` is 0), or the
    most recent items, newest first, and how many are left out."""

    shown: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.shown)


def listing(items: list, date_of: Callable[[Any], PartialDate | None], limit: int | None = None) -> Listing:
    limit = ACTOR_LIST_LIMIT if limit is None else limit  # read when called: a test may set it smaller
    if len(items) <= limit:
        return Listing(list(items), len(items))
    dated = sorted((x for x in items if date_of(x) is not None), key=lambda x: date_of(x).sort_key, reverse=True)
    undated = [x for x in items if date_of(x) is None]
    return Listing((dated + undated)[:limit], len(items))


def roles(mentions: list[tuple[Briefing, str | None]]) -> tuple[list[tuple[str | None, int]], int]:
    """The roles briefings give an actor, most frequent first (spellings that differ only by case or
    accents count as one), and how many other wordings there are."""
    groups: dict[str | None, list] = {}
    for _, role in mentions:
        group = groups.setdefault((name_key(role) or role) if role else None, [role, 0])
        group[1] += 1
    ordered = sorted(groups.values(), key=lambda g: -g[1])
    return [(role, count) for role, count in ordered[:ACTOR_ROLES_LIMIT]], max(0, len(ordered) - ACTOR_ROLES_LIMIT)


def activity(mentions: list[tuple[Briefing, str | None]], quotes: list[QuoteEntry],
              demands: list[DemandEntry]) -> list[tuple[str, int, int, int]]:
    """Briefings mentioning the actor, quotes and demands, counted by month, newest first."""
    counts: dict[tuple[int, int] | None, list[int]] = defaultdict(lambda: [0, 0, 0])
    for column, items, date_of in ((0, mentions, lambda m: m[0].source.published), (1, quotes, quote_date),
                                   (2, demands, demand_date)):
        for item in items:
            date = date_of(item)
            counts[(date.year, date.month or 0) if date else None][column] += 1
    rows = []
    for key in sorted((k for k in counts if k), reverse=True) + ([None] if None in counts else []):
        label = (wording.UNKNOWN_DATE_HEADING if key is None else wording.year_without_month(key[0]) if not key[1]
                 else wording.date_text(PartialDate(key[0], key[1])))
        rows.append((label, *counts[key]))
    return rows


def sources(index: Any, actor_id: str) -> tuple[tuple, tuple]:
    """The briefings an actor's page is made from (site/page_sources.py): those mentioning, quoting or voicing
    them, and every account of the events they take part in; with those events' ids."""
    sources: list = [m[0] for m in index.mentions.get(actor_id, ())]
    sources.append(None)  # each list apart: the same briefings in another list are another page
    sources.extend([q.briefing for q in index.quotes_by_speaker.get(actor_id, ())])
    sources.append(None)
    sources.extend([d.briefing for d in index.demands_by_voice.get(actor_id, ())])
    event_ids = tuple(index.events_by_actor.get(actor_id, ()))
    for e in event_ids:
        sources.append(None)
        sources.extend([a.briefing for a in index.events[e].accounts])
    return tuple(sources), event_ids
