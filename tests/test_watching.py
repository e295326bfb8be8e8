"""The preview's own watch on the folders it reads: a change wakes MkDocs' build loop at once, a read does not.

These run against MkDocs' real `LiveReloadServer` (never started: no socket), so a MkDocs release that changes
how its watcher wakes the build loop fails here rather than leaving the preview polling unnoticed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileClosedEvent, FileDeletedEvent, FileModifiedEvent

from generator import watching
from generator.watching import Watcher


@pytest.fixture
def server(tmp_path: Path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    yield server
    server.server_close()  # the socket made, never bound


@pytest.fixture
def watcher(server):
    watcher = Watcher(server)
    yield watcher
    watcher.stop()


def wanted(server, within: float) -> bool:
    """Whether a rebuild is asked for within `within` seconds (or already is: looked at once at least, so
    `wanted(server, 0)` takes back a request already made). The request is taken back."""
    deadline = time.monotonic() + within
    while True:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)


def test_a_saved_new_edited_or_deleted_briefing_asks_for_a_rebuild_and_a_read_does_not(tmp_path: Path, server,
                                                                                        watcher) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    existing = folder / "a.yaml"
    existing.write_text("id: a\n", encoding="utf-8")
    assert watcher.watch(folder), "notifications are available on this system"
    assert not server._watched_paths, "the folder is not polled as well (each change would rebuild twice)"
    assert not wanted(server, 0.3)

    existing.read_text(encoding="utf-8")  # what every rebuild does to every briefing
    sorted(folder.iterdir())
    existing.stat()
    assert not wanted(server, 0.5), "reading the folder would start the next rebuild, and so on forever"

    (folder / "b.yaml").write_text("id: b\n", encoding="utf-8")
    assert wanted(server, 5)
    existing.write_text("id: a\ntitle: x\n", encoding="utf-8")
    assert wanted(server, 5)
    (folder / "b.yaml").unlink()
    assert wanted(server, 5)
    (folder / "c.tmp").write_text("id: c\n", encoding="utf-8")  # an editor's save: a new file renamed over the old
    assert wanted(server, 5)
    (folder / "c.tmp").replace(existing)
    assert wanted(server, 5)


def test_a_rebuild_wakes_the_server_waiting_for_one(tmp_path: Path, server, watcher) -> None:
    """The build loop sleeps on the server's condition: a change must notify it, not only set the flag."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    watcher.watch(folder)
    woken = []

    def wait() -> None:
        with server._rebuild_cond:
            woken.append(server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=5))

    import threading
    thread = threading.Thread(target=wait)
    thread.start()
    time.sleep(0.1)
    (folder / "new.yaml").write_text("id: new\n", encoding="utf-8")
    thread.join(10)
    assert woken == [True]


class _Silent:
    """Notifications that never arrive, though watching raises nothing (a Docker bind mount, WSL's /mnt/c, NFS)."""

    def start(self) -> None:
        pass

    def schedule(self, *args, **kwargs) -> None:
        pass

    def stop(self) -> None:
        pass

    def join(self, timeout: float | None = None) -> None:
        pass


@pytest.fixture
def polling(server):
    """The server's own polling observer, running as under `mkdocs serve`."""
    server.observer.start()
    yield server.observer
    server.observer.stop()
    server.observer.join(5)


