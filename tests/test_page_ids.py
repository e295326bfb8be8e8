"""No page holds one id twice, and no event is listed twice on a page, whatever `related` says.

The trap corpus: a summit related to itself, an event related twice to one summit and told by two
briefings, party and topic ids whose hyphens line up (`a-b` + `c`, `a` + `b-c`), names in other
scripts, and more unregistered names than get a page. Checked on the generated Markdown of every
page, then once through a real strict `mkdocs build` and the project's HTML lint.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from conftest import make_project, mkdocs_build
from generator.corpus.index import UNREGISTERED_PAGES_PER_BRIEFING
from generator.pipeline import Project, build
from htmllint import lint_site

HEADER = {"summary": "S", "source": {"outlet": "O", "published": "2025-10-01", "genre": "news"}}
EXPLICIT_ID = re.compile(r"\{#([^}\s]+)\}")


def add(project: Path, registry: str, *entries: dict) -> None:
    path = project / "content" / f"{registry}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) + list(entries)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write(project: Path, name: str, **fields) -> None:
    text = yaml.safe_dump({"title": name, **HEADER, **fields}, allow_unicode=True, sort_keys=False)
    (project / "briefings" / f"{name}.yaml").write_text(text, encoding="utf-8")


def trap_project(dest: Path) -> Path:
    project = make_project(dest)
    add(project, "parties", {"id": "a-b", "name": "AB"}, {"id": "a", "name": "A"})
    add(project, "topics", {"id": "c", "name": "C"}, {"id": "b-c", "name": "BC"})
    summit = {"id": "sommet-boucle", "kind": "summit", "title": "Sommet en boucle", "date": "2025-10-01",
              "related": ["sommet-boucle"]}
    call = {"id": "appel", "kind": "call", "title": "Appel", "date": "2025-09-30",
            "related": ["sommet-boucle", "sommet-boucle"], "participants": ["Владимир Путин", "习近平"]}
    write(project, "2025-10-01-boucle", events=[summit, call],
          demands=[{"party": "a-b", "topic": "c", "text": "Un."}, {"party": "a", "topic": "b-c", "text": "Deux."}],
          actors=[f"Inconnu {i}" for i in range(UNREGISTERED_PAGES_PER_BRIEFING + 5)])
    write(project, "2025-10-02-appel", events=[{**call, "participants": ["Зеленський"]}])
    return project


def test_an_event_related_to_itself_is_a_warning_and_listed_once(tmp_path: Path) -> None:
    result = build(Project.at(trap_project(tmp_path / "p")))
    assert result.ok, result.problems.render()
    warned = [(p.path, p.key_path) for p in result.problems.warnings if "related to itself" in p.message]
    assert warned == [("briefings/2025-10-01-boucle.yaml", "events[0].related[0]")]
    history = result.pages["sommets/sommet-boucle.md"].split("## Histoire", 1)[1]
    assert [h.split(" {#")[1] for h in re.findall(r"^### .*$", history, re.M)] == ["ev-appel}", "ev-sommet-boucle}"]


def test_no_generated_page_declares_an_id_twice(tmp_path: Path) -> None:
    result = build(Project.at(trap_project(tmp_path / "p")))
    assert result.ok, result.problems.render()
    for path, text in result.pages.items():
        if path.endswith(".md"):
            twice = [i for i, n in Counter(EXPLICIT_ID.findall(text)).items() if n > 1]
            assert twice == [], f"{path}: {twice}"


def test_the_trap_corpus_builds_strictly_with_a_clean_lint(tmp_path: Path) -> None:
    project = trap_project(tmp_path / "p")
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.output
    assert lint_site(built.site) == []
