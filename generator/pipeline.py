"""build(): load → index → render. Returns pages and problems; knows nothing of MkDocs."""

from __future__ import annotations

import functools
import gc
import traceback
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .corpus.index import CorpusIndex, build_index
from .corpus.notes import editorial_notes
from .corpus.verbatim import verify_against_articles
from .project import Project
from .reading.files import file_digest as _digest, file_stat as _stat, read_once, scan_briefing_folder  # _stat: preview
from .reading.loader import Located, Registries, load_briefings, load_registries
from .reading.models import Briefing
from .reading.problems import Problem, ProblemList, Severity
from .site import urls
from .site.divergence_export import divergence_files
from .site.export import export_files
from .site.feeds import feed_files
from .site.ical import calendar_sources, calendar_text
from .site.jsonld import adding_head_data, with_head_data
from .site.page_cache import PageCache
from .site.home_facts import HomeFacts, home_facts
from .site.page_store import Pages, made_apart
from .site.views import render_site

__all__ = ["Project", "Result", "build", "cached_build", "check"]


@dataclass
class Result:
    pages: MutableMapping[str, str] = field(default_factory=dict)  # a Pages (site/page_store.py) once built
    problems: ProblemList = field(default_factory=ProblemList)
    index: CorpusIndex | None = None
    edit_paths: dict[str, Path] = field(default_factory=dict)  # generated page → the YAML file its edit link opens
    crashes: list[str] = field(default_factory=list)  # tracebacks of unexpected exceptions, each also a problem
    later: Callable[[], dict[str, str]] | None = None  # with `later`: the `published_files`, left out of `pages`
    facts: HomeFacts | None = None  # what the macros show; kept when the index is dropped (`published_build`)

    ok = property(lambda self: not self.problems.errors)

    def home_facts(self) -> HomeFacts:
        assert self.facts or self.index, "a published build has dropped its index: its macros read `facts`"
        self.facts = self.facts or home_facts(self.index, lazy=True)  # a preview's index lives as long as they do
        return self.facts


def check(project: Project, articles: Path | None = None, *, leave_out: frozenset[str] = frozenset(),
          memo: dict | None = None, notes: bool = True) -> tuple[CorpusIndex, ProblemList]:
    """Load and index everything; every problem of every file is collected, and the editorial notes with `notes`
    (`briefings check` lists them; a site never shows them). `articles`: verbatim fields are checked against those
    texts; `leave_out`: files read but kept out of the index; `memo` (`load_briefings`): unchanged files not read."""
    problems = ProblemList()
    if not project.briefings_dir.is_dir():
        problems.append(Problem(project.shown(project.briefings_dir), 0, 0, "", "the briefings folder does not "
                                "exist, so the site has no briefing", "create it, or correct `briefings_dir` in "
                                "mkdocs.yml", Severity.WARNING))
    registries = load_registries(project.content_dir, project.root, problems)
    located = [lb for lb in load_briefings(project.briefings_dir, project.root, problems, memo) if lb.path not in leave_out]
    index = build_index(registries, located, problems)
    problems.extend(editorial_notes(located, index, notes=notes))
    if articles is not None:
        verify_against_articles(located, articles, problems)
    return index, problems.sorted()


MAX_LEFT_OUT = 3  # files set aside, one per unexpected failure, before a preview gives up on generated pages


