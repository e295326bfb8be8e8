"""An article's text as `check --sources` reads it: whitespace runs made one space, paragraphs kept.

Verbatim fields are compared with the article once every run of ordinary
whitespace is one space; the grounding checks also need the paragraphs (the
article's lines) and the stretches the article puts between guillemets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..reading.article_text import Span

_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_QUOTE_MARKS = {"«": "»", "“": "”"}
SHORT_QUOTE_CHARS = 80  # quotations this short are indexed by their words (one or two words are checked)
NESTING = 8  # quotations inside quotations looked at around a position


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@dataclass
class Article:
    """`text` is the whole article normalised; `starts[i]` is where its paragraph i begins in `text`."""

    text: str
    starts: list[int]
    quoted: list[Span] = field(default_factory=list)  # sorted by start; guillemets do not cross one another
    by_words: dict[str, list[Span]] = field(default_factory=dict)  # the inside of short quotations, by its words
    found: dict[str, int] = field(default_factory=dict)
    quoted_starts: list[int] = field(default_factory=list)

    @classmethod
    def read(cls, raw: str) -> "Article":
        paragraphs = [normalise(line) for line in raw.split("\n")]  # only a line feed ends a paragraph (not U+0085)
        paragraphs = [p for p in paragraphs if p]
        starts, at = [], 0
        for p in paragraphs:
            starts.append(at)
            at += len(p) + 1
        article = cls(" ".join(paragraphs), starts)
        article.quoted = sorted((q for i in range(len(paragraphs)) for q in _quoted(article.text, article.paragraph(i))),
                                key=lambda q: (q.start, -q.end))
        article.quoted_starts = [q.start for q in article.quoted]
        for q in article.quoted:
            # The text is normalised: a short inside has at most a space on each side. Longer quotations are
            # not copied, so nested guillemets (« « « … » » ») cost time in proportion to the article.
            if q.end - q.start > SHORT_QUOTE_CHARS + 2:
                continue
            inside = article.text[q.start:q.end].strip()
            if len(inside) <= SHORT_QUOTE_CHARS:
                article.by_words.setdefault(inside, []).append(q)
        return article

    def find(self, piece: str) -> int:
        """Where `piece` (normalised) first is in the article, or -1; each piece is searched once."""
        if not piece:
            return -1
        if piece not in self.found:
            self.found[piece] = self.text.find(piece)
        return self.found[piece]

    def paragraph(self, index: int) -> Span:
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return Span(self.starts[index], end)

    def paragraph_at(self, position: int) -> Span:
        return self.paragraph(max(bisect_right(self.starts, position) - 1, 0))

    def paragraphs(self) -> list[str]:
        return [self.text[s.start:s.end] for s in map(self.paragraph, range(len(self.starts)))]

    def in_quotes(self, position: int) -> bool:
        """Whether the character at `position` is between guillemets (« » or “ ”) of one paragraph."""
        i = bisect_right(self.quoted_starts, position) - 1
        # quotations nest (a quote inside a quote) but never overlap otherwise: the outermost holding
        # `position` starts at or before the last one starting before it
        return any(q.start <= position < q.end for q in self.quoted[max(0, i - NESTING):i + 1])


def _quoted(text: str, paragraph: Span) -> list[Span]:
    """The insides of the « » and “ ” pairs of one paragraph (a stray mark opens nothing beyond it)."""
    found, opened = [], []
    for i in range(paragraph.start, paragraph.end):
        char = text[i]
        if char in _QUOTE_MARKS:
            opened.append((char, i + 1))
        elif opened and char == _QUOTE_MARKS[opened[-1][0]]:
            found.append(Span(opened.pop()[1], i))
    return found
