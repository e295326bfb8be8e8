"""A page per topic of the registry, and the topics' index."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..corpus.index import CorpusIndex
from . import urls
from .actor_listings import demand_date, listing
from .markup import Md
from .page_order import date_key, name_order, render_page, render_page_from
from .render import Renderer, summit_of
from .timeline_svg import timeline_svg


def render_topic_pages(r: Renderer, index: CorpusIndex, events: dict[str, Any]) -> dict[str, str]:
    """A page per topic of the registry: its briefings, their events and figures, the demands on it by party
    (the authors' readings apart). Like an actor's page, each list past its limit shows its most recent items
    and how many there are; every item stays on its own page and on the cross-source pages."""
    pages = {}
    rows = []
    # Each topic's briefings, demands and figures, in the index's order: gathered in one pass over each.
    briefings_of, demands_of, figures_of = defaultdict(list), defaultdict(list), defaultdict(list)
    for b in index.briefings:
        for topic_id in dict.fromkeys(b.topics):
            briefings_of[topic_id].append(b)
    for d in index.demands:
        demands_of[d.demand.topic].append(d)
    for entries in index.figures.values():
        for e in entries:
            for topic_id in dict.fromkeys(e.briefing.topics):  # briefing ids are unique: its topics are its id's
                figures_of[topic_id].append(e)
    for topic_id in sorted(index.topics, key=lambda t: name_order(index.topics, t)):
        page = urls.topic_page(topic_id)
        briefings = briefings_of[topic_id]
        topic_events = sorted((events[i] for i in dict.fromkeys(e.id for b in briefings for e in b.events)
                               if i in events), key=lambda e: (date_key(e.date), e.id))
        shown_events = listing(topic_events, lambda e: e.date)

        def context(topic_id=topic_id, page=page, briefings=briefings, shown_events=shown_events) -> dict:
            positions: dict[str, list] = defaultdict(list)
            readings: dict[str, list] = defaultdict(list)
            for d in demands_of[topic_id]:
                (readings if d.demand.basis == "author" else positions)[d.demand.party].append(d)

            def by_party(groups: dict[str, list]) -> list:
                return [(p, listing(sorted(groups[p], key=lambda d: (date_key(demand_date(d)), d.briefing.id)),
                                    demand_date))
                        for p in sorted(groups, key=lambda p: name_order(index.parties, p))]
            return dict(topic_id=topic_id, briefings=listing(briefings, lambda b: b.source.published),
                        events=shown_events, by_party=by_party(positions), readings=by_party(readings),
                        figures=listing(figures_of[topic_id], lambda e: e.figure.as_of or e.briefing.source.published),
                        strip=Md(timeline_svg(shown_events.shown, _event_href(index, page, r.moved))))

        def sources(topic_id=topic_id, briefings=briefings, topic_events=topic_events,
                    shown_events=shown_events) -> tuple[tuple, tuple]:
            """The topic's briefings, those of its demands and figures, and every account of the events it shows;
            with each of its events' id and date (which ones are shown), and where the strip's links lead."""
            made_of: list = [*briefings, None, *[d.briefing for d in demands_of[topic_id]], None,
                             *[e.briefing for e in figures_of[topic_id]]]
            for e in shown_events.shown:
                made_of.append(None)
                made_of.extend([a.briefing for a in e.accounts])
            return tuple(made_of), tuple((e.id, e.date, summit_of(index, e.id),
                                          r.moved.get((urls.TIMELINE, urls.event_anchor(e.id)))) for e in topic_events)
        pages[page] = render_page_from(r, index, "topic.md.j2", page, sources, context)
        # Every demand on the topic is a position or an author's reading.
        rows.append((topic_id, len(briefings), len(topic_events), len(demands_of[topic_id]), len(figures_of[topic_id])))
    pages[urls.TOPICS_INDEX] = render_page(r, index, "topics_index.md.j2", urls.TOPICS_INDEX, rows=rows)
    return pages


def _event_href(index: CorpusIndex, page: str, moved: dict[tuple[str, str], str]):
    """From `page`, where an event's entry is: its summit's page, or its place in the timeline (the
    timeline's slice holding it, once the timeline is cut: `moved`)."""
    def href(e: EventView) -> str:
        summit = summit_of(index, e.id)
        if summit:
            return urls.href(page, urls.summit_page(summit), "" if summit == e.id else urls.event_anchor(e.id))
        anchor = urls.event_anchor(e.id)
        return urls.href(page, moved.get((urls.TIMELINE, anchor), urls.TIMELINE), anchor)
    return href
