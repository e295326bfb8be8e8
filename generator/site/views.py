"""One function per page kind: gather what the page shows from the index, then render its template."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..corpus.divergences import event_differences, figure_differences
from ..corpus.index import Account, CorpusIndex, FigureEntry, QuoteEntry
from ..reading.dates import PartialDate
from ..reading.names import name_key
from ..reading.problems import ProblemList
from . import urls, wording
from .actor_listings import activity, demand_date, listing, quote_date
from .actor_listings import roles as actor_roles
from .differences import DifferenceView, split
from .markup import Md
from .render import Renderer, summit_of
from .search_index import search_meta
from .cards import briefing_card, heat_cell, summit_card
from .figure_chart import figure_chart
from .timeline_svg import timeline_svg


@dataclass(frozen=True)
class EventView:
    """An event as the cross-source pages show it: merged headline facts plus every account."""

    id: str
    title: str
    kind: str
    date: PartialDate | None
    status: str | None
    accounts: list[Account]
    divergences: list[DifferenceView]
    """Contradictions only: what the warning boxes show."""
    nuances: list[DifferenceView]
    date_inferred: bool = False
    """Every account giving the date shown deduced part of it (format v2 `date_basis: inferred`)."""


@dataclass(frozen=True)
class IndicatorView:
    indicator: str
    label: str
    entries: list[FigureEntry]
    divergence: DifferenceView | None
    """A contradiction between the values, if there is one."""
    nuance: DifferenceView | None


def render_site(index: CorpusIndex) -> dict[str, str]:
    """Every generated page (and the timeline image), keyed by path in the docs tree, in a stable order."""
    r = Renderer()
    events = _event_views(index)
    pages: dict[str, str] = {}
    for b in index.briefings:
        page = urls.briefing_page(b.id)
        pages[page] = r.render("briefing.md.j2", index, page, b=b, card=Md(briefing_card(index, b, page)),
                               search=search_meta(index, b))
    pages[urls.BRIEFINGS_INDEX] = _page(r, index, "briefings_index.md.j2", urls.BRIEFINGS_INDEX)
    pages.update(render_actor_pages(r, index, events))
    pages.update(render_summit_pages(r, index, events))
    pages[urls.TIMELINE] = render_timeline(r, index, events)
    pages.update(render_topic_pages(r, index, events))
    pages[urls.DEMANDS] = render_demands(r, index)
    indicators = _indicator_views(index)
    pages[urls.FIGURES] = render_figures(r, index, indicators)
    pages[urls.QUOTES] = render_quotes(r, index)
    pages[urls.SOURCES] = render_sources(r, index)
    pages[urls.DISAGREEMENTS] = render_disagreements(r, index, events, indicators)
    return dict(sorted(pages.items()))


def render_problems_page(problems: ProblemList) -> str:
    """The report a live preview shows while a file is invalid; same problems as `briefings check`."""
    r = Renderer()
    return r.env.get_template("problems.md.j2").render(errors=problems.errors, warnings=problems.warnings)


def _page(r: Renderer, index: CorpusIndex, template: str, page: str, **context: Any) -> str:
    return r.render(template, index, page, urls=urls, summit_of=lambda e: summit_of(index, e), **context)


def _event_views(index: CorpusIndex) -> dict[str, EventView]:
    views = {}
    for event_id, record in index.events.items():
        giving = [a.event.date_basis for a in record.accounts if record.date and a.event.date == record.date]
        views[event_id] = EventView(event_id, record.title, record.kind, record.date, record.status,
                                    list(record.accounts),
                                    *split(index, event_differences(index, record)),
                                    date_inferred=bool(giving) and all(b == "inferred" for b in giving))
    return views


def _date_key(date: PartialDate | None) -> tuple:
    return (date is None, date.sort_key if date else (0, 0, 0))


def render_actor_pages(r: Renderer, index: CorpusIndex, events: dict[str, EventView]) -> dict[str, str]:
    pages = {}
    groups: dict[str, list] = defaultdict(list)
    for actor in index.actors.values():
        groups[actor.party if actor.party in index.parties else None].append(actor)
        if not actor.page:
            continue
        page = urls.actor_page(actor.id)
        quotes = sorted(index.quotes_by_speaker.get(actor.id, []), key=lambda q: _quote_key(q))
        voiced = index.demands_by_voice.get(actor.id, [])
        # What an article's author lends this actor is not a demand the actor made: listed apart.
        demands = [d for d in voiced if d.demand.basis != "author"]
        readings = [d for d in voiced if d.demand.basis == "author"]
        actor_events = sorted((events[e] for e in index.events_by_actor.get(actor.id, [])),
                              key=lambda e: (_date_key(e.date), e.id))
        mentions = index.mentions.get(actor.id, [])
        listings = {
            "mentions": listing(mentions, lambda m: m[0].source.published),
            "quotes": listing(quotes, quote_date),
            "demands": listing(demands, demand_date),
            "readings": listing(readings, demand_date),
            "events": listing(actor_events, lambda e: e.date),
        }
        busy = any(one.more for one in listings.values())
        roles, roles_more = actor_roles(mentions) if listings["mentions"].more else ([], 0)
        pages[page] = _page(r, index, "actor.md.j2", page, a=actor, **listings, roles=roles, roles_more=roles_more,
                            activity=activity(mentions, quotes, demands) if busy else [])
    # Every order here and below ends on an id: names that differ only by case or accents (or two
    # parties with one name) must not be left in the order of a set or of a hash.
    ordered = [(index.parties[party] if party else wording.NO_PARTY, sorted(items, key=lambda a: (name_key(a.name), a.id)))
               for party, items in sorted(groups.items(), key=lambda g: (g[0] is None, _name_order(index.parties, g[0])))]
    pages[urls.ACTORS_INDEX] = _page(r, index, "actors_index.md.j2", urls.ACTORS_INDEX, groups=ordered)
    return pages


def _quote_key(q: QuoteEntry) -> tuple:
    date = q.quote.date or q.briefing.source.published
    return (_date_key(date), q.briefing.id, q.quote.text)


def render_summit_pages(r: Renderer, index: CorpusIndex, events: dict[str, EventView]) -> dict[str, str]:
    pages = {}
    summits = sorted((e for e in events.values() if e.kind == "summit"), key=lambda e: (_date_key(e.date), e.id))
    for s in summits:
        members = dict.fromkeys([s.id, *index.children.get(s.id, [])])  # each once, even an event related to itself
        history = sorted((events[m] for m in members if m in events), key=lambda e: (_date_key(e.date), e.id))
        page = urls.summit_page(s.id)
        pages[page] = _page(r, index, "summit.md.j2", page, s=s, divergences=s.divergences, nuances=s.nuances,
                            history=history, card=Md(summit_card(index, s, page)),
                            strip=Md(timeline_svg(history, lambda e: "#" + urls.event_anchor(e.id))))
    pages[urls.SUMMITS_INDEX] = _page(r, index, "summits_index.md.j2", urls.SUMMITS_INDEX, summits=summits)
    return pages


def render_timeline(r: Renderer, index: CorpusIndex, events: dict[str, EventView]) -> str:
    entries = sorted(events.values(), key=lambda e: (_date_key(e.date), e.id))
    by_period: dict[str, list[EventView]] = {}
    for e in entries:
        period = wording.date_text(PartialDate(e.date.year, e.date.month)) if e.date and e.date.month else (
            wording.year_without_month(e.date.year) if e.date else wording.UNKNOWN_DATE_HEADING)
        by_period.setdefault(period, []).append(e)
    by_kind: dict[str, list[EventView]] = defaultdict(list)
    for e in entries:
        by_kind[e.kind].append(e)
    strips = timeline_svg(entries, lambda e: "#" + urls.event_anchor(e.id))
    return _page(r, index, "timeline.md.j2", urls.TIMELINE, entries=entries, by_period=list(by_period.items()),
                 by_kind=sorted(by_kind.items()), strips=Md(strips))


def _name_order(names: dict[str, str], item_id: str | None) -> tuple[str, str]:
    """Alphabetical by displayed name, then by id: the same order on every run, whatever the hash seed."""
    return (name_key(names.get(item_id, item_id)), item_id) if item_id else ("", "")


POSITIONS = ("on-record", "reported")
"""The bases the demands matrix counts as positions: declared, or reported through leaks or another outlet."""


def render_demands(r: Renderer, index: CorpusIndex) -> str:
    """Positions by party and topic; what the article only gives in the conditional, or the analyst deduces,
    counted apart; the authors' own readings of a party in a section of their own, never counted."""
    matrix: dict[tuple[str, str], list] = defaultdict(list)
    readings: dict[str, list] = defaultdict(list)
    for d in index.demands:
        if d.demand.basis == "author":
            readings[d.demand.party].append(d)
        else:
            matrix[(d.demand.party, d.demand.topic)].append(d)
    for items in (*matrix.values(), *readings.values()):
        items.sort(key=lambda d: (_date_key(d.demand.date or d.briefing.source.published), d.briefing.id))
    counts = {pair: (sum(d.demand.basis in POSITIONS for d in items), sum(d.demand.basis not in POSITIONS for d in items))
              for pair, items in matrix.items()}
    party_ids = sorted({p for p, _ in matrix}, key=lambda p: _name_order(index.parties, p))
    topic_ids = sorted({t for _, t in matrix}, key=lambda t: _name_order(index.topics, t))
    heat = {(p, t): Md(heat_cell([d for d in items if d.demand.basis in POSITIONS], urls.pair_anchor(p, t),
                                 index.topics.get(t, t)))
            for (p, t), items in matrix.items()}
    return _page(r, index, "demands.md.j2", urls.DEMANDS, matrix=dict(matrix), counts=counts, party_ids=party_ids,
                 topic_ids=topic_ids, positions=POSITIONS, heat=heat,
                 readings=sorted(readings.items(), key=lambda kv: _name_order(index.parties, kv[0])))


