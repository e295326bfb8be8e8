"""An article's plain text cut into sentences, with the registry's names found in it.

Every position is an offset into the original text, so what `briefings draft`
quotes as verbatim is always `text[start:end]`, character for character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reading.names import fold_char, name_key

# A period after these does not end a sentence: « M. Donald Trump », « Gen. Kellogg ».
ABBREVIATIONS = frozenset({"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "gen", "gén", "st", "ste",
                           "av", "etc", "cf", "p", "vol", "no", "art", "j.-c", "env"})
_SENTENCE_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]*[»”\"’)])?(?=\s+[«“\"A-ZÀ-ÖØ-Þ0-9])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def distance(self, other: "Span") -> int:
        if self.overlaps(other):
            return 0
        return other.start - self.end if other.start >= self.end else self.start - other.end


def sentences(text: str) -> list[Span]:
    """Sentence spans, whitespace trimmed: lines first, then sentence ends followed by a capital."""
    out: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_match in _SENTENCE_END.finditer(line.group()):
            word = re.search(r"([\w.-]+)[.!?…]*$", line.group()[:end_match.start() + 1])
            if word and end_match.group().startswith(".") and _is_abbreviation(word.group(1).rstrip(".")):
                continue
            end = line.start() + end_match.end()
            out.append(trim_span(text, start, end))
            start = end
        out.append(trim_span(text, start, line.end()))
    return [s for s in out if s.end > s.start]


def _is_abbreviation(word: str) -> bool:
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def trim_span(text: str, start: int, end: int) -> Span:
    """The span with the white space at both ends left out."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


@dataclass(frozen=True)
class NameHit:
    span: Span
    actor_id: str


class NameFinder:
    """Finds every alias of a registry in a text, ignoring case, accents and punctuation."""

    def __init__(self, aliases: dict[str, str]):
        """`aliases` maps any spelling (id, name, alias) to an actor id."""
        self.by_key = {name_key(a): actor_id for a, actor_id in aliases.items() if name_key(a)}
        keys = sorted(self.by_key, key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)") \
            if keys else None

    def find(self, text: str) -> list[NameHit]:
        """Non-overlapping hits, longest spelling first, in text order."""
        if self.pattern is None:
            return []
        folded, origin = _fold(text)
        hits = []
        for m in self.pattern.finditer(folded):
            start, end = origin[m.start()], origin[m.end() - 1] + 1
            hits.append(NameHit(Span(start, end), self.by_key[m.group()]))
        return hits


def _fold(text: str) -> tuple[str, list[int]]:
    """`name_key` applied character by character, keeping where each folded character came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        for c in fold_char(char):
            if c == " " and out and out[-1] == " ":
                continue
            out.append(c)
            origin.append(i)
    return "".join(out), origin
