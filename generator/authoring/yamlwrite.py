"""Writing YAML values by hand, for the files the commands hand to analysts (`new`, `draft`).

Those files carry comments next to their keys, which no YAML dumper writes, so
each value is spelled here: plain when :mod:`generator.yamlread` and an editor
both read it back as the same text, double-quoted otherwise (JSON escaping is
valid YAML double-quoted style).

Inside quotes, every character YAML would refuse or change is written as an escape:
C0 and C1 controls and DEL, NEL (U+0085), the line and paragraph separators (U+2028,
U+2029), which YAML folds into spaces or line breaks, the byte-order mark, and the
non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of every plane), which
YAML does not allow in a file. What the loader reads back is then the text given,
character for character.
"""

from __future__ import annotations

import re
from typing import Any

from ..reading.dates import PartialDate
from ..reading.yamlread import NULL_WORDS

# Words YAML 1.1 or 1.2 would read as something other than text, when unquoted.
_SPECIAL_WORDS = {w.lower() for w in NULL_WORDS} | {
    "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", ".nan"}
_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w .,'’()/«»\u00a0\u202f-]*", re.UNICODE)
_NUMBER_LIKE = re.compile(r"^[-+.]?\d")
_WORDY = re.compile(r"\d[0-9a-zà-ÿ -]*[a-zà-ÿ][0-9a-zà-ÿ -]*")
_NUMERIC = re.compile(r"\d+(\.\d*)?[eE][-+]?\d+|0[xXoObB][0-9a-fA-F]+")


def scalar(value: Any, *, in_flow: bool = False) -> str:
    """One value as YAML text: `null`, `true`, `42`, `2025-10`, `Texte simple` or `"texte: quoté"`.

    `in_flow`: the value sits inside `[...]`, where a comma would end it.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, PartialDate):
        return value.iso()
    text = str(value)
    if _is_plain(text) and not (in_flow and "," in text):
        return text
    return quoted(text)


_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quoted(text: str) -> str:
    """`text` in double quotes, with every character YAML would refuse or alter escaped."""
    return '"' + "".join(_SHORT_ESCAPES.get(c) or (_escape(c) if _unwritable(c) else c) for c in text) + '"'


def _unwritable(c: str) -> bool:
    code = ord(c)
    return (code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF)
            or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE)


def _escape(c: str) -> str:
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def flow_list(values: list[Any]) -> str:
    """`[a, b]` — every item spelled by `scalar`."""
    return "[" + ", ".join(scalar(v, in_flow=True) for v in values) + "]"


def _is_plain(text: str) -> bool:
    if text != text.strip() or " #" in text or ": " in text or text.lower() in _SPECIAL_WORDS:
        return False
    if _NUMBER_LIKE.match(text):
        # `3 heures`, `2025-11-15-bbc`: text to every reader; `2025`, `1e3`, `12:30`, `2025-11-15` are not.
        return bool(_WORDY.fullmatch(text)) and not _NUMERIC.fullmatch(text)
    return bool(_PLAIN.fullmatch(text))
