"""French typographic spaces in the site's own wording, never in what a briefing says.

French sets a narrow no-break space (U+202F) before `;`, `:`, `!` and `?` and inside
« ». The site's wording is written with ordinary spaces (`Média : …`, `« Nuances entre
récits »`); `FrenchTypography`, a Markdown tree processor the plugin's extension adds
to every page, turns those spaces into U+202F so a line never breaks before the sign.

It only changes a space that is already there (never adds one: `http://`, `12:30`,
`{: .class }` stay as they are), and only in text Markdown still holds as text. Every
value from a briefing or a registry that holds one of these signs is already in
Markdown's raw-HTML stash by then (`markup.text` wraps it, `InertTextExtension` stashes
it whole), so quotes, titles and summaries come out exactly as written. Code blocks
and inline code are left alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import STX, ETX

NARROW_NBSP = "\u202f"
# A space (or a no-break space) before ; : ! ?, after « and before ». A run of spaces counts as one.
_BEFORE_SIGN = re.compile(r"[ \u00a0]+(?=[;:!?»])")
_AFTER_OPENING = re.compile(r"(?<=«)[ \u00a0]+")
# Markdown's placeholders for stashed HTML (`\x02wzxhzdk:3\x03`): never touched.
_PLACEHOLDER = re.compile(f"({STX}[^{STX}{ETX}]*{ETX})")
_SKIPPED_TAGS = frozenset({"code", "pre", "script", "style", "kbd", "samp"})


_SIGN = re.compile("[;:!?«»]")


def french_spacing(text: str) -> str:
    """`Média : x` → `Média\u202f: x`; `« x »` → `«\u202fx\u202f»`. Placeholders are kept as they are."""
    if not _SIGN.search(text):  # most text nodes: one search in C
        return text
    if STX not in text:
        return _AFTER_OPENING.sub(NARROW_NBSP, _BEFORE_SIGN.sub(NARROW_NBSP, text))
    parts = _PLACEHOLDER.split(text)
    for i in range(0, len(parts), 2):  # even parts are text, odd ones placeholders
        parts[i] = _AFTER_OPENING.sub(NARROW_NBSP, _BEFORE_SIGN.sub(NARROW_NBSP, parts[i]))
    return "".join(parts)


class FrenchTypography(Treeprocessor):
    """Narrow no-break spaces in every text node of the page outside code."""

    def run(self, root: etree.Element) -> None:
        # Each text node on its own (the order does not matter): a list of elements still to visit, not a
        # call per element, for the hundreds of thousands of elements of a site.
        if root.text and root.tag not in _SKIPPED_TAGS:
            root.text = french_spacing(root.text)
        todo = [root]  # the root's text only is left alone when its tag is one of those
        while todo:
            element = todo.pop()
            for child in element:
                if child.tag not in _SKIPPED_TAGS:
                    if child.text:
                        child.text = french_spacing(child.text)
                    todo.append(child)
                if child.tail:
                    child.tail = french_spacing(child.tail)
