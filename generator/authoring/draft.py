"""`briefings draft`: a first briefing pre-filled from an article's plain text.

Candidates only, for the analyst to keep, fix or delete: quotes (between « »,
“ ” or " ") with the nearest registry name as speaker, dated phrases as events
(resolved against the publication date), quantities as figures, and the
registry's actors named in the text. Every verbatim field (quote texts,
`date_text`, `evidence`) is a slice of the input, so `check --sources` finds it.
The result loads through the real loader; TODO marks what must be written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..reading.article_text import NameFinder, NameHit, Span, SpanIndex, nearest, sentences, trim_span
from ..reading.dates import PartialDate
from ..reading.french_dates import DatedPhrase, find_dated_phrases, publication_date
from ..reading.french_quantities import Quantity, find_quantities
from ..reading.names import slugify
from ..reading.problems import visible
from .scaffold import TODO_OUTLET, TODO_SUMMARY, TODO_TITLE, render_briefing

SPEECH_VERBS = (r"(?:a\s+|avait\s+)?(?:déclaré|déclare|dit|dit-il|dit-elle|affirmé|affirme|affirmait|ajouté|ajoute|"
                r"estimé|estime|assuré|assure|souligné|souligne|expliqué|explique|lancé|lance|résumé|résume|"
                r"répété|répète|écrit|écrivait|jugé|juge|confié|confie|prévenu|prévient|martelé|martèle|"
                r"insisté|insiste|rappelé|rappelle|indiqué|indique|précisé|précise|selon)")
_PRONOUN_INCISE = re.compile(rf"^\s*[,–—-]?\s*(?:{SPEECH_VERBS}|a|avait)(?:-t)?-(?:il|elle)\b", re.IGNORECASE)
_NAMED_INCISE = re.compile(rf"^\s*[,–—-]?\s*{SPEECH_VERBS}\s+(?:M\.\s+|Mme\s+)?"
                           r"(?P<name>[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+)+)")
_QUOTE_PAIRS = [("«", "»"), ("“", "”")]
# An article is a few thousand words; past this, the text is something else (a site, an archive).
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
# Evidence is the sentence of a date or a figure; in a text whose "sentence" runs for pages, an exact
# extract this long around the phrase, so that the file does not repeat the whole text for each item.
MAX_EVIDENCE = 600
EVENT_KINDS = [("cancellation", r"annul"), ("summit", r"sommet"), ("call", r"appel|téléphon|s’entretenir|entretenus"),
               ("sanctions", r"sanction"), ("strike", r"frappe|bombard|attaque"), ("weapons-test", r"essai|test"),
               ("meeting", r"rencontr|réuni|réunion|pourparlers"), ("announcement", r"annonc|promis")]


@dataclass
class Quote:
    span: Span
    speaker: str | None = None
    date: PartialDate | None = None


@dataclass
class Draft:
    """What was found in one article; `render()` turns it into a briefing file."""

    text: str
    published: PartialDate | None
    published_found: bool
    authors: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DatedPhrase] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    producers: dict[Span, str] = field(default_factory=dict)


def draft_article(text: str, names: dict[str, str], display: dict[str, str],
                  published: PartialDate | None = None) -> Draft:
    """Read the article. `names` maps every registry spelling to an actor id; `display` an id to its name."""
    found_date, dateline = publication_date(text)
    draft = Draft(text, published or found_date, published is None and found_date is not None)
    draft.authors = _authors(text)
    spans = SpanIndex(sentences(text))
    hits = NameFinder(names).find(text)
    every_date = find_dated_phrases(text, draft.published)
    draft.dates = [d for d in every_date  # the dateline, or « aujourd’hui » beside it, is no event
                   if not (dateline and spans.of(d.span) == spans.of(dateline) and d.date == found_date)]
    quote_spans = find_quotes(text)
    draft.quotes = [Quote(q) for q in quote_spans]
    quoted = SpanIndex(quote_spans)
    outside = [h for h in hits if not quoted.overlaps(h.span)]
    by_sentence = _by_sentence(outside, spans)
    _attribute(draft.quotes, text, spans, outside, by_sentence, display)
    dated = _by_sentence([d for d in draft.dates if d.date is not None], spans)
    for quote in draft.quotes:
        quote.date = _first_date_beside(dated.get(spans.of(quote.span)), quote.span)
    draft.quantities = find_quantities(text, [d.span for d in every_date])
    for quantity in draft.quantities:
        named = by_sentence.get(spans.of(quantity.span))
        if named:
            draft.producers[quantity.span] = display[named[1][nearest(named[0], quantity.span)].actor_id]
    draft.actors = [display[a] for a in dict.fromkeys(h.actor_id for h in hits)]
    return draft


def _by_sentence(found: list, spans: SpanIndex) -> dict[int, tuple[SpanIndex, list]]:
    """Hits or dated phrases (in text order, not overlapping) grouped by sentence, each group indexed."""
    groups: dict[int, list] = defaultdict(list)
    for item in found:
        groups[spans.of(item.span)].append(item)
    return {i: (SpanIndex(x.span for x in items), items) for i, items in groups.items()}


def _first_date_beside(dated: tuple[SpanIndex, list] | None, quote: Span) -> PartialDate | None:
    """The first date of the quote's sentence that is not inside the quote. The dates overlapping the
    quote are a run of neighbours, so the answer is the sentence's first date or the first after the quote."""
    if not dated:
        return None
    index, phrases = dated
    if not phrases[0].span.overlaps(quote):
        return phrases[0].date
    after = index.first_from(quote.end)
    return phrases[after].date if after < len(phrases) else None


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


