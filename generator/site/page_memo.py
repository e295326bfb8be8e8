"""A live preview's cross-source pages as last rendered, each with everything its template read.

A page's Markdown is a function of its template, of the values it is given (its context) and of
what the template looks up while it renders: the index (`index.actors[…]`, `index.topics[…]`,
`index.mentions.get(…)`…) and the page's link helpers (`ctx.actor`, `ctx.event`, `ctx.link`…, which
read the index and the slices that moved an anchor). A render under a `PageMemo` records each of
those lookups with what it gave (site/page_reads.py); the next build reuses the page's Markdown when the template is the
same, the context is equal and every recorded lookup, asked again of the new index, gives the same
answer. Asked in the same order from the same values, the template then takes the very same path.

Contexts are compared by value, except the briefings' own objects (frozen pydantic models), compared
by identity: the loader keeps the same object for a file whose text did not change, and the memo keeps
every object it compared alive, so an id is never reused by another object while it may be compared;
a key is compared only the build after the one that fingerprinted it (a page kept without its context made,
site/page_sources.py, keeps an older key). A context holding a value of any other kind is not memoized: the page is rendered every time.
`mkdocs build` never uses it (tests/test_page_cache.py compares sequences of edits with full builds).
"""

from __future__ import annotations

import dataclasses
import operator
import types
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from ..reading.dates import PartialDate
from .page_reads import ContextReads, IndexReads, Unmemoizable, reads_hold
from .page_store import Compressed, Stored, compress

_PLAIN = (int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}  # dataclass → its fields' names
_MODELS: set[type] = set()
_TEXTS: set[type] = set()  # subclasses of str met (Md), found by isinstance once


def fingerprinter(seen: dict[int, Any], done: dict[int, tuple[Any, Any]]) -> Callable[[Any], Any]:
    """A function giving a value comparable with `==`, equal for two values only when a template reading
    them gives the same output. The briefings' objects count by identity: each is put in `seen`, which the
    caller keeps alive as long as a fingerprint holding its id may be compared. Within one build, a
    dataclass instance met again (an event on many pages) is not walked again (`done`, by identity:
    it holds the instance, whose id is then never another's)."""
    def fp(value: Any) -> Any:
        t = type(value)
        if t is str:
            return value
        if t is list or t is tuple:
            return (t, tuple([fp(v) for v in value]))
        if t in _MODELS:
            seen[id(value)] = value
            return id(value)
        names = _FIELDS.get(t)
        if names is not None:
            hit = done.get(id(value))
            if hit is not None and hit[0] is value:
                return hit[1]
            out = (t, tuple([fp(getattr(value, n)) for n in names]))
            done[id(value)] = (value, out)
            return out
        if t in _TEXTS:
            return (t, str(value))
        if t in _PLAIN:
            return (t, value)
        if t is dict:
            return (t, tuple([(fp(k), fp(v)) for k, v in value.items()]))
        if t is PartialDate:
            return value
        if isinstance(value, BaseModel):  # frozen: the same object always reads the same
            _MODELS.add(t)
            return fp(value)
        if isinstance(value, str):  # Md: printed as it is, where a str is encoded
            _TEXTS.add(t)
            return (t, str(value))
        if isinstance(value, types.ModuleType):
            return (t, value.__name__)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            _FIELDS[t] = tuple(f.name for f in dataclasses.fields(value))
            return fp(value)
        raise Unmemoizable(t.__name__)
    return fp


class Entry:
    __slots__ = ("template", "key", "index_log", "ctx_log", "text", "build", "sources", "values")

    def __init__(self, template: str, key: Any, index_log: list, ctx_log: list, text: bytes) -> None:
        self.template, self.key, self.index_log, self.ctx_log, self.text = template, key, index_log, ctx_log, text
        self.build = 0  # the build that last fingerprinted the context: `key` is compared only the build after
        self.sources: tuple | None = None  # site/page_sources.py
        self.values: Any = None


