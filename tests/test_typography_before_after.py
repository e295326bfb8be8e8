"""French spacing walks a page once and looks for the signs (site/typography.py): on any tree, comments,
processing instructions, code as the root, nested code and the tails of code included, it changes exactly the
text the walk it replaced changed (the version kept here, verbatim but for its name)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import typography

NARROW_NBSP = "\u202f"
_SPACES = re.compile(r"[ \u00a0]+(?=[;:!?»])|(?<=«)[ \u00a0]+")
_NEEDS_BEFORE = re.compile("[ \u00a0][;:!?»]|«[ \u00a0]")
_SKIPPED_TAGS = frozenset({"code", "pre", "script", "style", "kbd", "samp"})


def spacing_before(text: str) -> str:
    return _SPACES.sub(NARROW_NBSP, text) if _NEEDS_BEFORE.search(text) else text


def run_before(root: etree.Element) -> None:
    for tag in _SKIPPED_TAGS:
        for _ in root.iter(tag):
            return _space_outside_code_before(root)
    needs, spaces, tail = _NEEDS_BEFORE.search, _SPACES.sub, root.tail
    for element in root.iter():
        text = element.text
        if text and needs(text):
            element.text = spaces(NARROW_NBSP, text)
        text = element.tail
        if text and needs(text):
            element.tail = spaces(NARROW_NBSP, text)
    root.tail = tail


def _space_outside_code_before(root: etree.Element) -> None:
    if root.text and root.tag not in _SKIPPED_TAGS:
        root.text = spacing_before(root.text)
    todo = [root]
    while todo:
        element = todo.pop()
        for child in element:
            if child.tag not in _SKIPPED_TAGS:
                if child.text:
                    child.text = spacing_before(child.text)
                todo.append(child)
            if child.tail:
                child.tail = spacing_before(child.tail)


_PLACEHOLDERS = ["\x02wzxhzdk:3\x03", "\x02amp\x03", "\x0233\x03", "\x02 :\x03", "\x02« \x03"]
_PIECES = ["a", " ", "  ", "\u00a0", "\u202f", "«", "»", ";", ":", "!", "?", "\n", *_PLACEHOLDERS]
_typed = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)
_TAGS = ["p", "code", "pre", "kbd", "samp", "script", "style", "em", "div", "CODE", etree.Comment,
         etree.ProcessingInstruction]
_trees = st.lists(st.tuples(st.integers(0, 30), st.sampled_from(_TAGS), st.none() | _typed, st.none() | _typed),
                  min_size=1, max_size=25)


def _tree(spec: list[tuple]) -> etree.Element:
    nodes: list[etree.Element] = []
    for parent, tag, text, tail in spec:
        element = etree.Element(tag) if not nodes else etree.SubElement(nodes[parent % len(nodes)], tag)
        element.text, element.tail = text, tail
        nodes.append(element)
    return nodes[0]


def _nodes(root: etree.Element) -> list:
    return [(e.tag, e.text, e.tail) for e in root.iter()]


@settings(max_examples=3000, deadline=None)
@given(_typed)
def test_a_text_is_spaced_as_before(text: str) -> None:
    assert bool(typography._NEEDS.search(text)) == bool(_NEEDS_BEFORE.search(text))
    assert typography.french_spacing(text) == spacing_before(text)


@settings(max_examples=1500, deadline=None)
@given(_trees)
def test_a_tree_is_spaced_as_before(spec: list[tuple]) -> None:
    before, after = _tree(spec), _tree(spec)
    run_before(before)
    typography.FrenchTypography(None).run(after)
    assert _nodes(after) == _nodes(before)
    assert after.tail == before.tail == spec[0][3]  # the root's tail is not the page's