def test_a_change_notifications_miss_is_still_seen_by_the_poll(tmp_path: Path, server, polling,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    monkeypatch.setattr(watching, "Observer", _Silent)
    watcher = Watcher(server)
    assert watcher.watch(folder)
    time.sleep(0.6)  # the poll's first look at the folder
    (folder / "new.yaml").write_text("id: new\n", encoding="utf-8")
    assert wanted(server, 5)


def test_a_change_is_told_once_not_again_by_the_poll(tmp_path: Path, server, polling, watcher) -> None:
    """The poll sees the same change half a second after the notification: a second rebuild would follow."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "a.yaml").write_text("id: a\n", encoding="utf-8")
    watcher.watch(folder)
    time.sleep(0.6)
    (folder / "a.yaml").write_text("id: a\ntitle: b\n", encoding="utf-8")
    (folder / "b.yaml").write_text("id: b\n", encoding="utf-8")
    assert wanted(server, 5)
    time.sleep(0.2)  # the notifications of the same writes, told together
    wanted(server, 0)
    assert not wanted(server, 1.5), "the poll told again of changes already told"


def test_without_notifications_the_folder_is_polled(tmp_path: Path, server, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()

    class NoWatchLeft(_Silent):
        def schedule(self, *args, **kwargs) -> None:
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watching, "Observer", NoWatchLeft)
    watcher = Watcher(server)
    assert not watcher.watch(folder)
    assert [e.watch.path for e in server.observer.emitters] == [str(folder)]


def test_a_server_that_wakes_its_build_loop_another_way_polls_the_folder(tmp_path: Path) -> None:
    """MkDocs changed its server: the preview still sees changes, half a second later at worst."""
    watched: list[str] = []

    class OtherServer:
        def watch(self, path: str) -> None:
            watched.append(path)

    folder = tmp_path / "briefings"
    folder.mkdir()
    watcher = Watcher(OtherServer())
    assert not watcher.watch(folder)
    assert watched == [str(folder)] and watcher.observer is None


def test_stopping_ends_the_observer_thread(tmp_path: Path, server) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    watcher = Watcher(server)
    watcher.watch(folder)
    thread = watcher.observer
    assert thread.is_alive()
    watcher.stop()
    assert not thread.is_alive() and watcher.observer is None
    watcher.stop()  # twice: nothing left to stop


def test_a_change_the_poll_saw_first_is_not_told_again_by_its_late_notification(tmp_path: Path) -> None:
    """On a busy machine a notification can come after the poll's look at the same save: one rebuild, not two.
    A later save is still told, by whichever sees it first."""
    woken: list[str] = []
    watcher = Watcher(None)
    polled = watcher._polled(lambda: woken.append("poll"))
    notified = watcher._notified(lambda: woken.append("notification"))
    briefing = tmp_path / "a.yaml"
    briefing.write_text("id: a\n", encoding="utf-8")
    polled(FileModifiedEvent(str(briefing)))
    notified(FileModifiedEvent(str(briefing)))
    notified(FileClosedEvent(str(briefing)))
    assert woken == ["poll"]
    briefing.write_text("id: a\ntitle: b\n", encoding="utf-8")  # the next save
    notified(FileModifiedEvent(str(briefing)))
    polled(FileModifiedEvent(str(briefing)))  # the poll's look at that same save
    assert woken == ["poll", "notification"]
    briefing.unlink()  # the poll, told of this file's changes by notifications moments ago, leaves it to them
    polled(FileDeletedEvent(str(briefing)))
    notified(FileDeletedEvent(str(briefing)))
    assert woken == ["poll", "notification", "notification"]


@pytest.mark.skipif(not Path("/proc/sys/fs/inotify").exists(), reason="reads are told apart only by inotify (Linux)")
def test_reading_the_briefings_sends_no_notification_at_all(tmp_path: Path, server, watcher,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild reads every briefing: the system is not even asked to tell of reads (each notification is decoded
    in Python, on a thread of the preview's process, while the rebuild runs)."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    files = [folder / f"b{i}.yaml" for i in range(20)]
    for path in files:
        path.write_text("title: x\n", encoding="utf-8")
    seen: list = []
    monkeypatch.setattr(watching._Changes, "on_any_event", lambda self, event: seen.append(event.event_type))
    assert watcher.watch(folder)
    time.sleep(0.2)
    seen.clear()  # what the poll's first scan may tell
    for path in files:
        path.read_bytes()
    time.sleep(0.5)
    assert seen == []
    files[0].write_text("title: y\n", encoding="utf-8")
    deadline = time.monotonic() + 5
    while "closed" not in seen and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "closed" in seen  # a save is still told, to its end
