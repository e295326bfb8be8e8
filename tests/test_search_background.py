"""A live preview's search index, built in the background after each rebuild (search_index.BackgroundIndexer)."""

from __future__ import annotations

import threading
from pathlib import Path

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
