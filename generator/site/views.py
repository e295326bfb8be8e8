"""One function per page kind: gather what the page shows from the index, then render its template."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..corpus.index import Account, CorpusIndex, FigureEntry
from ..reading.dates import PartialDate
from ..reading.names import name_key
from ..reading.problems import ProblemList
from . import slices, urls, wording
from .actor_listings import activity, demand_date, listing, quote_date
from .actor_listings import roles as actor_roles
from .actor_listings import sources as actor_sources
from .differences import DifferenceView, event_split, indicator_split, places_key, recent
from .markup import Md
from .page_cache import PageCache, briefing_inputs
from .page_memo import PageMemo
from .page_store import Pages
from .render import Renderer
from .search_index import search_meta
from .cards import briefing_card
from .summit_pages import render_summit_pages
from .topic_pages import render_topic_pages
from .year_pages import event_sources, render_briefings_index, render_sources, render_timeline, timeline_groups
from .aggregate_pages import render_demands, render_figures, render_quotes
from .page_order import date_key as _date_key
from .page_order import name_order as _name_order
from .page_order import quote_key as _quote_key
from .page_order import render_page as _page
from .page_order import render_page_from as _page_from
from .page_sources import share


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


def render_site(index: CorpusIndex, cache: PageCache | None = None, *,
                finish: Callable[[str, str], str] | None = None) -> Pages:
    """Every generated page, keyed by path in the docs tree, in a stable order; each page compressed as soon
    as it is rendered (site/page_store.py), as `finish(path, text)` gives it when there is one. With a `cache`
    (a live preview's), a briefing page whose inputs did not change is not rendered again."""
    memo = cache.memo if cache is not None else None
    r = Renderer(memo)
    if memo is not None:
        memo.start()
        share(memo, index)
    events = _event_views(index, memo)
    # First: the pages below link to the slices of the quotes and of the timeline holding what they cite.
    quote_pages = render_quotes(r, index)
    timeline = timeline_groups(index, events, r)
    pages = Pages(finish=finish)
    kept = cache.start() if cache is not None else {}
    for b in index.briefings:
        page = urls.briefing_page(b.id)

        def render(b=b, page=page) -> str:
            return r.render("briefing.md.j2", index, page, b=b, card=Md(briefing_card(index, b, page)),
                            search=search_meta(index, b))
        pages[page] = (cache.page(kept, page, b, briefing_inputs(index, b, r.moved), render)
                       if cache is not None else render())
    if cache is not None:
        cache.keep(kept)
    pages.update(render_briefings_index(r, index))
    pages.update(render_actor_pages(r, index, events))
    pages.update(render_summit_pages(r, index, events))
    pages.update(render_timeline(r, index, events, timeline))
    pages.update(render_topic_pages(r, index, events))
    pages.update(render_demands(r, index))
    indicators = _indicator_views(index, memo)
    pages.update(render_figures(r, index, indicators))
    pages.update(quote_pages)
    pages.update(render_sources(r, index))
    pages.update(render_disagreements(r, index, events, indicators))
    if memo is not None:
        memo.end()
    return pages.sorted()


def render_problems_page(problems: ProblemList) -> str:
    """The report a live preview shows while a file is invalid; same problems as `briefings check`."""
    r = Renderer()
    return r.env.get_template("problems.md.j2").render(errors=problems.errors, warnings=problems.warnings)


def _event_views(index: CorpusIndex, memo: PageMemo | None = None) -> dict[str, EventView]:
    views, places = {}, places_key(index) if memo is not None else ""
    for event_id, record in index.events.items():
        giving = [a.event.date_basis for a in record.accounts if record.date and a.event.date == record.date]
        views[event_id] = EventView(event_id, record.title, record.kind, record.date, record.status,
                                    list(record.accounts), *event_split(index, record, memo, places),
                                    date_inferred=bool(giving) and all(b == "inferred" for b in giving))
    return views


def render_actor_pages(r: Renderer, index: CorpusIndex, events: dict[str, EventView]) -> dict[str, str]:
    pages = {}
    groups: dict[str, list] = defaultdict(list)
    for actor in index.actors.values():
        groups[actor.party if actor.party in index.parties else None].append(actor)
        if not actor.page:
            continue

        def context(actor=actor) -> dict:
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
            return dict(a=actor, **listings, roles=roles, roles_more=roles_more,
                        activity=activity(mentions, quotes, demands) if busy else [])
        page = urls.actor_page(actor.id)
        pages[page] = _page_from(r, index, "actor.md.j2", page, lambda actor=actor: actor_sources(index, actor.id),
                                 context)
    # Every order here and below ends on an id: names that differ only by case or accents (or two
    # parties with one name) must not be left in the order of a set or of a hash.
    # Each actor with the count of briefings mentioning them: the page's context, not a lookup of every list.
    ordered = [(index.parties[party] if party else wording.NO_PARTY,
                [(a, len(index.mentions.get(a.id, ()))) for a in sorted(items, key=lambda a: (name_key(a.name), a.id))])
               for party, items in sorted(groups.items(), key=lambda g: (g[0] is None, _name_order(index.parties, g[0])))]
    pages[urls.ACTORS_INDEX] = _page(r, index, "actors_index.md.j2", urls.ACTORS_INDEX, groups=ordered)
    return pages


def _indicator_views(index: CorpusIndex, memo: PageMemo | None = None) -> list[IndicatorView]:
    views = []
    for indicator, entries in index.figures.items():
        contradictions, nuances = indicator_split(index, indicator, memo)
        views.append(IndicatorView(indicator, entries[0].figure.label, entries,
                                   recent(contradictions[0] if contradictions else None),
                                   recent(nuances[0] if nuances else None)))
    return views


def render_disagreements(r: Renderer, index: CorpusIndex, events: dict[str, EventView],
                         indicators: list[IndicatorView]) -> dict[str, str]:
    ordered = sorted(events.values(), key=lambda e: (_date_key(e.date), e.id))
    listed_events = [e for e in ordered if e.divergences or e.nuances or len(e.accounts) == 1]
    listed_figures = [v for v in indicators if v.divergence or v.nuance or len({e.briefing.id for e in v.entries}) == 1]

    def page(page: str, evs: list[EventView], figs: list[IndicatorView], s: slices.Slice | None) -> str:
        def sources() -> tuple[tuple, tuple]:  # each event's accounts, each indicator's entries
            made_of = event_sources(evs) + tuple([x for v in figs for e in (None, *v.entries)
                                                  for x in ((e.briefing, e.figure) if e else (None,))])
            return made_of, (s and slices.frame(s), tuple(e.id for e in evs), tuple(v.indicator for v in figs))
        return _page_from(r, index, "disagreements.md.j2", page, sources, lambda: dict(
            slice=s, diverging_events=[e for e in evs if e.divergences],
            diverging_figures=[v for v in figs if v.divergence], nuanced_events=[e for e in evs if e.nuances],
            nuanced_figures=[v for v in figs if v.nuance], single_events=[e for e in evs if len(e.accounts) == 1],
            single_figures=[v for v in figs if len({e.briefing.id for e in v.entries}) == 1]))

    if sum(map(_divergence_weight, [*listed_events, *listed_figures])) <= slices.DIVERGENCES_PER_PAGE:
        return {urls.DISAGREEMENTS: page(urls.DISAGREEMENTS, listed_events, listed_figures, None)}
    # By year: an event in the year of its date, an indicator in the year its latest figure was published.
    groups = slices.cut([*listed_events, *listed_figures], group_of=_divergence_year,
                        label_of=lambda y: wording.UNKNOWN_DATE_HEADING if y == UNDATED else y,
                        order=lambda y: (y == UNDATED, y), date_of=_divergence_date, year_groups=True,
                        folder=urls.DISAGREEMENTS.removesuffix(".md"), index=urls.DISAGREEMENTS,
                        index_label="Divergences, par année", limit=slices.DIVERGENCES_PER_PAGE,
                        weight=_divergence_weight)
    pages = {s.page: page(s.page, [x for x in s.items if isinstance(x, EventView)],
                          [x for x in s.items if isinstance(x, IndicatorView)], s) for s in slices.pages_of(groups)}
    pages[urls.DISAGREEMENTS] = _page(
        r, index, "slices_index.md.j2", urls.DISAGREEMENTS, groups=slices.outline(groups), total=sum(g.count for g in groups),
        pages=len(slices.pages_of(groups)), title="Divergences et sources uniques",
        heading="Divergences et sources uniques", noun="sujet", group_noun="année",
        intro="Pour l'éditeur : où les sources se contredisent, et ce qui ne repose que sur un seul article ; un sujet est un événement ou un indicateur chiffré.")
    return pages


def _divergence_year(item: EventView | IndicatorView) -> str:
    date = _divergence_date(item)
    return f"{date.year:04d}" if date else UNDATED


def _divergence_date(item: EventView | IndicatorView) -> PartialDate | None:
    """An event's date; an indicator's, the publication of the latest article giving it."""
    if isinstance(item, EventView):
        return item.date
    return max((e.briefing.source.published for e in item.entries if e.briefing.source.published),
               key=lambda d: d.sort_key, default=None)


def _divergence_weight(item: EventView | IndicatorView) -> int:
    """About how many lines an item takes on the page: each account or figure its versions cite."""
    if isinstance(item, EventView):
        return 1 + len(item.accounts) * (1 + len(item.divergences) + len(item.nuances))
    return 1 + len(item.entries)


UNDATED = "sans-date"  # the slice of undated events, after the years
