"""The faster ways the pages are made give exactly what the plain ways gave.

`render.tidy` replaces two regular expressions; `number_format` keeps Babel's text of each number;
`template_compiler` writes template values and calls functions without Jinja's wrappers;
`export.csv_text` quotes each distinct cell once instead of through the csv module, and `export.json_list`
encodes its rows with one encoder made once; the French
spacing of the built pages looks for a sign in C and walks the tree without recursion. Each is checked
here against the plain way on generated input: a page is only ever made faster, never different.
"""

from __future__ import annotations

import csv
import io
import json
import re
import types
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

import jinja2
import markupsafe
import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings, strategies as st

from generator.site import export, number_format, render, template_compiler, typography

_BEFORE_HEADING = re.compile(r"([^\n])\n(#{1,6} )")
_BLANK_RUNS = re.compile(r"\n{3,}")


def plain_tidy(markdown: str) -> str:
    return _BLANK_RUNS.sub("\n\n", _BEFORE_HEADING.sub(r"\1\n\n\2", markdown)).strip() + "\n"


@settings(max_examples=3000)
@given(st.text(alphabet="ab#\n \t", max_size=40))
def test_tidy_is_the_two_substitutions(markdown: str) -> None:
    assert render.tidy(markdown) == plain_tidy(markdown)


def test_tidy_on_headings_next_to_each_other() -> None:
    for markdown in ["x\n# \n# y", "a\n# \n# \n# b", "\n# a", "a\n####### b", "a\n###### b\n\n\n\n\nc", "## a\n## b"]:
        assert render.tidy(markdown) == plain_tidy(markdown)


numbers = st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False))


def outcome(write: Callable[[], str]) -> tuple[str, str]:
    try:
        return "text", write()
    except Exception as exc:  # noqa: BLE001 - Babel refuses some numbers; the kept text must refuse them too
        return "error", type(exc).__name__


@settings(max_examples=500)
@given(st.lists(numbers, max_size=8), st.booleans())
def test_numbers_are_written_as_babel_writes_them(values: list[float], quantized: bool) -> None:
    for value in [*values, *values, 0.0, -0.0, 0, 1, 1.0, 1e25]:  # each twice: once formatted, once kept
        assert outcome(lambda: number_format.decimal_text(value, quantized)) == outcome(
            lambda: format_decimal(value, locale="fr", decimal_quantization=quantized))


def csv_the_plain_way(header: list[str], lines: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    buffer.write(",".join(header) + "\n")
    for values in lines:
        writer.writerow([export.csv_cell(v) for v in values])
    return "\ufeff" + buffer.getvalue()


_cells = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.sampled_from(["", "a", '"q"', "=1", "x;-y"]),
                   st.text(alphabet='ab"=+-@;\n\r\t \x00\u200b,\'', max_size=8), st.lists(st.text(max_size=4), max_size=3))


@settings(max_examples=500)
@given(st.lists(st.lists(_cells, min_size=3, max_size=3), max_size=12))
def test_csv_is_what_the_csv_module_writes(lines: list[list[Any]]) -> None:
    header = ["a", "b", "c"]
    assert export.csv_text(header, lines) == csv_the_plain_way(header, lines)


