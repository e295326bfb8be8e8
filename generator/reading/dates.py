"""Dates that keep the precision the article gives: a year, a month, or a day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cached_property, total_ordering


# ASCII digits only: `\d` alone also matches Arabic-Indic or full-width digits, which are no year of ours.
_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


class DateError(ValueError):
    """A date that cannot be read or cannot exist; the message says which."""


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """`2025`, `2025-10` or `2025-10-21`.

    A year-only date sorts before every dated day of that year: it is placed at
    the start of the span it covers, never given a day it does not have.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        # A corpus writes the same few thousand dates again and again: each text is read once, and its date
        # (immutable) shared. A text that is no date raises each time; the table is bounded.
        known = _PARSED.get(text)
        if known is not None and type(known) is cls:
            return known
        date = cls._parse(text)
        if len(_PARSED) >= 1 << 14:
            _PARSED.clear()
        _PARSED[text] = date
        return date

    @classmethod
    def _parse(cls, text: str) -> "PartialDate":
        match = _PATTERN.fullmatch(text.strip())
        if not match:
            raise DateError(
                f"'{text}' is not a date",
                "write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-10-21",
            )
        year, month, day = (int(g) if g else None for g in match.groups())
        if year == 0:
            # The calendar has no year 0 (1 BC is followed by AD 1): such a date could not be shown on a page.
            raise DateError(f"'{text}' has no year 0", "years run from 0001")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"'{text}' has no month {month}", "months run from 01 to 12")
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(
                    f"'{text}' is not a real date",
                    f"{calendar.month_name[month]} {year} has {last} days",
                )
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @cached_property  # kept in the instance's __dict__ (not a field): pages sort by it hundreds of thousands of times
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()

    def contains(self, other: "PartialDate") -> bool:
        """True when `other` lies inside the span this date covers (same year, same month…)."""
        return other.sort_key[: self._depth()] == self.sort_key[: self._depth()]

    def _depth(self) -> int:
        return 3 if self.day else 2 if self.month else 1


_PARSED: dict[str, PartialDate] = {}
