"""What a page's template reads while it renders, noted to be asked again of the next build's index.

A page's template looks up the index (`index.actors[…]`, `index.topics[…]`…) and calls the page's link helpers
(`ctx.actor`, `ctx.event`, `ctx.link`…, which read the index and the slices that moved an anchor). Under a
live preview's page memo (site/page_memo.py), each lookup is noted with a fingerprint of what it gave; a page
is kept only when every lookup, asked again, gives the same (`reads_hold`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Unmemoizable(Exception):
    """A context value, or a lookup, of a kind the memo cannot compare: the page is rendered every time."""


_MISSING = object()


class IndexReads:
    """The index as a template sees it, each lookup noted in `log` with a fingerprint of what it gave."""

    def __init__(self, index: Any, log: list, fp: Callable[[Any], Any]) -> None:
        self._index, self._log, self._fp = index, log, fp

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._index, name)
        if type(value) is dict:
            return _DictReads(name, value, self._log, self._fp)
        if callable(value):
            raise Unmemoizable(f"index.{name}()")
        self._log.append(("attr", name, None, self._fp(value)))
        return value


class _DictReads:
    def __init__(self, name: str, value: dict, log: list, fp: Callable[[Any], Any]) -> None:
        self._name, self._value, self._log, self._fp = name, value, log, fp

    def _note(self, kind: str, arg: Any, result: Any) -> Any:
        self._log.append((kind, self._name, arg, self._fp(result) if result is not _MISSING else result))
        return result

    def __getitem__(self, key: Any) -> Any:
        result = self._note("get", (key, _MISSING), self._value.get(key, _MISSING))
        if result is _MISSING:
            raise KeyError(key)
        return result

    def get(self, key: Any, default: Any = None) -> Any:
        return self._note("get", (key, default), self._value.get(key, default))

    def __contains__(self, key: Any) -> bool:
        return self._note("in", key, key in self._value)

    def __len__(self) -> int:
        return self._note("len", None, len(self._value))

    def __iter__(self):
        return iter(self._note("all", None, self._value))

    def items(self):
        return self._note("all", None, self._value).items()

    def keys(self):
        return self._note("all", None, self._value).keys()

    def values(self):
        return self._note("all", None, self._value).values()


def index_reads_hold(log: list, index: Any, fp: Callable[[Any], Any]) -> bool:
    """Whether every lookup of `log`, asked again of `index`, gives what it gave."""
    for kind, name, arg, expected in log:
        value = getattr(index, name)
        if kind == "get":
            got = value.get(arg[0], arg[1])
        elif kind == "in":
            got = arg in value
        elif kind == "len":
            got = len(value)
        else:  # "attr", "all"
            got = value
        if (fp(got) if got is not _MISSING else got) != expected:
            return False
    return True


RECORDED = frozenset({"actor", "party", "topic", "event", "link"})
"""The link helpers whose answer depends on the index or on the slices: noted with what they gave."""
PURE = frozenset({"briefing", "source_label", "in_date_order", "url"})
"""The link helpers whose answer depends only on their arguments (and the page)."""


class ContextReads:
    """A page's link helpers (render.PageContext), each call of one that reads the index noted in `log`."""

    def __init__(self, ctx: Any, log: list) -> None:
        self._ctx, self._log = ctx, log
        self._noted: set = set()  # a call asked again gives the same: noted once, checked once by the next build

    def __getattr__(self, name: str) -> Any:
        if name in PURE:
            return getattr(self._ctx, name)
        if name not in RECORDED:
            raise Unmemoizable(f"ctx.{name}")
        method = getattr(self._ctx, name)

        def recorded(*args: Any) -> Any:
            result = method(*args)
            try:
                known = (name, args) in self._noted
                self._noted.add((name, args))
            except TypeError:  # an argument that cannot be hashed: noted each time
                known = False
            if not known:
                self._log.append((name, args, result))
            return result
        return recorded


def context_reads_hold(log: list, ctx: Any) -> bool:
    return all(getattr(ctx, name)(*args) == result for name, args, result in log)


def reads_hold(memo: Any, renderer: Any, index: Any, page: str, entry: Entry) -> bool:
    """Whether every lookup the page's template made, asked again of `index`, gives what it gave."""
    return (context_reads_hold(entry.ctx_log, renderer.context(index, page))
            and index_reads_hold(entry.index_log, index, memo.fp))