_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(),
              st.text(alphabet=st.characters(codec="utf-8"), max_size=8), st.sampled_from(["\u2028", "é\"\\\n", "</script>"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=12)


@settings(max_examples=300)
@given(st.lists(st.dictionaries(st.text(max_size=6), _json_values, max_size=6), max_size=6))
def test_json_rows_are_what_json_dumps_writes(rows: list[dict[str, Any]]) -> None:
    # Every kind of value a row can hold (and some it cannot: nested mappings, NaN, integers past 64 bits).
    assert export.json_list(rows) == (
        "[\n  " + ",\n  ".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]" if rows else "[]")


def test_json_rows_without_the_c_encoder(monkeypatch) -> None:
    # An interpreter without CPython's C encoder gets `JSONEncoder.encode`, the same text.
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    encode = export._row_encoder()
    row = {"a": [1, 2.5, None, True], "b": "é\u2028\"", "c": float("nan")}
    assert encode(row) == json.dumps(row, ensure_ascii=False)


@pytest.mark.parametrize("header", [["a"], ["a", "b"], ["b", "a", "c"]])
def test_cells_in_column_order_are_what_row_get_gives(header: list[str]) -> None:
    rows = [{"a": "xy", "b": 1, "c": None}, {"a": "z"}, {}, {"c": ["l"], "b": 2.5, "a": ""}]
    assert [list(cells) for cells in export._in_columns(rows, header)] == [[row.get(n) for n in header] for row in rows]


_BEFORE_SIGN = re.compile(r"[ \u00a0]+(?=[;:!?»])")
_AFTER_OPENING = re.compile(r"(?<=«)[ \u00a0]+")
_PLACEHOLDER = re.compile("(\x02[^\x02\x03]*\x03)")


def spacing_the_plain_way(text: str) -> str:
    if not any(c in text for c in ";:!?«»"):
        return text
    parts = _PLACEHOLDER.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = _AFTER_OPENING.sub("\u202f", _BEFORE_SIGN.sub("\u202f", parts[i]))
    return "".join(parts)


# Text as a tree processor meets it: letters, spaces, signs, and Markdown's placeholders, the only \x02…\x03 a page
# can hold (Markdown removes both characters from the source), in the shapes Markdown writes them.
_PLACEHOLDERS = ["\x02wzxhzdk:3\x03", "\x02wzxhzdk:27\x03", "\x02klzzwxh:5\x03", "\x02amp\x03", "\x0233\x03"]
_typed = st.lists(st.sampled_from(["a", " ", "  ", "\u00a0", "\u202f", "\n", "«", "»", ";", ":", "!", "?",
                                   *_PLACEHOLDERS]),
                  max_size=12).map("".join)


@settings(max_examples=2000)
@given(_typed)
def test_french_spacing_is_the_plain_substitutions(text: str) -> None:
    assert typography.french_spacing(text) == spacing_the_plain_way(text)


def _walk_the_plain_way(element: etree.Element) -> None:
    if element.text and element.tag not in typography._SKIPPED_TAGS:
        element.text = spacing_the_plain_way(element.text)
    for child in element:
        if child.tag not in typography._SKIPPED_TAGS:
            _walk_the_plain_way(child)
        if child.tail:
            child.tail = spacing_the_plain_way(child.tail)


# A tree as a list of nodes, each (the index of its parent among the nodes before it, tag, text, tail): every tag
# the walk leaves alone, one it does not know in capitals, comments and processing instructions, code as the root.
_TAGS = ["p", "em", "div", "li", "CODE", *sorted(typography._SKIPPED_TAGS), etree.Comment, etree.ProcessingInstruction]
_trees = st.lists(st.tuples(st.integers(0, 30), st.sampled_from(_TAGS), st.none() | _typed, st.none() | _typed),
                  min_size=1, max_size=25)


def _tree(spec: list[tuple]) -> etree.Element:
    nodes: list[etree.Element] = []
    for parent, tag, text, tail in spec:
        element = etree.Element(tag) if not nodes else etree.SubElement(nodes[parent % len(nodes)], tag)
        element.text, element.tail = text, tail
        nodes.append(element)
    return nodes[0]


@settings(max_examples=1500)
@given(_trees)
def test_every_text_node_is_spaced_as_the_recursive_walk_did(spec: list[tuple]) -> None:
    plain, fast = _tree(spec), _tree(spec)
    _walk_the_plain_way(plain)
    typography.FrenchTypography(None).run(fast)
    assert etree.tostring(fast) == etree.tostring(plain)
    assert fast.tail == spec[0][3]  # the root's tail is not the page's


TEMPLATE = """{% macro line(x, sep=", ") %}{{ x }}{{ sep }}{{ varargs | length }}{% endmacro %}
{% for v in values %}{{ line(v) }}|{{ line(v, sep=" ; ") }}|{{ line(v, "-", 1, 2) }}|{{ f(v, *[1, 2]) }}|{{ g(**{"k": v}) }}|{{ obj.m(v) }}
{% endfor %}{% set ns = namespace(n=0) %}{% for v in values %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}
{% macro wrap(x) %}[{{ x }}{{ caller() }}]{% endmacro %}{% call wrap("called") %}in{{ values[0] }}{% endcall %}
{{ range(3) | list | length }}
{{ dct.k }}|{{ dct.items }}|{{ dct.absent }}|{{ nested.inner.k }}|{{ nested.inner.absent is defined }}|{{ obj.missing is defined }}"""


def test_templates_compiled_the_fast_way_print_what_jinja_prints() -> None:
    class Obj:
        def m(self, v: str) -> str:
            return v.upper()
    context = {"values": ["a", "<b>", "c"], "f": lambda v, *more: f"{v}{len(more)}", "g": lambda k: k * 2, "obj": Obj(),
               "dct": {"k": "v", "items": "not shown: the attribute (the method) comes first"}, "nested": types.SimpleNamespace(inner={"k": 1})}
    # The fast environment prints what `finalize` returns: here, as render._finalize does, the text already made safe.
    plain = jinja2.Environment(autoescape=True, finalize=markupsafe.escape)
    fast = template_compiler.Environment(autoescape=True, finalize=markupsafe.escape)
    assert fast.from_string(TEMPLATE).render(**context) == plain.from_string(TEMPLATE).render(**context)
    assert "escape(" not in fast.compile(TEMPLATE, raw=True) and "context.call(obj" not in fast.compile(TEMPLATE, raw=True)
    assert "environment.getattr(l_" not in fast.compile(TEMPLATE, raw=True)  # only after Python's getattr found nothing


class _LookedUp(dict):
    """An item `title`, and an attribute lookup that records each name asked for and finds nothing the first time."""

    def __init__(self) -> None:
        super().__init__(title="item")
        self.asked: list[str] = []

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        self.asked.append(name)
        if self.asked.count(name) == 1:
            raise AttributeError(name)
        return "attribute"


def test_an_attribute_found_missing_is_looked_up_once() -> None:
    # A lookup may do work (a lazy loader): Jinja asks once, then takes the item; so must the fast way.
    shown = {}
    for name, environment in (("plain", jinja2.Environment()), ("fast", template_compiler.Environment())):
        obj = _LookedUp()
        shown[name] = (environment.from_string("{{ obj.title }}|{{ obj.absent is defined }}").render(obj=obj), obj.asked)
    assert shown["fast"] == shown["plain"] == ("item|False", ["title", "absent"])


def test_an_environment_with_its_own_getattr_keeps_it() -> None:
    environment = template_compiler.Environment()
    environment.getattr = lambda obj, attribute: f"hooked {attribute}"  # type: ignore[method-assign]
    assert environment.from_string("{{ s.upper }}").render(s="x") == "hooked upper"

