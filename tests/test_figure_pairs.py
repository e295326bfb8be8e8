"""An indicator's values are classified without comparing every pair (corpus/divergences.py
`_classify_figures`): the result must be the one comparing every pair gives, whatever the dates,
precisions, units, qualifiers and missing dates."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.corpus.divergences import Version, _classify, _classify_figures, _when, figure_class
from generator.reading.dates import PartialDate
from generator.reading.models import Figure

dates = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(2024, 2025)),
    st.builds(PartialDate, st.integers(2024, 2025), st.integers(1, 2)),
    st.builds(PartialDate, st.integers(2024, 2025), st.integers(1, 2), st.integers(1, 3)),
)


@st.composite
def versions(draw) -> tuple[Version, ...]:
    out = []
    for _ in range(draw(st.integers(0, 9))):
        value = draw(st.one_of(st.none(), st.sampled_from([100, 110, 200])))
        figure = Figure(indicator="x", label="x", value=value, amount_text="des centaines" if value is None else None,
                        qualifier=draw(st.sampled_from([None, "about", "at-least", "up-to"])),
                        unit=draw(st.sampled_from([None, "people", "usd"])), as_of=draw(dates))
        briefing = SimpleNamespace(source=SimpleNamespace(published=draw(dates)))
        out.append(Version(figure, (briefing,)))
    return tuple(out)


@settings(max_examples=400, deadline=None)
@given(versions())
def test_the_same_classes_as_comparing_every_pair(found: tuple[Version, ...]) -> None:
    if len(found) < 2:
        return
    every_pair = _classify(found, lambda x, y: figure_class(x.value, y.value, _when(x), _when(y)))
    assert _classify_figures(found) == every_pair


def test_values_for_dates_apart_are_not_compared_one_by_one(monkeypatch) -> None:
    """Three hundred values, one per day: a pair per neighbour at most, not the 44,850 of every pair."""
    calls = []
    real = figure_class
    monkeypatch.setattr("generator.corpus.divergences.figure_class", lambda *a: calls.append(a) or real(*a))
    found = tuple(Version(Figure(indicator="x", label="x", value=1000 + i, as_of=PartialDate(2025, 1 + i // 28, 1 + i % 28)),
                          (SimpleNamespace(source=SimpleNamespace(published=None)),)) for i in range(300))
    assert _classify_figures(found) == ("time", frozenset())
    assert len(calls) == 0