def build(project: Project, *, partial: bool = False, memo: dict | None = None,
          cache: PageCache | None = None, later: bool = False) -> Result:
    """Check, index and render.

    With errors, no page is rendered — unless `partial`: then the pages are
    rendered from every file that could be read, so a live preview keeps
    working while one file is being fixed. A published build never uses it.

    Never raises for what the input holds: an unexpected exception (a bug that
    some value brings out) becomes an error. The briefing being processed when
    it was raised is left out and the build tried again; the file is named only
    if that made the failure go away, and the preview then shows every other file.
    """
    crashes: list[str] = []
    left_out: dict[str, str] = {}  # file → the failure it brought out
    attributed = True
    with collector_paused():
        while True:
            try:
                result = _build_once(project, partial, frozenset(left_out), memo, cache, later)
                break
            except Exception as exc:  # noqa: BLE001 - any failure must reach the reader as a problem
                crashes.append("".join(traceback.format_exception(exc)))
                path, text = culprit(exc), f"{type(exc).__name__}: {exc}".strip().rstrip(":")
                if path is None or path in left_out or len(left_out) >= MAX_LEFT_OUT:
                    # Not attributable for sure: no guess is reported, and the site is shown empty.
                    result = _empty_result(partial)
                    left_out, attributed = {project.shown(project.briefings_dir): text}, False
                    break
                left_out[path] = text
        result.crashes = crashes
        crashed = [crash_problem(path, text, known=attributed) for path, text in left_out.items()]
        result.problems = ProblemList([*result.problems, *crashed]).sorted()
        return result


def _build_once(project: Project, partial: bool, leave_out: frozenset[str], memo: dict | None,
                cache: PageCache | None = None, later: bool = False) -> Result:
    index, problems = check(project, leave_out=leave_out, memo=memo, notes=False)
    result = Result(problems=problems, index=index)
    if problems.errors and not partial:
        return result
    result.pages = site_files(index, cache, later=later)
    result.later = functools.partial(published_files, index) if later else None
    result.edit_paths = {urls.briefing_page(b_id): project.root / path for b_id, path in index.file_of.items()}
    return result


def crash_problem(path: str, failure: str, *, known: bool) -> Problem:
    """An unexpected exception as one error line: on the file that brought it out when `known`, else on the folder."""
    message = f"the generator failed ({failure})"
    if not known:
        return Problem(path, 0, 0, "", message, "a bug: please report it with the files just changed")
    return Problem(path, 1, 1, "", message, "a bug brought out by a value of this file: please report it; "
                   "`mkdocs serve` shows the other files meanwhile")


def culprit(exc: BaseException) -> str | None:
    """The input file (as messages show it) of the innermost frame that held a briefing or registry entry."""
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, Located):
                return value.path
            briefing = _briefing_in(value)
            if briefing is not None:
                path = _file_of(frames, briefing.id)
                if path is not None:
                    return path
    return None


def _briefing_in(value: object) -> Briefing | None:
    """The briefing a value is, or belongs to (an account, a quote, a figure entry…)."""
    if isinstance(value, Briefing):
        return value
    try:
        owner = getattr(value, "briefing", None)
    except Exception:  # noqa: BLE001 - an object whose attributes raise (a template's undefined value)
        return None
    return owner if isinstance(owner, Briefing) else None


def _file_of(frames: list, briefing_id: str) -> str | None:
    for frame in frames:
        for value in frame.f_locals.values():
            if isinstance(value, CorpusIndex):
                return value.file_of.get(briefing_id)
    return None


def _empty_result(partial: bool) -> Result:
    """A site with no briefing: every page and file that links may point to exists, and says so."""
    index = build_index(Registries([], [], []), [], ProblemList())
    result = Result(index=index)
    if partial:
        try:
            result.pages = site_files(index)
        except Exception:  # noqa: BLE001 - then the preview shows the error report in the nav pages' place
            pass
    return result


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector, off for the duration.

    The pipeline allocates hundreds of thousands of small objects (models, index
    entries, rendered strings) and keeps nearly all of them until it returns, so the
    collector would walk the growing heap again and again for almost nothing: a
    quarter of the pipeline's time at a thousand briefings. Reference counting still
    frees what is dropped; any cycle is collected once the collector is back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def site_files(index: CorpusIndex, cache: PageCache | None = None, *, later: bool = False) -> Pages:
    """Every generated page and published file by its path in the docs tree, stored compressed (`cache`: a preview's
    unchanged briefing pages are not rendered again; `later`: without the `published_files`)."""
    # Exports first, kept compressed: their transient tables and the pages' rendering do not add up.
    published = Pages() if later else Pages(published_files(index))
    pages = (with_head_data(render_pages(index, cache), index, cache.head, cache.memo.shared) if cache is not None
             else render_pages(index, finish=adding_head_data(index)))  # each page compressed once, head data in it
    pages.absorb(published)
    pages.update(feed_files(index, cache.feeds if cache is not None else None))
    pages[urls.CALENDAR] = (calendar_text(index) if cache is None
                            else cache.made_from("calendar", calendar_sources(index), lambda: calendar_text(index)))
    return pages


