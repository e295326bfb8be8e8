"""A live preview's watch on the folders it reads (briefings, registries): a saved file starts a rebuild at once.

MkDocs 1.6 polls the folders it watches every half second, so a rebuild began a quarter of a second after a
save on average, half a second at worst. The preview watches its own folders through the system's change
notifications (inotify, FSEvents, ReadDirectoryChangesW, through watchdog) and wakes the server's build loop
the way MkDocs' own watcher does. Only changes count: opening or reading a file does not (every rebuild reads
every briefing, which would otherwise start the next one). Where notifications cannot be had (no inotify
watch left, a file system without them, a server without the build loop this expects), the folder is
polled by MkDocs as before.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

log = logging.getLogger("mkdocs.plugins.briefings")

CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})
"""What a change to a file is told as ("closed": after writing). Not "opened" nor "closed_no_write" (a read)."""


class Watcher:
    """The preview's native watches, all on one observer thread, stopped with `stop()`."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.observer: Any = None

    def watch(self, folder: Path) -> bool:
        """Watch `folder` natively; False (and the server polls it) when that is not possible here."""
        wake = _waker(self.server)
        if wake is not None:
            try:
                if self.observer is None:
                    observer = Observer()
                    observer.start()
                    self.observer = observer
                self.observer.schedule(_Changes(wake), str(folder), recursive=True)
                return True
            except OSError as exc:  # inotify's watch limit, a file system without notifications…
                log.debug("watching %s by polling: %s", folder, exc)
        self.server.watch(str(folder))
        return False

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None


def _waker(server: Any) -> Any:
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
    def __init__(self, wake: Any) -> None:
        self.wake = wake

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and event.event_type in CHANGES:
            self.wake()
