"""build(): load → index → render. Returns pages and problems; knows nothing of MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import urls
from .index import CorpusIndex, build_index
from .loader import load_briefings, load_registries
from .problems import ProblemList
from .verbatim import verify_sources
from .pages import render_site


@dataclass(frozen=True)
class Project:
    """Where the inputs live. `root` is only used to show short paths in problems."""

    root: Path
    briefings_dir: Path
    content_dir: Path

    @classmethod
    def at(cls, root: Path, briefings: str = "briefings", content: str = "content") -> "Project":
        root = root.resolve()
        return cls(root, root / briefings, root / content)


@dataclass
class Result:
    pages: dict[str, str] = field(default_factory=dict)
    problems: ProblemList = field(default_factory=ProblemList)
    index: CorpusIndex | None = None
    sources: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def check(project: Project, sources: Path | None = None) -> tuple[CorpusIndex, ProblemList]:
    """Load and index everything; every problem of every file is collected.

    With `sources`, verbatim fields are also checked against the article texts there.
    """
    problems = ProblemList()
    registries = load_registries(project.content_dir, project.root, problems)
    located = load_briefings(project.briefings_dir, project.root, problems)
    index = build_index(registries, located, problems)
    if sources is not None:
        verify_sources(located, sources, problems)
    return index, problems.sorted()


def build(project: Project) -> Result:
    index, problems = check(project)
    result = Result(problems=problems, index=index)
    if problems.errors:
        return result
    result.pages = render_pages(index)
    result.sources = {urls.briefing_page(b_id): project.root / path for b_id, path in index.sources_of.items()}
    return result


def render_pages(index: CorpusIndex) -> dict[str, str]:
    """Every generated page, keyed by its path in the docs tree, in a stable order."""
    return render_site(index)
