"""What the live preview last wrote, so that a rebuild under `mkdocs serve` renders only what changed.

The plugin marks MkDocs' files as modified or not from this record (MkDocs' own `File` objects are
used through their attributes only: this module does not import MkDocs).
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .pipeline import _stat, is_published_file
from .reading.problems import Problem, ProblemList
from .sections import Sections
from .shared_conversion import SharedConversion, unmodified
from .site.page_store import Apart, Pages, Stored, compress
from .site import urls
from .site.background import Latest
from .site.kept_theme import KeptTheme
from .site.views import render_problems_page
from .watching import Watcher


class Preview:
    """What the live preview last wrote, so that a rebuild renders only what changed.

    A generated file keeps the output of the previous build when its content is the same and nothing
    every page shows has changed: the banner (the number of errors), the hand-written pages and their nav,
    mkdocs.yml. A hand-written page is rendered again when it holds macros (the home page's read the
    corpus), and when generated pages came or went (its links resolve against them).
    The output of a generated page that is gone is deleted; after a failed build, every page is rendered.

    The published data files (exports) of a rebuild are `kept` by MkDocs as they are and written
    after the rebuilt pages are served (`write_later`), by a child process a thread of their own waits for,
    the newest build winning.
    """

    def __init__(self, report: Callable[[Exception], None] = lambda exc: None) -> None:
        self.written: dict[str, tuple[int, str]] = {}  # src_uri → (hash of its content, output path)
        self.pending: dict[str, tuple[int, str]] = {}
        self.context: tuple | None = None
        self.pending_context: tuple | None = None
        self.published: set[str] = set()  # the published data files the last full build wrote
        self.writer = Latest(self._write, report, "briefings-published-files")
        self.last_report: tuple[list[Problem], Stored] | None = None
        self.theme = KeptTheme()
        self.shared = SharedConversion()
        self.sections = Sections()  # the generated pages' sections as last converted (sections.py)
        self.collector = Collector()
        self.changed: dict[str, int] = {}
        self.watcher = Watcher(None)
        self.warned: frozenset[str] = frozenset()  # the warnings the last build logged (`warning_lines`)

    def watch(self, server: Any, folders: list[Path]) -> None:
        """Rebuild as soon as a file in `folders` changes (generator/watching.py)."""
        self.watcher.stop()
        self.watcher = Watcher(server)
        for folder in folders:
            self.watcher.watch(folder)

    def report(self, problems: ProblemList) -> Stored:
        """The error page, rendered again only when the problems changed (thousands of warnings take a while)."""
        if self.last_report is None or self.last_report[0] != problems:
            text = render_problems_page(problems)
            self.last_report = (list(problems), Stored(text, compress(text)))
        return self.last_report[1]

    def plan(self, files: Any, config: Any, pages: dict[str, str], errors: int,
             kept: frozenset[str] = frozenset()) -> None:
        """Mark MkDocs' files modified or not; `kept`: files written later (`write_later`), never by MkDocs."""
        context = (errors, _stat(Path(config.config_file_path or ".")),
                   tuple((f.src_uri, _stat(Path(f.abs_src_path))) for f in files if f.abs_src_path))
        same, self.pending, self.pending_context = context == self.context, {}, context
        self.changed = {}  # generated pages to convert again → their size, compressed
        # A hand-written page's links resolve against the pages there are; with macros, it reads the corpus.
        same_pages = same and self.written.keys() == pages.keys()
        # As stored (site/page_store.py: the same text always compresses to the same bytes), not made again.
        stored = pages.compressed if isinstance(pages, Pages) else pages.__getitem__
        for file in files:
            if file.src_uri not in pages:
                if file.is_documentation_page():
                    rendered_again = not same_pages or _has_macros(Path(file.abs_src_path))
                    file.is_modified = lambda again=rendered_again: again  # type: ignore[method-assign]
                continue
            data = stored(file.src_uri)
            digest = hash(data)
            self.pending[file.src_uri] = (digest, file.abs_dest_path)
            if file.src_uri in kept or (same and self.written.get(file.src_uri, (None,))[0] == digest):
                file.is_modified = unmodified  # type: ignore[method-assign]
            elif file.src_uri.endswith(".md"):
                self.changed[file.src_uri] = len(data)
        for src_uri, (_, dest) in self.written.items():
            if src_uri not in self.pending:
                _remove(Path(dest))
        if not kept:
            self.published = {src_uri for src_uri in pages if is_published_file(src_uri)}

    def write_later(self, make: Callable[[], dict[str, str]], site_dir: str) -> None:
        """Write the published data files `make` gives into the site, after this build (see `Latest`)."""
        self.writer.submit((make, Path(site_dir), frozenset(self.published)))

    def _write(self, job: tuple[Callable[[], dict[str, str]], Path, frozenset[str]]) -> None:
        # In a child process where it can fork: the exports take seconds of Python, which in a thread of the
        # preview's own process would hold its interpreter lock and slow the next rebuild down as much.
        started = self.writer.started
        started.check()
        child = Apart.start(_write_published_behind, job)
        started.track(child.kill if child is not None else None)  # the preview's end stops it (`Latest.close`)
        written = child.result() if child is not None else None
        started.track(None)
        started.check()  # stopped: the child was killed, and nothing more is written
        self.published = written if written is not None else _write_published(job)  # a failure: reported

    def close(self, timeout: float | None = None) -> bool:
        """The preview ends: its watch stopped, its exports' writing finished (`Latest.close`); whether it did."""
        self.watcher.stop()
        return self.writer.close(timeout)

    def built(self) -> None:
        self.written, self.context = self.pending, self.pending_context

    def failed(self) -> None:
        self.written, self.context, self.warned = {}, None, frozenset()
        self.shared.drop()
        self.collector.later()


