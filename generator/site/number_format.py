"""Numbers as French writes them (Babel), each distinct number formatted once.

A site shows the same counts and amounts on page after page and in every export, and Babel
takes tens of microseconds a number: the text of each is kept. Numbers are kept apart by type
and `repr` as well as by value: `1`, `1.0` and `True`, or `0.0` and `-0.0`, are equal as keys
but need not be written alike.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

LOCALE = "fr"
_PLURAL_RULE = Locale.parse(LOCALE).plural_form


def decimal_text(value: float, quantized: bool = True) -> str:
    """`format_decimal(value, locale="fr", decimal_quantization=quantized)`."""
    return _decimal(value, type(value), repr(value), quantized)


@lru_cache(maxsize=1 << 14)
def _decimal(value: float, kind: type, key: str, quantized: bool) -> str:
    return format_decimal(value, locale=LOCALE, decimal_quantization=quantized)


def plural_form(count: float) -> str:
    """The CLDR plural category of `count` in French: `one`, `many` or `other`."""
    return _plural(count, type(count), repr(count))


@lru_cache(maxsize=1 << 12)
def _plural(count: float, kind: type, key: str) -> str:
    return _PLURAL_RULE(count)
