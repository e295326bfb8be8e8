"""A live preview's work behind its rebuilds: the search index and the exports, each in a thread of its own.

Both write into the site's folder after the rebuilt pages are served. When the preview ends, MkDocs removes
that folder right after `on_shutdown`: `Latest.close` first drops the job waiting, stops the process the running
one started (Pagefind, or the child writing the exports), and waits for the thread, so that nothing writes into
the folder, or reads the copy of the pages kept for the indexer, once they are removed. A process left reading
a removed folder could outlive the preview: Pagefind then waits for its files for ever.
"""

from __future__ import annotations

import logging
import subprocess
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("mkdocs.plugins.briefings")


class Stopped(Exception):
    """The job was stopped because the preview is ending: not a failure, not reported."""


class Started:
    """The process a job has started, for `stop` to end it from another thread: once stopped, none starts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._stop: Callable[[], None] | None = None
        self.stopped = False

    def popen(self, command: list[str], **options: Any) -> subprocess.Popen:
        """`subprocess.Popen(command, **options)`, unless `stop` was called (then Stopped)."""
        with self._lock:
            if self.stopped:
                raise Stopped
            self._process = subprocess.Popen(command, **options)
            return self._process

    def track(self, stop: Callable[[], None] | None) -> None:
        """What ends the work running now (a child's kill), or None once it has ended; called at once if stopped."""
        with self._lock:
            self._stop = stop
            if stop is not None and self.stopped:
                stop()

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
            if self._stop is not None:
                self._stop()

    def check(self) -> None:
        """Raise Stopped once `stop` was called: for a job's loop to end early."""
        if self.stopped:
            raise Stopped


class Latest:
    """Jobs run in a thread of their own, one at a time, the newest winning: a job submitted while one runs
    is run once that one ends (jobs submitted meanwhile and overtaken are dropped). A failure is handed
    to `report` and the next job runs as usual. `started`: what the jobs start, stopped by `close`."""

    def __init__(self, run: Callable[[Any], object], report: Callable[[Exception], None], name: str,
                 started: Started | None = None) -> None:
        self._run_one, self._report, self._name = run, report, name
        self.started = started or Started()
        self._lock = threading.Lock()
        self._wanted: Any = None
        self._closed = False
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, job: Any) -> None:
        """Run `job` as soon as no other runs (never, once `close` is called)."""
        with self._lock:
            if self._closed:
                return
            self._wanted = job
            self._idle.clear()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Until every submitted job is done (or `timeout` seconds); whether it is."""
        return self._idle.wait(timeout)

    def close(self, timeout: float | None = None) -> bool:
        """No job is run any more: the one waiting is dropped, the process the running one started is stopped,
        and its thread waited for (at most `timeout` seconds); whether it ended."""
        with self._lock:
            self._closed, self._wanted = True, None
        self.started.stop()
        if self._idle.wait(min(1.0, timeout if timeout is not None else 1.0)):
            return True
        log.info("waiting for %s to end before the site's folder is removed (Ctrl-C again: now, the folder left)",
                 self._name)
        return self._idle.wait(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._wanted = self._wanted, None
                if job is None:
                    self._thread = None
                    self._idle.set()
                    return
            try:
                self._run_one(job)
            except Exception as exc:  # noqa: BLE001 - a failure, whatever it is, must not end the preview
                if not self.started.stopped:  # stopped: the preview is ending, whatever the job said of it
                    self._report(exc)
