"""`check --sources` grounds the notes in the article: recall and false positives on a test set.

tests/data/grounding holds short invented French articles (two invented states, written for these tests,
no press article's prose) and their briefings. Each briefing mixes planted defects, listed with their rule in
expected.yaml, and correct controls, most of them near misses of a rule (another day in the evidence, a
conditional in reported speech, one word in guillemets with a speech verb, a vague quantity kept in words).
Every planted defect must be reported on its key with its rule (recall 1), and nothing else (no false
positive).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.reading.french_cues import basis_cue
from generator.reading.french_quantities import find_numbers, vague_quantities

SET = Path(__file__).parent / "data" / "grounding"

# The rule of a problem, from its key and message (one pattern per rule, none overlapping).
RULES = [
    ("date-text-verbatim", r"\.date_text$", r"^not found in the article"),
    ("amount-text-verbatim", r"\.amount_text$", r"^not found in the article"),
    ("figure-vague", r"\.value$", r"quantity without a number"),
    ("figure-other-number", r"\.value$", r"is not in the evidence, which gives «"),
    ("figure-missing", r"\.value$", r"is not in the evidence, in digits or in words"),
    ("date-contradicted", r"\.(date|as_of)$", r" contradicts the "),
    ("date-unsupported", r"\.(date|as_of)$", r" is a day that "),
    ("basis-author", r"\.evidence$", r"the author's reading"),
    ("basis-conditional", r"\.evidence$", r"is in the conditional"),
    ("quote-scare", r"^quotes\[\d+\]\.text$", r"scare quotes"),
    ("quote-intertitle", r"^quotes\[\d+\]\.text$", r"an intertitle"),
]


def rule_of(problem: dict) -> str:
    found = [name for name, key, message in RULES
             if re.search(key, problem["key_path"]) and re.search(message, problem["message"])]
    return found[0] if len(found) == 1 else "other"


def grounding_report() -> tuple[set[tuple[str, str, str]], dict]:
    result = CliRunner().invoke(main, ["--root", str(SET), "check", "--sources", str(SET / "articles"),
                                       "--format", "json"])
    report = json.loads(result.output)
    found = {(Path(p["path"]).name, p["key_path"], rule_of(p)) for p in report["errors"] + report["warnings"]}
    return found, report


def test_every_planted_defect_is_caught_with_its_rule_and_no_control_fires(record_property) -> None:
    planted = {(e["file"], e["key"], e["rule"]) for e in yaml.safe_load((SET / "expected.yaml").read_text("utf-8"))}
    found, report = grounding_report()
    caught = planted & found
    false_positives = found - planted
    rules = sorted({rule for _, _, rule in planted})
    per_rule = {rule: (sum(1 for p in caught if p[2] == rule), sum(1 for p in planted if p[2] == rule))
                for rule in rules}
    items = sum(len(b) for b in _items_per_briefing())
    print(f"\ngrounding test set: {len(planted)} planted defects ({len(rules)} rules), {items - len(planted)} "
          f"controls; recall {len(caught)}/{len(planted)}, false positives {len(false_positives)}")
    for rule, (got, total) in per_rule.items():
        print(f"  {rule}: {got}/{total}")
    record_property("recall", f"{len(caught)}/{len(planted)}")
    record_property("false_positives", len(false_positives))
    assert len(rules) == 11 and all(total >= 2 for _, total in per_rule.values()), per_rule
    assert planted - found == set(), f"missed: {sorted(planted - found)}"
    assert false_positives == set(), f"false positives: {sorted(false_positives)}"
    assert report["briefings"] == 2


def _items_per_briefing() -> list[list]:
    out = []
    for path in sorted((SET / "briefings").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        out.append([item for name in ("events", "demands", "figures", "quotes") for item in data.get(name) or []])
    return out


def test_the_messages_name_the_line_and_say_what_to_fix() -> None:
    result = CliRunner().invoke(main, ["--root", str(SET), "check", "--sources", str(SET / "articles")])
    assert result.exit_code == 1
    assert ("briefings/2026-03-12-pont-karsk.yaml:127:12: figures[6].value: 100 is not in the evidence, which "
            "gives a quantity without a number: «des centaines» (write value: null and amount_text: des centaines"
            ) in result.output
    assert re.search(r"2026-06-05-tribune-sava\.yaml:\d+:\d+: demands\[0\]\.evidence: warning: «Pour Lunel,»: .*"
                     r"\(write basis: author", result.output)
    assert re.search(r"events\[4\]\.date: 2026-04-03 contradicts the date_text, which dates it «le 2 avril» "
                     r"\(2026-04-02\)", result.output)


@pytest.mark.parametrize(("text", "value"), [
    ("trois heures", 3), ("4,2 millions", 4_200_000), ("plus d’un milliard de dollars", 1_000_000_000),
    ("13 000 000", 13_000_000), ("13 millions", 13_000_000), ("vingt-trois civils", 23),
    ("quatre-vingt-dix", 90), ("deux cent mille", 200_000), ("près de 40 000 personnes", 40_000),
])
def test_numbers_are_read_in_digits_and_in_words(text: str, value: int) -> None:
    assert [n.value for n in find_numbers(text)] == [value]


def test_un_alone_is_no_number_and_a_bare_year_is_marked() -> None:
    assert find_numbers("un accord") == []
    assert [(n.value, n.is_year) for n in find_numbers("en 2022, 20 %")] == [(2022, True), (20, False)]


@pytest.mark.parametrize("text", ["des centaines", "les centaines de journalistes", "plusieurs experts",
                                  "Quelques dizaines", "des milliers de vies", "de nombreux témoins"])
def test_vague_quantities(text: str) -> None:
    assert vague_quantities(text)


@pytest.mark.parametrize(("text", "cue"), [
    ("Pour Moscou, cet épisode illustre la duplicité", ("author", "Pour Moscou,")),
    ("Mais pour le Kremlin, ces territoires sont russes", ("author", "pour le Kremlin,")),
    ("Trump aurait suggéré une Ukraine neutre", ("conditional", "aurait")),
    ("Des sources affirment que Ruvik aurait proposé un péage", ("conditional", "aurait")),
    ("Pour obtenir un accord, il a proposé une commission", None),
    ("Il a précisé qu’une telle loi serait très mal accueillie", None),
    ("« Pour nous, ce serait la fin », a-t-il dit", None),
    ("Si l’accord était signé, Kiev serait protégée", None),
    ("Alors que les combats continuent, Trump aurait appelé Poutine", ("conditional", "aurait")),
])
def test_basis_cues(text: str, cue: tuple[str, str] | None) -> None:
    assert basis_cue(text) == cue


GUIDE = Path(__file__).resolve().parent.parent / "docs" / "ajouter-un-briefing.md"
GUIDE_ARTICLE = """\
Les deux présidents se sont vus le 15 août 2025 à Anchorage ; des centaines de journalistes attendaient devant la base.
Washington a renoncé le 21 octobre au sommet de Budapest.
Pour Moscou, le Donbass n’est pas négociable.
L’ONU estime à près de 13 millions le nombre d’Ukrainiens déplacés.
« Personne ne veut perdre son temps », a dit Dmitri Peskov.
"""


def test_the_guide_s_example_is_grounded_and_its_grounding_error_is_the_real_one(tmp_path: Path) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    example = re.findall(r"^```yaml\n(.*?)^```$", guide, re.MULTILINE | re.DOTALL)[0]
    shown = re.findall(r"^```text\n(.*?)^```$", guide, re.MULTILINE | re.DOTALL)[1].strip()
    root = tmp_path / "project"
    (root / "briefings").mkdir(parents=True)
    shutil.copytree(Path(__file__).resolve().parent.parent / "content", root / "content")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "2025-11-15-bbc.txt").write_text(GUIDE_ARTICLE, encoding="utf-8")
    path = root / shown.split(":", 1)[0]
    args = ["--root", str(root), "check", "--sources", str(articles)]
    path.write_text(example, encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.output.strip().startswith("1 briefing checked: 0 errors, 0 warnings"), result.output
    path.write_text(example.replace("    value: null\n    amount_text: des centaines\n", "    value: 200\n"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert shown in result.output.splitlines(), result.output


def test_a_number_of_any_length_in_the_article_is_read_without_failing(tmp_path: Path) -> None:
    """Python's `int` refuses more than 4,300 digits; a figure's evidence (or an ordinal) may hold more."""
    digits = "9" * 5000
    article = f"Selon l’agence, {digits} personnes ont fui.\nC’est la {digits}e année du conflit.\n"
    root = tmp_path / "project"
    (root / "briefings").mkdir(parents=True)
    shutil.copytree(SET / "content", root / "content")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "long.txt").write_text(article, encoding="utf-8")
    briefing = {"title": "T", "summary": "S", "source": {"outlet": "O", "published": "2026-03-12", "genre": "news",
                                                         "text_file": "long.txt"},
                "figures": [{"indicator": "fled", "label": "Fuite", "value": 5, "unit": "people",
                             "evidence": f"{digits} personnes ont fui"},
                            {"indicator": "years", "label": "Années", "value": 4, "unit": "years",
                             "evidence": f"la {digits}e année du conflit"}]}
    (root / "briefings" / "2026-03-12-long.yaml").write_text(json.dumps(briefing), encoding="utf-8")
    result = CliRunner().invoke(main, ["--root", str(root), "check", "--sources", str(articles), "--format", "json"])
    assert isinstance(result.exception, SystemExit), result.exception
    report = json.loads(result.output)
    assert {e["key_path"] for e in report["errors"]} == {"figures[0].value", "figures[1].value"}


def test_a_word_the_article_repeats_in_guillemets_is_read_a_bounded_number_of_times(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scare-quote rule reads the sentence around a word's places between guillemets: its first
    places (20), not all 2,000, for each of the quotes (a cost counted, not timed)."""
    from generator.corpus import article as article_module

    root = tmp_path / "project"
    (root / "briefings").mkdir(parents=True)
    shutil.copytree(SET / "content", root / "content")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "q.txt").write_text("« non » " * 2000 + "\n", encoding="utf-8")
    briefing = {"title": "T", "summary": "S", "source": {"outlet": "O", "published": "2026-03-12", "genre": "news",
                                                         "text_file": "q.txt"},
                "quotes": [{"speaker": "X", "text": "non"} for _ in range(5)]}
    (root / "briefings" / "2026-03-12-q.yaml").write_text(json.dumps(briefing), encoding="utf-8")
    calls = []
    paragraph_at = article_module.Article.paragraph_at
    monkeypatch.setattr(article_module.Article, "paragraph_at",
                        lambda self, position: calls.append(position) or paragraph_at(self, position))
    result = CliRunner().invoke(main, ["--root", str(root), "check", "--sources", str(articles), "--format", "json"])
    report = json.loads(result.output)
    assert len([w for w in report["warnings"] if "scare quotes" in w["message"]]) == 5
    assert len(calls) <= 5 * 20


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_relative_days_at_the_ends_of_the_calendar_are_no_dates(published: str) -> None:
    """« hier » of 0001-01-01, « demain » of 9999-12-31, « le 31 décembre dernier » in year 1 or « le 1er janvier
    prochain » in 9999 name no day Python's dates hold: they are read as phrases without a date, never a failure
    of `check --sources` or `draft`."""
    from generator.authoring.draft import draft_article
    from generator.reading.dates import PartialDate
    from generator.reading.french_dates import find_dated_phrases

    text = ("Hier et avant-hier, demain et aujourd’hui. Le lendemain aussi. Le 31 décembre dernier, "
            "le 1er janvier prochain et le 29 février dernier.")
    day = PartialDate.parse(published)
    phrases = find_dated_phrases(text, day)
    assert len(phrases) >= 6 and all(p.date is None or 1 <= p.date.year <= 9999 for p in phrases)
    assert any(p.date is None for p in phrases)
    draft_article(text, {}, {}, published=day)


def test_short_quotations_are_indexed_by_their_words_however_deep_the_nesting() -> None:
    """Only quotations of at most SHORT_QUOTE_CHARS are indexed (and copied): deeply nested guillemets, each
    pair holding all the others, are read in time proportional to the article, not to its square."""
    from generator.corpus.article import SHORT_QUOTE_CHARS, Article

    article = Article.read("Il a dit « un « deux » trois » et « quatre » puis « " + "x" * (SHORT_QUOTE_CHARS + 1)
                           + " ».\n" + "«" * 5000 + " mot " + "»" * 5000)
    assert set(article.by_words) == {"un « deux » trois", "deux", "quatre", "mot"} | {
        "«" * k + " mot " + "»" * k for k in range(1, 38)}
    assert len(article.quoted) == 5004
