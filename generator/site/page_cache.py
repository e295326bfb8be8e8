"""A live preview's briefing pages as last rendered, each with everything it was rendered from.

A briefing page shows its own briefing and, from the rest of the corpus, only what its links and
labels look up: the registries' topics and parties, for each name it cites the actor that name resolves
to (an unregistered name's page depends on the other briefings), and for each of its events the event's
title, the summit whose history holds it and the slice of the timeline that holds its entry. When
none of those changed and the briefing is the very object the loader kept for an unchanged file,
the Markdown rendered last time is the Markdown a full render gives (tests/test_page_cache.py checks
an incremental sequence of edits against fresh full builds). `mkdocs build` never uses it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from ..corpus.records import CorpusIndex
from ..reading.models import Briefing
from . import urls
from .page_memo import PageMemo
from .page_store import Compressed, Stored, compress


def briefing_inputs(index: CorpusIndex, b: Briefing, moved: dict[tuple[str, str], str]) -> tuple:
    """What a briefing page reads besides its briefing (see the module's docstring), as comparable values."""
    names = [m.name for m in b.actors]
    for e in b.events:
        names.extend(e.participants)
    names.extend(d.voiced_by for d in b.demands if d.voiced_by)
    names.extend(q.speaker for q in b.quotes if q.speaker)
    actors = []
    for name in dict.fromkeys(names):
        actor_id = index.resolve(name)
        actors.append((name, actor_id, index.actors.get(actor_id)))
    events = []
    for e in b.events:
        record = index.events.get(e.id)
        events.append((e.id, record.title if record else None, index.history_of.get(e.id),
                       moved.get((urls.TIMELINE, urls.event_anchor(e.id)))))
    return (dict(index.topics), dict(index.parties), tuple(actors), tuple(events))


class PageCache:
    """Briefing pages by path: the briefing object, its inputs and the Markdown rendered from them."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[Briefing, tuple, bytes]] = {}  # the Markdown kept compressed
        self.rendered = 0  # pages rendered (not reused) by the last render, for the tests
        self.memo = PageMemo()  # every other page (site/page_memo.py)
        self.head: dict = {}  # pages with their head data added (site/jsonld.py `with_head_data`)
        self.feeds: dict = {}  # the Atom feeds (site/feeds.py `feed_files`)
        self.made: dict[str, tuple[tuple, Any]] = {}  # `made_from`

    def start(self) -> dict[str, tuple[Briefing, tuple, str]]:
        """A new render begins: what it does not ask for again is dropped when it ends (`keep`)."""
        self.rendered = 0
        return {}

    def page(self, kept: dict, page: str, b: Briefing, inputs: tuple, render: Callable[[], str | Compressed]) -> Compressed:
        """The page's Markdown as a `Pages` stores it: rendered again (`render`: a text, or the page memo's bytes when
        the text is the same as last time) only when its briefing or inputs changed."""
        entry = self.entries.get(page)
        if entry is None or entry[0] is not b or entry[1] != inputs:
            text = render()
            data = text.data if type(text) is Stored else bytes(text) if type(text) is Compressed else compress(text)
            entry = (b, inputs, data)
            self.rendered += 1
        kept[page] = entry
        return Compressed(entry[2])

    def made_from(self, name: str, objects: tuple, make: Callable[[], Any]) -> Any:
        """`make()`, or what it gave last build when made from the very same `objects` (briefings' frozen models
        and their parts, compared by identity and kept alive with the value)."""
        last = self.made.get(name)
        if last is None or len(last[0]) != len(objects) or not all(map(operator.is_, last[0], objects)):
            last = self.made[name] = (objects, make())
        return last[1]

    def keep(self, kept: dict[str, Any]) -> None:
        self.entries = kept

    def clear(self) -> None:
        self.entries = {}
        self.head, self.feeds, self.made = {}, {}, {}
        self.memo.clear()
