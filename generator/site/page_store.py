"""The generated files of a build, kept compressed until read.

A build of a few thousand briefings generates hundreds of megabytes of Markdown: as Python strings
(two bytes a character as soon as a page holds one character beyond Latin-1, which every page does:
typographic apostrophes, dashes, the stash markers of site/markup.py), they would stay in memory
for the whole MkDocs build, next to the HTML MkDocs makes of them. `Pages` keeps each file as
Zstandard-compressed UTF-8 instead, about a seventh of the size, and gives the text back, unchanged, when
a page is read: the plugin hands the compressed bytes to MkDocs, which reads each page once, to
render it. The mapping reads and writes `str` like the dict it replaces.

`made_apart` makes them in a child process instead: only the compressed files (and whatever else
the function returns) come back, and every object made on the way dies with the child.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import select
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import Any, TypeVar

import zstandard

T = TypeVar("T")

LEVEL = 1
"""Zstandard's fastest standard level. Against zlib's fastest, on a thousand briefings' pages: a smaller
result (11.0 MB for 80 MB of UTF-8, zlib 12.6 MB), made three times as fast and read back three times as fast."""


class NotStored(ValueError):
    """Bytes that are not a whole file as `compress` made it (a page already handed over and freed)."""


_contexts = threading.local()  # a Zstandard context serves one thread at a time: one of each per thread, made once


def compress(text: str) -> bytes:
    data = text.encode("utf-8")  # before the context is looked for: what is not text fails here, once
    return _compressor().compress(data)


def decompress(data: bytes) -> str:
    try:
        return _decompressor().decompress(data).decode("utf-8")
    except zstandard.ZstdError as exc:
        raise NotStored(f"not a stored file ({len(data)} bytes)") from exc


def write_decompressed(data: bytes, path: str) -> None:
    """Write a compressed file out as its UTF-8 bytes, a megabyte at a time: never the whole text at once."""
    with open(path, "wb") as out:
        try:  # a stream stops where its bytes do: only the size in the frame tells a whole file from a cut one
            size = zstandard.frame_content_size(data)
            written = _decompressor().copy_stream(io.BytesIO(data), out, write_size=2**20)[1]
        except zstandard.ZstdError as exc:
            raise NotStored(f"{path}: not a stored file ({len(data)} bytes)") from exc
    if written != size:
        raise NotStored(f"{path}: not a whole stored file ({len(data)} bytes, {written} of {size} written)")


def _compressor() -> zstandard.ZstdCompressor:
    try:
        return _contexts.compressor
    except AttributeError:
        _contexts.compressor = zstandard.ZstdCompressor(level=LEVEL)  # writes the text's size in the frame
        return _contexts.compressor


def _decompressor() -> zstandard.ZstdDecompressor:
    try:
        return _contexts.decompressor
    except AttributeError:
        _contexts.decompressor = zstandard.ZstdDecompressor()
        return _contexts.decompressor


class Stored(str):
    """A file's text that also carries its compressed bytes (`data`): a `Pages` stores those as they are, without
    compressing the text again (a preview's reused pages). Any operation on it gives a plain `str`."""

    data: bytes

    def __new__(cls, text: str, data: bytes) -> Stored:
        out = super().__new__(cls, text)
        out.data = data
        return out

    @classmethod
    def of(cls, data: bytes) -> Stored:
        return cls(decompress(data), data)


class Compressed(bytes):
    """A file given as `compress` made it, for a `Pages` to store as it is: its text is never needed on the way
    (a preview's unchanged briefing page). Not a `str`: anything that would read it as text fails at once."""


class Pages(MutableMapping[str, str]):
    """Text files by path, stored compressed, in insertion order."""

    __slots__ = ("_data", "_finish")

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = (), *,
                 finish: Callable[[str, str], str] | None = None) -> None:
        """`finish(path, text)`: what a text given to this `Pages` is stored as (never applied to stored bytes)."""
        self._data: dict[str, bytes] = {}
        self._finish = finish
        if isinstance(items, Pages):
            self._data.update(items._data)
            return
        for key, value in (items.items() if isinstance(items, Mapping) else items):
            self[key] = value

    def __getitem__(self, key: str) -> str:
        return decompress(self._data[key])

    def __setitem__(self, key: str, value: str) -> None:
        if type(value) is Stored:
            self._data[key] = value.data
            return
        if type(value) is Compressed:
            self._data[key] = bytes(value)
            return
        if not isinstance(value, str):
            raise TypeError(f"{key}: a generated file is text, not {type(value).__name__}")
        self._data[key] = compress(value if self._finish is None else self._finish(key, value))

    def __delitem__(self, key: str) -> None:
        del self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __repr__(self) -> str:
        return f"Pages({len(self)} files)"

    def handed_over(self) -> Pages:
        """A copy holding every text, this one left empty: a published build's texts are then held by MkDocs'
        files alone, each freed as soon as MkDocs has read it, not kept to the end of the build by the result."""
        copy, self._data = Pages(self), {}
        return copy

    def copy(self) -> Pages:
        return Pages(self)

    def sorted(self) -> Pages:
        """A copy in the order of its keys."""
        out = Pages()
        out._data = dict(sorted(self._data.items()))
        return out

    def absorb(self, other: Pages) -> None:
        """`update` from another Pages, without decompressing and compressing every file again."""
        self._data.update(other._data)

    def compressed(self, key: str) -> bytes:
        """The file as stored: Zstandard-compressed UTF-8 (`decompress` gives the text back)."""
        return self._data[key]


