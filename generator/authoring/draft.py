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

from ..reading.article_text import NameFinder, Span, SpanIndex, nearest, sentences, trim_span
from ..reading.dates import PartialDate
from ..reading.french_cues import basis_cue
from ..reading.french_dates import DatedPhrase, find_dated_phrases, publication_date
from ..reading.fields import MAX_FIGURE
from ..reading.french_quantities import VAGUE_MAGNITUDES, Quantity, find_quantities, vague_quantities
from ..reading.names import slugify
from ..reading.problems import visible
from .draft_quotes import Quote, attribute, find_quotes
from .scaffold import TODO_OUTLET, TODO_SUMMARY, TODO_TITLE, render_briefing

# An article is a few thousand words; past this, the text is something else (a site, an archive).
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
# Evidence is the sentence of a date or a figure; in a text whose "sentence" runs for pages, an exact
# extract this long around the phrase, so that the file does not repeat the whole text for each item.
MAX_EVIDENCE = 600
EVENT_KINDS = [("cancellation", r"annul"), ("summit", r"sommet"), ("call", r"appel|téléphon|s’entretenir|entretenus"),
               ("sanctions", r"sanction"), ("strike", r"frappe|bombard|attaque"), ("weapons-test", r"essai|test"),
               ("meeting", r"rencontr|réuni|réunion|pourparlers"), ("announcement", r"annonc|promis")]


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
    vague: list[tuple[Span, str]] = field(default_factory=list)  # « des centaines »: figures without a number
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
    attribute(draft.quotes, text, spans, outside, by_sentence, display)
    dated = _by_sentence([d for d in draft.dates if d.date is not None], spans)
    for quote in draft.quotes:
        quote.date = _first_date_beside(dated.get(spans.of(quote.span)), quote.span)
    found = find_quantities(text, [d.span for d in every_date])
    # A number the format refuses (10^18 or more: « write it in a larger unit ») is the analyst's to rewrite.
    draft.quantities = [q for q in found if abs(q.value) < MAX_FIGURE]
    numbers = SpanIndex([q.span for q in found] + [d.span for d in every_date])
    draft.vague = [(span, words) for span, words in vague_quantities(text)
                   if _scale_word(words) and not numbers.overlaps(span)]
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


def _scale_word(words: str) -> str | None:
    """« dizaines » in « des dizaines »: a vague quantity worth a figure (« plusieurs » alone is not)."""
    return next((w for w in VAGUE_MAGNITUDES if words.lower().endswith(w)), None)


def _first_date_beside(dated: tuple[SpanIndex, list] | None, quote: Span) -> DatedPhrase | None:
    """The first date of the quote's sentence that is not inside the quote. The dates overlapping the
    quote are a run of neighbours, so the answer is the sentence's first date or the first after the quote."""
    if not dated:
        return None
    index, phrases = dated
    if not phrases[0].span.overlaps(quote):
        return phrases[0]
    after = index.first_from(quote.end)
    return phrases[after] if after < len(phrases) else None


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
        "figures": [_figure(q, i, stem, text, spans, draft.producers) for i, q in enumerate(_figures(draft), 1)],
        "quotes": [_quote(q, text, spans, draft.published) for q in draft.quotes],
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
    _date_basis(item, phrase, published)
    _basis(item, evidence)
    return item


def _date_basis(item: dict[str, Any], phrase: DatedPhrase | None, published: PartialDate | None) -> None:
    """date_basis: inferred, with the reasoning in date_note, when the words do not give the whole date:
    the year of « le 13 octobre » comes from the publication date, the day of « le lendemain » from the
    day before it. date_text stays the article's words alone."""
    if phrase is None or phrase.date is None:
        return
    if not re.search(r"\d", phrase.wording):
        note = "Jour compté à partir de la date que l'article donne juste avant."
    elif not re.search(r"(?:19|20)\d{2}", phrase.wording) and published is not None:
        note = f"Année déduite de la date de publication ({published.iso()})."
    else:
        return
    item["date_basis"] = "inferred"
    item["date_note"] = note
    item["#"]["date_basis"] = "vérifiez"


