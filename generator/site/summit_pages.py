"""A summit's page, bounded: a summit many articles describe is cut like the other cross-source pages.

A summit's page lists every account of it (a row each, their notes, outcomes and the articles'
words) and, in each difference between the accounts, every source holding each version: it grows
with the corpus, and a summit told by hundreds of articles weighs megabytes. When the page would
list more than `slices.SUMMIT_ACCOUNTS_PER_PAGE` accounts (the summit's own and those of the events
of its history), it keeps its card, its strip, its status and its differences, lists the most recent
accounts in full, names at most `SOURCES_PER_VERSION` sources per version of a difference and per
event of its history, and links to the pages of its accounts, one per year (a year too long cut by
the calendar, slices.py): every account is on exactly one of them, each linked from the summit's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..corpus.index import CorpusIndex
from ..corpus.records import briefing_sort_key
from ..reading.dates import PartialDate
from . import slices, urls
from .cards import summit_card
from .markup import Md
from .page_order import date_key, render_page, render_page_from
from .render import Renderer
from .timeline_svg import timeline_svg

RECENT_ACCOUNTS = 20
"""Accounts a bounded summit page lists in full: the most recently published."""
SOURCES_PER_VERSION = 6
"""Sources a bounded summit page names for each version of a difference and each event of its history."""


@dataclass(frozen=True)
class SummitRow:
    """A summit as the summits' index lists it."""

    id: str
    title: str
    date: PartialDate | None
    status: str | None
    accounts: int
    related: int


def render_summit_pages(r: Renderer, index: CorpusIndex, events: dict[str, Any]) -> dict[str, str]:
    """A page per summit, its history (the events related to it) in it; and the summits' index."""
    pages = {}
    summits = sorted((e for e in events.values() if e.kind == "summit"), key=lambda e: (date_key(e.date), e.id))
    for s in summits:
        members = dict.fromkeys([s.id, *index.children.get(s.id, [])])  # each once, even an event related to itself
        history = sorted((events[m] for m in members if m in events), key=lambda e: (date_key(e.date), e.id))
        pages.update(render_summit(r, index, s, history, lambda history=history: Md(timeline_svg(
            history, lambda e: "#" + urls.event_anchor(e.id)))))
    # What the index shows of each summit, not the summits' whole views (a context is compared by value).
    rows = [SummitRow(s.id, s.title, s.date, s.status, len(s.accounts), len(index.children.get(s.id, ())))
            for s in summits]
    pages[urls.SUMMITS_INDEX] = render_page(r, index, "summits_index.md.j2", urls.SUMMITS_INDEX, summits=rows)
    return pages


def render_summit(r: Renderer, index: CorpusIndex, s: Any, history: list[Any],
                  strip: Callable[[], Md]) -> dict[str, str]:
    """The summit's page and, when it would list too many accounts, the pages of its accounts;
    `strip()` is its history as a timeline image."""
    page = urls.summit_page(s.id)

    def context() -> dict[str, Any]:
        return dict(s=s, divergences=s.divergences, nuances=s.nuances, history=history,
                    card=Md(summit_card(index, s, page)), strip=strip())
    if weight(s, history) <= slices.SUMMIT_ACCOUNTS_PER_PAGE:
        return {page: render_page_from(r, index, "summit.md.j2", page, lambda: sources(history), context)}
    groups = slices.cut(s.accounts, group_of=lambda a: f"{s.id}--recits", label_of=lambda _: f"{s.title} — récits",
                        order=str, date_of=lambda a: a.briefing.source.published, folder=urls.SUMMITS_DIR,
                        index=page, index_label=s.title, limit=slices.SUMMIT_ACCOUNTS_PER_PAGE)
    parts = slices.pages_of(groups)
    recent = {id(a) for a in sorted(s.accounts, key=lambda a: briefing_sort_key(a.briefing),
                                    reverse=True)[:RECENT_ACCOUNTS]}
    pages = {part.page: render_page(r, index, "summit_accounts.md.j2", part.page, s=s, slice=part,
                                    accounts=part.items) for part in parts}
    pages[page] = render_page(r, index, "summit.md.j2", page, **context(), cap=SOURCES_PER_VERSION,
                              shown_accounts=[a for a in s.accounts if id(a) in recent], parts=parts)
    return pages


def sources(history: list[Any]) -> tuple[tuple, tuple]:
    """The briefings a summit's page is made from (site/page_sources.py): every account of each event of its
    history (the summit's own among them); with those events' ids."""
    made_of: list = []
    for h in history:
        made_of.append(None)
        made_of.extend([a.briefing for a in h.accounts])
    return tuple(made_of), tuple(h.id for h in history)


def weight(s: Any, history: list[Any]) -> int:
    """How many accounts the summit's page would list: its own, and those of the events of its history."""
    return len(s.accounts) + sum(len(h.accounts) for h in history if h.id != s.id)
