"""Dated phrases of French press text, resolved against the publication date.

« le 17 novembre », « mi-octobre », « en août dernier », « début août »,
« le lendemain », « 15 août 2025 », « depuis 2022 »… Each phrase keeps its exact
wording and span; its date keeps the precision the words give (« mi-octobre » is
October, not a day). A day or month written without a year is the most recent
one not after publication (« le 21 décembre » in an article of November 2025 is
21 December 2024); « dernier » makes it strictly earlier, « prochain » later.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta

from .article_text import Span
from .dates import PartialDate

MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
          "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
# An English dateline quoted in a French article (a post: « November 27, 2024 »): month first, always a year.
EN_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
             "september": 9, "october": 10, "november": 11, "december": 12}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+"
_AFTER = r"(?:\s+(?P<when>dernier|prochain))?"
_END = r"(?![\w-])"

# (kind, pattern); every pattern is matched case-insensitively; the first of overlapping matches wins.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in [
    ("iso", r"(?<![\d-])(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2})(?![\d-])"),
    ("day", rf"(?<![\w-])(?:(?:le|du|au|ce|dès le|depuis le)\s+)?(?:{_WEEKDAY})?(?P<day>1er|[12]\d|3[01]|0?[1-9])\s+{_MONTH}"
            rf"(?:\s+{_YEAR})?{_AFTER}{_END}"),
    ("month", rf"(?<![\w-])(?:(?:à\s+la|la|vers\s+la)\s+)?mi-{_MONTH}(?:\s+{_YEAR})?{_END}"),
    ("month", rf"(?<![\w-])(?:début|fin|courant|mi)\s+{_MONTH}(?:\s+{_YEAR})?{_END}"),
    ("month", rf"(?<![\w-])(?:(?:en|depuis)\s+|au\s+mois\s+d(?:e\s+|[’']))(?:{_MONTH})(?:\s+{_YEAR})?{_AFTER}{_END}"),
    ("month", rf"(?<![\w-]){_MONTH}\s+{_YEAR}{_END}"),
    ("year", rf"(?<![\w-])(?:en|depuis|dès|début|fin|courant)\s+{_YEAR}{_END}"),
    ("relative", r"(?<![\w-])(?P<rel>le\s+lendemain|la\s+veille|le\s+même\s+jour|hier|avant-hier|aujourd[’']hui|demain)"
                 r"(?![\w-])"),
    ("english", r"(?<![\w-])(?P<enmonth>" + "|".join(EN_MONTHS) + r")\s+(?P<day>[12]\d|3[01]|0?[1-9]),?\s+"
                r"(?P<year>(?:19|20)\d{2})(?![\w-])"),
]]
RELATIVE_DAYS = {"le lendemain": 1, "la veille": -1, "le même jour": 0, "hier": -1, "avant-hier": -2, "aujourd’hui": 0,
                 "aujourd'hui": 0, "demain": 1}


@dataclass(frozen=True)
class DatedPhrase:
    span: Span
    wording: str
    date: PartialDate | None


def find_dated_phrases(text: str, published: PartialDate | None) -> list[DatedPhrase]:
    """Every dated phrase in text order; `date` is None when the year cannot be known."""
    matches = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            matches.append((m.start(), -(m.end() - m.start()), kind, m))
    out: list[DatedPhrase] = []
    taken_until = -1
    last_day: PartialDate | None = None
    for start, _, kind, m in sorted(matches, key=lambda x: (x[0], x[1])):
        if start < taken_until:
            continue
        taken_until = m.end()
        if kind == "relative":
            when = _relative(m.group("rel"), last_day, published)
        else:
            when = _absolute(kind, m, published)
        if when is not None and when.precision == "day":
            last_day = when
        if kind == "relative" and when is None:
            continue
        out.append(DatedPhrase(Span(m.start(), m.end()), m.group(), when))
    return out


def _absolute(kind: str, m: re.Match[str], published: PartialDate | None) -> PartialDate | None:
    groups = m.groupdict()
    if kind == "iso":
        try:
            return PartialDate.parse(groups["iso"])
        except ValueError:
            return None
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "english":
        month, day = EN_MONTHS[groups["enmonth"].lower()], int(groups["day"])
        return PartialDate(year, month, day) if day <= calendar.monthrange(year, month)[1] else None  # type: ignore[arg-type]
    if kind == "year":
        return PartialDate(year) if year else None
    month = MONTHS[groups["month"].lower()]
    day = None
    if kind == "day":
        day = 1 if groups["day"].lower() == "1er" else int(groups["day"])
    if year is None:
        year = _year_for(month, day, published, (groups.get("when") or "").lower())
        if year is None or not MINYEAR <= year <= MAXYEAR:  # « dernier » before 0001, « prochain » after 9999
            return None
    if day is not None and day > calendar.monthrange(year, month)[1]:
        return None
    return PartialDate(year, month, day)


def _year_for(month: int, day: int | None, published: PartialDate | None, when: str) -> int | None:
    """The year of the most recent (month, day) not after publication; `dernier` = before, `prochain` = after."""
    if published is None:
        return None
    if published.month is None:
        return published.year
    this: tuple[int, ...] = (month,) if day is None else (month, day)
    ref: tuple[int, ...] = (published.month,) if day is None else (published.month, published.day or 31)
    if when == "prochain":
        return published.year if this > ref else published.year + 1
    if when == "dernier":
        return published.year if this < ref else published.year - 1
    return published.year if this <= ref else published.year - 1


def _relative(words: str, last_day: PartialDate | None, published: PartialDate | None) -> PartialDate | None:
    words = re.sub(r"\s+", " ", words.lower())
    offset = RELATIVE_DAYS[words]
    anchor = last_day if words in {"le lendemain", "la veille", "le même jour"} else published
    if anchor is None or anchor.precision != "day":
        return None
    try:
        day = date(anchor.year, anchor.month, anchor.day) + timedelta(days=offset)  # type: ignore[arg-type]
    except OverflowError:  # « demain » of 9999-12-31, « hier » of 0001-01-01: no day the calendar holds
        return None
    return PartialDate(day.year, day.month, day.day)


def publication_date(text: str, *, head_chars: int = 600) -> tuple[PartialDate | None, Span | None]:
    """The date the article gives itself near its top, and where it is written.

    Only a dateline counts: a line that is mostly a full date, or a full date right
    after « date », « publié le », « aujourd’hui »… (« Aujourd’hui, 15 août 2025, »).
    """
    head = text[:head_chars]
    found = [p for p in find_dated_phrases(head, None) if p.date is not None and p.date.precision == "day"]
    for phrase in found:
        line_start = head.rfind("\n", 0, phrase.span.start) + 1
        line_end = head.find("\n", phrase.span.end)
        line = head[line_start:line_end if line_end >= 0 else len(head)]
        before = head[line_start:phrase.span.start].lower()
        if len(phrase.wording) >= 0.5 * len(line.strip()) or re.search(_DATELINE_CUE, before):
            return phrase.date, phrase.span
    # A full date inside a sentence or a photo caption is more often an event's than the article's.
    return None, None


_DATELINE_CUE = r"(date|publié|publication|mis à jour|aujourd[’']hui|ce)\W*$"
