"""`briefings draft`: a valid, verbatim-exact briefing pre-filled from an article, and how much of a
hand-labelled reading of tests/data/draft/article.txt it recovers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.reading.dates import PartialDate
from generator.reading.loader import load_briefings
from generator.reading.models import Briefing
from generator.reading.problems import ProblemList
from yamlreaders import load_yaml12

ROOT = Path(__file__).resolve().parent.parent
DRAFT = Path(__file__).resolve().parent / "data" / "draft"
ARTICLE = DRAFT / "article.txt"
EXPECTED = yaml.safe_load((DRAFT / "expected.yaml").read_text(encoding="utf-8"))
THRESHOLDS = {"quotes": 0.9, "dates": 0.8, "numbers": 0.8}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(DRAFT / "content", tmp_path / "content")
    (tmp_path / "briefings").mkdir()
    return tmp_path


def draft(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "draft", *args])


def load(path: Path) -> Briefing:
    problems = ProblemList()
    loaded = load_briefings(path.parent, path.parent, problems)
    assert not problems.errors, problems.errors_render()
    return next(b.model for b in loaded if b.path == path.name)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Briefing]:
    base = tmp_path_factory.mktemp("draft")
    shutil.copytree(DRAFT / "content", base / "content")
    out = base / "briefings" / "2025-11-20-courrier.yaml"
    result = CliRunner().invoke(main, ["--root", str(base), "draft", str(ARTICLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, load(out)


# --- recall against the hand-labelled reading ---------------------------------------------------

def _date(value: object) -> PartialDate:
    return PartialDate.parse(str(value))


def measure(briefing: Briefing) -> dict[str, float]:
    """Recall of quotes, dates and numbers, and how many labelled speakers were found right."""
    quotes = {q.text: q.speaker for q in briefing.quotes}
    found_quotes = [e for e in EXPECTED["quotes"] if e["text"] in quotes]
    speakers = {"Donald Trump": "donald-trump", "Vladimir Poutine": "vladimir-putin", "Marco Rubio": "marco-rubio",
                "Maison-Blanche": "white-house", "Dmitri Peskov": "dmitry-peskov", "Kaja Kallas": "kaja-kallas",
                "Volodymyr Zelensky": "volodymyr-zelensky", "Viktor Orbán": "viktor-orban", "ONU": "united-nations"}
    right = [e for e in found_quotes if speakers.get(quotes[e["text"]]) == e["speaker"]
             or (e["speaker"] is None and quotes[e["text"]].startswith("TODO"))]
    events = [(e.date_text or "", e.date) for e in briefing.events]
    found_dates = [e for e in EXPECTED["dates"]
                   if any(e["text"] in text and when == _date(e["date"]) for text, when in events)]
    figures = [(f.value, f.qualifier, f.unit) for f in briefing.figures]
    found_numbers = [e for e in EXPECTED["numbers"]
                     if (e["value"], e.get("qualifier"), e.get("unit")) in figures]
    return {
        "quotes": len(found_quotes) / len(EXPECTED["quotes"]),
        "speakers": len(right) / len(EXPECTED["quotes"]),
        "dates": len(found_dates) / len(EXPECTED["dates"]),
        "numbers": len(found_numbers) / len(EXPECTED["numbers"]),
        "quotes_precision": len(found_quotes) / max(1, len(briefing.quotes)),
        "dates_precision": len(found_dates) / max(1, len(briefing.events)),
        "numbers_precision": len(found_numbers) / max(1, len(briefing.figures)),
    }


@pytest.mark.parametrize("kind", sorted(THRESHOLDS))
def test_recall_on_the_labelled_article(drafted: tuple[Path, Briefing], kind: str) -> None:
    figures = measure(drafted[1])
    print(json.dumps(figures, indent=1))
    assert figures[kind] >= THRESHOLDS[kind], figures


def test_most_speakers_are_the_labelled_ones(drafted: tuple[Path, Briefing]) -> None:
    assert measure(drafted[1])["speakers"] >= 0.8


def test_publication_date_comes_from_the_dateline(drafted: tuple[Path, Briefing]) -> None:
    briefing = drafted[1]
    assert briefing.source.published == _date(EXPECTED["published"])
    assert briefing.source.text_file == "article.txt"
    assert briefing.source.authors == ["Claire Fontaine"]
    assert not any(e.date_text == "20 novembre 2025" for e in briefing.events), "the dateline is not an event"


# --- a briefing the loader accepts, with exact extracts -------------------------------------------

def test_every_verbatim_field_is_an_exact_extract(drafted: tuple[Path, Briefing]) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    briefing = drafted[1]
    extracts = [q.text for q in briefing.quotes] + [e.date_text for e in briefing.events] \
        + [e.evidence for e in briefing.events] + [f.evidence for f in briefing.figures]
    assert extracts
    for extract in extracts:
        assert extract and extract in article, extract


def test_the_draft_passes_check_with_sources(drafted: tuple[Path, Briefing]) -> None:
    out = drafted[0]
    result = CliRunner().invoke(main, ["--root", str(out.parent.parent), "check", "--sources", str(DRAFT)])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_the_draft_starts_with_the_schema_line_and_validates(drafted: tuple[Path, Briefing]) -> None:
    text = drafted[0].read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/briefing.schema.json"
    schema = json.loads((ROOT / "schema" / "briefing.schema.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(load_yaml12(text)))


def test_todo_marks_what_the_analyst_must_write(drafted: tuple[Path, Briefing]) -> None:
    briefing = drafted[1]
    text = drafted[0].read_text(encoding="utf-8")
    assert briefing.title.startswith("TODO") and briefing.summary.startswith("TODO")
    assert briefing.source.genre == "news" and "genre: news" in text
    assert "TODO: deviné, vérifiez." in text  # the genre's comment
    assert all(e.title.startswith("TODO") and e.id.startswith("todo-article-") for e in briefing.events)
    assert all(f.label.startswith("TODO") and f.indicator.startswith("todo-article-") for f in briefing.figures)


def test_registry_actors_are_listed_once_in_order_of_appearance(drafted: tuple[Path, Briefing]) -> None:
    names = [a.name for a in drafted[1].actors]
    assert names[:3] == ["Donald Trump", "Vladimir Poutine", "Kremlin"]
    assert len(names) == len(set(names))
    assert "Sergueï Lavrov" in names and "ONU" in names


# --- the command ----------------------------------------------------------------------------------

def test_without_out_the_draft_goes_to_stdout(root: Path) -> None:
    result = draft(root, str(ARTICLE))
    assert result.exit_code == 0
    assert result.output.startswith("# yaml-language-server: $schema=../schema/briefing.schema.json\n")
    assert "text: Nous ne voulons pas d’une réunion pour rien" in result.output
    assert not list((root / "briefings").iterdir())


def test_draft_never_overwrites(root: Path) -> None:
    out = root / "briefings" / "x.yaml"
    out.write_text("title: mien\n", encoding="utf-8")
    result = draft(root, str(ARTICLE), "--out", str(out))
    assert result.exit_code == 1
    assert "briefings/x.yaml already exists: nothing written" in result.output
    assert out.read_text(encoding="utf-8") == "title: mien\n"


def test_published_option_moves_year_less_dates(root: Path) -> None:
    out = root / "briefings" / "x.yaml"
    assert draft(root, str(ARTICLE), "--published", "2026-01-10", "--out", str(out)).exit_code == 0
    briefing = load(out)
    assert briefing.source.published == PartialDate(2026, 1, 10)
    by_text = {e.date_text: e.date for e in briefing.events}
    assert by_text["Le 21 décembre"] == PartialDate(2025, 12, 21)
    assert by_text["Le 13 octobre"] == PartialDate(2025, 10, 13)


def test_without_a_dateline_year_less_dates_stay_undated(root: Path, tmp_path: Path) -> None:
    article = tmp_path / "sans-date.txt"
    article.write_text("Le 13 octobre, Trump a annoncé un sommet. « Ce sera à Budapest », a dit Trump.\n",
                       encoding="utf-8")
    out = root / "briefings" / "sans-date.yaml"
    result = draft(root, str(article), "--out", str(out))
    assert result.exit_code == 0
    assert "no publication date at the top of the article" in result.output
    briefing = load(out)
    assert briefing.source.published is None
    assert briefing.events[0].date is None and briefing.events[0].date_text == "Le 13 octobre"
    assert briefing.quotes[0].speaker == "Donald Trump" and briefing.quotes[0].text == "Ce sera à Budapest"


def test_an_article_that_is_not_utf8_exits_1(root: Path, tmp_path: Path) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes("Le 13 octobre, « été »".encode("latin-1"))
    result = draft(root, str(article))
    assert result.exit_code == 1
    assert "is not UTF-8" in result.output


def test_usage_errors_exit_2(root: Path) -> None:
    assert draft(root, str(root / "absent.txt")).exit_code == 2
    assert draft(root, str(ARTICLE), "--published", "hier").exit_code == 2
    assert draft(root).exit_code == 2


def test_draft_help() -> None:
    result = CliRunner().invoke(main, ["draft", "--help"])
    assert result.exit_code == 0
    assert "ARTICLE" in result.output and "--published" in result.output and "--out" in result.output
