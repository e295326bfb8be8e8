"""A live preview's search index, built in the background after each rebuild (search_index.BackgroundIndexer)."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from generator.site import search_index
from generator.site.search_index import BackgroundIndexer, SearchIndexError


def test_one_run_at_a_time_and_the_newest_build_wins() -> None:
    started, release = threading.Event(), threading.Event()
    running, most, calls = [0], [0], []
    lock = threading.Lock()

    def index(site: Path) -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        calls.append(site)
        started.set()
        release.wait(10)
        with lock:
            running[0] -= 1

    indexer = BackgroundIndexer(report=lambda exc: None, index=index)
    indexer.submit(Path("build-1"))
    assert started.wait(10)
    indexer.submit(Path("build-2"))  # finished while build 1 is being indexed…
    indexer.submit(Path("build-3"))  # …and a newer one: only the newest is indexed next
    release.set()
    assert indexer.wait(10)
    assert calls == [Path("build-1"), Path("build-3")]
    assert most[0] == 1


def test_a_failure_is_reported_and_the_next_build_is_indexed() -> None:
    reported: list[Exception] = []
    calls: list[Path] = []

    def index(site: Path) -> None:
        calls.append(site)
        if site.name == "broken":
            raise SearchIndexError("Pagefind failed (exit 1): planted")

    indexer = BackgroundIndexer(report=reported.append, index=index)
    indexer.submit(Path("broken"))
    assert indexer.wait(10)
    assert len(reported) == 1 and isinstance(reported[0], SearchIndexError)
    indexer.submit(Path("fixed"))
    assert indexer.wait(10)
    assert calls == [Path("broken"), Path("fixed")] and len(reported) == 1


def test_an_unexpected_exception_is_reported_too() -> None:
    reported: list[Exception] = []

    def index(site: Path) -> None:
        raise RuntimeError("a bug")

    indexer = BackgroundIndexer(report=reported.append, index=index)
    indexer.submit(Path("site"))
    assert indexer.wait(10)
    assert [type(e) for e in reported] == [RuntimeError]


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="indexed apart only where it can fork")
def test_the_preview_indexes_in_a_child_process_at_a_lower_priority(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python side of the indexing (thousands of pages copied and prepared) runs in a child process, niced,
    so that it neither holds the preview's interpreter lock nor takes a core from the next rebuild."""
    monkeypatch.setattr(search_index, "build_index",
                        lambda site, background=False: Path(f"{site}/{os.getpid()}/{os.nice(0)}/{background}"))
    pid, niceness, background = search_index.index_behind(Path("site")).parts[1:]
    assert int(pid) != os.getpid() and int(niceness) == min(os.nice(0) + 10, 19) and background == "True"


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="indexed apart only where it can fork")
def test_a_failure_in_the_child_is_the_preview_s_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'broken index' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    monkeypatch.setattr(search_index, "_executable", lambda: failing)
    with pytest.raises(SearchIndexError, match="exit 3.*broken index"):
        search_index.index_behind(tmp_path / "site")
