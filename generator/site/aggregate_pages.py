"""The cross-source pages that grow with the corpus: quotes, demands and figures.

Each is one page while it lists at most its limit of items (slices.py); past it, the page is
an index linking down to slices, each rendered by the same template with the items it holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from ..corpus.index import CorpusIndex
from . import slices, urls
from .actor_listings import demand_date, quote_date
from .cards import heat_cell
from .figure_chart import figure_chart
from .markup import Md
from .page_order import date_key, name_order, quote_key, render_page, render_page_from
from .render import Renderer


def _index_page(r: Renderer, index: CorpusIndex, page: str, groups: list[slices.Group], **wording: Any) -> str:
    return render_page(r, index, "slices_index.md.j2", page, groups=slices.outline(groups), total=sum(g.count for g in groups),
                       pages=len(slices.pages_of(groups)), **wording)


def _pairs(entries: list, part: str) -> tuple:
    """Index entries as the objects they are made of (site/page_sources.py): each one's briefing and its own part
    of it (`part`: its quote, demand or figure), so the same briefings holding other entries are other sources."""
    return tuple([x for e in entries for x in (e.briefing, getattr(e, part))])


def _folder(page: str) -> str:
    return page.removesuffix(".md")


def render_quotes(r: Renderer, index: CorpusIndex) -> dict[str, str]:
    def speaker_order(speaker: str) -> tuple:
        return name_order({speaker: index.actors[speaker].name}, speaker)

    statements = [(sid, sorted(v, key=quote_key)) for sid, v in index.statements.items() if len(v) > 1]
    by_date = sorted(index.quotes, key=quote_key)
    if len(by_date) <= slices.QUOTES_PER_PAGE:
        by_speaker = [(s, sorted(q, key=quote_key)) for s, q in sorted(index.quotes_by_speaker.items(),
                                                                          key=lambda kv: speaker_order(kv[0]))]
        return {urls.QUOTES: render_page(r, index, "quotes.md.j2", urls.QUOTES, by_speaker=by_speaker,
                                         statements=statements, by_date=by_date, slice=None)}
    groups = slices.cut(by_date, group_of=lambda q: q.speaker,
                        label_of=lambda s: index.actors[s].name, order=speaker_order, date_of=quote_date,
                        folder=_folder(urls.QUOTES), index=urls.QUOTES, index_label="Citations, par orateur",
                        limit=slices.QUOTES_PER_PAGE)
    holding: dict[int, list[int]] = defaultdict(list)  # a quote (by id) → the statements holding it, by position
    for at, (_, versions) in enumerate(statements):
        for q in versions:
            holding[id(q)].append(at)
    pages = {}
    for group in groups:
        # An actor's page links to the most recent of its speaker's slices: the last dated one (undated quotes come last).
        dated = [s for s in group.slices if any(quote_date(q) for q in s.items)]
        r.moved[(urls.QUOTES, urls.section_anchor("orateur", group.id))] = (dated or group.slices)[-1].page
        for s in group.slices:
            held = [statements[at] for at in sorted({at for q in s.items for at in holding.get(id(q), ())})]

            def sources(s=s, held=held) -> tuple[tuple, tuple]:  # its quotes, and the versions of their statements
                return (_pairs(s.items, "quote") + _pairs([q for _, versions in held for q in versions], "quote"),
                        (slices.frame(s), tuple((sid, len(versions)) for sid, versions in held)))
            pages[s.page] = render_page_from(r, index, "quotes.md.j2", s.page, sources, lambda s=s, held=held: dict(
                slice=s, by_speaker=[(group.id, s.items)], by_date=s.items, statements=held))
    pages[urls.QUOTES] = _index_page(
        r, index, urls.QUOTES, groups, title="Citations", heading="Citations", noun="citation", group_noun="orateur",
        intro="Les mots exacts rapportés par les articles, orateur par orateur.")
    return pages


POSITIONS = ("on-record", "reported")
"""The bases the demands matrix counts as positions: declared, or reported through leaks or another outlet."""


def _chart(r: Renderer, page: str, view: Any) -> str:
    """An indicator's chart on `page`; in a preview, last build's when its values come from the same briefings."""
    def make() -> str:
        return figure_chart(view.label, view.entries, lambda e: urls.href(page, urls.briefing_page(e.briefing.id)))
    if r.memo is None:
        return make()
    return r.memo.made(("figure_chart", page, view.label), tuple(x for e in view.entries for x in (e.figure, e.briefing)),
                       make)


def render_demands(r: Renderer, index: CorpusIndex) -> dict[str, str]:
    """Positions by party and topic; what the article only gives in the conditional, or the analyst deduces,
    counted apart; the authors' own readings of a party in a section of their own, never counted."""
    def order(d) -> tuple:
        return (date_key(d.demand.date or d.briefing.source.published), d.briefing.id)

    def matrix_of(items: list) -> dict[str, Any]:
        matrix: dict[tuple[str, str], list] = defaultdict(list)
        readings: dict[str, list] = defaultdict(list)
        for d in items:
            if d.demand.basis == "author":
                readings[d.demand.party].append(d)
            else:
                matrix[(d.demand.party, d.demand.topic)].append(d)
        for listed in (*matrix.values(), *readings.values()):
            listed.sort(key=order)
        counts = {pair: (sum(d.demand.basis in POSITIONS for d in listed),
                         sum(d.demand.basis not in POSITIONS for d in listed)) for pair, listed in matrix.items()}
        heat = {(p, t): Md(heat_cell([d for d in listed if d.demand.basis in POSITIONS], urls.pair_anchor(p, t),
                                     index.topics.get(t, t))) for (p, t), listed in matrix.items()}
        return {"matrix": dict(matrix), "counts": counts, "heat": heat, "positions": POSITIONS,
                "party_ids": sorted({p for p, _ in matrix}, key=lambda p: name_order(index.parties, p)),
                "topic_ids": sorted({t for _, t in matrix}, key=lambda t: name_order(index.topics, t)),
                "readings": sorted(readings.items(), key=lambda kv: name_order(index.parties, kv[0]))}

    if len(index.demands) <= slices.DEMANDS_PER_PAGE:
        return {urls.DEMANDS: render_page(r, index, "demands.md.j2", urls.DEMANDS, slice=None,
                                          **matrix_of(list(index.demands)))}
    groups = slices.cut(sorted(index.demands, key=order), group_of=lambda d: d.demand.party,
                        label_of=lambda p: index.parties.get(p, p), order=lambda p: name_order(index.parties, p),
                        date_of=demand_date, folder=_folder(urls.DEMANDS), index=urls.DEMANDS,
                        index_label="Exigences, par partie", limit=slices.DEMANDS_PER_PAGE)
    pages = {s.page: render_page_from(r, index, "demands.md.j2", s.page,
                                      lambda s=s: (_pairs(s.items, "demand"), slices.frame(s)),
                                      lambda s=s: dict(slice=s, **matrix_of(s.items)))
             for s in slices.pages_of(groups)}
    pages[urls.DEMANDS] = _index_page(
        r, index, urls.DEMANDS, groups, title="Exigences", heading="Exigences et positions, par partie",
        noun="exigence", group_noun="partie", intro="Ce que chaque partie demande, thème par thème.")
    return pages


