"""What the hand-written pages' macros show (generator/macros.py), drawn from the index once.

A published build drops the index (every briefing as objects) as soon as the generated pages are
rendered, before MkDocs renders anything: the macros of the home page and the data page then read
this summary instead, a few small strings per briefing and per figure. Everything that does not
depend on the page showing it is formatted here; links, relative to that page, are made by the macros.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..corpus.index import CorpusIndex, briefing_sort_key
from ..reading.dates import PartialDate
from ..reading.names import name_key
from . import markup, marks, wording
from .wording import date_text


@dataclass(frozen=True)
class Link:
    """A link's label (raw text: the macro escapes it) and target, by its path in the docs tree (`urls`)."""

    label: str
    target: str


@dataclass(frozen=True)
class BriefingLine:
    title: str
    id: str
    when: str  # the publication date in words, or wording.UNKNOWN_DATE
    outlet: str  # or wording.UNKNOWN_OUTLET


@dataclass(frozen=True)
class SummitLine:
    title: str
    id: str
    when: str
    status: str  # the status key (wording.STATUS_LABELS)
    accounts: str  # marks.accounts, as Markdown


@dataclass(frozen=True)
class FigureLine:
    label: str  # as Markdown (escaped)
    amount: str  # as Markdown
    marks: str  # as Markdown
    who: str  # as Markdown
    title: str  # the briefing's title, raw
    briefing_id: str


@dataclass(frozen=True)
class HomeFacts:
    corpus: str
    """corpus_facts' whole text (it has no link)."""
    briefings: tuple[BriefingLine, ...]
    """Every briefing, newest first (the index's order)."""
    topics: tuple[tuple[str, str], ...]
    """(id, name) of every topic, by name."""
    actors: tuple[tuple[str, str], ...]
    """(id, name) of every actor with a page, by name."""
    last_summit: SummitLine | None
    next_summit: SummitLine | None
    figures: Sequence[FigureLine]
    """Every figure, most recent first (`Lines` in a preview: the macros show the first few)."""


def home_facts(idx: CorpusIndex, *, lazy: bool = False) -> HomeFacts:
    """`lazy` (a preview, which keeps its index): each figure's line is formatted when a macro first reads it."""
    figures = Lines(_figures_newest_first(idx), _figure_line)
    return HomeFacts(corpus=_corpus_text(idx), briefings=tuple(_briefing_lines(idx)),
                     topics=tuple(sorted(idx.topics.items(), key=lambda t: (name_key(t[1]), t[0]))),
                     actors=tuple((a.id, a.name) for a in sorted((a for a in idx.actors.values() if a.page),
                                                                 key=lambda a: (name_key(a.name), a.id))),
                     **_summits(idx), figures=figures if lazy else tuple(figures))


class Lines(Sequence):
    """`make(item)` of each item, made when first read, and kept. Compared, hashed and pickled as the tuple of them."""

    def __init__(self, items: list[Any], make: Callable[[Any], Any]) -> None:
        self._items, self._make, self._made = items, make, [_NOT_YET] * len(items)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, at: Any) -> Any:
        if isinstance(at, slice):
            return tuple(self[i] for i in range(*at.indices(len(self))))
        made = self._made[at]
        if made is _NOT_YET:
            made = self._made[at] = self._make(self._items[at])
        return made

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __reduce__(self) -> tuple:
        return tuple, (tuple(self),)


_NOT_YET = object()


def _corpus_text(idx: CorpusIndex) -> str:
    outlets = {b.source.outlet for b in idx.briefings if b.source.outlet}
    unknown = sum(1 for b in idx.briefings if not b.source.outlet)
    dates = [b.source.published for b in idx.briefings if b.source.published]
    cutoff = date_text(max(dates, key=lambda d: d.sort_key)) if dates else wording.UNKNOWN_CUTOFF
    sources = wording.plural(len(outlets), "média identifié", "médias identifiés")
    if unknown:
        sources += " et " + wording.plural(unknown, "article de média non identifié",
                                           "articles de média non identifié")
    counts = [(len(idx.briefings), "briefing", None), (len(idx.actors), "acteur", None),
              (len(idx.events), "événement", None), (len(idx.quotes), "citation", None)]
    (briefings, *others) = [f"**{wording.number_text(n)}** {wording.noun(n, one, many)}" for n, one, many in counts]
    drawn = wording.noun(len(idx.briefings), "tiré", "tirés")
    return (f"- {briefings}, {drawn} de {markup.text(sources)}\n"
            f"- {', '.join(others)}\n"
            f"- Article le plus récent : **{markup.text(cutoff)}** (date de publication connue la plus récente)\n")


def _briefing_lines(idx: CorpusIndex):
    for b in idx.briefings:
        when = date_text(b.source.published) if b.source.published else wording.UNKNOWN_DATE
        yield BriefingLine(b.title, b.id, when, b.source.outlet or wording.UNKNOWN_OUTLET)


def _summits(idx: CorpusIndex) -> dict[str, SummitLine | None]:
    summits = [r for r in idx.events.values() if r.kind == "summit"]
    held = sorted((r for r in summits if r.status == "held" and r.date), key=lambda r: r.date.sort_key)
    upcoming = sorted((r for r in summits if r.status in {"planned", "proposed", "postponed"}),
                      key=lambda r: (r.date is None, r.date.sort_key if r.date else (0, 0, 0)))

    def line(r, undated: str) -> SummitLine:
        return SummitLine(r.title, r.id, date_text(r.date) if r.date else undated, r.status, str(marks.accounts(r.accounts)))

    return {"last_summit": line(held[-1], "") if held else None,
            "next_summit": line(upcoming[0], wording.UNDATED_SUMMIT) if upcoming else None}


def _figures_newest_first(idx: CorpusIndex) -> list:
    entries = [e for items in idx.figures.values() for e in items]

    def key(e) -> tuple:
        d: PartialDate | None = e.figure.as_of or e.briefing.source.published
        return (d.sort_key if d else (0, 0, 0), briefing_sort_key(e.briefing))
    return sorted(entries, key=key, reverse=True)


def _figure_line(e) -> FigureLine:
    who = markup.text(e.figure.attributed_to) if e.figure.attributed_to else wording.UNATTRIBUTED
    return FigureLine(str(markup.text(e.figure.label)), str(marks.amount(e.figure)),
                      str(marks.item("figure", e.figure, e.briefing)), str(who), e.briefing.title, e.briefing.id)
