""""Did you mean …?" for unknown names and ids, at a cost that does not grow with the input.

Comparing every unknown value with every known one (`difflib` on the whole list) costs
unknown × known comparisons: a file of two thousand events, each `related` to an id no
briefing describes, took two minutes. So each unknown value is looked up once, difflib
compares it only with the few known values that share the most three-letter sequences with
it, and only the first `SUGGESTION_LIMIT` distinct unknown values of a build get a
suggestion: the rest get the plain hint, which is what a writer facing that many needs anyway.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable

SUGGESTION_LIMIT = 50
"""Distinct unknown values, per list of known values, that get a fuzzy suggestion in one build."""
CANDIDATE_LIMIT = 20
"""Known values difflib compares with one unknown value: those sharing the most trigrams with it."""


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class Suggester:
    """The closest known value to an unknown one, or None (no close value, or the budget is spent)."""

    def __init__(self, known: Iterable[str], cutoff: float, limit: int = SUGGESTION_LIMIT):
        self._known = list(dict.fromkeys(known))
        self._cutoff = cutoff
        self._left = limit
        self._cache: dict[str, str | None] = {}
        self._postings: dict[str, list[int]] | None = None

    def closest(self, value: str) -> str | None:
        if value in self._cache:
            return self._cache[value]
        if self._left <= 0:
            return None
        self._left -= 1
        found = difflib.get_close_matches(value, self._candidates(value), n=1, cutoff=self._cutoff)
        self._cache[value] = found[0] if found else None
        return self._cache[value]

    def _candidates(self, value: str) -> list[str]:
        if len(self._known) <= CANDIDATE_LIMIT:
            return self._known
        if self._postings is None:
            self._postings = defaultdict(list)
            for position, known in enumerate(self._known):
                for gram in _trigrams(known):
                    self._postings[gram].append(position)
        shared: dict[int, int] = defaultdict(int)
        for gram in _trigrams(value):
            for position in self._postings.get(gram, ()):
                shared[position] += 1
        # difflib's ratio is at most 2·shorter/(both lengths): outside this window no value can reach the cutoff.
        low, high = len(value) * self._cutoff / (2 - self._cutoff), len(value) * (2 - self._cutoff) / self._cutoff
        best = sorted((position for position in shared if low <= len(self._known[position]) <= high),
                      key=lambda position: (-shared[position], position))
        return [self._known[position] for position in best[:CANDIDATE_LIMIT]]
