"""`briefings draft` writes format v2: vague quantities stay words, the basis a passage suggests is proposed
with a TODO, `date_text` is the article's words alone and what the analyst deduces goes to date_basis/date_note.
The article is invented for the test."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.authoring.draft import draft_article, render_draft
from generator.cli import main
from generator.reading.dates import PartialDate
from generator.reading.loader import load_briefing_text
from generator.reading.models import Briefing

ARTICLE = """\
12 mars 2026
« Le pont d’abord »
Le 10 mars, la présidente Anna Berecz a reçu le ministre Tomas Ruvik pour quatre heures d’entretiens.
Le lendemain, des centaines de commerçants ont manifesté devant le palais.
Selon des diplomates, Ruvik aurait proposé un péage commun le 11 mars.
Pour Lunel, le pont est une affaire de prestige depuis le 15 août 2025, et près de 2 300 camions attendent.
« Nous voulons rouvrir le pont », aurait déclaré Berecz le 9 mars.
« Le dialogue reprend », a dit Ruvik le 10 mars.
"""


@pytest.fixture(scope="module")
def drafted() -> tuple[str, Briefing]:
    found = draft_article(ARTICLE, {"Berecz": "anna-berecz", "Ruvik": "tomas-ruvik"},
                          {"anna-berecz": "Anna Berecz", "tomas-ruvik": "Tomas Ruvik"})
    text = render_draft(found, article_name="pont.txt", schema_ref="schema.json", briefing_id="pont")
    briefing, problems = load_briefing_text(text, "pont.yaml", "pont.yaml")
    assert not problems.errors, problems.errors_render()
    assert briefing is not None
    return text, briefing


def event_with(briefing: Briefing, words: str):
    return next(e for e in briefing.events if e.date_text == words)


def test_a_vague_quantity_is_a_figure_without_a_number(drafted: tuple[str, Briefing]) -> None:
    _, briefing = drafted
    vague = [f for f in briefing.figures if f.amount_text]
    assert [(f.value, f.amount_text, f.magnitude) for f in vague] == [(None, "des centaines", 100)]
    assert vague[0].amount_text in ARTICLE and vague[0].evidence in ARTICLE
    assert {f.value for f in briefing.figures} == {None, 4, 2300}


def test_date_text_is_the_article_s_words_and_the_deduction_goes_to_date_basis(drafted: tuple[str, Briefing]) -> None:
    _, briefing = drafted
    assert all(e.date_text in ARTICLE for e in briefing.events if e.date_text)
    first = event_with(briefing, "Le 10 mars")
    assert (first.date, first.date_basis) == (PartialDate(2026, 3, 10), "inferred")
    assert "publication" in (first.date_note or "")
    next_day = event_with(briefing, "Le lendemain")
    assert (next_day.date, next_day.date_basis) == (PartialDate(2026, 3, 11), "inferred")
    with_year = event_with(briefing, "depuis le 15 août 2025")
    assert (with_year.date_basis, with_year.date_note) == ("stated", None)


def test_the_conditional_and_the_author_s_reading_become_a_basis_to_check(drafted: tuple[str, Briefing]) -> None:
    text, briefing = drafted
    assert event_with(briefing, "le 11 mars").basis == "conditional"
    assert event_with(briefing, "depuis le 15 août 2025").basis == "author"
    assert event_with(briefing, "Le 10 mars").basis == "on-record"
    assert "basis: conditional  # TODO: « aurait » dans le passage" in text
    assert "basis: author  # TODO: « Pour Lunel, » dans le passage" in text
    quotes = {q.text: q for q in briefing.quotes}
    assert quotes["Nous voulons rouvrir le pont"].basis == "conditional"
    assert quotes["Le dialogue reprend"].basis == "on-record"
    assert quotes["Le dialogue reprend"].date_basis == "inferred"


def test_an_intertitle_in_guillemets_is_marked_as_one(drafted: tuple[str, Briefing]) -> None:
    text, _ = drafted
    assert "text: Le pont d’abord  # TODO: toute une ligne sans point final : un intertitre" in text


def test_the_draft_passes_the_grounding_checks(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(Path(__file__).parent / "data" / "grounding" / "content", root / "content")
    (root / "briefings").mkdir()
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "pont.txt").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    out = root / "briefings" / "2026-03-12-pont.yaml"
    assert runner.invoke(main, ["--root", str(root), "draft", str(articles / "pont.txt"), "--out", str(out)]).exit_code == 0
    result = runner.invoke(main, ["--root", str(root), "check", "--sources", str(articles), "--format", "json"])
    report = json.loads(result.output)
    assert report["errors"] == []
    left = [w["message"] for w in report["warnings"] if "placeholder" not in w["message"]]
    assert left == ["the quote is a whole line of the article without final punctuation: an intertitle, not a "
                    "speaker's words"]  # the candidate the draft marks as an intertitle


def test_a_number_the_format_refuses_is_left_to_the_analyst(tmp_path: Path) -> None:
    """A quantity of 10^18 or more (here 5,000 digits, past what Python's `int` reads) is no figure of the
    draft: the format refuses it, and the draft is still written."""
    article = f"Selon l’agence, près de {'9' * 5000} personnes et plus de {'8' * 30} dollars, et 12 chars.\n"
    found = draft_article(article, {}, {}, published=PartialDate(2026, 3, 12))
    text = render_draft(found, article_name="long.txt", schema_ref="schema.json", briefing_id="long")
    briefing, problems = load_briefing_text(text, "long.yaml", "long.yaml")
    assert not problems.errors, problems.errors_render()
    assert [f.value for f in briefing.figures] == [12]
