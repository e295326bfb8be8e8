"""A position asked of any file `parse_document` accepts is the one the whole file's tables give (yamlevents.build),
whatever the order of the questions, whether the place is in the file or not, a key or a value, and while another
file's walk is halfway (reading/yamlread.Document, yamlevents.locate)."""

from __future__ import annotations

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from yaml.events import (DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent, StreamStartEvent)

from generator.reading.yamlevents import YamlError, build
from generator.reading.yamlread import _Loader, parse_document

_words = st.sampled_from(["", "a", "b", "1", "0", "-1", "1.5", "null", "~", "true", "é «x»", "a: b", "#", "- x",
                          "0x1F", "2025-01-01", " lead", "two\nlines", "'", '"'])
_style = st.sampled_from([None, "'", '"', "|", ">"])
_tree = st.recursive(
    st.tuples(_words, _style),
    lambda inner: st.one_of(
        st.tuples(st.just("seq"), st.booleans(), st.lists(inner, max_size=4)),
        st.tuples(st.just("map"), st.booleans(), st.dictionaries(_words, inner, max_size=4))),
    max_leaves=14)


def _events(node: tuple, out: list, key: bool = False) -> None:
    if node[0] in ("seq", "map") and isinstance(node[2], (list, dict)):
        kind, flow, items = node
        if kind == "seq":
            out.append(SequenceStartEvent(None, None, True, flow_style=flow))
            for item in items:
                _events(item, out)
            out.append(SequenceEndEvent())
        else:
            out.append(MappingStartEvent(None, None, True, flow_style=flow))
            for k, item in items.items():
                out.append(ScalarEvent(None, None, (True, True), k, style=None if k.isalnum() else '"'))
                _events(item, out)
            out.append(MappingEndEvent())
        return
    text, style = node
    out.append(ScalarEvent(None, None, (True, True), text, style=style))


def emitted(tree: tuple, start: bool, end: bool) -> str:
    events: list = [StreamStartEvent(), DocumentStartEvent(explicit=start)]
    _events(tree, events)
    events += [DocumentEndEvent(explicit=end), StreamEndEvent()]
    return yaml.emit(events, allow_unicode=True)


def _tables(text: str) -> tuple[dict, dict]:
    values: dict = {}
    keys: dict = {}
    build(yaml.parse(text, Loader=_Loader), values, keys)
    return values, keys


def _questions(values: dict, keys: dict) -> list[tuple[tuple, bool]]:
    asked = [(loc, False) for loc in values] + [(loc, True) for loc in keys]
    asked += [((*loc, "absent"), k) for loc in values for k in (False, True)]  # not in the file: nearest ancestor
    asked += [((*loc, 0), False) for loc in keys] + [(loc, True) for loc in values if loc not in keys]
    asked += [(("absent", 3, "x"), True), ((), True), ((0,), False)]
    return asked


def _expected(values: dict, keys: dict, loc: tuple, key: bool) -> tuple[int, int]:
    table = keys if key else values
    if loc in table:
        return table[loc]
    for end in range(len(loc) - 1, -1, -1):
        if loc[:end] in values:
            return values[loc[:end]]
    return (1, 1)


def _accepted(text: str) -> bool:
    try:
        parse_document(text)
    except YamlError:
        return False
    return True


def _check(text: str, order: st.DataObject) -> None:
    values, keys = _tables(text)
    doc = parse_document(text)
    for loc, key in order.draw(st.permutations(_questions(values, keys))):
        assert doc.position(loc, key=key) == _expected(values, keys, loc, key), (text, loc, key)
    assert doc.positions() == (values, keys)


def _with_comments(text: str, where: list[int]) -> str:
    lines = text.split("\n")
    for at in sorted(where, reverse=True):
        lines.insert(at % (len(lines) + 1), "# a comment: b")
    return "\n".join(lines)


@settings(max_examples=400, deadline=None)
@given(_tree, st.booleans(), st.booleans(), st.lists(st.integers(0, 40), max_size=3), st.data())
def test_any_emitted_file_answers_as_its_whole_tables(tree: tuple, start: bool, end: bool, comments: list[int],
                                                      order: st.DataObject) -> None:
    text = _with_comments(emitted(tree, start, end), comments)
    if _accepted(text):
        _check(text, order)


HANDWRITTEN = [
    "", "# only a comment\n", "---\n", "---\n...\n", "~\n", "a\n", "'a'\n", "|\n  block\n", "- a\n- b\n",
    "[]\n", "{}\n",
    "- - - a\n", "'': empty key\n", "\"\": {'': ['']}\n", "1: one\n'2': quoted\n", "0: a\n00: b\n0.0: c\n",
    "? a\n: b\n? c\n", "? |\n  block key\n: v\n", "!!str 1: x\n", "--- # c\na: 1 # c\n... # c\n", "%YAML 1.1\n--- a\n",
    "a:\n  - b: |\n      x\n    c: >-\n      y\n  -\n  - [d, {e: f}]\n", "{a: [b, {c: d}], '': ''}\n",
    "a: 1\n...\n# c\n", "- ? a\n  : b\n- [c: d]\n", "x: !!str null\ny: !custom 3\nz: !!null ''\n", "a: b\u2028c: d\n",
]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(HANDWRITTEN), st.data())
@example(HANDWRITTEN[0], None)  # type: ignore[arg-type]
def test_awkward_files_answer_as_their_whole_tables(text: str, order: st.DataObject | None) -> None:
    assert _accepted(text), text
    if order is None:
        values, keys = _tables(text)
        doc = parse_document(text)
        assert doc.position(()) == doc.position((), key=True) == doc.position(("a", 0)) == (1, 1)
        assert doc.positions() == (values, keys) == ({}, {})
        return
    _check(text, order)


@settings(max_examples=100, deadline=None)
@given(_tree, _tree, st.data())
def test_two_files_walked_by_turns_answer_as_each_alone(first: tuple, second: tuple, order: st.DataObject) -> None:
    texts = [emitted(first, False, False), emitted(second, True, False)]
    if not all(_accepted(t) for t in texts):
        return
    tables = [_tables(t) for t in texts]
    docs = [parse_document(t) for t in texts]
    asked = [(i, loc, key) for i in (0, 1) for loc, key in _questions(*tables[i])]
    for i, loc, key in order.draw(st.permutations(asked)):
        assert docs[i].position(loc, key=key) == _expected(*tables[i], loc, key)