def warning_lines(warnings: list[Problem], preview: Preview | None = None) -> list[str]:
    """What a build logs of its warnings, a line each. A preview's build (`preview`) logs those the build before did
    not, then how many it did, not logged again: thousands of unchanged lines on each save would hide the one that
    save brought. After a failed build, every warning is logged again."""
    lines = [w.render() for w in warnings]
    if preview is None:
        return lines
    before, preview.warned = preview.warned, frozenset(lines)
    new = [line for line in lines if line not in before]
    if unchanged := len(lines) - len(new):
        new.append(f"{unchanged} warning{'s' * (unchanged > 1)} not shown again, unchanged since the last build "
                   f"(all are listed on /{urls.page_url(urls.PROBLEMS)})")
    return new


class Collector:
    """Python's cyclic garbage collector under a preview: off from the start of a rebuild, and run whole shortly
    after the rebuild ends (`DELAY`: its pages are served by then), then on again until the next rebuild.

    A preview holds the index and MkDocs' objects of a thousand briefings, millions of objects, and each rebuild
    leaves a few hundred thousand in reference cycles. Left to itself, the collector walks all of them (0.8 s at
    a thousand briefings) whenever its counters say so: in the middle of the next rebuild, or while a thread
    serves the page just rebuilt. A save that comes while the collection runs waits for it, as for any work."""

    DELAY = 0.5

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.held = False

    def hold(self) -> None:
        """A rebuild starts: no collection until it has ended (one under way is waited for)."""
        with self.lock:
            self.held = True
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            gc.disable()

    def later(self) -> None:
        """The rebuild has ended: collect in `DELAY` seconds unless another one has started by then. Told twice
        (a strict rebuild fails after `on_post_build`), it still collects once."""
        with self.lock:
            self.held = False
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(self.DELAY, self.collect)
            self.timer.daemon = True
            self.timer.start()

    def collect(self) -> None:
        with self.lock:
            if self.held:
                return
            self.timer = None
            gc.collect()
            gc.enable()


class NoDirtyWarning(logging.Filter):
    """MkDocs' warning that a dirty build may leave a stale nav: `Preview` sees to it; strict mode would fail on it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def published_failed(exc: Exception) -> None:
    """A preview's exports could not be written: logged at INFO (see `search_index.preview_failed`)."""
    log = logging.getLogger("mkdocs.plugins.briefings")
    log.info("the exports could not be written (the preview serves the previous ones): %s: %s", type(exc).__name__, exc)
    log.debug("the exports failed:\n%s", "".join(traceback.format_exception(exc)))


def _has_macros(path: Path) -> bool:
    """Whether a hand-written page holds template syntax the macros plugin would render (any `{{` or `{%`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True
    return "{{" in text or "{%" in text


def _write_published_behind(job: tuple[Callable[[], dict[str, str]], Path, frozenset[str]]) -> set[str]:
    """In the child process: `_write_published` at a lower priority, behind the next rebuild."""
    os.nice(10)
    return _write_published(job)


def _write_published(job: tuple[Callable[[], dict[str, str]], Path, frozenset[str]]) -> set[str]:
    """Each file whose bytes differ from those in the site, replaced whole (a reader never gets half of one)."""
    make, site, before = job
    files = make()
    for src_uri, text in files.items():
        dest, data = site / src_uri, text.encode("utf-8")
        try:
            if dest.read_bytes() == data:
                continue
        except OSError:
            dest.parent.mkdir(parents=True, exist_ok=True)
        temporary = dest.with_name(f".{dest.name}.partial")
        temporary.write_bytes(data)
        os.replace(temporary, dest)
    for src_uri in before - files.keys():
        (site / src_uri).unlink(missing_ok=True)
    return set(files)


def _remove(dest: Path) -> None:
    dest.unlink(missing_ok=True)
    try:
        dest.parent.rmdir()  # a page's own folder (`briefings/x/index.html`), when now empty
    except OSError:
        pass
