"""`check --sources`: the closest-passage search is bounded, and links in the folder are not followed.

Correctness only: how long the search takes is the bench's business, not a timed test's. What
is checked is what bounds its cost: the part of a field compared with the article, the number of
searches per briefing, the size of an article read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from generator.cli import main
from generator.corpus import verbatim
from generator.corpus.verbatim import (MAX_ARTICLE_BYTES, SUGGESTION_CHARS, SUGGESTIONS_PER_BRIEFING, closest_passage,
                                       describe_miss)

SECRET = "root:x:0:0:FAKE-SECRET-not-a-token-0123"
WORDS = "la guerre et la paix au sommet de Genève avec la Russie et l’Ukraine".split()


def article_of(n_words: int, seed: int = 1) -> str:
    import random

    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n_words))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(CORPUS / "content", root / "content")
    (root / "briefings").mkdir()
    (root / "sources").mkdir()
    return root


def briefing(root: Path, quotes: list[str], text_file: str = "art.txt") -> None:
    items = "".join(f'- speaker: Donald Trump\n  text: "{q}"\n' for q in quotes)
    (root / "briefings" / "2025-10-01-verb.yaml").write_text(
        "title: T\nsummary: S\nsource:\n  outlet: O\n  published: 2025-10-01\n  genre: news\n"
        f"  text_file: {text_file}\nquotes:\n{items}", encoding="utf-8")


def check_sources(root: Path):
    return CliRunner().invoke(main, ["--root", str(root), "check", "--sources", str(root / "sources")])


def test_a_link_in_the_sources_folder_is_not_followed(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    (root / "sources" / "art.txt").symlink_to(secret)
    briefing(root, ["root:x:0:0:" + "z" * 300])
    result = check_sources(root)
    assert "source.text_file: warning: 'art.txt' in " in result.output
    assert "is a symbolic link: it is not read" in result.output
    assert "FAKE-SECRET" not in result.output
    assert "closest passage" not in result.output


def test_the_search_compares_only_the_start_of_a_field(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = verbatim._longest_shared_run

    def recording(probe: str, article: str) -> tuple[int, int, int]:
        seen.append(len(probe))
        return real(probe, article)

    monkeypatch.setattr(verbatim, "_longest_shared_run", recording)
    article = article_of(3000)
    typo_far = article[1000:6000]
    typo_far = typo_far[:3000] + "X" + typo_far[3001:]
    message, hint = describe_miss(typo_far, article)
    # Aligned on its start, the first difference is still found far into the field.
    assert "character 3001 differs: the briefing has 'X'" in hint
    assert message.endswith("…»") and len(message) < 400
    typo_first = "X" + article[1001:6000]  # no start of it is in the article: the longest shared run is searched
    message, hint = describe_miss(typo_first, article)
    assert "character 1 differs: the briefing has 'X'" in hint
    assert seen and max(seen) <= SUGGESTION_CHARS


def test_closest_passage_is_as_long_as_the_field_and_found_by_its_start() -> None:
    article = article_of(2000, seed=3)
    needle = "Y" + article[500:1500]
    passage = closest_passage(needle, article)
    assert len(passage) == len(needle)
    assert passage[1:] == article[500:1500]


def test_only_the_first_misses_of_a_briefing_get_a_closest_passage(root: Path) -> None:
    article = article_of(400)
    (root / "sources" / "art.txt").write_text(article, encoding="utf-8")
    misses = SUGGESTIONS_PER_BRIEFING + 3
    briefing(root, [article[i * 10:i * 10 + 40] + f" zz{i}" for i in range(misses)])
    result = check_sources(root)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "not found in the article" in line]
    assert len(lines) == misses
    assert sum("closest passage" in line for line in lines) == SUGGESTIONS_PER_BRIEFING
    assert all("closest passage" in line for line in lines[:SUGGESTIONS_PER_BRIEFING])


def test_an_article_over_the_limit_is_not_read(root: Path) -> None:
    (root / "sources" / "art.txt").write_bytes(b"a " * (MAX_ARTICLE_BYTES // 2 + 1))
    briefing(root, ["mot absent"])
    result = check_sources(root)
    assert "is over 2,097,152 bytes: not checked" in result.output
    assert "not found in the article" not in result.output
