"""What one file can cost the index: fuzzy suggestions and unregistered names are bounded.

The work is counted (difflib comparisons, pages made), never timed.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

from conftest import make_project
from generator.corpus.index import UNREGISTERED_PAGES_PER_BRIEFING
from generator.corpus.suggest import CANDIDATE_LIMIT, SUGGESTION_LIMIT, Suggester
from generator.pipeline import Project, build, check

HEADER = {"title": "T", "summary": "S", "source": {"outlet": "O", "published": "2025-10-01", "genre": "news"}}
# One budget per list of known values: actors, parties, topics, events, and the parties the registry names.
BOUND = 5 * SUGGESTION_LIMIT * CANDIDATE_LIMIT


class Counting(difflib.SequenceMatcher):
    """difflib's matcher, counting the comparisons `get_close_matches` makes."""

    compared = 0

    def real_quick_ratio(self) -> float:  # the first test, made once per candidate
        Counting.compared += 1
        return super().real_quick_ratio()


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch):
    Counting.compared = 0
    monkeypatch.setattr(difflib, "SequenceMatcher", Counting)
    return Counting


def write(project: Path, name: str, data: dict) -> None:
    (project / "briefings" / f"{name}.yaml").write_text(yaml.safe_dump({**HEADER, **data}, allow_unicode=True,
                                                                       sort_keys=False), encoding="utf-8")


def test_unknown_related_ids_cost_a_bounded_number_of_comparisons(tmp_path: Path, comparisons) -> None:
    project = make_project(tmp_path / "p")
    n = 1500
    write(project, "2025-10-01-related", {"events": [
        {"id": f"evenement-numero-{i}", "kind": "call", "title": "t", "related": [f"evenement-inconnu-{i}-0"]}
        for i in range(n)]})
    _, problems = check(Project.at(project))
    unknown = [p for p in problems.warnings if "no briefing describes" in p.message]
    assert len(unknown) == n
    assert 0 < comparisons.compared <= BOUND  # unbounded, it was n × n = 2,250,000
    hinted = [p for p in unknown if p.hint.startswith("did you mean")]
    assert 0 < len(hinted) <= SUGGESTION_LIMIT
    assert all(p.hint == "use the id of an event listed in some briefing" for p in unknown if p not in hinted)


def test_unknown_names_cost_a_bounded_number_of_comparisons(tmp_path: Path, comparisons) -> None:
    project = make_project(tmp_path / "p")
    registry = project / "content" / "actors.yaml"
    extra = "".join(f"- {{id: personne-{i}, name: Personne Numero {i}, aliases: [P. Numero {i}, Numero {i}]}}\n"
                    for i in range(2000))
    registry.write_text(registry.read_text(encoding="utf-8") + extra, encoding="utf-8")
    write(project, "2025-10-01-unk", {"actors": [f"Personne Numéro {i}x" for i in range(400)]})
    _, problems = check(Project.at(project))
    unknown = [p for p in problems.warnings if "is not in" in p.message and p.path.endswith("-unk.yaml")]
    assert len(unknown) == 400 and comparisons.compared <= BOUND  # unbounded, it was 400 × 6,000 spellings
    assert [p.hint for p in unknown[:2]] == ["did you mean 'Personne Numero 0'?", "did you mean 'Personne Numero 1'?"]


def test_one_unknown_value_is_looked_up_once(comparisons) -> None:
    known = Suggester([f"evenement-{i}" for i in range(1000)], cutoff=0.6)
    first = known.closest("evenement-12x")
    assert first is not None and first.startswith("evenement-12")
    after_one = comparisons.compared
    for _ in range(1000):
        assert known.closest("evenement-12x") == first
    assert 0 < after_one <= CANDIDATE_LIMIT and comparisons.compared == after_one


def test_suggestions_stop_after_the_limit_and_small_lists_are_compared_whole(comparisons) -> None:
    known = Suggester(["russia", "ukraine", "united-states"], cutoff=0.6, limit=2)
    assert known.closest("rusia") == "russia" and known.closest("ukrane") == "ukraine"
    assert known.closest("united-state") is None  # the budget is spent: the plain hint follows
    assert comparisons.compared == 6


def test_the_candidate_filter_keeps_the_close_values() -> None:
    names = [f"{first} {last}" for first in ("anne", "jean", "marie", "paul", "luc") for last in
             ("martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand")]
    known = Suggester(names, cutoff=0.75)
    for name in names:
        typo = name[:-1] + ("x" if name[-1] != "x" else "y")
        assert known.closest(typo) == name, typo


# --- unregistered names -------------------------------------------------------------------------

def test_a_briefing_gives_pages_to_a_bounded_number_of_unregistered_names(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    cap = UNREGISTERED_PAGES_PER_BRIEFING
    names = [f"Nom Inconnu Personne {i}" for i in range(cap + 30)]
    write(project, "2025-10-01-unk", {"actors": names})
    write(project, "2025-10-02-autre", {"actors": [names[-1]]})  # within that briefing's own limit
    result = build(Project.at(project))
    assert result.ok, result.problems.render()
    pages = [p for p in result.pages if p.startswith("acteurs/nom-inconnu")]
    assert len(pages) == cap + 1 and "acteurs/nom-inconnu-personne-79.md" in pages
    overflow = [p for p in result.problems.warnings if "without a page" in p.message]
    assert len(overflow) == 1 and overflow[0].key_path == f"actors[{cap}].name" and overflow[0].line > 0
    briefing = result.pages["briefings/2025-10-01-unk.md"]
    for i, name in enumerate(names):  # every name is on the briefing page, linked only when it has a page
        linked = f"[{name}](../acteurs/nom-inconnu-personne-{i}.md)" in briefing
        assert linked == (i < cap or i == len(names) - 1), name
        assert re.search(rf"^- {re.escape(name)}$", briefing, re.M) or linked, name
    assert_links_resolve(result.pages)


def assert_links_resolve(pages: dict[str, str]) -> None:
    """Every link between generated pages points at a generated page (or a hand-written one)."""
    for page, text in pages.items():
        if not page.endswith(".md"):
            continue
        for target in re.findall(r"\]\(((?:\.\./)*acteurs/[^)#]+\.md)", text):
            resolved = (Path(page).parent / target).as_posix()
            while "/../" in resolved or resolved.startswith("../"):
                resolved = re.sub(r"[^/]+/\.\./", "", resolved, count=1)
            assert resolved in pages, f"{page} links to {target}, which is not a page"