def _indicator_views(index: CorpusIndex) -> list[IndicatorView]:
    views = []
    for indicator, entries in index.figures.items():
        label = entries[0].figure.label
        contradictions, nuances = split(index, figure_differences(indicator, entries))
        views.append(IndicatorView(indicator, label, entries, contradictions[0] if contradictions else None,
                                   nuances[0] if nuances else None))
    return views


def render_figures(r: Renderer, index: CorpusIndex, indicators: list[IndicatorView]) -> str:
    by_category: dict[str, list[IndicatorView]] = defaultdict(list)
    for view in indicators:
        by_category[view.entries[0].figure.category].append(view)
    unattributed = [e for v in indicators for e in v.entries if not e.figure.attributed_to]
    charts = {v.indicator: Md(figure_chart(v.label, v.entries,
                                           lambda e: urls.href(urls.FIGURES, urls.briefing_page(e.briefing.id))))
              for v in indicators}
    return _page(r, index, "figures.md.j2", urls.FIGURES, by_category=sorted(by_category.items()),
                 unattributed=unattributed, charts=charts)


def render_topic_pages(r: Renderer, index: CorpusIndex, events: dict[str, EventView]) -> dict[str, str]:
    """A page per topic of the registry: its briefings, their events and figures, the demands on it by party."""
    pages = {}
    rows = []
    for topic_id in sorted(index.topics, key=lambda t: _name_order(index.topics, t)):
        page = urls.topic_page(topic_id)
        briefings = [b for b in index.briefings if topic_id in b.topics]
        ids = {b.id for b in briefings}
        topic_events = sorted((events[i] for i in dict.fromkeys(e.id for b in briefings for e in b.events)
                               if i in events), key=lambda e: (_date_key(e.date), e.id))
        demands: dict[str, list] = defaultdict(list)
        for d in index.demands:
            if d.demand.topic == topic_id:
                demands[d.demand.party].append(d)
        by_party = [(p, sorted(demands[p], key=lambda d: (_date_key(d.demand.date or d.briefing.source.published),
                                                          d.briefing.id)))
                    for p in sorted(demands, key=lambda p: _name_order(index.parties, p))]
        figures = [e for v in index.figures.values() for e in v if e.briefing.id in ids]
        pages[page] = _page(r, index, "topic.md.j2", page, topic_id=topic_id, briefings=briefings,
                            events=topic_events, by_party=by_party, figures=figures,
                            strip=Md(timeline_svg(topic_events, _event_href(index, page))))
        rows.append((topic_id, len(briefings), len(topic_events), sum(len(v) for v in demands.values()), len(figures)))
    pages[urls.TOPICS_INDEX] = _page(r, index, "topics_index.md.j2", urls.TOPICS_INDEX, rows=rows)
    return pages


