"""The codec under the page store (site/page_store.py): what it gives back is exactly what was stored, from any
thread, in a forked child, or written out to a file; bytes it did not make whole are refused, never read as a
shorter text."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import page_store
from generator.site.page_store import NotStored, Pages, compress, decompress, made_apart, write_decompressed

LONG = "« Élysée », l’accord — 12 000 €\u202f! 🇫🇷\n" * 60_000  # a few megabytes: several write_size chunks


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_a_file_written_out_holds_exactly_the_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("w") / "f"
    data = compress(text)
    write_decompressed(data, str(path))
    assert path.read_bytes() == text.encode("utf-8")
    assert decompress(data) == text


def test_a_long_file_written_out_holds_exactly_the_text(tmp_path: Path) -> None:
    write_decompressed(compress(LONG), str(tmp_path / "f"))
    assert (tmp_path / "f").read_bytes() == LONG.encode("utf-8")


@pytest.mark.parametrize("cut", [0, 1, 6, -1, -5])
def test_bytes_cut_short_are_refused_when_read(cut: int) -> None:
    data = compress(LONG)
    with pytest.raises(NotStored):
        decompress(data[:cut])


@pytest.mark.parametrize("cut", [0, 1, 6, -1, -5, "half"])
def test_bytes_cut_short_are_refused_when_written_out(tmp_path: Path, cut: int | str) -> None:
    """A freed page (b"", plugin.StoredPage once read) or a truncated one must not become an empty or shorter file
    on disk without a word: `decompress` refuses them, so must `write_decompressed`."""
    data = compress(LONG)
    with pytest.raises(NotStored):
        write_decompressed(data[: len(data) // 2 if cut == "half" else cut], str(tmp_path / "f"))  # type: ignore[misc]


def test_foreign_bytes_are_refused(tmp_path: Path) -> None:
    import zlib

    for data in (zlib.compress(b"abc"), b"not compressed at all"):
        with pytest.raises(NotStored):
            decompress(data)
        with pytest.raises(NotStored):
            write_decompressed(data, str(tmp_path / "f"))


def test_threads_compress_and_read_at_once() -> None:
    """A preview compresses from its build thread and its exports thread while the server thread reads."""
    texts = [f"{i} « page » {'é' * (i * 37 % 5000)}\n" * (1 + i % 40) for i in range(400)]
    wrong: list[int] = []
    barrier = threading.Barrier(6)

    def work(offset: int) -> None:
        barrier.wait()
        for n in range(3):
            for i, text in enumerate(texts[offset::6] if n % 2 else texts[offset::-1]):
                if decompress(compress(text)) != text:
                    wrong.append(i)
    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []


def _made_in_child(texts: dict[str, str]) -> Pages:
    out = Pages(texts)
    assert dict(out) == texts  # the contexts inherited from the forking thread serve the child
    return out


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="no child process where no fork")
def test_a_child_forked_from_a_thread_with_contexts_sends_back_pages() -> None:
    texts = {"a.md": LONG[:50_000], "b.md": "", "c.md": "« vu »"}
    got: list[object] = []

    def in_thread() -> None:
        compress("warms this thread's contexts"), decompress(compress("x"))
        got.append(made_apart(_made_in_child, texts))
    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join(60)
    assert isinstance(got[0], Pages) and dict(got[0]) == texts
    assert [got[0].compressed(k) for k in texts] == [compress(t) for t in texts.values()]  # same bytes both sides


def test_the_same_text_always_compresses_to_the_same_bytes() -> None:
    """preview.py and page_memo.py compare stored bytes: a context reused across texts must not change them."""
    first = compress(LONG)
    compress("something else entirely" * 1000)
    other: list[bytes] = []
    thread = threading.Thread(target=lambda: other.append(compress(LONG)))
    thread.start()
    thread.join()
    assert compress(LONG) == first == other[0]
    assert page_store.LEVEL == 1


@pytest.mark.parametrize("value", [b"bytes", None, 3])
def test_what_is_not_text_fails_at_once(value: object) -> None:
    """Not a recursion that makes a context a frame until the interpreter gives up."""
    with pytest.raises((AttributeError, TypeError)):
        compress(value)  # type: ignore[arg-type]
