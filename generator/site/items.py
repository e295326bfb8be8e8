"""The items every page lists the same way, as Markdown: a demand, a quote, a figure's value, a date.

Templates reach them as `item` (`{{ item.demand_item(d, b, source=True) }}`), bound to the page's
link helpers (`render.PageContext`, or the page memo's recording stand-in for it, so a preview
still notes every lookup they make). They were Jinja macros: a site of a thousand briefings lists
some sixty thousand items, and Jinja's calling of a macro, and of every helper inside it, took
longer than the item's own text. Each builds exactly the text its macro printed.

The rule of the templates holds here too: every value from a briefing or a registry goes through
`shown` (what `{{ … }}` does: `markup.text`, unless it is `Md` built by the generator), and the
words around it come from `wording`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..reading.dates import PartialDate
from . import marks, markup, wording
from .markup import Md


def shown(value: Any) -> str:
    """What `{{ value }}` prints (the templates' finalize step, render._finalize): `Md` and macro output as they
    are, anything else encoded as inert text."""
    if type(value) is Md or isinstance(value, (Md, Markup)):  # Markup: a macro's output
        return value
    if type(value) is str:
        return markup.encoded(value)
    if value is None:
        raise TypeError("a template printed None: guard optional fields with {% if %}")
    return markup.text(value)


def fr_date(value: PartialDate | None, unknown: str = wording.UNKNOWN_DATE) -> Md:
    if not value:
        return Md(f"*{unknown}*")
    # A site shows the same few thousand dates a hundred thousand times: each is written once, kept by
    # its numbers (a tuple hashes and compares in C, the dataclass in Python).
    key = (value.year, value.month, value.day)
    shown = _DATES.get(key)
    if shown is None:
        if len(_DATES) >= 1 << 14:
            _DATES.clear()
        shown = _DATES[key] = markup.text(wording.date_text(value))
    return shown


_DATES: dict[tuple[int, int | None, int | None], Md] = {}


class Items:
    __slots__ = ("ctx",)

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx

    @staticmethod
    def when(value: PartialDate | None, basis: str | None) -> Md:
        """A date, with « date déduite » when the analyst deduced part of it."""
        return Md(fr_date(value) + marks.date_inferred(basis == "inferred"))

    @staticmethod
    def notes(x: Any, nested: bool = True) -> Md:
        """The analyst's notes on an item (its date, the item itself), as list items: nested under it, or on their own."""
        indent = "    " if nested else ""
        out = ""
        if x.date_note:
            out += f"{indent}- {marks.note(x.date_note, True)}\n"
        if x.note:
            out += f"{indent}- {marks.note(x.note)}\n"
        return Md(out)

    def demand_item(self, d: Any, b: Any, voice: str | None = None, topic: bool = True, party: bool = False,
                    dated: bool = False, source: bool = False, evidence: bool = False) -> Md:
        """One demand, on every page that lists demands: its text, its marks, then what the page asks for."""
        ctx = self.ctx
        out = ["- "]
        if dated:
            if d.date:
                out.append(self.when(d.date, d.date_basis))
            else:
                out += [wording.UNDATED_DEMAND, f" ({wording.ARTICLE_OF} ", fr_date(b.source.published), ")"]
            out.append(" — ")
        if topic:
            out += ["**", shown(ctx.topic(d.topic)), "**"]
            if party:
                out += [" (", shown(ctx.party(d.party)), ")"]
            out.append(" — ")
        out += [shown(d.text), " ", marks.item("demand", d, b)]
        if voice:
            out += [" — ", wording.LENT_TO if d.basis == "author" else wording.VOICED_BY, " ", shown(ctx.actor(voice))]
        if d.date and not dated:
            out += [", ", self.when(d.date, d.date_basis)]
        if source:
            out += [f" — {wording.SOURCE} ", shown(ctx.briefing(b))]
        out.append("\n")
        if evidence and d.evidence:
            out += [f"    - {wording.EXTRACT} « *", shown(d.evidence), "* »\n"]
        out += [self.notes(d), "\n"]
        return Md("".join(out))

    def quote(self, q: Any, b: Any, speaker: str, with_source: bool = True) -> Md:
        """One quote of briefing `b`."""
        out = ["> ", shown(q.text), "\n>\n> — ", shown(self.ctx.actor(speaker))]
        if q.date:
            out += [", ", self.when(q.date, q.date_basis)]
        if q.context:
            out += [", ", shown(q.context)]
        out += [" · ", marks.item("quote", q, b)]
        if q.translated:
            out += [" · ", shown(wording.TRANSLATED)]
        if with_source:
            out += [f" · {wording.SOURCE} ", self.source_short(b)]
        # Markdown would fold the next quote into this one's blockquote: an empty comment keeps them apart.
        out += ["\n\n", self.notes(q, False), "\n<!-- -->\n\n"]
        return Md("".join(out))

    def quote_block(self, q: Any, with_source: bool = True) -> Md:
        return self.quote(q.quote, q.briefing, q.quote.speaker, with_source)

    def source_short(self, b: Any) -> Md:
        return Md(f"{shown(self.ctx.briefing(b))} ({shown(self.ctx.source_label(b))})")

    @staticmethod
    def figure_value(f: Any, b: Any) -> Md:
        """A figure's value with its marks, for a table cell or a line."""
        return Md(f"**{marks.amount(f)}** {marks.item('figure', f, b)}")

    @staticmethod
    def figure_notes(figures: list[Any]) -> Md:
        """The analyst's notes on figures, listed under their table: one line for each figure that has any."""
        out = []
        for f in figures:
            if f.note or f.date_note:
                notes = [marks.note(f.date_note, True)] if f.date_note else []
                if f.note:
                    notes.append(marks.note(f.note))
                out.append(f"- {wording.NOTES_ON} « {shown(f.label)} » : {' · '.join(notes)}\n\n")
        return Md("".join(out))

    def figure_as_of(self, f: Any) -> Md:
        return self.when(f.as_of, f.as_of_basis) if f.as_of else Md("")

    def version_links(self, v: Any) -> Md:
        """One version of a difference: each briefing that gives it, with the basis of its own item."""
        briefing = self.ctx.briefing
        return Md(" ; ".join(f"{shown(briefing(b))} ({fr_date(b.source.published)}) {shown(item_marks)}"
                             for b, item_marks in v.sources))
