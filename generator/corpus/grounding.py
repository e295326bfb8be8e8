"""`check --sources`: the notes must say what the article says, no more, no less.

Beyond the verbatim check, each rule reads the article's words that a note rests on:

- **figures** (errors): a `value` (unless `basis: analyst`) must be in its `evidence`, in digits or in
  words (« trois heures », « 4,2 millions », « plus d'un milliard »,
  « 13 000 000 »), or as an ordinal (« dans sa quatrième année »: 4, or 3 with
  `more-than` or `at-least`). When it is not, the message says what the evidence gives
  instead: a quantity without a number (« des centaines » → `value: null` and
  `amount_text`), or another number.
- **basis cues** (warnings): the evidence of an `on-record` event, demand or
  figure (a demand's read from the start of its sentence in the article) that
  reads as the author's view (« Pour Moscou, », « Aux yeux de »,
  « semble », « misait ») or in the conditional (« aurait », « serait »,
  « auraient », « seraient »): see :mod:`generator.reading.french_cues` for
  what does not count (a speaker's words, reported speech).
- **quotes** (warnings): an `on-record` quote of one or two words that the
  article puts in guillemets without a speech verb (indicative) in its
  sentence, as scare quotes do (« une Ukraine « neutre » »; kept with `basis:
  conditional` or `reported`, the analyst has said what it is); a quote that is
  a whole paragraph of the article without final punctuation: an intertitle,
  not a speaker's words.
- **dates**: see :mod:`grounding_dates`.
"""

from __future__ import annotations

import re

from ..reading.french_cues import basis_cue
from ..reading.french_dates import find_dated_phrases
from ..reading.french_quantities import find_numbers, find_ordinals, vague_quantities
from ..reading.loader import Located
from ..reading.models import Briefing
from ..reading.problems import ProblemList
from .article import Article, normalise
from .grounding_dates import check_dates

SPEECH = re.compile(
    r"\b(?:affirm|déclar|dit\b|disant|qualifi|indiqu|évoqu|estim|jug|parl|reconn|promet|promis|appel|décri|dénon|"
    r"annon|assur|soulign|expliqu|répét|préven|prévi|insist|ironis|raill|lanc|écri|confi[éeèa]|précis|ajout|réclam|"
    r"exig|demand|menac|martel|résum|admis|admet|avou|employ|utilis|rapport|répond|répliqu|critiqu|salu|"
    r"traité|qualifiant|said|says|told|stated|called)\w*", re.IGNORECASE)
_FINAL = ".!?…:;"
SENTENCE_CHARS = 400  # how far around a short quotation its sentence is read
SCARE_OCCURRENCES = 20  # how many of a word's places between guillemets are read for a speech verb
_WORD_QUOTE = "«“\"‹"
_CLOSE_QUOTE = "»”\"›«"


def ground(lb: Located[Briefing], article: Article, missed: set[tuple], problems: ProblemList) -> None:
    """Every grounding rule on one briefing; fields in `missed` (not found in the article) are not read."""
    check_figures(lb, missed, problems)
    check_cues(lb, article, missed, problems)
    check_quotes(lb, article, missed, problems)
    check_dates(lb, article, missed, problems)


def check_figures(lb: Located[Briefing], missed: set[tuple], problems: ProblemList) -> None:
    for i, f in enumerate(lb.model.figures):
        if f.value is None or f.basis == "analyst" or not f.evidence or ("figures", i, "evidence") in missed:
            continue
        evidence = normalise(f.evidence)
        dates = [p.span for p in find_dated_phrases(evidence, None)]
        numbers = find_numbers(evidence, dates)
        if any(_same(n.value, f.value) or _same(n.base, f.value) for n in numbers) or _ordinal(evidence, f):
            continue
        vague = vague_quantities(evidence)
        shown = _number(f.value)
        if vague:
            words = vague[0][1]
            problems.append(lb.problem(("figures", i, "value"), f"{shown} is not in the evidence, which gives a "
                                       f"quantity without a number: «{words}»",
                                       f"write value: null and amount_text: {words} (a number is never made up "
                                       "from vague words)"))
        elif others := [n for n in numbers if not n.is_year]:
            given = ", ".join(f"«{n.wording}»" for n in others[:3])
            problems.append(lb.problem(("figures", i, "value"), f"{shown} is not in the evidence, which gives "
                                       f"{given}", "correct the value, or give as evidence the passage with "
                                       "this number"))
        else:
            problems.append(lb.problem(("figures", i, "value"), f"{shown} is not in the evidence, in digits or "
                                       "in words", "give as evidence the passage of the article with this number, or, if you "
                                       "deduced it, write basis: analyst and say how in note"))


