"""A preview's rebuild converts its changed pages (Markdown → HTML) in two processes (`SharedConversion`).

Like preview.py, this module works on MkDocs' pages and files through their attributes only: the plugin
hands it MkDocs' own conversion of a page (`_populate_page`)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from .site.page_store import Apart


class SharedConversion:
    """A rebuild's changed pages, converted (Markdown → HTML) by two processes: a child forked from the preview
    as soon as the plugin knows which generated pages changed converts about half of them, by size, while MkDocs
    builds its navigation and converts the others, and hands over what it made.

    A drop or an edit at a thousand briefings changes some sixty pages, a few megabytes of Markdown: the second
    core halves the longest step of the rebuild. The child runs MkDocs' own conversion (`convert`: plugins'
    page events included) on the very same objects, so a page is the same whichever process made it; the
    warnings it logs are logged again here (strict mode counts them). Should the child fail, MkDocs converts
    its pages after all (`finish`). Too little to share, or no way to fork: MkDocs converts everything.
    """

    SHARED_FROM = 100_000
    """Compressed bytes of changed pages below which one process converts them all (a fork costs ~50 ms)."""
    HEAD_START = 20_000
    """What this process does on top of its share, in compressed bytes of Markdown that take as long to convert
    (about 0.1 s): the navigation and the hand-written pages with macros. It also writes every changed page's
    HTML afterwards, while the child, which touches objects this process made and so copies their memory
    pages, converts more slowly than it: measured at a thousand briefings, this share balances the two."""

    PATIENCE = (10.0, 4.0)
    """How long this process waits for the child once it has converted its own share, at least (seconds) and in
    times what its share took: a child that has not answered by then (stuck on a lock that another thread of the
    preview held when it was forked) is stopped, and its pages are converted here."""

    def __init__(self) -> None:
        self.child: tuple[Apart, list[Any], Callable[[Any], None], Any] | None = None
        self.started = 0.0
        self.converted_apart: list[str] = []  # the last rebuild's pages the child converted

    def start(self, changed: list[Any], weight: Callable[[Any], int], convert: Callable[[Any], None],
              files: Any) -> None:
        """Fork the child, give it its share of the `changed` files (MkDocs' `File`s of documentation pages;
        `convert(file)` converts the file's page) and mark them unmodified until `finish`."""
        self.drop()
        if len(changed) < 2 or sum(map(weight, changed)) < self.SHARED_FROM:
            return
        shares: tuple[list[Any], list[Any]] = ([], [])
        loads = [self.HEAD_START, 0]
        for file in sorted(changed, key=weight, reverse=True):  # the heaviest first, each to the lighter share
            lighter = loads.index(min(loads))
            shares[lighter].append(file)
            loads[lighter] += weight(file)
        theirs = shares[1]
        child = Apart.start(_converted, theirs, convert)
        if child is None:
            return
        for file in theirs:
            file.is_modified = unmodified  # MkDocs' dirty build leaves them alone…
        self.child, self.started = (child, theirs, convert, files), time.monotonic()

    def finish(self) -> None:
        """Every page the child was given, as it converted it, its warnings logged; or converted here."""
        if self.child is None:
            return
        child, theirs, convert, files = self.child
        self.child = None
        least, times = self.PATIENCE
        sent = child.result(timeout=max(least, times * (time.monotonic() - self.started)))
        states, held = sent if sent is not None else ({}, [])
        self.converted_apart = sorted(states)
        replay(held)
        for file in theirs:
            file.is_modified = _modified  # …until their output is written
            if file.src_uri in states:
                restore_page(file.page, states[file.src_uri], files)
            else:
                convert(file)

    def drop(self) -> None:
        """The build failed: the child's work is not wanted, the child is stopped."""
        if self.child is not None:
            self.child[0].stop()
            self.child = None


def page_state(page: Any) -> tuple:
    """What MkDocs' conversion of a page (`_populate_page`) leaves on it, picklable: a linked file by its path."""
    links = page.links_to_anchors
    return (page.markdown, page.meta, page.content, page.toc, page._title_from_render, page.present_anchor_ids,
            None if links is None else {file.src_uri: anchors for file, anchors in links.items()})


def restore_page(page: Any, state: tuple, files: Any) -> None:
    """A page as its conversion in the child left it (`page_state`)."""
    page.markdown, page.meta, page.content, page.toc, page._title_from_render, page.present_anchor_ids, links = state
    page.links_to_anchors = None if links is None else {files.get_file_from_path(k): v for k, v in links.items()}


def unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


class Held(logging.Filter):
    """While it lasts: what this thread logs at `least` and above, kept back (`records`, picklable) to be logged
    later (`replay`); what other threads log (a preview server's requests) is left alone. In the child, warnings
    and errors, logged by the preview's own process; in a page tried in sections (sections.py), INFO and above."""

    def __init__(self, least: int) -> None:
        super().__init__()
        self.least, self.thread, self.warnings = least, 0, 0
        self.records: list[tuple[str, int, str]] = []
        self.last: logging.LogRecord | None = None
        self.handlers: list[logging.Handler] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < self.least or record.thread != self.thread:
            return True
        if record is not self.last:  # once, whichever handlers it passes
            self.last = record
            self.records.append((record.name, record.levelno, record.getMessage()))
            self.warnings += record.levelno >= logging.WARNING
        return False

    def __enter__(self) -> "Held":
        self.thread = threading.get_ident()
        self.handlers = [h for logger in (logging.getLogger(), logging.getLogger("mkdocs")) for h in logger.handlers]
        if not logging.getLogger().handlers and logging.lastResort is not None:  # where a record no handler takes goes
            self.handlers.append(logging.lastResort)
        for handler in self.handlers:  # first (before another `Held`: a page tried in sections in the child), in
            handler.filters = [self, *handler.filters]  # a new list: another thread may be going through the old one
        return self

    def __exit__(self, *exc: object) -> None:
        for handler in self.handlers:
            handler.filters = [f for f in handler.filters if f is not self]


def replay(records: list[tuple[str, int, str]]) -> None:
    """What a `Held` kept back, logged now."""
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)


def _converted(changed: list[Any], convert: Callable[[Any], None]) -> tuple[dict, list]:
    states = {}
    with Held(logging.WARNING) as held:
        for file in changed:
            convert(file)
            states[file.src_uri] = page_state(file.page)
    return states, held.records
