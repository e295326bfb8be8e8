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

NARROW_NBSP = "\u202f"
# A space (or a no-break space) before ; : ! ?, and after «. A run of spaces counts as one. One pass does both: a run
# before a sign is replaced whole, as the first alternative comes first, and a replaced run is no longer spaces.
_SPACES = re.compile(r"[ \u00a0]+(?=[;:!?»])|(?<=«)[ \u00a0]+")
# What one of them needs: a space right before a sign, or right after «. Markdown's placeholders for stashed HTML
# (`\x02wzxhzdk:3\x03`, `\x02amp\x03`, `\x0233\x03`) hold letters, digits and `:` only, after a letter: a space never
# touches a sign inside one, nor across its ends, so they need no splitting out. (Markdown removes \x02 and \x03 from
# a page's source: every pair in a text node is one of its placeholders.)
# Written from the sign: Python's regular expressions then skip from sign to sign in C, where a pattern that starts
# with a space tries a match at every space of the text (twice the time over a site's text nodes).
_NEEDS = re.compile("[;:!?»«](?:(?<=[ \u00a0][;:!?»])|(?<=«)(?=[ \u00a0]))")
_SKIPPED_TAGS = frozenset({"code", "pre", "script", "style", "kbd", "samp"})


def french_spacing(text: str) -> str:
    """`Média : x` → `Média\u202f: x`; `« x »` → `«\u202fx\u202f»`. Placeholders are kept as they are."""
    return _SPACES.sub(NARROW_NBSP, text) if _NEEDS.search(text) else text  # most text nodes: one search in C


class FrenchTypography(Treeprocessor):
    """Narrow no-break spaces in every text node of the page outside code."""

    def run(self, root: etree.Element) -> None:
        # Every text node, through ElementTree's own walk (the root's tail is not the page's), until an element of
        # code: then the page is walked again without entering code. The nodes spaced so far come before that element
        # (a walk meets an element before anything inside it), and spacing a text twice changes nothing.
        needs, spaces, skipped, tail = _NEEDS.search, _SPACES.sub, _SKIPPED_TAGS, root.tail
        for element in root.iter():
            if element.tag in skipped:
                root.tail = tail
                return _space_outside_code(root)
            text = element.text
            if text and needs(text):
                element.text = spaces(NARROW_NBSP, text)
            text = element.tail
            if text and needs(text):
                element.tail = spaces(NARROW_NBSP, text)
        root.tail = tail


def _space_outside_code(root: etree.Element) -> None:
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
