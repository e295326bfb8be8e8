"""How two values of one indicator compare (`figure_class`), and all of them classified without comparing
every pair.

A corpus gives an indicator a version per date it describes, so comparing every pair of versions would grow
with the square of the corpus. Calendar spans (a year, a month, a day) nest or are apart, and two values for
dates apart are `time` (`not-comparable` in other units: the unit is looked at first) whatever they are: only
the pairs whose dates nest, or that lack one, are compared one by one; for the others it is enough to know
whether such a pair exists, in one unit and across units, which counting tells. The result is the one
comparing every pair gives (tests/test_figure_pairs.py).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from ..reading.dates import PartialDate
from ..reading.models import Figure
from ..reading.names import name_key


ABOUT = 0.1
"""« Près de » a value: within this fraction of it."""


def figure_class(a: Figure, b: Figure, when_a: PartialDate | None = None, when_b: PartialDate | None = None) -> str:
    """`when_*`: the date each value describes (its `as_of`, else its article's publication date)."""
    if (a.unit or "") != (b.unit or ""):
        return "not-comparable"
    when_a, when_b = when_a or a.as_of, when_b or b.as_of
    if when_a and when_b and not (when_a.contains(when_b) or when_b.contains(when_a)):
        return "time"
    if a.value is None or b.value is None:
        # A quantity given in words (« des centaines ») is no number: never a contradiction; the same
        # words are the same version, anything else is for the reader to compare.
        same = a.value is None and b.value is None and _words(a.amount_text) == _words(b.amount_text)
        return "wording" if same and (a.qualifier or "exact") == (b.qualifier or "exact") else "not-comparable"
    if a.value == b.value and (a.qualifier or "exact") == (b.qualifier or "exact"):
        return "wording"
    low_a, high_a = _figure_range(a)
    low_b, high_b = _figure_range(b)
    if high_a < low_b or high_b < low_a:
        return "contradiction"
    return "precision"


def _figure_range(f: Figure) -> tuple[float, float]:
    """The values a figure allows; "more than v" excludes v itself, shifted by a hair."""
    v, q = float(f.value), f.qualifier or "exact"
    hair = abs(v) * 1e-9 or 1e-9
    return {
        "exact": (v, v),
        "about": (v - abs(v) * ABOUT, v + abs(v) * ABOUT),
        "at-least": (v, float("inf")),
        "more-than": (v + hair, float("inf")),
        "less-than": (float("-inf"), v - hair),
        "up-to": (float("-inf"), v),
    }[q]


def _words(value: str | None) -> str | None:
    return (name_key(value) or value) if value else None


def classify_by_span(whens: list[PartialDate | None], units: list[str],
                     pair_class: Callable[[int, int], str]) -> tuple[set[str], frozenset[int]]:
    """The classes the pairs of versions take (`pair_class(i, j)`, i < j, for those compared) and the versions
    in a contradicting pair. `whens[i]`: the date version i describes; `units[i]`: its unit."""
    spans: dict[tuple[int, ...], list[int]] = {}
    undated = []
    for i, when in enumerate(whens):
        if when is None:
            undated.append(i)
        else:
            spans.setdefault(when.sort_key[: _depth(when)], []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i in undated:
        pairs.update((min(i, j), max(i, j)) for j in range(len(whens)) if j != i)
    for span, members in spans.items():
        pairs.update(combinations(members, 2))
        for depth in range(1, len(span)):  # the wider spans holding this one: its year, its month
            for j in spans.get(span[:depth], ()):
                pairs.update((min(i, j), max(i, j)) for i in members)
    classes = {pair: pair_class(*pair) for pair in pairs}
    per_unit: dict[str, int] = {}
    for unit in units:
        per_unit[unit] = per_unit.get(unit, 0) + 1
    same_unit = sum(n * (n - 1) // 2 for n in per_unit.values())
    across_units = len(whens) * (len(whens) - 1) // 2 - same_unit
    compared_same = sum(1 for i, j in pairs if units[i] == units[j])
    found = set(classes.values())
    if same_unit > compared_same:
        found.add("time")
    if across_units > len(pairs) - compared_same:
        found.add("not-comparable")
    return found, frozenset(k for pair, cls in classes.items() if cls == "contradiction" for k in pair)


def _depth(when: PartialDate) -> int:
    return 3 if when.day else 2 if when.month else 1
