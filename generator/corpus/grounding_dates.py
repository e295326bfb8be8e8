"""A date to the day must be one the article gives for the item, or say that the analyst deduced it.

The rule, for every event, demand and quote `date` and every figure `as_of` that
names a day (AAAA-MM-JJ), unless its `date_basis` (`as_of_basis`) is `inferred`:

- **Supported** when a dated phrase of the French reader (« le 3 mars »,
  « 15 août 2025 », « le lendemain » after a day) in the item's own words gives
  that day: `date_text` and `evidence`. Demands, figures and quotes have no
  `date_text`: for them, also the day in force where the article holds the
  evidence or the quote: a day of its paragraph (« …, a déclaré Trump le 22
  octobre »), or else the last day the article gives before that paragraph (up
  to 2 000 characters back: « Le 17 novembre, le Kremlin a annoncé… » dates the
  spokesman's words quoted in the next paragraphs). A phrase without a year
  takes the item's year; a year the phrase writes must be the item's. A short
  paragraph (80 characters at most) right after is read too: the dateline of
  an embedded post (« — Michael Tracey, November 27, 2024 »).
  « le lendemain », « la veille », « le même jour » count from the last day the
  article gives before them; « hier », « aujourd'hui » from a publication date
  known to the day.
- **Contradicted** (an error) when, nothing supporting it, the words that name
  this item's date give another day: a day phrase in `date_text`, or the one
  and only day phrase of the `evidence` when it dates the clause (« le 21
  octobre », « Lundi 21 octobre ») rather than another thing (« le sommet du 15
  août », « depuis le 3 mars », « après le 12 novembre »). Phrases of the
  paragraph around, and relative ones, never contradict: they so often date
  something else.
- Otherwise, **unsupported**: a warning asking for the article's words, or for
  `date_basis: inferred` and a `date_note`.
"""

from __future__ import annotations

import re

from ..reading.dates import PartialDate
from ..reading.french_dates import DatedPhrase, find_dated_phrases
from ..reading.loader import Located
from ..reading.models import Briefing
from ..reading.problems import ProblemList
from .article import Article, normalise

CONTEXT_CHARS = 2000  # how far back « le lendemain » looks for its day
DATELINE_CHARS = 80  # a paragraph this short right after a quoted post may be its dateline
_RELATIONAL = re.compile(r"(?:^(?:du|au|dès|depuis)\b)", re.IGNORECASE)
_RELATIONAL_BEFORE = re.compile(r"(?:après|avant|depuis|dès|jusqu[’']?|d[’']ici|à partir|entre|et|ou|au|du)\s*$",
                                re.IGNORECASE)


def check_dates(lb: Located[Briefing], article: Article, missed: set[tuple], problems: ProblemList) -> None:
    b = lb.model
    published = b.source.published
    for i, e in enumerate(b.events):
        _check(lb, ("events", i), "date", e.date, e.date_basis, "date_basis", article, missed, published, problems,
               [("date_text", e.date_text), ("evidence", e.evidence)], around=None)
    for i, d in enumerate(b.demands):
        _check(lb, ("demands", i), "date", d.date, d.date_basis, "date_basis", article, missed, published, problems,
               [("evidence", d.evidence)], around=d.evidence)
    for i, f in enumerate(b.figures):
        _check(lb, ("figures", i), "as_of", f.as_of, f.as_of_basis, "as_of_basis", article, missed, published, problems,
               [("evidence", f.evidence)], around=f.evidence)
    for i, q in enumerate(b.quotes):
        _check(lb, ("quotes", i), "date", q.date, q.date_basis, "date_basis", article, missed, published, problems,
               [], around=q.text, around_key="text")


