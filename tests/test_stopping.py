"""A preview stopped by the system (SIGTERM, SIGHUP) leaves nothing in the temporary folder, as Ctrl-C does
(generator/stopping.py); the handlers are taken over only where nobody else set one, and given back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import stopping
from test_serve import NEW, free_port, wait_for

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")


@pytest.fixture
def default_handlers():
    """The process's handlers as they were, whatever a test leaves."""
    before = {s: signal.getsignal(s) for s in stopping.SIGNALS}
    stopping.restore()  # whatever a test before left
    for s in stopping.SIGNALS:
        signal.signal(s, signal.SIG_DFL)
    yield
    stopping.restore()
    for s, handler in before.items():
        signal.signal(s, handler)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_interrupts_until_restored(default_handlers, signum: int) -> None:
    stopping.handle_as_interrupt()
    handler = signal.getsignal(signum)
    assert handler is stopping._interrupt  # checked before any signal: the default action would end the test run
    with pytest.raises(KeyboardInterrupt, match=signal.Signals(signum).name):
        handler(signum, None)  # what the signal runs (a real one is sent to a server below)
    stopping.restore()
    assert all(signal.getsignal(s) is signal.SIG_DFL for s in stopping.SIGNALS)


def test_a_handler_set_by_someone_else_is_kept(default_handlers) -> None:
    def theirs(signum, frame) -> None:
        pass
    signal.signal(signal.SIGTERM, theirs)
    stopping.handle_as_interrupt()
    assert signal.getsignal(signal.SIGTERM) is theirs
    assert signal.getsignal(signal.SIGHUP) is stopping._interrupt
    mine = signal.getsignal(signal.SIGHUP)
    signal.signal(signal.SIGHUP, theirs)  # replaced meanwhile: restore leaves the newer one
    stopping.restore()
    assert signal.getsignal(signal.SIGTERM) is theirs and signal.getsignal(signal.SIGHUP) is theirs
    assert mine is stopping._interrupt


def test_nothing_is_taken_over_from_another_thread(default_handlers) -> None:
    thread = threading.Thread(target=stopping.handle_as_interrupt)
    thread.start()
    thread.join()
    assert all(signal.getsignal(s) is signal.SIG_DFL for s in stopping.SIGNALS)


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_preview_stopped_by_the_system_leaves_no_folder_behind(project: Path, tmp_path: Path, signum: int) -> None:
    """`mkdocs serve` builds into a temporary folder and the preview keeps a copy of its pages for the search
    indexer there: both are removed when the server is stopped with SIGTERM or SIGHUP."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for(base, lambda body: "Briefings Ukraine" in body)
            # A rebuild: its search index is made in the background, from the copy of the pages kept for it.
            (project / "briefings" / "2025-11-21-depot.yaml").write_text(NEW, encoding="utf-8")
            wait_for(base + "briefings/2025-11-21-depot/", lambda body: "Briefing déposé pendant" in body)
            made = _settled(temp)
            assert [n[:7] for n in made if n.startswith("mkdocs_")] == ["mkdocs_"], made
            assert [n[:23] for n in made if n.startswith("briefings-search-")] == ["briefings-search-pages-"], made
            proc.send_signal(signum)
            code = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    said = log.read_text(encoding="utf-8")
    assert code == 0, said[-2000:]
    assert "Shutting down" in said
    assert sorted(p.name for p in temp.iterdir()) == []


def _settled(temp: Path, timeout: float = 60) -> list[str]:
    """The temporary folder's entries once the background indexing is done (its own folder gone, the copy there)."""
    deadline = time.monotonic() + timeout
    while True:
        made = sorted(p.name for p in temp.iterdir())
        if any(n.startswith("briefings-search-pages-") for n in made) and not any(
                n.startswith("briefings-search-") and not n.startswith("briefings-search-pages-") for n in made):
            return made
        if time.monotonic() > deadline:
            raise AssertionError(f"the background index never settled: {made}")
        time.sleep(0.2)


def test_shutdown_lets_the_preview_threads_end_before_mkdocs_removes_the_site(default_handlers, monkeypatch) -> None:
    """MkDocs removes its build folder right after `on_shutdown`: the exports' writer and the search indexer, which
    write in it after a rebuild, are closed and waited for first (at a thousand briefings, removing the folder
    while they wrote failed with "Directory not empty" and left 29 MB behind)."""
    from generator.plugin import BriefingsPlugin

    closed: list[tuple[str, float]] = []

    class Worker:
        def __init__(self, name: str) -> None:
            self.name = name

        def close(self, timeout: float) -> bool:
            closed.append((self.name, timeout))
            return True

    frozen_at_exit: list[bool] = []
    monkeypatch.setattr(stopping, "no_collection_at_exit", lambda: frozen_at_exit.append(True))
    plugin = BriefingsPlugin()
    plugin.on_startup(command="serve", dirty=False)
    assert signal.getsignal(signal.SIGTERM) is stopping._interrupt
    plugin.__dict__.update(preview=Worker("preview"), indexer=Worker("indexer"))
    plugin.on_shutdown()
    # The indexer first: a second signal during the other's wait must not leave Pagefind running.
    assert closed == [("indexer", stopping.WAIT_S), ("preview", stopping.WAIT_S)]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert frozen_at_exit == [True]  # what the preview holds is not walked by Python's last collection
    BriefingsPlugin().on_shutdown()  # a build made neither: nothing to close
    built = BriefingsPlugin()
    built.on_startup(command="build", dirty=False)
    built.on_shutdown()
    assert frozen_at_exit == [True]  # a build ends as MkDocs alone does


_EXIT_PROBE = """
import gc, os, sys
from generator import stopping

freeze = gc.freeze
def counted_freeze():
    os.write(1, b"frozen\\n")
    freeze()
gc.freeze = counted_freeze  # what the exit handler calls, seen in the output

class Probe:
    def __del__(self):
        os.write(1, b"collected\\n")

gc.disable()  # the probe's cycle waits for a collection: Python's last one, at exit
probe = Probe()
probe.itself = probe
del probe
if sys.argv[1] == "frozen":
    stopping.no_collection_at_exit()
    stopping.no_collection_at_exit()  # a second preview in one process: still frozen once
"""


@pytest.mark.parametrize("mode", ["frozen", "default"])
def test_what_a_preview_holds_at_exit_is_not_collected_again(mode: str) -> None:
    """After the preview's `on_shutdown`, Python's final collection does not walk what is alive: a cycle left
    for the collector is never visited (without it, the same cycle is collected at exit)."""
    done = subprocess.run([sys.executable, "-c", _EXIT_PROBE, mode], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("frozen\n" if mode == "frozen" else "collected\n")