def _attribute(quotes: list[Quote], text: str, spans: SpanIndex, outside: list[NameHit],
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


def _authors(text: str) -> list[str]:
    head = text[:600]
    m = re.search(r"^(?:Par|By)\s+([^\n,;]{3,80})$", head, re.MULTILINE)
    return [name.strip() for name in re.split(r"\s+et\s+|\s*,\s*", m.group(1))] if m else []


# --- the briefing file -----------------------------------------------------------------------

def render_draft(draft: Draft, *, article_name: str, schema_ref: str, briefing_id: str | None,
                 topic_ids: list[str] = ()) -> str:
    text, spans = draft.text, SpanIndex(sentences(draft.text))
    stem = slugify(Path(article_name).stem)[:30].strip("-")
    notes = {"title": "TODO", "summary": "TODO", "source.genre": "TODO: deviné, vérifiez.",
             "source.outlet": "TODO", "source.headline": "TODO"}
    if draft.published is None:
        notes["source.published"] = "TODO: date introuvable dans le texte."
    elif draft.published_found:
        notes["source.published"] = "Trouvée en tête de l'article : vérifiez."
    source = {"outlet": TODO_OUTLET, "headline": None, "authors": draft.authors, "published": draft.published,
              "url": None, "language": "fr", "genre": "news", "credits": [], "text_file": Path(article_name).name}
    items = {
        "actors": [{"name": name} for name in draft.actors],
        "events": [_event(d, i, stem, text, spans, draft.published) for i, d in enumerate(draft.dates, 1)],
        "figures": [_figure(q, i, stem, text, spans, draft.producers.get(q.span)) for i, q in enumerate(draft.quantities, 1)],
        "quotes": [_quote(q, text) for q in draft.quotes],
    }
    return render_briefing(briefing_id=briefing_id, title=TODO_TITLE, summary=TODO_SUMMARY, source=source,
                           topics=[], items=items, schema_ref=schema_ref, notes=notes, topic_ids=list(topic_ids),
                           preamble=f"# Brouillon tiré de {visible(Path(article_name).name)} par `briefings draft` : "
                                    "chaque élément est une proposition à vérifier, garder ou supprimer.")


def _sentence_text(text: str, spans: SpanIndex, span: Span) -> str:
    """The sentence holding `span`, or an exact extract of it around `span` when it is very long."""
    index = spans.of(span)
    sentence = spans[index] if index >= 0 else span
    if sentence.end - sentence.start > MAX_EVIDENCE:
        margin = max(0, (MAX_EVIDENCE - (span.end - span.start)) // 2)
        sentence = trim_span(text, max(sentence.start, span.start - margin), min(sentence.end, span.end + margin))
    return text[sentence.start:sentence.end]


def _event(phrase: DatedPhrase, n: int, stem: str, text: str, spans: SpanIndex,
           published: PartialDate | None) -> dict[str, Any]:
    evidence = _sentence_text(text, spans, phrase.span)
    kind = next((k for k, pattern in EVENT_KINDS if re.search(pattern, evidence, re.IGNORECASE)), "other")
    item: dict[str, Any] = {"id": f"todo-{stem}-evenement-{n}", "kind": kind, "title": "TODO: intitulé",
                            "date": phrase.date, "date_text": phrase.wording, "evidence": evidence,
                            "#": {"id": "TODO: id partagé (même événement = même id)",
                                  "kind": "TODO: deviné, vérifiez"}}
    if phrase.date is None:
        item["#"]["date"] = "TODO: année inconnue"
    elif published is not None and phrase.date > published and not published.contains(phrase.date):
        item["status"] = "planned"
        item["#"]["status"] = "postérieur à la publication : vérifiez"
    return item


def _figure(quantity: Quantity, n: int, stem: str, text: str, spans: SpanIndex,
            producer: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"indicator": f"todo-{stem}-chiffre-{n}",
                            "label": f"TODO: ce que mesure « {quantity.wording} »",
                            "category": _category(quantity), "value": quantity.value,
                            "qualifier": quantity.qualifier, "unit": quantity.unit, "attributed_to": producer,
                            "evidence": _sentence_text(text, spans, quantity.span),
                            "#": {"indicator": "TODO: indicateur stable, partagé entre briefings",
                                  "category": "TODO: deviné, vérifiez"}}
    if producer:
        item["#"]["attributed_to"] = "TODO: nom trouvé dans la phrase, vérifiez qu'il a produit le chiffre"
    else:
        item["#"]["value"] = "TODO: ajoutez attributed_to si l'article dit qui a produit ce chiffre"
    return {k: v for k, v in item.items() if v is not None}


def _category(quantity: Quantity) -> str:
    if quantity.unit == "people":
        return "humanitarian"
    if quantity.unit in {"usd", "eur"}:
        return "economic"
    if quantity.unit in {"drones", "missiles", "tanks"}:
        return "military"
    return "other"


def _quote(quote: Quote, text: str) -> dict[str, Any]:
    words = text[quote.span.start:quote.span.end]
    item: dict[str, Any] = {"speaker": quote.speaker or "TODO: qui parle ?", "text": words, "#": {}}
    if quote.speaker is None:
        item["#"]["speaker"] = "TODO: aucun nom trouvé près de la citation"
    else:
        item["#"]["speaker"] = "TODO: vérifiez"
    if len(words.split()) < 3:
        item["#"]["text"] = "TODO: citation, ou simple terme entre guillemets ?"
    if quote.date is not None:
        item["date"] = quote.date
        item["#"]["date"] = "date de la phrase : vérifiez qu'elle date la citation"
    return item
