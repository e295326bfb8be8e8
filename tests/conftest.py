"""Shared fixtures: a throw-away project built from the test corpus, and a real `mkdocs build`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "corpus"


def make_project(dest: Path, corpus: Path = CORPUS) -> Path:
    """A project folder with the real mkdocs.yml and docs/, and the given corpus's briefings and registries."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(corpus / "content", dest / "content")
    shutil.copytree(corpus / "briefings", dest / "briefings")
    return dest


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def mkdocs_build(project: Path, site: Path | None = None, *extra: str, markdown_check: bool = True) -> Build:
    """A real `mkdocs build` in a subprocess, strict as mkdocs.yml says.

    Every site it builds is checked for Markdown shown as text (a table row, `**`, a link, an
    admonition, a heading or list marker that failed to render). Only a corpus whose briefings write
    such text on purpose (the hostile one) turns this off, and checks with its values taken out."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *extra],
        cwd=project, capture_output=True, text=True, env=env, timeout=300,
    )
    build = Build(proc.returncode, proc.stdout + proc.stderr, site)
    if markdown_check and build.returncode == 0:
        assert markdown_shown_as_text(site) == []
    return build


def markdown_shown_as_text(site: Path) -> list[str]:
    from bs4 import BeautifulSoup

    from htmllint import raw_markdown

    found = []
    for page in sorted(site.rglob("*.html")):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("div.md-content")
        if article is not None:
            found += [f"{page.relative_to(site).as_posix()}: {f}" for f in raw_markdown(article)]
    return found


@pytest.fixture(autouse=True)
def signals_given_back():
    """A test that starts the plugin without shutting it down (`on_startup` alone) leaves no handler of its own for
    SIGTERM and SIGHUP in the test run (generator/stopping.py)."""
    yield
    from generator import stopping

    stopping.restore()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The test corpus built once for every test that only reads the result."""
    base = tmp_path_factory.mktemp("corpus-site")
    return built_site(make_project(base / "project"), base / "site")


@pytest.fixture(scope="session")
def overridden_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The test corpus with a theme `custom_dir` of its own (a footer partial), built once."""
    base = tmp_path_factory.mktemp("overridden-site")
    root = make_project(base / "project")
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "partials" / "copyright.html").write_text("<p>Pied de page maison</p>", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return built_site(root, base / "site")


def built_site(project: Path, site: Path) -> Build:
    """A strict build of `project` into `site` that must succeed: the fixtures that only read a built site."""
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.output
    return build
