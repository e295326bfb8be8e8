"""`briefings draft` does work in proportion to the article, however dense it is.

Speed itself is measured by the bench, never by a timed test. What is counted here is
the number of Python lines `draft` executes (in generator/authoring/) for an article
and for the same article twice as long: linear work doubles, and a step that compares
every quote, name or figure with every other (as a linear scan per item does) shows as
a ratio near 4. The count does not depend on the machine or its load.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.authoring import draft as draft_module
from generator.reading.article_text import Span, SpanIndex, nearest
from generator.authoring.draft import draft_article, find_quotes, render_draft

AUTHORING = str(Path(draft_module.__file__).parent)
NAMES = {"Donald Trump": "donald-trump", "Poutine": "vladimir-putin"}
DISPLAY = {"donald-trump": "Donald Trump", "vladimir-putin": "Vladimir Poutine"}


def lines_run(article: str) -> int:
    """How many lines of the authoring package run to draft `article` and write the file."""
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == "line":
            count += 1
        return local

    def global_(frame, event, arg):  # type: ignore[no-untyped-def]
        return local if frame.f_code.co_filename.startswith(AUTHORING) else None

    sys.settrace(global_)
    try:
        found = draft_article(article, NAMES, DISPLAY)
        render_draft(found, article_name="a.txt", schema_ref="s.json", briefing_id=None)
    finally:
        sys.settrace(None)
    return count


# Each unit is dense in what draft looks for: names, figures, quotes, dates; with and without sentence ends.
UNITS = {
    "names and figures": "Donald Trump a annoncé 3 morts. ",
    "quotes": '"q1" ',
    "guillemets": "« a » « b « c » » ",
    "one long sentence": "Donald Trump a dit « oui » le 3 mai avec 3 morts et Poutine ",
    "mixed": "Le 3 mai, Donald Trump a déclaré : « nous gagnerons », a-t-il ajouté. Poutine parle de 20 % . ",
}


@pytest.mark.parametrize("unit", UNITS.values(), ids=UNITS.keys())
def test_draft_work_grows_linearly_with_the_article(unit: str) -> None:
    small, large = lines_run("Le 15 octobre 2025\n" + unit * 150), lines_run("Le 15 octobre 2025\n" + unit * 300)
    assert large / small < 2.4, (small, large)


def brute_nearest(spans: list[Span], span: Span) -> int:
    return min(range(len(spans)), key=lambda i: span.distance(spans[i])) if spans else -1


@pytest.mark.parametrize("positions", [
    [(0, 2), (5, 7), (10, 12)], [(3, 4)], [], [(0, 1), (1, 2), (2, 3)], [(4, 9), (12, 20)],
])
@pytest.mark.parametrize("probe", [(0, 1), (3, 3), (4, 5), (8, 11), (13, 14), (25, 26), (9, 12), (7, 10)])
def test_nearest_is_what_a_scan_would_find(positions: list[tuple[int, int]], probe: tuple[int, int]) -> None:
    spans = [Span(a, b) for a, b in positions]
    assert nearest(SpanIndex(spans), Span(*probe)) == brute_nearest(spans, Span(*probe))


def test_span_index_finds_the_holder_and_overlaps() -> None:
    index = SpanIndex([Span(10, 20), Span(0, 5), Span(30, 31)])
    assert [index.of(Span(p, p + 1)) for p in (0, 4, 5, 10, 19, 20, 30, 31)] == [0, 0, -1, 1, 1, -1, 2, -1]
    assert index.overlaps(Span(4, 11)) and index.overlaps(Span(19, 40)) and not index.overlaps(Span(5, 10))


def test_quotes_inside_quotes_stay_part_of_the_outer_one() -> None:
    text = "« a « b » c » puis “d” et « e »"
    assert [text[s.start:s.end] for s in find_quotes(text)] == ["a « b » c", "d", "e"]
