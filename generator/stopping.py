"""A build or a preview stopped by the system (SIGTERM, SIGHUP) ends as one stopped with Ctrl-C does.

`mkdocs serve` builds into a folder of its own in the system's temporary folder, and the live preview keeps a
copy of its pages there for the search indexer (site/search_index.Mirror): tens of megabytes at a thousand
briefings. Ctrl-C raises KeyboardInterrupt, and MkDocs then shuts the server down, calls `on_shutdown` and
removes its folder; Python's exit handlers remove the preview's. SIGTERM (an editor's stop button, a process
manager, `kill`) and SIGHUP (the terminal closed) end the process at once by default: every folder stays, and a
day of previews filled the temporary folder with hundreds of megabytes. Here both raise KeyboardInterrupt in
the main thread instead, where MkDocs runs its rebuilds and waits for changes.

Only a signal left to its default action is taken over, and only from the main thread (the only one that can):
a program embedding MkDocs with its own handlers keeps them. `restore` puts back what was there.
"""

from __future__ import annotations

import atexit
import gc
import signal
import threading
from typing import Any

WAIT_S = 60
"""On shutdown, how long the preview waits for what its threads are writing in the site's folder (the exports, the
search index: seconds at a thousand briefings) before MkDocs removes it. A second Ctrl-C stops at once, folder left."""

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

_taken: set[int] = set()  # the signals whose default action `handle_as_interrupt` replaced


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"stopped by {signal.Signals(signum).name}")


def handle_as_interrupt() -> None:
    """SIGTERM and SIGHUP raise KeyboardInterrupt, until `restore`; a no-op outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _interrupt)
            _taken.add(signum)


def restore() -> None:
    """The default action back where `handle_as_interrupt` replaced it (not where another handler was set since)."""
    if threading.current_thread() is not threading.main_thread():
        return
    while _taken:
        signum = _taken.pop()
        if signal.getsignal(signum) is _interrupt:
            signal.signal(signum, signal.SIG_DFL)


def no_collection_at_exit() -> None:
    """When Python exits, what is alive then is set aside from the cyclic garbage collector (`gc.freeze`), so that
    its final collection does not walk it.

    A preview holds the index and MkDocs' pages of every briefing, millions of objects: after Ctrl-C at a thousand
    briefings, that final collection took 2.1 of the 2.7 s the preview needed to exit, for nothing (the process's
    memory goes back to the system whole). Exit handlers registered earlier (the preview's folders removed) still
    run, after this one; a program that embeds MkDocs and goes on is not affected until it exits.

    It covers the whole process: an object that a hook or another plugin leaves in a reference cycle is not
    finalized at exit either (a file it never closed is not flushed). Python does not promise to finalize what
    still exists at exit; such code closes its files in its own `on_shutdown`, which runs before."""
    atexit.unregister(gc.freeze)  # asked again (a second preview in one process): still registered once
    atexit.register(gc.freeze)
