"""The pages that list every event or every briefing — the timeline, the sources, the briefings —
cut by year once they pass a page's worth (slices.py): an index page links down to each year,
a year still too long is cut by quarter, then by month."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from ..corpus.index import CorpusIndex
from ..reading.dates import PartialDate
from . import slices, urls, wording
from .page_order import date_key, render_page, render_page_from
from .markup import Md
from .render import Renderer
from .timeline_svg import timeline_svg

UNDATED = "sans-date"
BRIEFINGS_BY_YEAR = "briefings-par-annee"  # not inside briefings/, where every name is a briefing's


def _year(date: PartialDate | None) -> str:
    return f"{date.year:04d}" if date else UNDATED


def _by_year(items: list, date_of: Callable[[Any], PartialDate | None], page: str, label: str, limit: int, *,
             folder: str | None = None, newest_first: bool = False,
             weight: Callable[[Any], int] = lambda _: 1) -> list[slices.Group]:
    def order(year: str) -> tuple[bool, int]:
        value = 0 if year == UNDATED else int(year)
        return (year == UNDATED, -value if newest_first else value)

    return slices.cut(items, group_of=lambda x: _year(date_of(x)),
                      label_of=lambda y: wording.UNKNOWN_DATE_HEADING if y == UNDATED else y, order=order,
                      date_of=date_of, folder=folder or page.removesuffix(".md"), index=page, index_label=label,
                      limit=limit, weight=weight, year_groups=True,
                      newest_first=newest_first)


def _index(r: Renderer, index: CorpusIndex, page: str, groups: list[slices.Group], **wording_: Any) -> str:
    return render_page(r, index, "slices_index.md.j2", page, groups=slices.outline(groups), total=sum(g.count for g in groups),
                       pages=len(slices.pages_of(groups)), group_noun="année", **wording_)


def timeline_groups(index: CorpusIndex, events: dict[str, Any], r: Renderer) -> list[slices.Group] | None:
    """The timeline's slices, or None when it is one page. Every link to an event's timeline entry
    then goes to the slice holding it."""
    if sum(map(_event_weight, events.values())) <= slices.TIMELINE_PER_PAGE:
        return None
    entries = sorted(events.values(), key=lambda e: (date_key(e.date), e.id))
    groups = _by_year(entries, lambda e: e.date, urls.TIMELINE, "Chronologie, par année", slices.TIMELINE_PER_PAGE,
                      weight=_event_weight)
    for s in slices.pages_of(groups):
        for e in s.items:
            r.moved[(urls.TIMELINE, urls.event_anchor(e.id))] = s.page
    return groups


def event_sources(events: list[Any]) -> tuple:
    """Events' views as the objects they are made of (site/page_sources.py): each account's briefing and event."""
    made_of: list = []
    for e in events:
        made_of.append(None)
        made_of.extend([x for a in e.accounts for x in (a.briefing, a.event)])
    return tuple(made_of)


def _event_weight(event: Any) -> int:
    """An entry's lines, about: its heading and a link to each briefing telling it."""
    return 1 + len(event.accounts)


def render_timeline(r: Renderer, index: CorpusIndex, events: dict[str, Any],
                    groups: list[slices.Group] | None) -> dict[str, str]:
    def page(page: str, entries: list, s: slices.Slice | None) -> str:
        def context() -> dict[str, Any]:
            by_period: dict[str, list] = {}
            for e in entries:
                period = wording.date_text(PartialDate(e.date.year, e.date.month)) if e.date and e.date.month else (
                    wording.year_without_month(e.date.year) if e.date else wording.UNKNOWN_DATE_HEADING)
                by_period.setdefault(period, []).append(e)
            by_kind: dict[str, list] = defaultdict(list)
            for e in entries:
                by_kind[e.kind].append(e)
            strips = timeline_svg(entries, lambda e: "#" + urls.event_anchor(e.id))
            return dict(entries=entries, by_period=list(by_period.items()), by_kind=sorted(by_kind.items()),
                        strips=Md(strips), slice=s)
        return render_page_from(r, index, "timeline.md.j2", page, lambda: (event_sources(entries), (
            s and slices.frame(s), tuple(e.id for e in entries))), context)

    if groups is None:
        return {urls.TIMELINE: page(urls.TIMELINE, sorted(events.values(), key=lambda e: (date_key(e.date), e.id)), None)}
    pages = {s.page: page(s.page, s.items, s) for s in slices.pages_of(groups)}
    pages[urls.TIMELINE] = _index(r, index, urls.TIMELINE, groups, title="Chronologie", heading="Chronologie",
                                  noun="événement", intro="Les événements rapportés par les briefings, année par année.")
    return pages


def render_sources(r: Renderer, index: CorpusIndex) -> dict[str, str]:
    order = ["news", "wire", "interview", "analysis", "opinion"]

    def page(page: str, briefings: list, s: slices.Slice | None) -> str:
        by_genre: dict[str, list] = defaultdict(list)
        for b in briefings:
            by_genre[b.source.genre].append(b)
        return render_page(r, index, "sources.md.j2", page, slice=s,
                           by_genre=[(g, by_genre[g]) for g in order if g in by_genre])

    if len(index.briefings) <= slices.BRIEFINGS_PER_PAGE:
        return {urls.SOURCES: page(urls.SOURCES, list(index.briefings), None)}
    groups = _by_year(list(index.briefings), lambda b: b.source.published, urls.SOURCES, "Sources, par année",
                      slices.BRIEFINGS_PER_PAGE, newest_first=True)
    pages = {s.page: page(s.page, s.items, s) for s in slices.pages_of(groups)}
    pages[urls.SOURCES] = _index(r, index, urls.SOURCES, groups, title="Sources", heading="Sources", noun="article",
                                 intro="Les articles dont les briefings sont tirés, année de publication par année.")
    return pages


def render_briefings_index(r: Renderer, index: CorpusIndex) -> dict[str, str]:
    if len(index.briefings) <= slices.BRIEFINGS_PER_PAGE:
        return {urls.BRIEFINGS_INDEX: render_page(r, index, "briefings_index.md.j2", urls.BRIEFINGS_INDEX, slice=None)}
    groups = _by_year(list(index.briefings), lambda b: b.source.published, urls.BRIEFINGS_INDEX,
                      "Briefings, par année", slices.BRIEFINGS_PER_PAGE, folder=BRIEFINGS_BY_YEAR, newest_first=True)
    pages = {}
    for s in slices.pages_of(groups):
        # The template lists the index's briefings: a copy holding only this slice's.
        held = copy.copy(index)
        held.briefings = s.items
        pages[s.page] = render_page(r, held, "briefings_index.md.j2", s.page, slice=s)
    pages[urls.BRIEFINGS_INDEX] = _index(r, index, urls.BRIEFINGS_INDEX, groups, title="Briefings", heading="Briefings",
                                         noun="briefing", intro="Les briefings, du plus récent au plus ancien.")
    return pages