def _check(lb: Located[Briefing], at: tuple, key: str, when: PartialDate | None, basis: str, basis_key: str,
           article: Article, missed: set[tuple], published: PartialDate | None,
           problems: ProblemList, pieces: list[tuple[str, str | None]], around: str | None, around_key: str = "evidence") -> None:
    if when is None or when.precision != "day" or basis == "inferred":
        return
    found: list[tuple[str, str, list[DatedPhrase]]] = []  # (key, text, its dated phrases)
    for name, text in pieces:
        if text and (*at, name) not in missed:
            phrases = _phrases_of(normalise(text), article, when, published)
            if phrases is not None:
                found.append((name, text, phrases))
    support = [p for _, _, phrases in found for p in phrases]
    if around and (*at, around_key) not in missed:
        support += _in_force(article, normalise(around), when, published)
    if any(p.date == when for p in support):
        return
    for name, text, phrases in found:
        other = _contradiction(name, normalise(text), phrases, when)
        if other is not None:
            problems.append(lb.problem((*at, key), f"{when} contradicts the {name}, which dates it «{other.wording}» "
                                       f"({other.date})", f"correct {key}, or give as {name} the article's words "
                                       "about this item"))
            return
    where = " or ".join([f"the {name}" for name, _ in pieces] + ([f"the article around the {_AROUND[around_key]}"]
                                                                  if around else []))
    example = f"« le {when.day} {_MONTHS[when.month]} »"  # type: ignore[index]
    words = ("put the article's words for the day in date_text" if any(n == "date_text" for n, _ in pieces)
             else "choose evidence that gives the day" if pieces else "check the day")
    problems.append(lb.problem((*at, key), f"{when} is a day that {where} does not give (no {example})",
                               f"{words}, or write {basis_key}: inferred and say how you deduced it in date_note",
                               warning=True))


_AROUND = {"evidence": "evidence", "text": "quote"}
_MONTHS = ["", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]


def _dated(text: str, when: PartialDate, published: PartialDate | None) -> list[DatedPhrase]:
    """The dated phrases of `text`: a phrase without a year takes the item's; « hier » and « aujourd'hui »
    count from the publication date when it is known to the day."""
    phrases = find_dated_phrases(text, PartialDate(when.year))
    if published is not None and published.precision == "day":
        phrases += [p for p in find_dated_phrases(text, published) if not _absolute(p)]
    return phrases


def _phrases_of(piece: str, article: Article, when: PartialDate,
                published: PartialDate | None) -> list[DatedPhrase] | None:
    """The dated phrases of a piece of the article, « le lendemain » read after what comes before it
    there; None when the piece is not in the article."""
    position = article.find(piece)
    if position < 0:
        return None
    start = max(0, position - CONTEXT_CHARS)
    context = article.text[start:position + len(piece)]
    offset = position - start
    return [p for p in _dated(context, when, published) if p.span.end > offset]


def _in_force(article: Article, piece: str, when: PartialDate, published: PartialDate | None) -> list[DatedPhrase]:
    """The days of the paragraph holding `piece`, and the day in force when it starts: the last one the
    article gives before it (« Le 17 novembre, le Kremlin a annoncé… » dates the quotes that follow)."""
    position = article.find(piece)
    if position < 0:
        return []
    paragraph = article.paragraph_at(position)
    # A paragraph is read up to CONTEXT_CHARS either side of the piece: a text that is one long line
    # costs each item a window, not the whole text.
    first = max(paragraph.start, position - CONTEXT_CHARS)
    last = min(paragraph.end, position + len(piece) + CONTEXT_CHARS)
    start = max(0, first - CONTEXT_CHARS) if first == paragraph.start else first
    phrases = _dated(article.text[start:last], when, published)
    offset = first - start
    before = [p for p in phrases if p.span.end <= offset and p.date is not None and p.date.precision == "day"]
    found = [p for p in phrases if p.span.end > offset] + before[-1:]
    following = article.paragraph_at(paragraph.end + 1)
    if following.start > paragraph.start and following.end - following.start <= DATELINE_CHARS:
        found += _dated(article.text[following.start:following.end], when, published)  # a post's dateline
    return found


def _absolute(phrase: DatedPhrase) -> bool:
    return bool(re.search(r"\d|1er", phrase.wording))


def _contradiction(name: str, text: str, phrases: list[DatedPhrase], when: PartialDate) -> DatedPhrase | None:
    days = [p for p in phrases if _absolute(p) and p.date is not None and p.date.precision == "day"]
    if name == "date_text":
        return days[0] if days and all(p.date != when for p in days) else None
    if len({p.date for p in days}) != 1:
        return None
    phrase = days[0]
    at = text.find(phrase.wording)
    if _RELATIONAL.match(phrase.wording) or (at >= 0 and _RELATIONAL_BEFORE.search(text[max(0, at - 20):at])):
        return None
    return phrase
