"""A live preview's watch on the folders it reads (briefings, registries): a saved file starts a rebuild at once.

MkDocs 1.6 polls the folders it watches every half second, so a rebuild began a quarter of a second after a
save on average, half a second at worst. The preview also watches its own folders through the system's change
notifications (inotify, FSEvents, ReadDirectoryChangesW, through watchdog) and wakes the server's build loop
the way MkDocs' own watcher does. Only changes count: opening or reading a file does not (every rebuild reads
every briefing, which would otherwise start the next one). Nor are reads asked of the system at all (`WATCHED`):
at a thousand briefings, the notifications of a rebuild's own reads took a third of a second of the main
thread's time, decoded one by one on the observer's thread.

The folders are still polled, on MkDocs' own polling observer: notifications never arrive from some file
systems (a Docker bind mount written from the host, WSL's /mnt/c, NFS, SMB) although watching them raises
nothing. A change the notifications already told of is not told again by the poll half a second later (that
would start a second rebuild); one they missed still is. Nor is a change the poll saw first (a busy machine can
deliver notifications late) told again by its notification, while the file is as the poll saw it. Where the
server does not wake its build loop as this expects, MkDocs polls the folder as before (`server.watch`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent,
                             FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer

log = logging.getLogger("mkdocs.plugins.briefings")

CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})
"""What a change to a file is told as ("closed": after writing). Not "opened" nor "closed_no_write" (a read)."""

WATCHED = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
"""The notifications asked of the system (`CHANGES`, and a folder's coming and going: its files' watches): with
inotify, a file's opening, reading and closing unwritten are then never sent."""

TOLD_FOR_S = 5.0
"""How long after a notification the poll's report of a change to the same file is taken as the same change:
well over the poll's half-second period and the time it takes to scan a large folder."""


class Watcher:
    """The preview's watches: notifications on one observer thread of its own, polls on the server's observer."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.observer: Any = None
        self.told: dict[str, float] = {}  # path → when notifications last told of a change to it
        # path → when the poll last told of a change to it, and the file's state then (`_state`)
        self.polled: dict[str, tuple[float, tuple[int, int] | None]] = {}
        self.lock = threading.Lock()

    def watch(self, folder: Path) -> bool:
        """Watch `folder`; True when notifications come from it (it is polled as well, for file systems that send
        none); False when only MkDocs' polling watches it."""
        wake = _waker(self.server)
        polling = getattr(self.server, "observer", None)
        if wake is None or polling is None:
            self.server.watch(str(folder))
            return False
        polling.schedule(_Changes(self._polled(wake)), str(folder), recursive=True)
        try:
            if self.observer is None:
                observer = Observer()
                observer.start()
                self.observer = observer
            self.observer.schedule(_Changes(self._notified(wake)), str(folder), recursive=True, event_filter=WATCHED)
            return True
        except OSError as exc:  # inotify's watch limit, a file system without notifications…
            log.debug("watching %s by polling only: %s", folder, exc)
            return False

    def _notified(self, wake: Callable[[], None]) -> Callable[[FileSystemEvent], None]:
        def notified(event: FileSystemEvent) -> None:
            now, paths = time.monotonic(), _paths(event)
            with self.lock:
                seen = all((last := self.polled.get(path)) is not None and now - last[0] < TOLD_FOR_S
                           and last[1] == _state(path) for path in paths)  # the poll told of this very change
                for path in paths:
                    self.told[path] = now
            if not seen:
                wake()
        return notified

    def _polled(self, wake: Callable[[], None]) -> Callable[[FileSystemEvent], None]:
        def polled(event: FileSystemEvent) -> None:
            now = time.monotonic()
            paths = _paths(event)
            with self.lock:
                if all(now - self.told.get(path, -TOLD_FOR_S) < TOLD_FOR_S for path in paths):
                    return  # already told: its rebuild has begun
                for path, when in list(self.told.items()):  # forget what is long past
                    if now - when >= TOLD_FOR_S:
                        del self.told[path]
                for path, (when, _) in list(self.polled.items()):
                    if now - when >= TOLD_FOR_S:
                        del self.polled[path]
                for path in paths:
                    self.polled[path] = (now, _state(path))
            wake()
        return polled

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None


def _state(path: str) -> tuple[int, int] | None:
    """A file as a poll tells it apart: its modification time and size (None: gone)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _paths(event: FileSystemEvent) -> list[str]:
    paths = [str(event.src_path)]
    if getattr(event, "dest_path", ""):
        paths.append(str(event.dest_path))
    return paths


def _waker(server: Any) -> Callable[[], None] | None:
    """What MkDocs' own watcher does on a change (mkdocs/livereload, `LiveReloadServer.watch`): mark a rebuild
    wanted, and wake the build loop waiting on its condition. None for a server that does not work this way."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not isinstance(getattr(server, "_want_rebuild", None), bool):
        return None

    def wake() -> None:
        with condition:
            server._want_rebuild = True
            condition.notify_all()
    return wake


class _Changes(FileSystemEventHandler):
    def __init__(self, on_change: Callable[[FileSystemEvent], None]) -> None:
        self.on_change = on_change

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and event.event_type in CHANGES:
            self.on_change(event)
