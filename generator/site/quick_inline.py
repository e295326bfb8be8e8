"""The live preview's Markdown: Python-Markdown's inline pass, with the patterns that cannot match a text skipped.

Python-Markdown tries each of its inline patterns (links, emphasis, raw HTML, entities…) on each piece of text of
a page in turn, a call and a regular-expression search apiece: at a thousand briefings, the pages one saved
briefing changes hold some fifteen thousand pieces of text, and these tries are the largest part of converting
them. Most patterns cannot match most texts: a link needs a `[`, an entity a `&`, a backtick span a backtick.
`QuickInline` skips a pattern when not one of the characters it needs is in the text, and the reference patterns
when the page defines no reference (they then leave every text as it is). A pattern skipped is one that would
not have matched, so the HTML is Python-Markdown's own (tests/test_quick_inline.py converts every page of the
seed site and of a synthetic corpus, hostile texts included, both ways). A pattern this module does not know, or
one whose expression is not the one written below (another version of Python-Markdown), is always tried.

Only the preview uses it (`QuickInlineExtension`, added by the plugin under `mkdocs serve`): `mkdocs build` is
converted by Python-Markdown as it comes, so that its cost, measured against MkDocs alone, is the generator's.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown, util
from markdown import inlinepatterns as patterns
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

from . import markup

_NEEDS: dict[str, tuple[str, ...]] = {
    # Each expression (Python-Markdown 3.x), and the characters of which a text must hold one for it to match.
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # a backtick span: both branches need a backtick
    r"\\(.)": ("\\",),  # a backslash escape
    r"(?<!\!)\[": ("[",),  # a link, a reference
    r"\!\[": ("![",),  # an image, an image reference
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # an automatic link
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # an automatic e-mail link
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # an entity
    r"  \n": ("  \n",),  # a line break
    patterns.HTML_RE: ("<",),  # a tag, a comment, an instruction: each starts with `<`
    markup.ENCODED_RE: (markup.OPEN,),  # a briefing's text (markup.InertTextExtension)
}


def needs(pattern: Any) -> tuple[str, ...] | None:
    """What a text must hold one of for `pattern` to match it; None: unknown, always tried."""
    if type(pattern) is patterns.DelimiterProcessor:  # emphasis: its expression is its delimiters, one of
        tokens = tuple(pattern.tokens)
        return tokens if tokens and pattern.pattern == "|".join(map(re.escape, tokens)) else None
    if type(pattern).__module__ not in (patterns.__name__, markup.__name__):
        return None  # another extension's pattern
    return _NEEDS.get(getattr(pattern, "pattern", None))  # type: ignore[arg-type]


_NEVER = re.compile(r"(?!)")  # a test no text passes


def _test(wanted: tuple[str, ...] | None) -> str | re.Pattern[str] | None:
    """`needs` as the loop tests it: one string (`in`), one expression searched, or None (no test)."""
    if wanted is None or len(wanted) == 1:
        return wanted and wanted[0]
    return re.compile("|".join(map(re.escape, wanted))) if wanted else _NEVER


class QuickInline(InlineProcessor):
    """Python-Markdown's inline pass (`InlineProcessor`), which skips a pattern that cannot match (see the module)."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        references = bool(self.md.references)  # defined by the page: its block pass is over by now
        self.quick = [(p, _NEVER if not references and isinstance(p, patterns.ReferenceInlineProcessor) else
                       _test(needs(p))) for p in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # Python-Markdown's own loop, over the same patterns in the same order; a pattern skipped is one that would
        # not have matched, for which it goes on to the next pattern from the start of the text.
        if isinstance(data, util.AtomicString):
            return data
        quick, apply = self.quick, self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start, count = 0, len(quick)
        while patternIndex < count:
            pattern, wanted = quick[patternIndex]
            if wanted is not None and not (wanted in data if type(wanted) is str else wanted.search(data)):
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class QuickInlineExtension(Extension):
    """Markdown extension: Python-Markdown's inline pass replaced by `QuickInline` (when it is Python-Markdown's)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
            md.treeprocessors.register(QuickInline(md), "inline", 20)  # where Python-Markdown puts its own
