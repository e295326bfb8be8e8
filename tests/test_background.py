"""A live preview's background work ends with the preview (generator/site/background.py): the process a job started
is stopped by `Latest.close`, nothing is written or reported after it, and no process outlives it."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.preview import Preview
from generator.site.background import Latest, Started, Stopped
from generator.site.page_store import Apart
from generator.site.search_index import build_index

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="forked children")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _sleep_then(seconds: float, value: object) -> object:
    time.sleep(seconds)
    return value


def test_a_child_killed_from_another_thread_gives_nothing() -> None:
    child = Apart.start(_sleep_then, 30, "too late")
    assert child is not None
    threading.Timer(0.3, child.kill).start()
    started = time.monotonic()
    assert child.result() is None
    assert time.monotonic() - started < 10
    child.kill()  # reaped: the pid is not signalled again
    quick = Apart.start(_sleep_then, 0, "done")
    assert quick is not None and quick.result() == "done"


def test_once_stopped_no_process_starts_and_the_running_one_ends() -> None:
    started = Started()
    process = started.popen([sys.executable, "-c", "import time; time.sleep(30)"])
    stops: list[str] = []
    started.track(lambda: stops.append("child"))
    started.stop()
    assert process.wait(10) != 0 and stops == ["child"]
    with pytest.raises(Stopped):
        started.popen([sys.executable, "-c", "pass"])
    started.track(lambda: stops.append("late"))  # a job that starts its child after the stop: stopped at once
    assert stops == ["child", "late"]
    with pytest.raises(Stopped):
        started.check()


def test_closing_the_indexer_stops_pagefind_and_reports_nothing(tmp_path: Path) -> None:
    """The preview's end does not wait for a whole Pagefind run whose output is removed at once, and leaves no
    Pagefind reading the copy of the pages that Python's exit handlers remove (it would wait for them for ever)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><main data-pagefind-body>accord</main></body></html>",
                                     encoding="utf-8")
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n", encoding="utf-8")
    fake.chmod(0o755)
    reported: list[Exception] = []
    started = Started()
    indexer = Latest(lambda s: build_index(s, executable=fake, started=started), reported.append, "test-index", started)
    indexer.submit(site)
    deadline = time.monotonic() + 10
    while started._process is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process = started._process
    assert process is not None and process.poll() is None
    begun = time.monotonic()
    assert indexer.close(30) is True
    assert time.monotonic() - begun < 5
    assert process.poll() is not None
    assert reported == [] and not (site / "pagefind").exists()


def _exports(seconds: float) -> dict[str, str]:
    time.sleep(seconds)
    return {"exports/late.csv": "a\n"}


def test_closing_the_preview_stops_the_exports_child_before_it_writes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    reported: list[Exception] = []
    preview = Preview(report=reported.append)
    preview.write_later(lambda: _exports(30), str(site))
    deadline = time.monotonic() + 10
    while preview.writer.started._stop is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert preview.writer.started._stop is not None  # the child runs
    begun = time.monotonic()
    assert preview.close(30) is True
    assert time.monotonic() - begun < 5
    time.sleep(0.5)
    assert not (site / "exports").exists() and reported == []
    preview.write_later(lambda: _exports(0), str(site))  # after the end: never run
    assert preview.writer.wait(2) and not (site / "exports").exists()


def test_a_preview_not_closed_still_writes_its_exports(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    preview = Preview()
    preview.write_later(lambda: _exports(0), str(site))
    assert preview.writer.wait(20)
    assert (site / "exports" / "late.csv").read_text(encoding="utf-8") == "a\n"
    assert preview.published == {"exports/late.csv"}
    assert preview.close(5)


def test_an_interrupted_build_leaves_no_pagefind_running(tmp_path: Path) -> None:
    """Ctrl-C, or a stop signal, while `mkdocs build` (or a preview's first build) waits for Pagefind: Pagefind is
    stopped too, as `subprocess.run` would have stopped it, not left reading a folder the exit handlers remove."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><main>accord</main></body></html>", encoding="utf-8")
    pid_file = tmp_path / "pid"
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!{sys.executable}\nimport os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
                    "time.sleep(60)\n", encoding="utf-8")
    fake.chmod(0o755)

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # a real Ctrl-C raises KeyboardInterrupt

    def interrupt_once_started() -> None:
        deadline = time.monotonic() + 10
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)  # a signal, not `interrupt_main`: it breaks the wait for Pagefind

    threading.Thread(target=interrupt_once_started, daemon=True).start()
    begun = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        build_index(site, executable=fake)
    assert time.monotonic() - begun < 20
    pid = int(pid_file.read_text(encoding="utf-8"))
    assert not _alive(pid)
