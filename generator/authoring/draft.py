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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .article_text import NameFinder, NameHit, Span, sentences, trim_span
from ..reading.dates import PartialDate
from .draft_dates import DatedPhrase, find_dated_phrases, publication_date
from .draft_quantities import Quantity, find_quantities
from ..reading.names import slugify
from .scaffold import TODO_OUTLET, TODO_SUMMARY, TODO_TITLE, render_briefing

SPEECH_VERBS = (r"(?:a\s+|avait\s+)?(?:déclaré|déclare|dit|dit-il|dit-elle|affirmé|affirme|affirmait|ajouté|ajoute|"
                r"estimé|estime|assuré|assure|souligné|souligne|expliqué|explique|lancé|lance|résumé|résume|"
                r"répété|répète|écrit|écrivait|jugé|juge|confié|confie|prévenu|prévient|martelé|martèle|"
                r"insisté|insiste|rappelé|rappelle|indiqué|indique|précisé|précise|selon)")
_PRONOUN_INCISE = re.compile(rf"^\s*[,–—-]?\s*(?:{SPEECH_VERBS}|a|avait)(?:-t)?-(?:il|elle)\b", re.IGNORECASE)
_NAMED_INCISE = re.compile(rf"^\s*[,–—-]?\s*{SPEECH_VERBS}\s+(?:M\.\s+|Mme\s+)?"
                           r"(?P<name>[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+)+)")
_QUOTE_PAIRS = [("«", "»"), ("“", "”")]
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
    spans = sentences(text)
    hits = NameFinder(names).find(text)
    every_date = find_dated_phrases(text, draft.published)
    draft.dates = [d for d in every_date  # the dateline, or « aujourd’hui » beside it, is no event
                   if not (dateline and _sentence_of(spans, d.span) == _sentence_of(spans, dateline)
                           and d.date == found_date)]
    quote_spans = find_quotes(text)
    draft.quotes = [Quote(q) for q in quote_spans]
    _attribute(draft.quotes, text, spans, hits, quote_spans, display)
    for quote in draft.quotes:
        quote.date = next((d.date for d in draft.dates if _sentence_of(spans, d.span) == _sentence_of(spans, quote.span)
                           and d.date is not None and not quote.span.overlaps(d.span)), None)
    draft.quantities = find_quantities(text, [d.span for d in every_date])
    outside = [h for h in hits if not any(h.span.overlaps(q) for q in quote_spans)]
    for quantity in draft.quantities:
        here = _sentence_of(spans, quantity.span)
        named = [h for h in outside if _sentence_of(spans, h.span) == here]
        if named:
            draft.producers[quantity.span] = display[min(named, key=lambda h: quantity.span.distance(h.span)).actor_id]
    draft.actors = [display[a] for a in dict.fromkeys(h.actor_id for h in hits)]
    return draft


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
    spans = {s for s in found if s.end > s.start and "\n" not in text[s.start:s.end]}
    outer = [s for s in spans if not any(o != s and o.start <= s.start and s.end <= o.end for o in spans)]
    return sorted(outer, key=lambda s: s.start)


def _attribute(quotes: list[Quote], text: str, spans: list[Span], hits: list[NameHit], quoted: list[Span],
               display: dict[str, str]) -> None:
    """Speakers: the name in the incise after the quote, else the nearest registry name in the sentence,
    else in the sentence before, then after. « …, a-t-il ajouté » takes the previous quote's speaker."""
    outside = [h for h in hits if not any(h.span.overlaps(q) for q in quoted)]
    previous: Quote | None = None
    for quote in quotes:
        after = text[quote.span.end:quote.span.end + 120].lstrip("»”\" \u00a0\u202f")
        here = _sentence_of(spans, quote.span)
        if _PRONOUN_INCISE.match(after) and previous is not None and _sentence_of(spans, previous.span) >= here - 1:
            quote.speaker = previous.speaker  # « … », a-t-il ajouté: the same voice as just before
        elif (named := _NAMED_INCISE.match(after)) is not None:
            registered = [h for h in outside if quote.span.end <= h.span.start < quote.span.end + 120]
            quote.speaker = display[registered[0].actor_id] if registered else named.group("name")
        else:
            quote.speaker = _nearest(quote.span, here, spans, outside, display)
        previous = quote


def _nearest(quote: Span, here: int, spans: list[Span], hits: list[NameHit], display: dict[str, str]) -> str | None:
    for index in (here, here - 1, here + 1):
        if not 0 <= index < len(spans):
            continue
        inside = [h for h in hits if spans[index].start <= h.span.start < spans[index].end]
        if inside:
            return display[min(inside, key=lambda h: quote.distance(h.span)).actor_id]
    return None


def _sentence_of(spans: list[Span], span: Span) -> int:
    for i, s in enumerate(spans):
        if s.start <= span.start < max(s.end, s.start + 1):
            return i
    return -1


def _authors(text: str) -> list[str]:
    head = text[:600]
    m = re.search(r"^(?:Par|By)\s+([^\n,;]{3,80})$", head, re.MULTILINE)
    return [name.strip() for name in re.split(r"\s+et\s+|\s*,\s*", m.group(1))] if m else []


# --- the briefing file -----------------------------------------------------------------------

def render_draft(draft: Draft, *, article_name: str, schema_ref: str, briefing_id: str | None,
                 topic_ids: list[str] = ()) -> str:
    text, spans = draft.text, sentences(draft.text)
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
                           preamble=f"# Brouillon tiré de {Path(article_name).name} par `briefings draft` : "
                                    "chaque élément est une proposition à vérifier, garder ou supprimer.")


def _sentence_text(text: str, spans: list[Span], span: Span) -> str:
    index = _sentence_of(spans, span)
    sentence = spans[index] if index >= 0 else span
    return text[sentence.start:sentence.end]


def _event(phrase: DatedPhrase, n: int, stem: str, text: str, spans: list[Span],
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


def _figure(quantity: Quantity, n: int, stem: str, text: str, spans: list[Span],
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
