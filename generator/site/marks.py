"""The small marks that say on what an article rests each claim, wherever the claim is shown.

Every demand, figure, quote and event account carries its `basis` as an inline element
`<span class="basis basis-<value>" title="…">…</span>`, an item from an opinion piece a
`basis-opinion` mark, a deduced date a `date-inferred` mark, and the analyst's notes their own
labelled element. The HTML here is the generator's own; the only briefing text in it (`via`,
a note, the words of a vague amount) goes through `markup.text`, so it stays inert.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

from ..reading.models import Briefing, Figure
from . import markup, wording
from .markup import Md


def _span(classes: str, title: str, inner: str) -> Md:
    return Md(f'<span class="{classes}" title="{escape(title)}">{inner}</span>')


def basis(kind: str, item: Any) -> Md:
    """The basis of a demand, quote, event account or figure (`kind`), in words: `déclarée`,
    `rapportée par Financial Times`, `au conditionnel`, `selon l'auteur de l'article`…"""
    relayed = _RELAYED.get(type(item))
    if relayed is None:  # whether items of this type name a relay: asked once per type, not per item
        relayed = _RELAYED[type(item)] = hasattr(item, "via")  # (a model without it answers slowly)
    return _basis(kind, item.basis, item.via if relayed else None)


_RELAYED: dict[type, bool] = {}


@lru_cache(maxsize=1 << 12)
def _basis(kind: str, value: str, via: str | None) -> Md:
    """Sixty thousand items at a thousand briefings, a few dozen distinct marks: each is written once."""
    label = escape(wording.BASIS_MARKS[kind][value], quote=False)
    if via:  # who relays it: « rapportée par Reuters »; on another basis, « déclarée, via Reuters »
        label += f" {wording.REPORTED_BY} {markup.text(via)}" if value == "reported" else f", {wording.VIA} {markup.text(via)}"
    title = wording.FACT_EXPLAINED if value == "on-record" and kind in ("event", "figure") \
        else wording.BASIS_EXPLAINED[value]
    return _span(f"basis basis-{value}", title, label)


def opinion(b: Briefing) -> Md:
    """`tribune`, for an item taken from an opinion piece; nothing otherwise."""
    if b.source.genre != "opinion":
        return Md("")
    return _span("basis basis-opinion", wording.OPINION_EXPLAINED, escape(wording.OPINION_MARK, quote=False))


def item(kind: str, it: Any, b: Briefing) -> Md:
    """Every mark an item carries: its basis, and the opinion mark when its article is a tribune."""
    extra = opinion(b)
    return Md(basis(kind, it) + (" " + extra if extra else ""))


def date_inferred(inferred: bool) -> Md:
    """`date déduite`, after a date the analyst deduced in part; nothing after a date the article gives."""
    if not inferred:
        return Md("")
    return Md(" " + _span("date-inferred", wording.DATE_INFERRED_EXPLAINED, escape(wording.DATE_INFERRED, quote=False)))


def note(text: str, about_date: bool = False) -> Md:
    """An analyst's note, labelled as such, inline: never read as the article's words."""
    label = wording.ANALYST_DATE_NOTE if about_date else wording.ANALYST_NOTE
    return Md(f'<span class="analyst-note"><span class="analyst-note-label">{escape(label, quote=False)}</span> : '
              f"{markup.text(text)}</span>")


def note_box(text: str) -> Md:
    """The briefing's `analyst_note`, as an admonition of its own."""
    body = "\n\n".join("    " + p for p in markup.paragraphs(text).split("\n\n"))
    return Md(f'!!! note analyst-note "{wording.ANALYST_NOTE}"\n\n{body}\n\n')


def amount(figure: Figure) -> Md:
    """A figure's value as the pages show it: the number, or the article's words for a quantity
    without one, marked as a quotation (never a number)."""
    text = markup.text(wording.figure_text(figure))
    if figure.value is not None:
        return text
    return _span("vague-amount", wording.VAGUE_EXPLAINED, text)


def unconfirmed_count(count: int, anchor: str) -> Md:
    """`+1 non confirmée` in a cell of the demands matrix: counted apart from the positions."""
    words = wording.UNCONFIRMED if count < 2 else wording.UNCONFIRMED_MANY
    return _span("unconfirmed-count", wording.UNCONFIRMED_EXPLAINED, f"[+{count} {words}](#{anchor})")


def accounts(told: list[Any]) -> Md:
    """The bases of an event's accounts, each once, in a fixed order, and `tribune` when one of them
    comes from an opinion piece: what a line standing for the whole event can say."""
    found = {a.event.basis for a in told}
    out = [basis("event", _Basis(v)) for v in wording.BASIS_LABELS if v in found]
    tribune = next((a.briefing for a in told if a.briefing.source.genre == "opinion"), None)
    if tribune is not None:
        out.append(opinion(tribune))
    return Md(" ".join(out))


class _Basis:
    """A basis alone, for a mark that stands for several items."""

    __slots__ = ("basis",)

    def __init__(self, value: str):
        self.basis = value