def published_files(index: CorpusIndex) -> dict[str, str]:
    """The published data files (CSV and JSON exports, divergence files), all under `exports/` (`is_published_file`)."""
    return {**export_files(index), **divergence_files(index)}


def is_published_file(path: str) -> bool:  # noqa: D103
    return path.startswith(urls.EXPORTS_DIR + "/")


def render_pages(index: CorpusIndex, cache: PageCache | None = None, finish: Callable[[str, str], str] | None = None) -> Pages:
    """Every generated page, keyed by its path in the docs tree, in a stable order (`render_site`)."""
    return render_site(index, cache, finish=finish)


def input_fingerprint(project: Project) -> tuple:
    """What the inputs are right now: every briefing and registry file with a hash of its bytes, and
    the entries of the briefings folder the loader skips with a warning (found by the loader's own finder).

    The bytes, not the modification time and size: tools that keep times (`cp -p`, `rsync -t`, unzip) or two same-size
    saves within one clock tick would leave a stale page (hashing 1,000 briefings, 5 MB, takes 40 ms). Links and other
    non-regular files are never opened (a FIFO would block): the loader refuses them; name and status show them."""
    files, skipped = scan_briefing_folder(project.briefings_dir)
    return (*((str(p), _digest(p)) for p in [*files, *project.registry_files]),
            *((str(p), _stat(p)) for p in skipped))


_cache: dict[tuple, Result] = {}
_shown_instead: list[Result] = []


@contextmanager
def showing(result: Result) -> Iterator[None]:
    """While it lasts, `cached_build` returns `result`: what a preview shows when the site could not be built."""
    _shown_instead.append(result)
    try:
        yield
    finally:
        _shown_instead.pop()


def failed_build(project: Project, failure: str) -> Result:
    """A site with no briefing, whose only error is `failure`."""
    result = _empty_result(partial=True)
    result.problems = ProblemList([crash_problem(project.shown(project.briefings_dir), failure, known=False)])
    return result


_memo: dict = {}  # a live preview's briefings as last loaded, by file text (`load_briefings`)
_pages = PageCache()  # a live preview's briefing pages as last rendered


def cached_build(project: Project, *, live: bool = False, later: bool = False) -> Result:
    """A partial `build`, reused while no input file has changed: one MkDocs build asks for it
    from the plugin and from the home page's macros, and `mkdocs serve` rebuilds on any change
    in docs/. `live` (a preview) keeps each file's loaded briefing for the next build, which then
    reads only the files that changed and renders again only the briefing pages whose inputs changed.
    `later` (a preview's rebuild) leaves the published data files out of the pages: `Result.later` makes them.
    Callers that publish must refuse a result that is not `ok`."""
    if _shown_instead:
        return _shown_instead[-1]
    with read_once() if live else nullcontext():  # a preview's briefings read once, for the fingerprint and the loader
        key = (project, input_fingerprint(project), later and live)
        if key not in _cache:
            _cache.clear()
            if not live:
                _memo.clear()
                _pages.clear()
            _cache[key] = (build(project, partial=True, memo=_memo, cache=_pages, later=key[2]) if live
                           else made_apart(published_build, project) or published_build(project))
    return _cache[key]


def published_build(project: Project) -> Result:
    """A partial `build` without its index, but with the macros' `facts`: `cached_build` runs it in a child
    process (`made_apart`), whose memory is all given back."""
    with collector_paused():  # what `build` made lives until the index is dropped: the collector would walk it
        result = build(project, partial=True)
        result.facts, result.index = home_facts(result.index), None
    return result


def forget() -> None:
    """Drop the cached result: a published build needs its index no more once every page is read."""
    _cache.clear()
    _memo.clear()
    _pages.clear()