def _event_href(index: CorpusIndex, page: str):
    """From `page`, where an event's entry is: its summit's page, or its place in the timeline."""
    def href(e: EventView) -> str:
        summit = summit_of(index, e.id)
        if summit:
            return urls.href(page, urls.summit_page(summit), "" if summit == e.id else urls.event_anchor(e.id))
        return urls.href(page, urls.TIMELINE, urls.event_anchor(e.id))
    return href


def render_quotes(r: Renderer, index: CorpusIndex) -> str:
    by_speaker: dict[str, list[QuoteEntry]] = {}
    for speaker, quotes in sorted(index.quotes_by_speaker.items(),
                                  key=lambda kv: (name_key(index.actors[kv[0]].name), kv[0])):
        by_speaker[speaker] = sorted(quotes, key=_quote_key)
    statements = [(sid, sorted(v, key=_quote_key)) for sid, v in index.statements.items() if len(v) > 1]
    by_date = sorted(index.quotes, key=_quote_key)
    return _page(r, index, "quotes.md.j2", urls.QUOTES, by_speaker=list(by_speaker.items()),
                 statements=statements, by_date=by_date)


def render_sources(r: Renderer, index: CorpusIndex) -> str:
    order = ["news", "wire", "interview", "analysis", "opinion"]
    by_genre: dict[str, list] = defaultdict(list)
    for b in index.briefings:
        by_genre[b.source.genre].append(b)
    return _page(r, index, "sources.md.j2", urls.SOURCES,
                 by_genre=[(g, by_genre[g]) for g in order if g in by_genre])


def render_disagreements(r: Renderer, index: CorpusIndex, events: dict[str, EventView],
                         indicators: list[IndicatorView]) -> str:
    ordered = sorted(events.values(), key=lambda e: (_date_key(e.date), e.id))
    return _page(r, index, "disagreements.md.j2", urls.DISAGREEMENTS,
                 diverging_events=[e for e in ordered if e.divergences],
                 diverging_figures=[v for v in indicators if v.divergence],
                 nuanced_events=[e for e in ordered if e.nuances],
                 nuanced_figures=[v for v in indicators if v.nuance],
                 single_events=[e for e in ordered if len(e.accounts) == 1],
                 single_figures=[v for v in indicators if len({e.briefing.id for e in v.entries}) == 1])
