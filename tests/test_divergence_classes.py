"""Every difference between accounts gets its class: a labelled set of pairs, at least three per class.

contradiction · time · precision · containment · subset · wording · not-comparable
(see generator/corpus/divergences.py). The cases are written for the tests, edge cases included:
« début août » against 15 August is a contradiction, « août » against 15 August is precision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.corpus.divergences import CLASSES, all_differences, figure_class, participants_class, status_class
from generator.pipeline import Project, check
from generator.reading.models import Briefing, Figure

REGISTRY = {
    "actors.yaml": [{"id": "donald-trump", "name": "Donald Trump"}, {"id": "vladimir-putin", "name": "Vladimir Poutine"},
                    {"id": "steve-witkoff", "name": "Steve Witkoff"}, {"id": "sergei-lavrov", "name": "Sergueï Lavrov"}],
    "parties.yaml": [{"id": "russia", "name": "Russie"}],
    "topics.yaml": [{"id": "sommets", "name": "Sommets"}],
    "places.yaml": [
        {"id": "etats-unis", "name": "États-Unis"},
        {"id": "alaska", "name": "Alaska", "within": "etats-unis"},
        {"id": "anchorage", "name": "Anchorage", "within": "alaska"},
        {"id": "elmendorf", "name": "Base d'Elmendorf-Richardson", "aliases": ["Elmendorf Richardson"],
         "within": "anchorage"},
        {"id": "hongrie", "name": "Hongrie"},
        {"id": "budapest", "name": "Budapest", "within": "hongrie"},
        {"id": "russie", "name": "Russie"},
        {"id": "moscou", "name": "Moscou", "within": "russie"},
        {"id": "washington", "name": "Washington", "within": "etats-unis"},
    ],
}


def event_pair(tmp_path: Path, a: dict[str, Any], b: dict[str, Any], published: tuple[str, str] = ("2025-08-01", "2025-09-01")) -> dict[str, str]:
    """The class of each field two briefings give differently for one event."""
    (tmp_path / "content").mkdir()
    (tmp_path / "briefings").mkdir()
    for name, entries in REGISTRY.items():
        (tmp_path / "content" / name).write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    for n, (event, when) in enumerate(zip((a, b), published)):
        briefing = {"title": f"Récit {n}", "summary": "Un récit.",
                    "source": {"outlet": f"Journal {n}", "published": when, "genre": "news"},
                    "events": [{"id": "sommet", "kind": "summit", "title": "Le sommet", **event}]}
        (tmp_path / "briefings" / f"recit-{n}.yaml").write_text(yaml.safe_dump(briefing, allow_unicode=True),
                                                                 encoding="utf-8")
    index, problems = check(Project.at(tmp_path))
    assert problems.errors == [], [p.render() for p in problems.errors]
    return {d.field: d.cls for d in all_differences(index)}


DATES = [
    # (account a, account b, class)
    ({"date": "2025-08-15", "status": "held"}, {"date": "2025-08-16", "status": "held"}, "contradiction"),
    ({"date": "2025-08-15", "status": "held"}, {"date": "2025-09", "status": "held"}, "contradiction"),
    ({"date": "2025-08-15", "status": "held"}, {"date": "2025-08", "date_text": "début août", "status": "held"},
     "contradiction"),
    ({"date": "2025-10-15"}, {"date": "2025-10", "date_text": "fin octobre"}, "contradiction"),
    ({"date": "2025-08-15", "status": "held"}, {"date": "2025-08", "date_text": "en août", "status": "held"},
     "precision"),
    ({"date": "2025-08-15", "status": "held"}, {"date": "2025", "status": "held"}, "precision"),
    ({"date": "2025-10-15"}, {"date": "2025-10", "date_text": "mi-octobre"}, "precision"),
    # Only « début / mi / fin » of the date's own month sharpens it, and only when nothing else is named.
    ({"date": "2025-08-09", "status": "held"}, {"date": "2025-08", "date_text": "en fin de semaine, en août",
                                                "status": "held"}, "precision"),
    ({"date": "2025-08-05", "status": "held"}, {"date": "2025-08", "date_text": "fin juillet ou début août",
                                                "status": "held"}, "precision"),
    ({"date": "2025-08-12", "status": "planned"}, {"date": "2025-08-15", "status": "held"}, "time"),
    ({"date": "2025-10", "status": "planned"}, {"date": "2025-11", "status": "planned"}, "time"),
    ({"date": "2025-10-30", "status": "proposed"}, {"date": "2025-12-01", "status": "postponed"}, "time"),
]


@pytest.mark.parametrize(("a", "b", "expected"), DATES)
def test_dates(tmp_path: Path, a: dict, b: dict, expected: str) -> None:
    assert event_pair(tmp_path, a, b)["date"] == expected


PLACES = [
    ("Base militaire d'Elmendorf Richardson, Anchorage (Alaska)", "Anchorage", "containment"),
    ("Anchorage (Alaska)", "Alaska", "containment"),
    ("Alaska", "sur le sol des États-Unis", "containment"),
    ("Budapest", "Moscou", "contradiction"),
    ("Anchorage", "Budapest (Hongrie)", "contradiction"),
    ("Hongrie", "Alaska", "contradiction"),
    ("Anchorage (Alaska)", "Anchorage", "wording"),
    ("Budapest, Hongrie", "à Budapest", "wording"),
    ("Mar-a-Lago (Floride)", "Mar-a-Lago", "wording"),
    ("Mar-a-Lago", "Genève", "not-comparable"),
    ("entre Moscou et Washington", "Moscou", "not-comparable"),  # two unrelated places: cannot be placed
    ("Istanbul", "Riyad", "not-comparable"),
    ("une base militaire", "un palais", "not-comparable"),
]


@pytest.mark.parametrize(("a", "b", "expected"), PLACES)
def test_places(tmp_path: Path, a: str, b: str, expected: str) -> None:
    assert event_pair(tmp_path, {"place": a}, {"place": b})["place"] == expected


PARTICIPANTS = [
    ({"donald-trump", "vladimir-putin"}, {"steve-witkoff", "vladimir-putin"}, "contradiction"),
    ({"donald-trump"}, {"vladimir-putin"}, "contradiction"),
    ({"donald-trump", "sergei-lavrov"}, {"steve-witkoff", "vladimir-putin"}, "contradiction"),
    ({"donald-trump", "vladimir-putin"}, {"donald-trump"}, "subset"),
    ({"vladimir-putin"}, {"donald-trump", "vladimir-putin", "steve-witkoff"}, "subset"),
    ({"donald-trump", "vladimir-putin", "sergei-lavrov"}, {"vladimir-putin", "sergei-lavrov"}, "subset"),
]


@pytest.mark.parametrize(("a", "b", "expected"), PARTICIPANTS)
def test_participants(a: set, b: set, expected: str) -> None:
    assert participants_class(a, b) == expected


def test_participants_through_the_index(tmp_path: Path) -> None:
    """Spellings resolve first: « Poutine » and « Vladimir Poutine » are one participant."""
    classes = event_pair(tmp_path, {"participants": ["Donald Trump", "Vladimir Poutine"]},
                         {"participants": ["Steve Witkoff", "vladimir poutine"]})
    assert classes["participants"] == "contradiction"


def briefing(published: str | None) -> Briefing:
    return Briefing.model_validate({"id": f"b-{published or 'x'}".replace("-", "") or "b", "title": "t", "summary": "s",
                                    "source": {"outlet": "o", "published": published, "genre": "news"}})


STATUSES = [
    ([("2025-08-14", "planned"), ("2025-08-16", "held")], "time"),
    ([("2025-10-13", "planned"), ("2025-10-22", "cancelled")], "time"),
    ([("2025-09-01", "proposed"), ("2025-09-10", "planned"), ("2025-10-01", "postponed")], "time"),
    ([("2025-08-16", "held"), ("2025-08-20", "planned")], "contradiction"),
    ([("2025-08-16", "held"), ("2025-08-20", "cancelled")], "contradiction"),
    ([("2025-10-22", "cancelled"), ("2025-11-01", "planned")], "contradiction"),
    # Published the same month as the later one is known only to the month: no order, so no going back.
    ([("2025-08-16", "held"), ("2025-08", "planned")], "time"),
]


@pytest.mark.parametrize(("told", "expected"), STATUSES)
def test_statuses(told: list[tuple[str, str]], expected: str) -> None:
    assert status_class([(briefing(when), status) for when, status in told]) == expected


def figure(value: float, qualifier: str | None = None, unit: str | None = "people", as_of: str | None = None) -> Figure:
    return Figure.model_validate({"indicator": "i", "label": "l", "value": str(value), "qualifier": qualifier,
                                  "unit": unit, "as_of": as_of})


FIGURES = [
    (figure(13_000_000), figure(12_000_000), "contradiction"),
    (figure(13_000_000, "at-least"), figure(10_000_000, "less-than"), "contradiction"),
    (figure(100, "more-than"), figure(100), "contradiction"),
    (figure(13_000_000, "about"), figure(12_000_000, "more-than"), "precision"),
    (figure(3, "more-than", "years"), figure(4, "about", "years"), "precision"),
    (figure(200, "at-least"), figure(250), "precision"),
    (figure(13_000_000, as_of="2025-01"), figure(12_000_000, as_of="2025-08"), "time"),
    (figure(10, as_of="2024"), figure(20, as_of="2025"), "time"),
    (figure(1, "about", as_of="2025-01-01"), figure(9, as_of="2025-02-01"), "time"),
    (figure(3, "more-than", "years"), figure(3, "more-than", "years", "2025-09"), "wording"),
    (figure(5, unit="regions"), figure(5, "exact", "regions"), "wording"),
    (figure(23), figure(23, as_of="2025-08-26"), "wording"),
    (figure(5, unit="usd"), figure(5, unit="eur"), "not-comparable"),
    (figure(3, unit="hours"), figure(3, unit="days"), "not-comparable"),
    (figure(1, unit=None), figure(1, unit="people"), "not-comparable"),
]


@pytest.mark.parametrize(("a", "b", "expected"), FIGURES)
def test_figures(a: Figure, b: Figure, expected: str) -> None:
    assert figure_class(a, b) == expected == figure_class(b, a)


def published(when: str):
    from generator.reading.dates import PartialDate
    return PartialDate.parse(when)


@pytest.mark.parametrize(("a", "when_a", "b", "when_b", "expected"), [
    # Without `as_of`, a value describes its article's date: a toll given three weeks later may have risen.
    (figure(23, as_of="2025-08-26"), None, figure(25), "2025-09-16", "time"),
    # Dates at different precision that overlap are one time: two exact values then contradict.
    (figure(23, as_of="2025-08-26"), None, figure(25, as_of="2025-08"), None, "contradiction"),
    (figure(3, "more-than", "years", "2025"), None, figure(3, "more-than", "years"), "2025-09-25", "wording"),
])
def test_figures_at_their_dates(a: Figure, when_a: str | None, b: Figure, when_b: str | None, expected: str) -> None:
    wa = published(when_a) if when_a else None
    wb = published(when_b) if when_b else None
    assert figure_class(a, b, wa, wb) == expected == figure_class(b, a, wb, wa)


def test_durations_and_outcomes(tmp_path: Path) -> None:
    classes = event_pair(tmp_path, {"duration": "3 heures", "outcome": "Un accord."},
                         {"duration": "près de 3 heures", "outcome": "Aucun accord."})
    # Free text is shown side by side, never judged: « près de 3 heures » is not « 3 heures », nor « 3 jours ».
    assert classes == {"duration": "not-comparable", "outcome": "not-comparable"}


def test_identical_values_are_no_difference(tmp_path: Path) -> None:
    same = {"date": "2025-08-15", "place": "Anchorage", "status": "held", "participants": ["Donald Trump"]}
    assert event_pair(tmp_path, same, dict(same)) == {}


def test_every_class_is_labelled_at_least_three_times() -> None:
    labelled = [c for *_, c in DATES + PLACES + PARTICIPANTS + FIGURES] + [c for _, c in STATUSES]
    counts = {c: labelled.count(c) for c in CLASSES}
    assert all(n >= 3 for n in counts.values()), counts
