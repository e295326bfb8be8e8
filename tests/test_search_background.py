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


def test_a_preview_copies_again_only_the_pages_written_since_the_last_indexing(tmp_path: Path, monkeypatch) -> None:
    """The preview's indexer keeps the pages as Pagefind reads them (apostrophes made ASCII) from one run to the
    next: a rebuild rewrites a few pages, and only those are copied again; a page gone from the site is gone."""
    import os

    from generator.site import search_index

    site = tmp_path / "site"
    pages = {"index.html": "Accueil", "briefings/a/index.html": "l’accord", "acteurs/b/index.html": "B",
             "citations/x--2024/index.html": "une tranche, jamais indexée"}
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<p>{text}</p>", encoding="utf-8")
    copied: list[str] = []
    real = search_index._copy_indexed
    monkeypatch.setattr(search_index, "_copy_indexed", lambda path, target: copied.append(
        path.relative_to(site).as_posix()) or real(path, target))
    mirror = search_index.Mirror()
    folder = mirror.update(site)

    def mirrored() -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.html")}
    assert mirrored() == {"index.html": "<p>Accueil</p>", "briefings/a/index.html": "<p>l'accord</p>",
                          "acteurs/b/index.html": "<p>B</p>"}
    copied.clear()
    (site / "briefings/a/index.html").write_text("<p>l’accord retouché</p>", encoding="utf-8")
    os.utime(site / "briefings/a/index.html", ns=(1, 1))  # whatever the clock's resolution: another time
    (site / "acteurs/b/index.html").unlink()
    assert mirror.update(site) == folder and copied == ["briefings/a/index.html"]
    assert mirrored() == {"index.html": "<p>Accueil</p>", "briefings/a/index.html": "<p>l'accord retouché</p>"}
    mirror.close()
    assert not folder.exists()


def test_the_preview_s_indexer_keeps_a_mirror_and_a_build_none() -> None:
    from generator.site import search_index

    indexer = BackgroundIndexer(report=lambda exc: None)
    assert isinstance(indexer.mirror, search_index.Mirror) and indexer.mirror.folder.is_dir()
    indexer.mirror.close()
    assert BackgroundIndexer(report=lambda exc: None, index=lambda site: None).mirror is None


def test_an_indexing_that_failed_half_way_leaves_no_page_behind_in_the_mirror(tmp_path: Path, monkeypatch) -> None:
    """A page can vanish while the preview's indexer copies the site (the next rebuild deletes a briefing's page):
    the copy fails, and a page it had copied before failing must not stay in the mirror once it is gone from the
    site, nor the mirror miss the pages of a folder the system cleared."""
    import shutil

    from generator.site import search_index

    site = tmp_path / "site"
    (site / "index.html").parent.mkdir(parents=True)
    (site / "index.html").write_text("<p>Accueil</p>", encoding="utf-8")
    mirror = search_index.Mirror()
    folder = mirror.update(site)
    for name in ("briefings/b/index.html", "briefings/c/index.html"):  # a rebuild adds two pages
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<p>{name}</p>", encoding="utf-8")
    real = search_index._copy_indexed

    def vanishing(path: Path, target: Path) -> None:
        if path.parent.name == "c":
            raise FileNotFoundError(path)  # deleted by the next rebuild between listing and reading
        real(path, target)
    monkeypatch.setattr(search_index, "_copy_indexed", vanishing)
    try:
        mirror.update(site)
    except FileNotFoundError:
        pass
    monkeypatch.setattr(search_index, "_copy_indexed", real)
    shutil.rmtree(site / "briefings/b")  # and a later rebuild deletes the other one
    assert mirror.update(site) == folder
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")) == [
        "briefings/c/index.html", "index.html"]
    shutil.rmtree(folder)  # the system's cleaning of temporary folders, in a preview left open for days
    mirror.update(site)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")) == [
        "briefings/c/index.html", "index.html"]
    mirror.close()


def test_closing_waits_for_the_running_job_and_drops_the_others() -> None:
    """What a preview's shutdown needs before MkDocs removes the site's folder: the job writing in it ended, none
    started after (search_index.Latest.close)."""
    started, release = threading.Event(), threading.Event()
    calls: list[Path] = []

    def index(site: Path) -> None:
        calls.append(site)
        started.set()
        release.wait(10)

    indexer = BackgroundIndexer(report=lambda exc: None, index=index)
    indexer.submit(Path("build-1"))
    assert started.wait(10)
    indexer.submit(Path("build-2"))  # waiting: dropped by the close
    assert indexer.close(0.2) is False  # build 1 still runs: the close says it did not end
    threading.Timer(0.3, release.set).start()
    assert indexer.close(10) is True
    indexer.submit(Path("build-3"))  # after the close: never run
    assert indexer.wait(1)
    assert calls == [Path("build-1")]
