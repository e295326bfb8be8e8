"""A live preview converts a changed generated page section by section, and only the sections it has not converted
before (`Sections`).

A new briefing at a thousand briefings changes some sixty cross-source pages, each by an entry or a count: about
half of their Markdown lies in sections (a `##` to `######` heading and what follows, up to the next) that did not
change. Each section is converted on its own by the page's one Markdown converter, reset in between, and kept with
everything its conversion gave: its HTML, its headings for the table of contents, the ids it holds, its links to
anchors and the files its links were looked up as. The next conversion of the page takes a section kept when its
text is the same and every one of those lookups gives the same file.

A page converted in sections is the page MkDocs converts whole, for the Markdown the generator writes (its
templates, and briefing text made inert: site/markup.py); tests/test_sections.py compares them on every generated
page of the seed site and of a synthetic corpus, and on Markdown that reaches across sections:
- it is cut only before a heading line (`##` to `######`) that follows a blank line: such a line ends any list,
  admonition or table before it;
- a page holding what the generator never writes and would reach past a section (HTML a blank line does not end:
  a comment or a tag left open at the end of its line, an instruction, a declaration; a `[TOC]` marker; code, in
  which MkDocs looks for ids as in raw HTML) is converted whole;
- each section is converted followed by a paragraph of its own (`_END`), so that its HTML ends with the line breaks
  a whole conversion puts before the next block; a section that swallows that paragraph does not stand alone;
- when a section does not stand alone, when two sections hold the same id (a heading's id would have been made
  unique across the page), when a section defines a link reference (usable from another), or when a section after
  the first does not begin with its heading, the page is converted whole from then on; when a section logs a
  warning (a broken link), the page is converted whole this time. What the page's conversion logged at INFO and
  above in this thread is held meanwhile: logged once it is converted in sections, dropped when it is converted
  whole (that conversion logs it); what other threads log (the server's requests) is left alone;
- the title is the first section's, the table of contents is made from every section's headings in order, the
  ids and links to anchors are the sections' together, first link first.
A section kept logs nothing when it is reused, as a page MkDocs' dirty build keeps does not.
A hand-written page is converted whole, by MkDocs, each time the preview renders it again (when pages come or go, and
at every rebuild when it holds macros), though its Markdown is most often the same: what its conversion gave is kept
likewise, by its Markdown and the files its links found (`Sections.whole_page`).
Like preview.py, it does not import MkDocs: the plugin hands it MkDocs' own steps of a page's conversion.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions.toc import nest_toc_tokens

from .shared_conversion import Held, replay
from .site.page_store import compress, decompress

_CUT = re.compile(r"\n\n(?=#{2,6} )")  # a blank line, then a heading of level 2 to 6 at the start of a line
# What the generator never writes and would reach past a section: HTML that a blank line does not end (a comment or
# a tag left open at the end of its line, an instruction, a declaration), a `[TOC]` marker (it lists the whole page),
# code (MkDocs looks for ids in raw HTML through it), a carriage return (the cut would not see its lines).
_WHOLE = re.compile(r"<!--(?![^\n]*-->)|<\?|<!(?!--)|<[A-Za-z][^>\n]*$|\[TOC\]|`|~~~|\r", re.MULTILINE)
_HEADING_FIRST = re.compile(r"<h[2-6][ >]")
# A paragraph after each section: what comes before it is the section's HTML with the blank lines a whole conversion
# puts before the next block (one line break after most blocks, two after raw HTML), which the converter trims.
_END, _END_HTML = "\n\nqqfindesectionqq", "<p>qqfindesectionqq</p>"
# Markdown extensions whose conversion reads nothing but the page's text (and the files its links find): a page
# converted whole is kept (`Sections.whole`) only when every extension of the site is one of them, or the
# generator's own (markup.py, quick_inline.py). One that reads a file of its own (`pymdownx.snippets`) is not.
_PURE = frozenset({"abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "meta",
                   "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks", "pymdownx.betterem", "pymdownx.caret",
                   "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark",
                   "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
                   "pymdownx.tilde"})


@dataclass(frozen=True)
class Converted:
    """What converting one section gave."""

    html: str
    headings: tuple[dict, ...]  # its table-of-contents entries, flat (Python-Markdown's `toc_tokens`, unnested)
    ids: frozenset[str]  # the ids of its elements (a heading's made unique within the section)
    anchors: frozenset[str]  # every anchor it holds: those ids, `<a name>`, ids in raw HTML
    links: dict[str, dict[str, str]]  # page linked to (path) → anchor → the link as written, first one first
    looked: tuple[tuple[str, Any], ...]  # each path its links were looked up as, and what was found
    title: str | None  # the title a first `#` heading gives
    apart: bool  # it can be converted apart: it defines no link reference and its end was found
    warned: bool  # its conversion logged a warning


@dataclass(frozen=True)
class Page:
    """A page converted in sections: what MkDocs' own conversion leaves on a page."""

    html: str
    headings: list[dict]  # nested, as `toc_tokens`
    title: str | None
    anchors: set[str]
    links: dict[str, dict[str, str]]


