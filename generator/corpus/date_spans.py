"""The days a date covers, as far as an account lets us know.

A date known to the day covers that day, to the month the whole month, to the year the
whole year. A month-precise date whose wording names a third of that month (« début août »:
the 1st to the 10th, « mi-octobre »: the 11th to the 20th, « fin août »: the 21st to the end)
covers that third, and only then: « fin juillet ou début août » names two months and
sharpens nothing.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..reading.dates import PartialDate
from ..reading.names import name_key

PARTS = {"debut": (1, 10), "mi": (11, 20), "fin": (21, 31)}
MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
          "novembre", "decembre")
_PART = re.compile(r"\b(debut|mi|fin)\s+(?:d\s+|de\s+)?(" + "|".join(MONTHS) + r")\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


def month_part(value: PartialDate, wording: str | None) -> str | None:
    """`debut`, `mi` or `fin` when the wording of a month-precise date names that third of its own month,
    and nothing else: « fin juillet ou début août » or « en fin de semaine, en août » sharpen nothing."""
    if not value.month or value.day or not wording:
        return None
    key = name_key(wording)
    parts = _PART.findall(key)
    months = set(_MONTH.findall(key))
    if len(parts) == 1 and months == {MONTHS[value.month - 1]} and parts[0][1] == MONTHS[value.month - 1]:
        return parts[0][0]
    return None


def date_span(value: PartialDate, part: str | None = None) -> tuple[date, date]:
    """The days a date covers; with a `part`, the third of its month it names."""
    if value.day:
        day = date(value.year, value.month, value.day)
        return day, day
    if value.month:
        last = calendar.monthrange(value.year, value.month)[1]
        low, high = PARTS.get(part or "", (1, last))
        return date(value.year, value.month, low), date(value.year, value.month, min(high, last))
    return date(value.year, 1, 1), date(value.year, 12, 31)
