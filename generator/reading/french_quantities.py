"""Quantities of French press text: « près de 13 millions », « plus d’un milliard de dollars »,
« 23 civils », « trois heures », « environ 20 % ».

A number is kept when something says it is a quantity: a qualifier (« plus de »,
« près de »…), a scale (« millions »), or a unit noun right after it. Bare
numbers, years, ordinals (« 1er », « XXe ») and the numbers of dates are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .article_text import Span, SpanIndex

QUALIFIERS = {"près de": "about", "environ": "about", "quelque": "about", "quelques": "about",
              "approximativement": "about", "autour de": "about", "plus de": "more-than", "plus d’": "more-than",
              "plus d'": "more-than", "au moins": "at-least", "au minimum": "at-least", "moins de": "less-than",
              "moins d’": "less-than", "moins d'": "less-than", "jusqu’à": "up-to", "jusqu'à": "up-to"}
WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
         "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
         "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "trente": 30, "quarante": 40,
         "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000}
SCALES = {"mille": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000,
          "milliards": 1_000_000_000}
# unit noun → unit slug of the briefing format
UNITS = {
    **dict.fromkeys(["personnes", "personne", "civils", "civil", "morts", "mort", "victimes", "blessés", "tués",
                     "soldats", "militaires", "habitants", "réfugiés", "déplacés", "enfants", "prisonniers",
                     "ukrainiens", "russes", "otages"], "people"),
    **dict.fromkeys(["dollars", "dollar", "$"], "usd"),
    **dict.fromkeys(["euros", "euro", "€"], "eur"),
    **dict.fromkeys(["heures", "heure"], "hours"), **dict.fromkeys(["jours", "jour"], "days"),
    **dict.fromkeys(["semaines", "semaine"], "weeks"), "mois": "months",
    **dict.fromkeys(["ans", "années", "an"], "years"),
    **dict.fromkeys(["%", "pour cent", "pourcent"], "percent"),
    **dict.fromkeys(["kilomètres carrés", "km²", "km2"], "km2"), **dict.fromkeys(["kilomètres", "km"], "km"),
    **dict.fromkeys(["drones", "drone"], "drones"), **dict.fromkeys(["missiles", "missile"], "missiles"),
    **dict.fromkeys(["chars", "char"], "tanks"), **dict.fromkeys(["barils"], "barrels"),
}

_SPACE = "[ \u00a0\u202f]"
_DIGITS = rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_WORD = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
QUANTITY = re.compile(
    rf"(?<![\w-])(?:(?P<qual>{_QUAL})\s*)?"
    rf"(?:(?P<digits>{_DIGITS})|(?P<word>{_WORD}))(?![\w-]|,\d|\.\d)"
    rf"(?:\s+(?P<scale>{_SCALE})(?!\w))?"
    rf"(?:{_SPACE}*(?:de\s+|d[’']\s*)?(?P<unit>{_UNIT})(?!\w))?",
    re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    span: Span
    wording: str
    value: int | float
    qualifier: str | None
    unit: str | None


def find_quantities(text: str, skip: list[Span] = ()) -> list[Quantity]:
    """Every quantity in text order, except those overlapping `skip` (e.g. the spans of dates)."""
    out = []
    skipped = SpanIndex(skip)
    for m in QUANTITY.finditer(text):
        span = Span(m.start(), m.end())
        if skipped.overlaps(span):
            continue
        quantity = _read(m, span)
        if quantity is not None:
            out.append(quantity)
    return out


def _read(m: re.Match[str], span: Span) -> Quantity | None:
    qual, digits, word, scale, unit = (m.group(k) for k in ("qual", "digits", "word", "scale", "unit"))
    if (word and not (scale or unit)) or ((word or "").lower() in {"un", "une"} and not scale):
        return None  # « un accord », « deux présidents », « sur un an »: words count only before a unit or a scale
    if digits and not (qual or scale or unit):
        return None  # a bare number: a year, a page, a score… the analyst picks it if it matters
    if digits and not scale and not qual and re.fullmatch(r"(?:19|20)\d{2}", digits) and unit in {None, "years"}:
        return None
    base = _number(digits) if digits else WORDS[word.lower()]
    value = base * SCALES[scale.lower()] if scale else base
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Quantity(span, m.group(), value, QUALIFIERS[qual.lower()] if qual else None,
                    UNITS[unit.lower()] if unit else None)


def _number(digits: str) -> int | float:
    """Any run of digits, however long: past 18 digits (never a figure) as a float, which Python reads at
    any length (`int` refuses more than 4,300 digits), up to `inf`."""
    compact = re.sub(_SPACE, "", digits).replace(",", ".")
    return float(compact) if "." in compact or len(compact) > 18 else int(compact)


# --- every number of a passage, for checking a figure against its evidence --------------------------------

_WORD_RUN = rf"(?:{_WORD})(?:(?:-|\s+)(?:et(?:-|\s+))?(?:{_WORD}|vingts|cents))*"
NUMBER = re.compile(
    rf"(?<![\w-])(?:(?P<digits>{_DIGITS})|(?P<words>{_WORD_RUN}))(?![\w-]|,\d|\.\d)"
    rf"(?:\s+(?P<scale>{_SCALE})(?!\w))?(?:{_SPACE}*(?:de\s+|d[’']\s*)?(?P<unit>{_UNIT})(?!\w))?",
    re.IGNORECASE)
# Quantities without a number: « des centaines », « plusieurs », « quelques »… A figure built on one of these
# keeps the words (`amount_text`), never a number made up from them.
VAGUE = re.compile(
    r"(?<![\w-])(?:(?:des|les|ces|de|plusieurs|quelques)\s+(?:dizaines|centaines|milliers|millions|milliards)"
    r"|plusieurs|quelques|de\s+nombreu(?:x|ses)|une\s+poignée)(?![\w-])", re.IGNORECASE)
VAGUE_MAGNITUDES = {"dizaines": 10, "centaines": 100, "milliers": 1_000, "millions": 1_000_000,
                    "milliards": 1_000_000_000}


@dataclass(frozen=True)
class Number:
    span: Span
    wording: str
    value: int | float
    base: int | float  # the number before its scale: 4,2 in « 4,2 millions »
    is_year: bool  # a bare 19xx or 20xx: more often a year than a count


def find_numbers(text: str, skip: list[Span] = ()) -> list[Number]:
    """Every number of `text`, in digits or in French words (« trois », « vingt-trois », « 4,2 millions »,
    « 13 000 000 », « plus d’un milliard »), except those overlapping `skip` (the spans of dates).
    « un » and « une » count only before a scale or a unit (« un accord » is no number)."""
    out = []
    skipped = SpanIndex(skip)
    for m in NUMBER.finditer(text):
        span = Span(m.start(), m.end())
        digits, words, scale, unit = (m.group(k) for k in ("digits", "words", "scale", "unit"))
        if skipped.overlaps(span) or (words and words.lower() in {"un", "une"} and not (scale or unit)):
            continue
        base = _number(digits) if digits else _words_value(words)
        value = base * SCALES[scale.lower()] if scale else base
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        is_year = bool(digits and not scale and re.fullmatch(r"(?:19|20)\d{2}", digits) and unit in {None, "ans", "années"})
        out.append(Number(span, m.group(), value, base, is_year))
    return out


def _words_value(words: str) -> int:
    """« vingt-trois » → 23, « quatre-vingt-dix » → 90, « deux cent mille » → 200 000."""
    total, current = 0, 0
    for token in re.split(r"[-\s]+", words.lower()):
        if token == "et":
            continue
        if token in {"cent", "cents"}:
            current = (current or 1) * 100
        elif token == "mille":
            total, current = total + (current or 1) * 1000, 0
        elif token in {"vingt", "vingts"} and current % 100 == 4:
            current += 76  # quatre-vingt(s): 4 → 80
        else:
            current += WORDS[token]
    return total + current


def vague_quantities(text: str) -> list[tuple[Span, str]]:
    """Every vague quantity of `text` (« des centaines », « plusieurs »), with its exact wording."""
    return [(Span(m.start(), m.end()), m.group()) for m in VAGUE.finditer(text)]


ORDINALS = {"premier": 1, "première": 1, "second": 2, "seconde": 2, "deuxième": 2, "troisième": 3, "quatrième": 4,
            "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10,
            "onzième": 11, "douzième": 12, "vingtième": 20, "trentième": 30, "centième": 100}
ORDINAL = re.compile(r"(?<![\w-])(?:(?P<digits>\d+)(?:e|ème|eme|è)|(?P<word>"
                     + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r"))(?![\w-])", re.IGNORECASE)


def find_ordinals(text: str) -> list[tuple[Span, int]]:
    """Every ordinal of `text` (« quatrième », « 4e »), with its number: « dans sa quatrième année »
    says more than 3 years."""
    return [(Span(m.start(), m.end()), _number(m.group("digits")) if m.group("digits") else ORDINALS[m.group("word").lower()])
            for m in ORDINAL.finditer(text)]