class PageMemo:
    """Pages by path, each with its template, its context's fingerprint, the lookups it made and its Markdown.

    Every object a fingerprint compares by identity was met while fingerprinting this build or the one
    before (a kept page's context and lookups are fingerprinted again to be compared): the memo keeps
    those of both alive until the build after next, so no id is reused while it may be compared."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.kept: dict[str, Entry] = {}
        self.alive: dict[int, Any] = {}  # the objects the last build met
        self.seen: dict[int, Any] = {}  # those this build meets
        self.done: dict[int, tuple[Any, Any]] = {}
        self.fp = fingerprinter(self.seen, self.done)
        self.rendered = 0  # pages rendered (not reused) since `start`, for the tests
        self.reused = 0
        self.env: Any = None  # the Jinja environment of every build (render.Renderer)
        self.values: dict[Any, tuple[tuple, Any]] = {}  # `made`: last build's, and this one's
        self.kept_values: dict[Any, tuple[tuple, Any]] = {}
        self.builds = 0
        self.shared: Any = None  # what every context reads of the index, as of the last build (site/page_sources.py)
        self.next_shared: Any = None  # … as of this one: `shared` once it ends
        self.shared_same = False  # whether the two are equal
        self.unmade = 0  # pages reused without their context made (site/page_sources.py), for the tests

    def start(self) -> None:
        """A new build begins: what it does not ask for again is dropped when it ends (`end`)."""
        self.kept, self.rendered, self.reused, self.kept_values, self.unmade = {}, 0, 0, {}, 0
        self.builds += 1
        self.seen.clear()
        self.done.clear()

    def end(self) -> None:
        self.entries, self.kept = self.kept, {}
        self.values, self.kept_values = self.kept_values, {}
        self.alive, self.seen = self.seen, {}
        self.shared, self.next_shared = self.next_shared, None
        self.done.clear()
        self.fp = fingerprinter(self.seen, self.done)

    def clear(self) -> None:
        self.entries, self.kept, self.alive, self.values, self.kept_values = {}, {}, {}, {}, {}
        self.shared, self.next_shared, self.shared_same = None, None, False
        self.seen.clear()
        self.done.clear()

    def made(self, key: Any, objects: tuple, make: Callable[[], Any]) -> Any:
        """`make()`, or what it gave last build for the same `key` when it was made from the very same `objects`
        (briefings' frozen models, compared by identity and kept alive with the value): a value a page's context
        is made of, worked out from those objects alone (a figure chart), is not made again."""
        last = self.values.get(key)
        if last is not None and len(last[0]) == len(objects) and all(map(operator.is_, last[0], objects)):
            value = last[1]
        else:
            value = make()
        self.kept_values[key] = (objects, value)
        return value

    def find(self, page: str, template: str, key: Any, still: Callable[[Entry], bool]) -> Compressed | None:
        """The Markdown rendered last time, as stored (a `Pages` keeps it as it is: never decompressed on the
        way), if `still(entry)` says its lookups give the same now."""
        entry = self.entries.get(page)
        # A key fingerprinted before the last build may name by id objects gone since: never compared.
        if (entry is None or entry.build != self.builds - 1 or entry.template != template or entry.key != key
                or not still(entry)):
            return None
        entry.build = self.builds
        self.kept[page] = entry
        self.reused += 1
        return Compressed(entry.text)

    def store(self, page: str, entry: Entry) -> None:
        entry.build = self.builds
        self.kept[page] = entry
        self.rendered += 1


def render(memo: PageMemo, renderer: Any, template: str, index: Any, page: str,
           context: dict[str, Any]) -> str | Compressed:
    """The page through `renderer` (render.Renderer): its last Markdown when nothing it read changed."""
    fp = memo.fp
    try:
        key = fp(context)
    except Unmemoizable:
        memo.rendered += 1
        return renderer.render_fresh(template, index, page, **context)

    text = memo.find(page, template, key, lambda entry: reads_hold(memo, renderer, index, page, entry))
    if text is not None:
        return text
    index_log: list = []
    ctx_log: list = []
    try:
        text = renderer.finish(template, IndexReads(index, index_log, fp),
                               ContextReads(renderer.context(index, page), ctx_log), context)
    except Unmemoizable:
        memo.rendered += 1
        return renderer.render_fresh(template, index, page, **context)
    data = compress(text)  # kept as small as the pages, and stored by them as it is
    memo.store(page, Entry(template, key, index_log, ctx_log, data))
    return Stored(text, data)
