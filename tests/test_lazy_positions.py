"""Positions of values are found only when a message needs one (reading/yamlread.Document): a
valid file keeps its values and its text, not a table of every value's line and column."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings, strategies as st

from generator.reading.loader import load_briefings
from generator.reading.problems import ProblemList
from generator.reading.yamlevents import build
from generator.reading.yamlread import parse_document

BRIEFINGS = sorted((Path(__file__).resolve().parent.parent / "briefings").glob("*.yaml"))

TEXT = """\
title: Un titre
summary: Un résumé.
source:
  outlet: La Gazette
  published: 2025-11-21
  genre: news
quotes:
  - speaker: Trump
    text: « Une phrase. »
"""


def test_a_parsed_file_records_no_position_until_one_is_asked_for() -> None:
    doc = parse_document(TEXT)
    assert doc._value_pos == {} and doc._key_pos == {}
    assert doc.position(("source", "outlet")) == (4, 11)
    assert ("quotes",) not in doc._key_pos  # the file is read no further than asked
    assert doc.position(("quotes", 0, "text")) == (9, 11)
    assert doc.position(("source", "genre"), key=True) == (6, 3)
    assert doc.position(("quotes", 0, "missing")) == (8, 5)  # the nearest written ancestor
    assert doc._text is None  # the text is let go once the whole file is read


def test_a_warning_found_after_loading_still_names_line_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "2025-11-21-gazette.yaml").write_text(TEXT, encoding="utf-8")
    problems = ProblemList()
    (located,) = load_briefings(folder, tmp_path, problems)
    assert located.doc._value_pos == {}
    problem = located.problem(("quotes", 0, "speaker"), "unknown", warning=True)
    assert (problem.line, problem.col) == (8, 14)
    assert problem.render().startswith("briefings/2025-11-21-gazette.yaml:8:14:")


def test_the_memo_reads_again_only_a_changed_file(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    path = folder / "2025-11-21-gazette.yaml"
    path.write_text(TEXT, encoding="utf-8")
    memo: dict = {}
    (first,) = load_briefings(folder, tmp_path, ProblemList(), memo)
    (again,) = load_briefings(folder, tmp_path, ProblemList(), memo)
    assert again is first
    path.write_text(TEXT.replace("Un titre", "Un autre titre"), encoding="utf-8")
    (changed,) = load_briefings(folder, tmp_path, ProblemList(), memo)
    assert changed is not first and changed.model.title == "Un autre titre"
    path.write_text(TEXT.replace("summary:", "sumary:"), encoding="utf-8")
    problems = ProblemList()
    assert load_briefings(folder, tmp_path, problems, memo) == []
    assert any("sumary" in p.render() and ":2:1:" in p.render() for p in problems)
    problems = ProblemList()
    assert load_briefings(folder, tmp_path, problems, memo) == []  # from the memo: the same problems
    assert any("sumary" in p.render() and ":2:1:" in p.render() for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_positions_asked_in_any_order_are_those_of_the_whole_file(data: st.DataObject) -> None:
    """The walk stops at each position asked for and goes on from there: whatever the order of the questions,
    about values, keys or places the file does not hold, each answer is the one the whole file's tables give."""
    path = data.draw(st.sampled_from(BRIEFINGS))
    text = path.read_text(encoding="utf-8")
    values, keys = {}, {}
    build(yaml.parse(text, Loader=yaml.CSafeLoader), values, keys)
    asked = [(loc, False) for loc in values] + [(loc, True) for loc in keys]
    asked += [((*loc, "absent"), False) for loc in list(values)[::7]]  # not in the file: its nearest ancestor
    doc = parse_document(text)
    for loc, key in data.draw(st.permutations(asked)):
        expected = (keys if key else values).get(loc) or values[loc[:-1]]
        assert doc.position(loc, key=key) == expected, (path.name, loc, key)
    assert doc.positions() == (values, keys)