def _ordinal(evidence: str, figure) -> bool:
    """« dans sa quatrième année »: 4, or 3 with more-than or at-least (the years completed)."""
    return any(_same(n, figure.value) or (_same(n - 1, figure.value) and figure.qualifier in {"more-than", "at-least"})
               for _, n in find_ordinals(evidence))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def check_cues(lb: Located[Briefing], article: Article, missed: set[tuple], problems: ProblemList) -> None:
    b = lb.model
    for name in ("events", "demands", "figures"):
        for i, item in enumerate(getattr(b, name)):
            if item.basis != "on-record" or not item.evidence or (name, i, "evidence") in missed:
                continue
            evidence = normalise(item.evidence)
            at = article.find(evidence)
            # A demand's evidence is read from the start of its sentence: the end of « Pour Moscou, … » is
            # still the author's reading of Moscow. An event or a figure named inside it is not.
            start = _sentence_start(article, at) if at >= 0 and name == "demands" else at
            passage = article.text[start:at + len(evidence)] if at >= 0 else evidence
            cue = basis_cue(evidence, lambda k: at >= 0 and article.in_quotes(at + k))
            if cue is None and start != at:
                cue = basis_cue(passage, lambda k: article.in_quotes(start + k))
            if cue is None:
                continue
            kind, words = cue
            where = "the evidence" if words in evidence else "the sentence of the evidence"
            if kind == "author":
                message = f"«{words}»: {where} gives the author's reading, not a statement on the record"
                hint = "write basis: author, or basis: reported with via if the article names a source"
            else:
                message = f"«{words}»: {where} is in the conditional; the article does not vouch for it"
                hint = "write basis: conditional, or basis: reported with via if the article names a source"
            problems.append(lb.problem((name, i, "evidence"), message, hint, warning=True))


def _sentence_start(article: Article, at: int) -> int:
    """Where the sentence holding position `at` starts (within its paragraph, SENTENCE_CHARS back at most):
    an evidence that is the end of « Pour Moscou, … » is still the author's reading."""
    paragraph = article.paragraph_at(at)
    start = max(paragraph.start, at - SENTENCE_CHARS)
    before = article.text[start:at]
    ends = [m.end() for m in re.finditer(r"[.!?…]\s", before)]
    return start + ends[-1] if ends else start


def check_quotes(lb: Located[Briefing], article: Article, missed: set[tuple], problems: ProblemList) -> None:
    paragraphs = {_unquoted(p) for p in article.paragraphs()}
    for i, q in enumerate(lb.model.quotes):
        if ("quotes", i, "text") in missed:
            continue
        text = normalise(q.text)
        if text and text in paragraphs and text[-1] not in _FINAL:
            problems.append(lb.problem(("quotes", i, "text"), "the quote is a whole line of the article without "
                                       "final punctuation: an intertitle, not a speaker's words",
                                       "quote the speaker's own sentence from the body of the article, or delete "
                                       "this quote", warning=True))
        elif len(text.split()) <= 2 and q.basis == "on-record" and _only_scare_quoted(text, article):
            problems.append(lb.problem(("quotes", i, "text"), f"«{text}» is a word the article puts in guillemets "
                                       "with no speech verb to give it to the speaker (scare quotes)",
                                       "delete the quote, or if the article reports the word as said, keep it with "
                                       "basis: conditional or reported", warning=True))


def _unquoted(paragraph: str) -> str:
    """A paragraph without the guillemets around it, as a quote of it is written."""
    inner = paragraph.strip()
    if inner and inner[0] in _WORD_QUOTE and inner[-1] in _CLOSE_QUOTE:
        inner = inner[1:-1].strip()
    return inner


def _only_scare_quoted(text: str, article: Article) -> bool:
    """True when the article has `text` between guillemets, and never with a speech verb in the indicative
    in the sentence around it (read at its first SCARE_OCCURRENCES places: the time stays linear in the
    number of quotes however often the article repeats the word)."""
    found = article.by_words.get(text, [])
    for quote in found[:SCARE_OCCURRENCES]:
        paragraph = article.paragraph_at(quote.start)
        start = max(paragraph.start, quote.start - SENTENCE_CHARS)
        end = min(paragraph.end, quote.end + SENTENCE_CHARS)
        before = article.text[start:quote.start]
        start += max([before.rfind(c) for c in ".!?"]) + 1
        ends = [k for c in ".!?" if (k := article.text.find(c, quote.end, end)) >= 0]
        # the sentence without the quoted words: « annoncé » between guillemets is no speech verb
        sentence = article.text[start:quote.start] + " … " + article.text[quote.end:min(ends or [end])]
        if any(not re.search(r"\b(?:aurai(?:t|ent))\s+$", sentence[:v.start()]) for v in SPEECH.finditer(sentence)):
            return False
    return bool(found)
