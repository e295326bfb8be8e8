"""A published build drops its index (every briefing as objects) before MkDocs renders any page, and makes
it in a child process whose memory is all given back (pipeline.published_build, page_store.made_apart): the
hand-written pages' macros read a small summary instead (site/home_facts.py), and show what they showed
when they read the index. A preview keeps its index for its next, incremental build."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import DATA, make_project
from generator import macros, pipeline
from generator.pipeline import Project, cached_build
from generator.plugin import StoredPage
from generator.site import page_store
from generator.site.page_store import Pages, made_apart

# What every macro gave, with and without arguments, on pages at three depths, when they read the index
# (made with the code before the summary, for the test corpus).
EXPECTED = json.loads((DATA / "home_macros.json").read_text(encoding="utf-8"))
CALLS = sorted({key.split(" ", 1)[1] for key in EXPECTED})
PAGES = sorted({key.split(" ", 1)[0] for key in EXPECTED})


def macro_outputs(project: Path) -> dict[str, str]:
    out = {}
    for page in PAGES:
        env = SimpleNamespace(conf={"plugins": {}, "config_file_path": str(project / "mkdocs.yml"),
                                    "docs_dir": str(project / "docs")}, functions={},
                              page=SimpleNamespace(file=SimpleNamespace(src_uri=page)))
        env.macro = lambda f, env=env: env.functions.setdefault(f.__name__, f)
        macros.define_env(env)
        for call in CALLS:
            out[f"{page} {call}"] = eval(call, {}, dict(env.functions))  # noqa: S307 - our own list of calls
    return out


@pytest.fixture
def project(tmp_path: Path):
    pipeline.forget()
    yield make_project(tmp_path / "project")
    pipeline.forget()


def test_the_macros_show_what_they_showed_from_the_index(project: Path) -> None:
    assert all(EXPECTED.values()) and any("Dernier sommet tenu : [" in v for v in EXPECTED.values())
    assert macro_outputs(project) == EXPECTED


@pytest.mark.parametrize("apart", [True, False], ids=["child process", "where none can be forked"])
def test_a_published_build_has_no_index_and_its_macros_need_none(project: Path, apart: bool,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if not apart:
        monkeypatch.setattr(pipeline, "made_apart", lambda make, *args: None)
    result = cached_build(Project.at(project))
    assert result.index is None and result.ok and result.facts is not None
    assert type(result.facts.figures) is tuple  # formatted: nothing holds the index's entries
    assert all(result.pages[page] for page in result.edit_paths)  # every briefing's page came back
    assert macro_outputs(project) == EXPECTED  # from the result above: cached, its index already gone
    assert cached_build(Project.at(project)) is result
    with pytest.raises(AssertionError, match="dropped its index"):
        pipeline.Result(pages=result.pages).home_facts()  # no index, no summary: nothing to fall back on


def test_a_preview_keeps_its_index(project: Path) -> None:
    result = cached_build(Project.at(project), live=True)
    assert result.index is not None and result.facts is None
    assert result.home_facts() == cached_build(Project.at(project)).facts


def test_a_preview_formats_only_the_figure_lines_its_macros_read(project: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site import home_facts

    made = []
    monkeypatch.setattr(home_facts, "_figure_line", lambda e, line=home_facts._figure_line: made.append(e) or line(e))
    result = cached_build(Project.at(project), live=True)
    facts = result.home_facts()
    count = len(facts.figures)
    assert count >= 2 and made == []
    first = facts.figures[:1]
    assert len(made) == 1 and facts.figures[:1] == first and len(made) == 1  # made once, kept
    eager = home_facts.home_facts(result.index)
    assert len(made) == 1 + count  # eager: every line at once
    assert type(eager.figures) is tuple and eager == facts and len(made) == 2 * count  # the rest made to compare
    assert pickle.loads(pickle.dumps(facts)).figures == eager.figures  # a child process sends them whole


def test_made_apart_returns_what_the_child_made() -> None:
    pages = Pages({"a.md": "« Élysée » 🇫🇷", "exports/x.csv": "a,b\n"})
    back = made_apart(lambda: (os.getpid(), pages))
    assert back is not None
    child, received = back
    assert child != os.getpid() and dict(received) == dict(pages)


def test_made_apart_gives_up_when_the_child_fails() -> None:
    def failing() -> None:
        raise ValueError("boom")

    assert made_apart(failing) is None
    assert made_apart(lambda: None) is None  # nothing to send back: the caller makes it itself


def test_a_published_page_is_read_once_and_a_data_file_written_whole(tmp_path: Path) -> None:
    config = SimpleNamespace(site_dir=str(tmp_path), use_directory_urls=True,
                             plugins=SimpleNamespace(_current_plugin="briefings"))
    text = "« ligne », l’accord\n" * 200_000
    page = StoredPage.generated(config, "p.md", content=page_store.compress(text))  # type: ignore[arg-type]
    page.once = True
    assert page.content_string == text
    assert page.is_modified()  # still a generated file: MkDocs never looks for it on disk
    with pytest.raises(page_store.NotStored):  # nothing left to read
        page.content_string  # noqa: B018
    data = StoredPage.generated(config, "exports/d.csv", content=page_store.compress(text))  # type: ignore[arg-type]
    data.copy_file()
    assert (tmp_path / "exports" / "d.csv").read_bytes() == text.encode("utf-8")


def test_a_published_build_hands_its_texts_over_to_mkdocs_files(project: Path) -> None:
    """Once `on_files` has run, the result cached for the macros keeps no page: each compressed text is held by
    its MkDocs file alone, and freed as soon as MkDocs has read it (not at the end of the build)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["briefings"]
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    result = cached_build(Project.at(project))
    assert result is plugin.result and len(result.pages) == 0 and result.facts is not None
    stored = [f for f in files if isinstance(f, StoredPage)]
    assert len([f for f in stored if f.src_uri.endswith(".md")]) > 20
    first = next(f for f in stored if f.src_uri.endswith(".md"))
    assert first.content_string.startswith("---")
    with pytest.raises(page_store.NotStored):  # read once: nothing else holds it
        first.content_string  # noqa: B018
    import gc
    gc.unfreeze()  # on_files froze what it made; the build's end would unfreeze it
