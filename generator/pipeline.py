"""build(): load → index → render. Returns pages and problems; knows nothing of MkDocs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .corpus.index import CorpusIndex, build_index
from .corpus.notes import editorial_notes
from .corpus.verbatim import verify_against_articles
from .project import Project
from .reading.files import scan_briefing_folder
from .reading.loader import load_briefings, load_registries
from .reading.problems import Problem, ProblemList, Severity
from .site import urls
from .site.export import export_files
from .site.views import render_site

__all__ = ["Project", "Result", "build", "cached_build", "check"]


@dataclass
class Result:
    pages: dict[str, str] = field(default_factory=dict)
    problems: ProblemList = field(default_factory=ProblemList)
    index: CorpusIndex | None = None
    edit_paths: dict[str, Path] = field(default_factory=dict)  # generated page → the YAML file its edit link opens

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def check(project: Project, articles: Path | None = None) -> tuple[CorpusIndex, ProblemList]:
    """Load and index everything; every problem of every file is collected.

    With `articles` (a folder of article texts), verbatim fields are also checked against the article texts there.
    """
    problems = ProblemList()
    if not project.briefings_dir.is_dir():
        problems.append(Problem(project.shown(project.briefings_dir), 0, 0, "", "the briefings folder does not "
                                "exist, so the site has no briefing", "create it, or correct `briefings_dir` in "
                                "mkdocs.yml", Severity.WARNING))
    registries = load_registries(project.content_dir, project.root, problems)
    located = load_briefings(project.briefings_dir, project.root, problems)
    index = build_index(registries, located, problems)
    problems.extend(editorial_notes(located, index))
    if articles is not None:
        verify_against_articles(located, articles, problems)
    return index, problems.sorted()


def build(project: Project, *, partial: bool = False) -> Result:
    """Check, index and render.

    With errors, no page is rendered — unless `partial`: then the pages are
    rendered from every file that could be read, so a live preview keeps
    working while one file is being fixed. A published build never uses it.
    """
    with collector_paused():
        index, problems = check(project)
        result = Result(problems=problems, index=index)
        if problems.errors and not partial:
            return result
        result.pages = {**render_pages(index), **export_files(index)}
        result.edit_paths = {urls.briefing_page(b_id): project.root / path for b_id, path in index.file_of.items()}
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


def render_pages(index: CorpusIndex) -> dict[str, str]:
    """Every generated page, keyed by its path in the docs tree, in a stable order."""
    return render_site(index)


def input_fingerprint(project: Project) -> tuple:
    """What the inputs are right now: every briefing and registry file with its size and mtime, and the
    entries of the briefings folder the loader skips with a warning (found by the loader's own finder)."""
    files = [*sum(scan_briefing_folder(project.briefings_dir), []), *project.registry_files]
    return tuple((str(p), *_stat(p)) for p in files)


_cache: dict[tuple, Result] = {}


def cached_build(project: Project) -> Result:
    """A partial `build`, reused while no input file has changed: one MkDocs build asks for it
    from the plugin and from the home page's macros, and `mkdocs serve` rebuilds on any change
    in docs/. Callers that publish must refuse a result that is not `ok`."""
    key = (project, input_fingerprint(project))
    if key not in _cache:
        _cache.clear()
        _cache[key] = build(project, partial=True)
    return _cache[key]


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)
