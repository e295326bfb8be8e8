"""Generated pages are kept compressed until MkDocs reads them (site/page_store.py, plugin.StoredPage):
whatever the text, what MkDocs reads is exactly what the generator wrote."""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace

import pytest

from generator.plugin import StoredPage
from generator.site.page_store import Pages, compress

TEXTS = {
    "vide.md": "",
    "ascii.md": "# Title\n\nplain text\n",
    "latin.md": "« Élysée », l’accord — 12 000 €\u202f!",
    "stash.md": "⟦Ce que États&#45;Unis attend⟧ [lien](../a.md)",
    "astral.md": "emoji 🇫🇷 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, \ufeff inside, \x00 nul",
    "bom.md": "\ufeffstarts with a byte-order mark",
    "exports/data.csv": "a,b\r\n1,«2»\r\n",
}


def test_pages_give_back_exactly_what_was_stored() -> None:
    pages = Pages(TEXTS)
    assert list(pages) == list(TEXTS)
    assert dict(pages) == TEXTS
    assert all(type(pages[k]) is str for k in pages)
    copy = pages.copy()
    del copy["ascii.md"]
    copy["new.md"] = "nouveau"
    assert "ascii.md" in pages and "new.md" not in pages
    assert Pages(copy) == {**{k: v for k, v in TEXTS.items() if k != "ascii.md"}, "new.md": "nouveau"}


def test_pages_hold_text_only() -> None:
    with pytest.raises(TypeError):
        Pages()["a.md"] = b"bytes"  # type: ignore[assignment]


def test_pages_are_stored_smaller_than_their_text() -> None:
    page = "| [Une source](../briefings/une-source.md) | 3 mars 2024 | Paris |\n" * 2000
    pages = Pages({"p.md": page})
    assert len(pages.compressed("p.md")) < len(page.encode("utf-8")) / 10
    assert pages.compressed("p.md") == compress(page)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_mkdocs_reads_a_stored_page_as_written(name: str, tmp_path) -> None:
    config = SimpleNamespace(site_dir=str(tmp_path), use_directory_urls=True,
                             plugins=SimpleNamespace(_current_plugin="briefings"))
    pages = Pages(TEXTS)
    file = StoredPage.generated(config, name, content=pages.compressed(name))  # type: ignore[arg-type]
    assert file.content_string == TEXTS[name]
    assert file.content_bytes == TEXTS[name].encode("utf-8")
    assert file.is_modified()


def test_a_stored_text_is_kept_as_its_compressed_bytes_and_any_change_to_it_is_plain_text() -> None:
    from generator.site.page_store import Stored, compress

    data = compress("Déjà « vu »\n")
    text = Stored.of(data)
    pages = Pages()
    pages["a.md"] = text
    assert pages.compressed("a.md") is data and pages["a.md"] == "Déjà « vu »\n"
    pages["b.md"] = text + "!"  # a plain str: compressed anew
    assert type(text + "!") is str and pages["b.md"] == "Déjà « vu »\n!"


def test_compressed_bytes_are_stored_as_they_are_and_are_not_text() -> None:
    from generator.site.page_store import Compressed

    pages = Pages()
    pages["a.md"] = Compressed(compress("Déjà\n"))
    assert pages["a.md"] == "Déjà\n" and type(pages.compressed("a.md")) is bytes
    with pytest.raises(TypeError):
        pages["b.md"] = b"not compressed text"  # plain bytes are refused as before



def test_a_finish_is_applied_to_the_text_given_and_never_to_stored_bytes() -> None:
    from generator.site.page_store import Compressed, Stored

    pages = Pages(finish=lambda path, text: f"{path}:{text}")
    pages["a.md"] = "texte"
    pages.update({"b.md": "autre"})
    pages["c.md"] = Stored.of(compress("gardé"))
    pages["d.md"] = Compressed(compress("tel quel"))
    assert dict(pages.items()) == {"a.md": "a.md:texte", "b.md": "b.md:autre", "c.md": "gardé", "d.md": "tel quel"}
    assert pages.sorted()._finish is None and pages.copy()["a.md"] == "a.md:texte"


def test_head_data_added_as_each_page_is_stored_is_what_adding_it_afterwards_gives(tmp_path) -> None:
    """A published build adds each page's head data before compressing it; a preview adds it to stored pages."""
    from bench.corpus import write_corpus
    from generator.pipeline import Project, check, render_pages
    from generator.site.jsonld import adding_head_data, with_head_data

    write_corpus(tmp_path, 60, seed=3)
    index, _ = check(Project.at(tmp_path))
    after = with_head_data(render_pages(index), index)
    as_stored = render_pages(index, finish=adding_head_data(index))
    assert list(as_stored) == list(after) and dict(as_stored.items()) == dict(after.items())
    assert sum("\njsonld: " in text for text in as_stored.values()) > 60  # the briefing pages and summits
    assert sum("\nfeed: " in text for text in as_stored.values()) > 3  # actor pages


def _holds_write_end(ino: int) -> bool:
    """In a child: whether it holds the write end of the pipe `ino` (another child's channel)."""
    import fcntl

    for fd in range(3, 1024):
        try:
            if os.fstat(fd).st_ino == ino and fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY:
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="no child process where no fork")
def test_a_child_forked_by_another_thread_never_holds_a_sibling_s_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview forks from two threads (a rebuild's second process, the exports behind it): a child forked while
    another was being started must not inherit the end of its channel, or the preview would wait for that child
    to exit before it saw the other's result end."""
    import threading

    from generator.site import page_store

    pipes: list[tuple[int, int]] = []
    real_pipe, real_fork = os.pipe, os.fork
    monkeypatch.setattr(os, "pipe", lambda: pipes.append(real_pipe()) or pipes[-1])
    other: list = []
    thread = threading.Thread(target=lambda: other.append(page_store.Apart.start(_holds_write_end, other[0])))

    def fork() -> int:
        pid = real_fork()
        if pid != 0 and not other:  # the first start, in the parent: another thread forks meanwhile
            other.append(os.fstat(pipes[0][1]).st_ino)
            thread.start()
            thread.join(0.5)
        return pid
    monkeypatch.setattr(os, "fork", fork)
    first = page_store.Apart.start(os.getpid)
    thread.join(10)
    assert first is not None and first.result() not in (None, os.getpid())
    assert other[1] is not None and other[1].result() is False


def _nested() -> object:
    from generator.site.page_store import made_apart

    return made_apart(os.getpid)


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="no child process where no fork")
def test_a_child_may_start_one_of_its_own() -> None:
    from generator.site.page_store import made_apart

    assert made_apart(_nested) not in (None, os.getpid())
