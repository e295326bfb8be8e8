"""Text from briefings → Markdown that renders as exactly that text, and nothing else.

Python-Markdown does not sanitise, and backslash escapes are not honoured the
same way by every pymdownx extension. Numeric character references are: every
ASCII punctuation character that Markdown, HTML, attribute lists, Jinja or an
extension could read as syntax is written as `&#NN;`, which the Markdown
parser passes through untouched and the browser shows as the character itself.
Letters, digits and non-ASCII text (’ « » …) are left alone, so the source
stays readable and the search index holds the words.

Each encoded value that holds a reference is then wrapped in ⟦ ⟧ (never found
raw in encoded text: a briefing's own ⟦ and ⟧ are encoded too). `InertTextExtension`, which the plugin
adds to every build, hands each wrapped value to Markdown's raw-HTML stash in
one step, before any inline pattern runs. Without it, Python-Markdown would
match every `&#NN;` on its own and copy the paragraph's text each time, which
is quadratic in the number of punctuation characters of a paragraph (a 250 KB
summary of `<` took minutes). With it, Markdown's time is linear in the text.
The HTML is the same either way; without the extension (a bare Markdown
converter), the brackets show but the text stays inert.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import quote, urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import InlineProcessor

from .typography import FrenchTypography

# Every ASCII punctuation character except those that never start syntax in
# any extension we enable (, ; ? /). Space and newline are handled separately.
_SYNTAX = set("\\`*_{}[]()<>#+-.!|&\"':=~^$%@")
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SYNTAX}
# Line separators other than \n would let a value start a new Markdown line.
_TABLE.update({0x0D: " ", 0x0B: " ", 0x0C: " ", 0x2028: " ", 0x2029: " ", 0x0A: " "})
_TABLE[0x09] = "&#9;"
_TABLE[0x20] = " "
# Around each encoded value; inside one, these two never appear raw.
OPEN, CLOSE = "\u27e6", "\u27e7"
_TABLE.update({ord(OPEN): f"&#{ord(OPEN)};", ord(CLOSE): f"&#{ord(CLOSE)};"})


class Md(str):
    """Markdown built by the generator itself (links, emphasis): inserted as is."""

    __slots__ = ()


def text(value: object) -> Md:
    """Inline, inert text: one line, every syntax character neutralised."""
    return encoded(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=1 << 17)
def encoded(value: str) -> Md:
    """`text` of a `str`."""
    # Names, titles and labels come back on page after page: each is encoded once.
    encoded = value.translate(_TABLE)
    # A leading space could make an indented code block where the value starts a line.
    if encoded.startswith(" "):
        encoded = "&#32;" + encoded[1:]
    # Plain words need no run: Markdown has nothing to match in them. A value that starts or ends
    # with a space Markdown sees (a no-break space, U+001E…) goes to the stash whole too: next to
    # it, the `**` the templates put around a value would not count as emphasis and would show.
    # A value holding what French typography spaces (`; : ! ? « »`) goes to the stash too, where
    # `FrenchTypography` never reaches: a briefing's own spacing is shown exactly as written.
    wrap = ("&" in encoded or encoded[:1].isspace() or encoded[-1:].isspace()
            or not _TYPOGRAPHY_CHARS.isdisjoint(encoded))
    return Md(OPEN + encoded + CLOSE) if wrap else Md(encoded)


_TYPOGRAPHY_CHARS = frozenset(";?«»")  # `:` and `!` are encoded anyway


ENCODED_RE = f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}"


class _EncodedText(InlineProcessor):
    """One encoded value (letters, `&#NN;` references, spaces and `,;?/`: already inert HTML) → the stash, whole."""

    def handleMatch(self, m, data):  # type: ignore[override]
        return self.md.htmlStash.store(m.group(1)), m.start(0), m.end(0)


class InertTextExtension(Extension):
    """Markdown extension: every value from `text` goes to the output as one piece of raw HTML,
    and the site's own wording around them gets French typographic spaces (`typography`)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Before every other inline pattern (backticks are the first, at 190).
        md.inlinePatterns.register(_EncodedText(ENCODED_RE, md), "briefings-text", 250)
        # After the inline patterns (20) have put every value in the stash, before attribute lists (8)
        # and the table of contents (5): only the text written by the generator or a page's author is left.
        md.treeprocessors.register(FrenchTypography(md), "briefings-typography", 15)