class Sections:
    """The sections of each generated page as last converted, by page (its path) and the text of the section."""

    FROM = 16_000
    """Characters of Markdown below which a page is converted whole: each conversion has a cost of its own (about
    0.4 ms), which on a page that small outweighs what its sections kept would save. At a thousand briefings, the
    pages above it are a fifth of the site's pages and hold 60 % of its Markdown."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[bytes, tuple[bytes, Converted]]] = {}
        self.whole: set[str] = set()  # pages converted whole since their sections could not be (see the module)
        self.config: Any = None
        self.pure = False  # every extension is one of `_PURE` (`keep`)
        self.wholes: dict[str, tuple] = {}  # pages converted whole: their Markdown's hash, lookups and what they gave
        self.reused = 0  # sections taken as kept, and converted, for the tests
        self.converted = 0

    def render(self, page: Any, steps: Callable[..., tuple], toc: Callable[[list], Any],
               whole: Callable[..., None], config: Any, files: Any) -> None:
        """MkDocs' conversion of a generated page (`whole`: `Page.render`), in sections when it can be. The page's
        converter is made as MkDocs makes it, with MkDocs' `steps`: they note the ids in raw HTML and in the tree,
        make links relative and note a first `#` heading; `toc` makes the table of contents from its entries."""
        if not self._tried(page.file.src_uri, page.markdown):  # no converter made in vain
            return whole(page, config, files)
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
        raw, tree, relative, title = made = steps(page, files, config)
        for step in made:
            step._register(md)
        held = Held(logging.INFO)

        def convert(text: str) -> Converted:
            md.reset()
            tree.present_anchor_ids, relative.links_to_anchors, title.title = set(), {}, None
            relative.files = seen = _Looked(files)
            before = held.warnings
            html = md.convert(text + _END)
            end = html.endswith(_END_HTML)
            return Converted(html[:-len(_END_HTML)] if end else html, flat(getattr(md, "toc_tokens", [])),
                             frozenset(tree.present_anchor_ids), frozenset(tree.present_anchor_ids | raw.present_anchor_ids),
                             {f.src_uri: dict(a) for f, a in relative.links_to_anchors.items()},
                             tuple(seen.looked.items()), title.title, end and not md.references, held.warnings > before)

        try:
            with held:
                done = self.convert(page.file.src_uri, page.markdown, convert,
                                    lambda p: _found(files.get_file_from_path(p)))
        except BaseException:  # logged, then the failure reported as MkDocs reports it
            replay(held.records)
            raise
        if done is None:
            return whole(page, config, files)
        replay(held.records)
        page.content, page.toc, page._title_from_render = done.html, toc(done.headings), done.title
        page.present_anchor_ids = done.anchors
        _restore_links(page, done.links, files)
        return None

    def convert(self, path: str, markdown: str, convert: Callable[[str], Converted],
                look: Callable[[str], Any]) -> Page | None:
        """The page at `path` converted in sections (`convert` converts one; `look` looks a link's path up as
        the converter does), or None: convert it whole."""
        if not self._tried(path, markdown) or _WHOLE.search(markdown):
            return None
        texts = _CUT.split(markdown)
        if len(texts) < 2:
            return None
        before, now = self.pages.get(path, {}), {}
        parts: list[tuple[Converted, str]] = []
        for i, text in enumerate(texts):
            key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
            kept = before.get(key)
            if kept is not None and _still_found(kept[1].looked, look):
                html, part = decompress(kept[0]), kept[1]
                self.reused += 1
            else:
                part = convert(text)
                html = part.html
                self.converted += 1
                if part.warned:  # converted whole this time: the warning is logged by that conversion
                    self.pages.pop(path, None)
                    return None
                if (i and not _HEADING_FIRST.match(html)) or not part.apart:
                    return self._whole(path)
                part = dataclasses.replace(part, html="")
                kept = (compress(html), part)
            now[key] = kept
            parts.append((part, html))
        ids: set[str] = set()
        for part, _ in parts:
            if not ids.isdisjoint(part.ids):
                return self._whole(path)
            ids |= part.ids
        self.pages[path] = now
        links: dict[str, dict[str, str]] = {}
        for part, _ in parts:
            for target, anchors in part.links.items():
                mine = links.setdefault(target, {})
                for anchor, link in anchors.items():
                    mine.setdefault(anchor, link)
        return Page("".join(html for _, html in parts).strip(),
                    nest_toc_tokens([dict(h) for p, _ in parts for h in p.headings]),
                    parts[0][0].title, set().union(*(p.anchors for p, _ in parts)), links)

    def _tried(self, path: str, markdown: str) -> bool:
        """Whether the page is large enough to be tried in sections, and not known to be converted whole."""
        return len(markdown) >= self.FROM and path not in self.whole

    def _whole(self, path: str) -> None:
        """The page is converted whole, from now on: it would convert every section each time, in vain."""
        self.pages.pop(path, None)
        self.whole.add(path)

    def keep(self, paths: Any, config: Any) -> None:
        """A build begins: only the pages at `paths` are kept (the others are gone), and none when the settings a
        conversion reads in MkDocs' `config` (Markdown's extensions and their settings, the URLs' form, the links'
        validation) are not those of the last build, whichever file they were read from."""
        settings = repr(([e if isinstance(e, str) else type(e).__qualname__ for e in config.markdown_extensions],
                         sorted((k, repr(v)) for k, v in (config.mdx_configs or {}).items()),
                         config.use_directory_urls, config.validation))
        if settings != self.config:
            self.clear()
        self.pure = all(e in _PURE if isinstance(e, str) else type(e).__module__.startswith(f"{__package__}.")
                        for e in config.markdown_extensions)
        self.config, paths = settings, set(paths)
        for path in self.pages.keys() - paths:
            del self.pages[path]
        self.whole &= paths

    def clear(self) -> None:
        self.pages, self.whole, self.wholes = {}, set(), {}

    def whole_page(self, page: Any, whole: Callable[..., None], config: Any, files: Any) -> None:
        """MkDocs' conversion of a hand-written page (`whole`: `Page.render`), or what it gave last time: while the
        page's Markdown (its macros rendered) is the same and every file its links were looked up as is found the
        same. A preview renders such a page again whenever pages come or go, or whenever it holds macros. Not kept
        when an extension may read more than the text (`_PURE`), nor when the conversion logged (INFO and above):
        then it is converted, and logs, every time, as MkDocs converts it."""
        path, key = page.file.src_uri, (page.file.url, page.file.inclusion.is_excluded(),
                                        hashlib.blake2b(page.markdown.encode("utf-8"), digest_size=16).digest())
        kept = self.wholes.get(path)
        if kept is not None and kept[0] == key and _still_found(kept[1], lambda p: _found(files.get_file_from_path(p))):
            _, _, page.content, toc, page._title_from_render, anchors, links = kept
            page.toc, page.present_anchor_ids = copy.deepcopy(toc), set(anchors)
            _restore_links(page, links, files)
            self.reused += 1
            return
        self.wholes.pop(path, None)
        seen = _Looked(files)
        try:
            with Held(logging.INFO) as held:
                whole(page, config, seen)
        finally:  # logged, even when the conversion fails
            replay(held.records)
        self.converted += 1
        if self.pure and not held.records:
            links = {f.src_uri: dict(a) for f, a in (page.links_to_anchors or {}).items()}
            self.wholes[path] = (key, tuple(seen.looked.items()), page.content, copy.deepcopy(page.toc),
                                 page._title_from_render, frozenset(page.present_anchor_ids or ()), links)


class _Looked:
    """The files a page's links are looked up in (MkDocs' `Files`), each lookup noted with what it found."""

    def __init__(self, files: Any) -> None:
        self.files, self.looked = files, {}

    def get_file_from_path(self, path: str) -> Any:
        file = self.files.get_file_from_path(path)
        self.looked[path] = _found(file)
        return file


def _still_found(looked: tuple[tuple[str, Any], ...], look: Callable[[str], Any]) -> bool:
    """Whether each path a conversion's links were looked up as finds what it found then (`_found`)."""
    return all(look(path) == found for path, found in looked)


def _restore_links(page: Any, links: dict[str, dict[str, str]], files: Any) -> None:
    """A page's links to anchors, by the file they point to, set only where `Page.render` sets them."""
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {files.get_file_from_path(k): dict(v) for k, v in links.items()}


def _found(file: Any) -> tuple[str, str, bool] | None:
    """What a link's conversion reads of the file it finds: its path, its address (a plugin may move it) and
    whether it is left out of the site."""
    return None if file is None else (file.src_uri, file.url, file.inclusion.is_excluded())


def flat(tokens: list[dict]) -> tuple[dict, ...]:
    """Python-Markdown's nested table-of-contents entries, in order, each without its children."""
    out: list[dict] = []
    for token in tokens:
        out.append({k: v for k, v in token.items() if k != "children"})
        out.extend(flat(token.get("children", [])))
    return tuple(out)
