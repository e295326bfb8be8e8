"""The quotations of an article and who speaks them, for `briefings draft`.

Quotes are found between « », “ ” or " " on one line; the speaker is the name in
the incise after the quote (« …, a déclaré Marco Rubio »), the previous quote's
speaker for « …, a-t-il ajouté », else the nearest registry name in the
sentence, the one before, then the one after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reading.article_text import NameHit, Span, SpanIndex, nearest, trim_span
from ..reading.french_dates import DatedPhrase

SPEECH_VERBS = (r"(?:a\s+|avait\s+)?(?:déclaré|déclare|dit|dit-il|dit-elle|affirmé|affirme|affirmait|ajouté|ajoute|"
                r"estimé|estime|assuré|assure|souligné|souligne|expliqué|explique|lancé|lance|résumé|résume|"
                r"répété|répète|écrit|écrivait|jugé|juge|confié|confie|prévenu|prévient|martelé|martèle|"
                r"insisté|insiste|rappelé|rappelle|indiqué|indique|précisé|précise|selon)")
_PRONOUN_INCISE = re.compile(rf"^\s*[,–—-]?\s*(?:{SPEECH_VERBS}|a|avait)(?:-t)?-(?:il|elle)\b", re.IGNORECASE)
_NAMED_INCISE = re.compile(rf"^\s*[,–—-]?\s*{SPEECH_VERBS}\s+(?:M\.\s+|Mme\s+)?"
                           r"(?P<name>[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+)+)")
_QUOTE_PAIRS = [("«", "»"), ("“", "”")]
@dataclass
class Quote:
    span: Span
    speaker: str | None = None
    date: DatedPhrase | None = None  # the dated phrase of its sentence, if any


def find_quotes(text: str) -> list[Span]:
    """The inside of every quotation, trimmed of its padding; a quote inside a quote stays part of it.

    A quotation never runs over a line break: in plain text, one that seems to is
    a stray or reversed guillemet, and taking it would swallow whole paragraphs.
    """
    found: list[Span] = []
    for opening, closing in _QUOTE_PAIRS:
        opened: list[int] = []
        for i, char in enumerate(text):
            if char == opening:
                opened.append(i + 1)
            elif char == closing and opened:
                found.append(trim_span(text, opened.pop(), i))
    for line in re.finditer(r"[^\n]+", text):
        marks = [line.start() + m.start() for m in re.finditer('"', line.group())]
        for a, b in zip(marks[::2], marks[1::2]):
            found.append(trim_span(text, a + 1, b))
    spans = sorted({s for s in found if s.end > s.start and "\n" not in text[s.start:s.end]},
                   key=lambda s: (s.start, -s.end))
    # One sweep: a span is inside another when a span before it (starting earlier, or at the same place
    # and longer) reaches as far; the sort puts every possible container before what it contains.
    outer: list[Span] = []
    reach = -1
    for s in spans:
        if s.end > reach:
            outer.append(s)
        reach = max(reach, s.end)
    return outer


def attribute(quotes: list[Quote], text: str, spans: SpanIndex, outside: list[NameHit],
               by_sentence: dict[int, tuple[SpanIndex, list[NameHit]]], display: dict[str, str]) -> None:
    """Speakers: the name in the incise after the quote, else the nearest registry name in the sentence,
    else in the sentence before, then after. « …, a-t-il ajouté » takes the previous quote's speaker.
    `outside` are the name hits outside every quote, in text order."""
    names = SpanIndex(h.span for h in outside)
    previous: Quote | None = None
    for quote in quotes:
        after = text[quote.span.end:quote.span.end + 120].lstrip("»”\" \u00a0\u202f")
        here = spans.of(quote.span)
        if _PRONOUN_INCISE.match(after) and previous is not None and spans.of(previous.span) >= here - 1:
            quote.speaker = previous.speaker  # « … », a-t-il ajouté: the same voice as just before
        elif (named := _NAMED_INCISE.match(after)) is not None:
            first = names.first_from(quote.span.end)
            registered = first < len(outside) and outside[first].span.start < quote.span.end + 120
            quote.speaker = display[outside[first].actor_id] if registered else named.group("name")
        else:
            quote.speaker = _nearest(quote.span, here, by_sentence, display)
        previous = quote


def _nearest(quote: Span, here: int, by_sentence: dict[int, tuple[SpanIndex, list[NameHit]]],
             display: dict[str, str]) -> str | None:
    for index in (here, here - 1, here + 1):
        if index >= 0 and index in by_sentence:
            found, hits = by_sentence[index]
            return display[hits[nearest(found, quote)].actor_id]
    return None
