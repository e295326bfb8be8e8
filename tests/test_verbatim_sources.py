"""`briefings check --sources DIR`: verbatim fields against the article texts, on texts written for the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.corpus.verbatim import closest_passage, describe_miss, normalise

CORPUS = Path(__file__).parent / "data" / "corpus"


def corpus_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


def run_check(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "check", "--sources", str(root / "articles"), *args])


def test_exact_quotes_and_evidence_pass(tmp_path: Path) -> None:
    result = run_check(corpus_copy(tmp_path))
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_a_straight_apostrophe_is_reported_with_the_closest_passage(tmp_path: Path) -> None:
    root = corpus_copy(tmp_path)
    path = root / "briefings" / "2025-10-22-analyse-budapest.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("j’ai une bonne", "j'ai une bonne"), encoding="utf-8")
    result = run_check(root)
    assert result.exit_code == 1
    assert ("briefings/2025-10-22-analyse-budapest.yaml:62:11: quotes[0].text: not found in the article; closest "
            "passage: «Chaque fois que je parle à Vladimir, j’ai une bonne conversation… puis rien» (character 39 "
            "differs: the briefing has ''' (U+0027 APOSTROPHE), the article has '’' (U+2019 RIGHT SINGLE "
            "QUOTATION MARK))") in result.output


def test_whitespace_runs_may_differ_but_a_word_may_not(tmp_path: Path) -> None:
    root = corpus_copy(tmp_path)
    path = root / "briefings" / "2025-08-16-quotidien-anchorage.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("très productive", "très   productive"), encoding="utf-8")
    assert run_check(root).exit_code == 0
    path.write_text(text.replace("très productive", "très fructueuse"), encoding="utf-8")
    result = run_check(root)
    assert result.exit_code == 1
    assert "quotes[0].text: not found in the article" in result.output


def test_a_missing_article_file_is_a_warning_naming_the_folder(tmp_path: Path) -> None:
    root = corpus_copy(tmp_path)
    (root / "articles" / "beta.txt").unlink()
    result = run_check(root)
    assert result.exit_code == 0
    assert "source.text_file: warning: 'beta.txt' is not in" in result.output


def test_a_non_breaking_space_is_not_an_ordinary_space() -> None:
    article = normalise("Il a dit\u00a0: « oui ».")
    assert "dit\u00a0:" in article
    message, hint = describe_miss("Il a dit :", article)
    assert "closest passage" in message
    assert "U+0020 SPACE" in hint and "U+00A0 NO-BREAK SPACE" in hint


def test_closest_passage_aligns_on_the_longest_common_run() -> None:
    article = "Le sommet s’est tenu à Anchorage le 15 août, sans accord."
    assert closest_passage("s'est tenu à Anchorage", article) == "s’est tenu à Anchorage"