def render_figures(r: Renderer, index: CorpusIndex, indicators: list) -> dict[str, str]:
    def page_of(views: list, page: str, s: slices.Slice | None) -> str:
        def context() -> dict[str, Any]:
            by_category: dict[str, list] = defaultdict(list)
            for view in views:
                by_category[view.entries[0].figure.category].append(view)
            unattributed = [e for v in views for e in v.entries if not e.figure.attributed_to]
            charts = {v.indicator: Md(_chart(r, page, v)) for v in views}
            return dict(slice=s, by_category=sorted(by_category.items()), unattributed=unattributed, charts=charts)

        def sources() -> tuple[tuple, tuple]:
            """Each indicator's entries on the page, and all its entries (its boxes compare them all)."""
            made_of: tuple = ()
            for v in views:
                made_of += (None, *_pairs(v.entries, "figure"), None, *_pairs(index.figures[v.indicator], "figure"))
            return made_of, (s and slices.frame(s), tuple((v.indicator, len(v.entries)) for v in views))
        return render_page_from(r, index, "figures.md.j2", page, sources, context)

    if sum(map(_figure_weight, indicators)) <= slices.FIGURES_PER_PAGE:
        return {urls.FIGURES: page_of(indicators, urls.FIGURES, None)}
    # Slices by category, each of at most the limit of entries.
    limit = slices.FIGURES_PER_PAGE
    parts = indicator_parts(indicators, limit)
    groups = slices.cut(parts, group_of=lambda v: v.entries[0].figure.category,
                        label_of=lambda c: _category_label(c), order=lambda c: c,
                        date_of=lambda v: v.entries[-1].figure.as_of or v.entries[-1].briefing.source.published,
                        folder=_folder(urls.FIGURES), index=urls.FIGURES, index_label="Chiffres, par catégorie",
                        limit=limit, weight=_figure_weight, count=_figure_weight)
    pages = {s.page: page_of(s.items, s.page, s) for s in slices.pages_of(groups)}
    pages[urls.FIGURES] = _index_page(
        r, index, urls.FIGURES, groups, title="Chiffres", heading="Chiffres et qui les a produits",
        noun="chiffre", group_noun="catégorie",
        intro="Chaque chiffre avec celui qui l'a produit, selon l'article, et l'article qui le rapporte.")
    return pages


def indicator_parts(indicators: list, limit: int) -> list:
    """Each indicator given more often than `limit` cut into parts of its entries, its boxes on the last: the
    part holding its most recent values, which its divergence line shows."""
    return [replace(v, entries=v.entries[i:i + limit], divergence=v.divergence if last else None,
                    nuance=v.nuance if last else None)
            for v in indicators for i in range(0, len(v.entries), limit) for last in [i + limit >= len(v.entries)]]


def _figure_weight(view: Any) -> int:
    """About how many table rows an indicator takes: its values, and its chart counted as a few more."""
    return len(view.entries) + (CHART_ROWS if len(view.entries) > 1 else 0)


CHART_ROWS = 4


def _category_label(category: str) -> str:
    from .wording import CATEGORY_LABELS
    return CATEGORY_LABELS.get(category, category)
