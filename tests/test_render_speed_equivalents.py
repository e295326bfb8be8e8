"""The faster ways the pages are made give exactly what the plain ways gave.

`render.tidy` replaces two regular expressions; `number_format` keeps Babel's text of each number;
`export.csv_text` quotes each distinct cell once instead of through the csv module. Each is checked
here against the plain way on generated input: a page is only ever made faster, never different.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

import jinja2
from babel.numbers import format_decimal
from hypothesis import given, settings, strategies as st

from generator.site import export, number_format, render

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