def makeExtension(**kwargs: object) -> InertTextExtension:  # noqa: N802 - the name Python-Markdown looks for
    return InertTextExtension(**kwargs)


def paragraphs(value: str) -> Md:
    """Block text (a summary): blank lines separate paragraphs, other line breaks are spaces."""
    blocks = [" ".join(b.split("\n")).strip() for b in value.replace("\r\n", "\n").split("\n\n")]
    return Md("\n\n".join(text(b) for b in blocks if b))


def heading_id(value: str, separator: str) -> str:
    """The `slugify` of the `toc` extension (set in mkdocs.yml): heading ids never start with `_`.

    The theme gives its own elements ids that start with `__` (`__drawer`,
    `__search`, `__config`, `__nav_2`). A heading written `__config` would take
    that id earlier in the page, and the theme's script, which reads its settings
    from the first `#__config`, would stop: one title could break search and
    navigation. This is `toc`'s own slugify with the leading `_` trimmed.
    """
    return slugify(value, separator).lstrip("_")


def page_title(value: str) -> str:
    """A title for front matter: the theme puts it into the nav, header and <title> without escaping.

    Angle brackets become the look-alike ‹ › so no tag can form, even after the
    theme's `striptags` unescapes entities; `&` is escaped for the same reason.
    """
    return " ".join(value.split()).replace("&", "&amp;").replace("<", "‹").replace(">", "›")


def link(label: object, target: str, from_page: str, anchor: str = "") -> Md:
    """A Markdown link between two generated pages, given by their src paths."""
    return _link(label, target, folder_of(from_page), anchor)


def link_in(label: object, target: str, folder: str, anchor: str = "") -> Md:
    """`link`, from a page of `folder` (`folder_of` the page)."""
    return _link(label, target, folder, anchor)


folder_of = functools.lru_cache(maxsize=1 << 14)(posixpath.dirname)
"""The folder of a page's src path (`posixpath.dirname`), worked out once per page."""


@functools.lru_cache(maxsize=1 << 16, typed=True)
def _link(label: object, target: str, folder: str, anchor: str) -> Md:
    # The same briefing, actor or event is linked from dozens of pages in the same few folders.
    return Md(f"[{text(label)}]({relative(target, folder)}{'#' + anchor if anchor else ''})")


@functools.lru_cache(maxsize=65536)
def relative(target: str, folder: str) -> str:
    """`posixpath.relpath(target, folder)` for src paths inside the docs tree, without asking the OS
    for the working directory: a site links between the same few thousand pages hundreds of
    thousands of times, so each pair is worked out once, and each pair of folders once."""
    if not (target and _CLEAN_PATH.fullmatch(target) and _CLEAN_PATH.fullmatch(folder)) or (folder + "/").startswith(target + "/"):
        return _relpath(target, folder)  # relpath normalises the path first, climbs into the target, or to the root
    where, name = posixpath.split(target)
    up = _relpath(where, folder)
    return name if up == "." else f"{up}/{name}"


_CLEAN_PATH = re.compile(r"(?:[^/.][^/]*(?:/[^/.][^/]*)*)?")
"""A path as the docs tree's src paths are: no empty, `.` or `..` part, no leading or trailing slash."""


@functools.lru_cache(maxsize=4096)
def _relpath(target: str, folder: str) -> str:
    return posixpath.relpath(posixpath.join("/", target), posixpath.join("/", folder))


def is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and not any(c.isspace() for c in url.strip())


def external_link(label: object, url: str) -> Md:
    """A link to an article: only http(s) URLs become links; anything else is shown as text."""
    if not is_web_url(url):
        return text(url)
    safe = quote(url.strip(), safe=":/?#@!$&'*+,;=%~-._")
    # Markdown link syntax is closed by ')' and confused by '<', '>' and spaces: all percent-encoded above.
    return Md(f"[{text(label)}]({safe.replace('(', '%28').replace(')', '%29')})")
