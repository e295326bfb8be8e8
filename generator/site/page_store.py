"""The generated files of a build, kept compressed until read.

A build of a few thousand briefings generates hundreds of megabytes of Markdown: as Python strings
(two bytes a character as soon as a page holds one character beyond Latin-1, which every page does:
typographic apostrophes, dashes, the stash markers of site/markup.py), they would stay in memory
for the whole MkDocs build, next to the HTML MkDocs makes of them. `Pages` keeps each file as
zlib-compressed UTF-8 instead, about a tenth of the size, and gives the text back, unchanged, when a
page is read: the plugin hands the compressed bytes to MkDocs, which reads each page once, to
render it. The mapping reads and writes `str` like the dict it replaces.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping, MutableMapping

LEVEL = 1
"""zlib's fastest level: Markdown compresses about tenfold even so."""


def compress(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), LEVEL)


def decompress(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


class Pages(MutableMapping[str, str]):
    """Text files by path, stored compressed, in insertion order."""

    __slots__ = ("_data",)

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        self._data: dict[str, bytes] = {}
        if isinstance(items, Pages):
            self._data.update(items._data)
            return
        for key, value in (items.items() if isinstance(items, Mapping) else items):
            self[key] = value

    def __getitem__(self, key: str) -> str:
        return decompress(self._data[key])

    def __setitem__(self, key: str, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"{key}: a generated file is text, not {type(value).__name__}")
        self._data[key] = compress(value)

    def __delitem__(self, key: str) -> None:
        del self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __repr__(self) -> str:
        return f"Pages({len(self)} files)"

    def copy(self) -> Pages:
        return Pages(self)

    def sorted(self) -> Pages:
        """A copy in the order of its keys."""
        out = Pages()
        out._data = dict(sorted(self._data.items()))
        return out

    def compressed(self, key: str) -> bytes:
        """The file as stored: zlib-compressed UTF-8 (`decompress` gives the text back)."""
        return self._data[key]