def made_apart(make: Callable[..., T], *args: Any) -> T | None:
    """`make(*args)` run in a child process forked from this one, its result sent back pickled; None
    where processes cannot be forked, or when the child failed (the caller then makes it itself).

    Whatever `make` builds on the way (models, indexes, templates: a peak several times the size of what
    it returns) is held by the child alone and given back to the system whole when the child exits,
    where in this process freed objects would leave their memory scattered, and counted as used, until
    the end. The child shares this process's memory until it writes to it.
    """
    child = Apart.start(make, *args)
    return child.result() if child is not None else None


_STARTING = threading.Lock()
"""Held while a child is forked and this process still holds the write end of its pipe: a child forked then by
another thread (a preview forks from its build thread and from the thread writing its exports) would hold it too,
and the first child's result would not end before that other child exited."""


class Apart:
    """A child process forked to run `make(*args)` while this one goes on; `result()` waits for what it sent."""

    def __init__(self, pid: int, read: int) -> None:
        self.pid, self.read = pid, read
        self._reaping, self._reaped = threading.Lock(), False  # `kill` never signals a pid the system gave again

    @classmethod
    def start(cls, make: Callable[..., Any], *args: Any) -> Apart | None:
        """The child, started; None where processes cannot be forked."""
        if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS: forking a process with threads is unsafe
            return None
        with _STARTING:  # no child forked by another thread meanwhile inherits this one's end of the pipe
            read, write = os.pipe()
            with warnings.catch_warnings():  # Python 3.12+ warns of any fork in a process with threads: the
                warnings.filterwarnings("ignore", ".*fork", DeprecationWarning)  # child takes no lock they hold
                pid = os.fork()
            if pid == 0:  # the child: never returns
                code = 1
                try:
                    gc.disable()  # what the child makes lives until it exits: the collector would walk it for nothing
                    _started_here()
                    os.close(read)
                    with os.fdopen(write, "wb") as out:
                        pickle.dump(make(*args), out, protocol=pickle.HIGHEST_PROTOCOL)
                    code = 0
                finally:
                    os._exit(code)  # no exit handlers, no buffers flushed twice: they belong to the parent
            os.close(write)
        return cls(pid, read)

    def result(self, timeout: float | None = None) -> Any | None:
        """What the child sent, once it has exited; None when it failed, or had not sent it all within `timeout`
        seconds (it is then stopped)."""
        with os.fdopen(self.read, "rb", buffering=0) as received:  # before waiting: a large result fills the pipe
            data = received.read() if timeout is None else _read_within(received, timeout, self.pid)
        with self._reaping:
            _, status = os.waitpid(self.pid, 0)
            self._reaped = True
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return None
        return pickle.loads(data)

    def kill(self) -> None:
        """The child stopped from another thread while `result` waits for it (which then gives None)."""
        with self._reaping:
            if not self._reaped:
                os.kill(self.pid, signal.SIGKILL)

    def stop(self) -> None:
        """The child's work is not wanted: it is stopped, and waited for (no zombie)."""
        self.kill()
        os.close(self.read)
        with self._reaping:
            os.waitpid(self.pid, 0)
            self._reaped = True


def _read_within(received: Any, timeout: float, pid: int) -> bytes:
    """All a child sends, or the child stopped if it has not sent it all within `timeout` seconds."""
    deadline, chunks, ready = time.monotonic() + timeout, [], select.poll()  # poll: any descriptor number
    ready.register(received, select.POLLIN)
    while ready.poll(max(0, int((deadline - time.monotonic()) * 1000))):
        chunk = received.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
    os.kill(pid, signal.SIGKILL)
    return b""


def _started_here() -> None:
    """In a child: `_STARTING`, held by the thread that forked it, free again should the child start one of its own."""
    global _STARTING
    _STARTING = threading.Lock()
