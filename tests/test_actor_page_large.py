"""An actor named by many briefings keeps one readable page whose size does not grow with the corpus."""

from __future__ import annotations

import re
from pathlib import Path

from bench.corpus import write_corpus
from generator.site.actor_listings import ACTOR_LIST_LIMIT
from generator.pipeline import Project, build


def _top_actor_page(root: Path, n: int) -> tuple[str, int, int]:
    write_corpus(root, n, seed=3)
    result = build(Project.at(root))
    assert result.ok, result.problems.errors_render()
    index = result.index
    top = max(index.mentions, key=lambda a: len(index.mentions[a]))
    return result.pages[f"acteurs/{top}.md"], len(index.mentions[top]), len(index.quotes_by_speaker.get(top, []))


def test_a_busy_actor_shows_the_latest_entries_and_counts_the_rest(tmp_path: Path) -> None:
    page, mentions, quotes = _top_actor_page(tmp_path, 60)
    assert mentions > ACTOR_LIST_LIMIT and quotes > ACTOR_LIST_LIMIT
    roles = page.split("## Rôles selon les sources")[1].split("\n## ")[0]
    role_lines = re.findall(r"^- .* — \[.*\]\(\.\./briefings/", roles, flags=re.M)
    assert len(role_lines) == ACTOR_LIST_LIMIT
    assert page.count("\n> — ") == ACTOR_LIST_LIMIT
    assert f"{mentions} briefings le mentionnent" in page
    assert f"… et {mentions - ACTOR_LIST_LIMIT} autres briefings" in page
    assert re.search(r"\]\(\.\./citations(\.md|/[^)#]+\.md)#orateur-", page)  # the quotes page, or its speaker slice
    assert "## Mois par mois" in page
    # Every mention is counted in the month table.
    counted = sum(int(row.split("|")[2]) for row in re.findall(r"^\| [^|-][^|]* \| \d+ \| \d+ \| \d+ \|$", page, flags=re.M))
    assert counted == mentions


def test_the_busy_actor_page_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    small, *_ = _top_actor_page(tmp_path / "small", 60)
    large, *_ = _top_actor_page(tmp_path / "large", 240)
    assert len(large) < 1.5 * len(small)