def _basis(item: dict[str, Any], passage: str, kinds: tuple[str, ...] = ("author", "conditional")) -> None:
    """basis: author or conditional when the passage reads so (« Pour Moscou, », « aurait »), with a TODO."""
    cue = basis_cue(passage)
    if cue is None or cue[0] not in kinds:
        return
    item["basis"] = cue[0]
    item["#"]["basis"] = (f"TODO: « {cue[1]} » dans le passage : lecture de l'auteur ? (on-record si la partie l'a dit)"
                          if cue[0] == "author" else f"TODO: « {cue[1]} » dans le passage : l'article ne s'en porte "
                          "pas garant (reported, avec via, s'il nomme la source)")


def _figures(draft: Draft) -> list[Quantity | tuple[Span, str]]:
    """Numbers and vague quantities, in text order."""
    found: list[Quantity | tuple[Span, str]] = [*draft.quantities, *draft.vague]
    return sorted(found, key=lambda f: (f.span if isinstance(f, Quantity) else f[0]).start)


def _figure(found: Quantity | tuple[Span, str], n: int, stem: str, text: str, spans: SpanIndex,
            producers: dict[Span, str]) -> dict[str, Any]:
    span, wording = (found.span, found.wording) if isinstance(found, Quantity) else found
    producer = producers.get(span)
    evidence = _sentence_text(text, spans, span)
    item: dict[str, Any] = {"indicator": f"todo-{stem}-chiffre-{n}", "label": f"TODO: ce que mesure « {wording} »",
                            "#": {"indicator": "TODO: indicateur stable, partagé entre briefings",
                                  "category": "TODO: deviné, vérifiez"}}
    if isinstance(found, Quantity):
        item.update(category=_category(found), value=found.value, qualifier=found.qualifier, unit=found.unit)
    else:  # « des centaines »: the article's words, never a number made up from them
        item.update(category="other", value=None, amount_text=wording, magnitude=VAGUE_MAGNITUDES[_scale_word(wording)])
        item["#"]["value"] = "pas de nombre dans l'article : la quantité reste en mots"
        item["#"]["magnitude"] = "ordre de grandeur, pour trier seulement ; jamais affiché"
    item.update(attributed_to=producer, evidence=evidence)
    if producer:
        item["#"]["attributed_to"] = "TODO: nom trouvé dans la phrase, vérifiez qu'il a produit le chiffre"
    elif isinstance(found, Quantity):
        item["#"]["value"] = "TODO: ajoutez attributed_to si l'article dit qui a produit ce chiffre"
    _basis(item, evidence)
    return {k: v for k, v in item.items() if v is not None or k == "value"}


def _category(quantity: Quantity) -> str:
    if quantity.unit == "people":
        return "humanitarian"
    if quantity.unit in {"usd", "eur"}:
        return "economic"
    if quantity.unit in {"drones", "missiles", "tanks"}:
        return "military"
    return "other"


def _quote(quote: Quote, text: str, spans: SpanIndex, published: PartialDate | None) -> dict[str, Any]:
    words = text[quote.span.start:quote.span.end]
    item: dict[str, Any] = {"speaker": quote.speaker or "TODO: qui parle ?", "text": words, "#": {}}
    if quote.speaker is None:
        item["#"]["speaker"] = "TODO: aucun nom trouvé près de la citation"
    else:
        item["#"]["speaker"] = "TODO: vérifiez"
    line_start = text.rfind("\n", 0, quote.span.start) + 1
    line_end = text.find("\n", quote.span.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip().strip("«»“”\"").strip()
    if line == words.strip() and words.rstrip()[-1:] not in ".!?…":
        item["#"]["text"] = "TODO: toute une ligne sans point final : un intertitre, pas une citation ?"
    elif len(words.split()) < 3:
        item["#"]["text"] = "TODO: citation, ou simple terme entre guillemets ?"
    if quote.date is not None and quote.date.date is not None:
        item["date"] = quote.date.date
        item["#"]["date"] = "date de la phrase : vérifiez qu'elle date la citation"
        _date_basis(item, quote.date, published)
    _basis(item, _sentence_text(text, spans, quote.span), kinds=("conditional",))
    return item
