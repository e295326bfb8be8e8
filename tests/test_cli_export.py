"""`briefings export` and the exports/ files of the site: the same tables, safe in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Build
from generator.cli import main
from generator.site.export import TABLES, columns, csv_cell
from generator.pipeline import Project, build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
CSV_FILES = [f"{t}.csv" for t in TABLES]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS / "content", tmp_path / "content")
    shutil.copytree(CORPUS / "briefings", tmp_path / "briefings")
    return tmp_path


def export(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "export", *args])


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV files start with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_export_writes_one_file_per_table(root: Path) -> None:
    result = export(root, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "wrote exports/events.csv (5 rows)", "wrote exports/demands.csv (2 rows)",
        "wrote exports/figures.csv (2 rows)", "wrote exports/quotes.csv (3 rows)",
        "wrote exports/actors.csv (7 rows)", "wrote exports/divergences.csv (3 rows)"]
    for table in TABLES:
        text = (root / "exports" / f"{table}.csv").read_bytes().decode("utf-8-sig")
        assert text.splitlines()[0] == ",".join(columns(table))


def test_every_row_carries_its_briefing_and_source(root: Path) -> None:
    assert export(root, "--format", "csv").exit_code == 0
    quotes = read_csv(root / "exports" / "quotes.csv")
    assert [(q["briefing_id"], q["source_published"], q["source_published_precision"]) for q in quotes] == [
        ("2025-tribune-inconnue", "2025", "year"),
        ("2025-08-16-quotidien-anchorage", "2025-08-16", "day"),
        ("2025-10-22-analyse-budapest", "2025-10-22", "day"),
    ]
    first = quotes[1]
    assert first["source_outlet"] == "Le Quotidien d'essai" and first["source_genre"] == "news"
    assert first["speaker_id"] == "donald-trump" and first["date"] == "2025-08-15" and first["date_precision"] == "day"
    assert quotes[0]["source_outlet"] == "" and quotes[0]["translated"] == "true"
    events = {(e["briefing_id"], e["id"]): e for e in read_csv(root / "exports" / "events.csv")}
    alaska = events[("2025-10-22-analyse-budapest", "anchorage-summit-2025")]
    assert (alaska["date"], alaska["date_precision"], alaska["date_text"]) == ("2025-08", "month", "en août")
    assert alaska["participants"] == "Donald Trump; Vladimir Poutine"
    assert alaska["participant_ids"] == "donald-trump; vladimir-putin"
    figures = read_csv(root / "exports" / "figures.csv")
    assert {f["value"] for f in figures} >= {"12000000"}
    actors = read_csv(root / "exports" / "actors.csv")
    unknown = next(a for a in actors if a["written_as"] == "Jean Inconnu")
    assert unknown["registered"] == "false" and unknown["role"] == "ancien diplomate cité"
    peskov = next(a for a in actors if a["actor_id"] == "dmitry-peskov")
    assert (peskov["name"], peskov["written_as"], peskov["mentioned_as"]) == ("Dmitri Peskov", "Dmitry Peskov", "actors")


def test_json_export_holds_the_five_tables_with_the_csv_rows(root: Path) -> None:
    assert export(root, "--format", "csv", "--out", str(root / "c")).exit_code == 0
    result = export(root, "--format", "json", "--out", str(root / "j"))
    assert result.exit_code == 0, result.output
    assert result.output == "wrote j/briefings.json (19 rows)\nwrote j/divergences.json (3 rows)\n"
    data = json.loads((root / "j" / "briefings.json").read_text(encoding="utf-8"))
    assert list(data) == list(TABLES)
    for table in TABLES:
        rows = data[table]
        assert all(list(row) == columns(table) for row in rows)
        as_csv = [{k: csv_cell(v) for k, v in row.items()} for row in rows]
        assert as_csv == read_csv(root / "c" / f"{table}.csv")
    quote = data["quotes"][0]
    assert quote["translated"] is True and quote["date"] is None and quote["source_published"] == "2025"
    assert data["events"][0]["participants"] == ["Trump", "Vladimir Putin"]
    assert data["events"][0]["participant_ids"] == ["donald-trump", "vladimir-putin"]


def test_export_is_deterministic(root: Path) -> None:
    assert export(root, "--format", "csv", "--out", str(root / "a")).exit_code == 0
    assert export(root, "--format", "csv", "--out", str(root / "b")).exit_code == 0
    for name in CSV_FILES:
        assert (root / "a" / name).read_bytes() == (root / "b" / name).read_bytes()


HOSTILE = """\
title: Injection
summary: Des cellules qui ressemblent à des formules.
source:
  outlet: "=HYPERLINK(\\"http://evil.example\\",\\"clic\\")"
  published: 2025-11-01
  genre: news
figures:
  - indicator: balance
    label: "+33 en hausse"
    value: -5
    attributed_to: "@ministere"
    evidence: "-5 selon, \\"disent-ils\\"\\nsur deux lignes"
quotes:
  - speaker: Trump
    text: "\\tcommande"
    context: "Un texte normal, avec une virgule"
"""


def test_formula_cells_are_neutralised_and_escaping_survives(root: Path) -> None:
    (root / "briefings" / "2025-11-01-injection.yaml").write_text(HOSTILE, encoding="utf-8")
    assert export(root, "--format", "csv").exit_code == 0
    figure = next(f for f in read_csv(root / "exports" / "figures.csv") if f["indicator"] == "balance")
    assert figure["source_outlet"] == "'=HYPERLINK(\"http://evil.example\",\"clic\")"
    assert figure["label"] == "'+33 en hausse"
    assert figure["attributed_to"] == "'@ministere"
    assert figure["evidence"] == "'-5 selon, \"disent-ils\"\nsur deux lignes"
    assert figure["value"] == "-5"  # a number, not a formula: left as is
    quote = next(q for q in read_csv(root / "exports" / "quotes.csv") if q["briefing_id"] == "2025-11-01-injection")
    assert quote["text"] == "'\tcommande" and quote["context"] == "Un texte normal, avec une virgule"
    assert export(root, "--format", "json").exit_code == 0
    data = json.loads((root / "exports" / "briefings.json").read_text(encoding="utf-8"))
    assert next(f for f in data["figures"] if f["indicator"] == "balance")["label"] == "+33 en hausse"


def test_nothing_is_exported_while_a_briefing_has_errors(root: Path) -> None:
    (root / "briefings" / "casse.yaml").write_text("title: x\n", encoding="utf-8")
    result = export(root, "--format", "csv")
    assert result.exit_code == 1
    assert "briefings/casse.yaml:1:1: summary: required" in result.output
    assert "nothing exported" in result.output
    assert not (root / "exports").exists()


@pytest.mark.parametrize("args", [[], ["--format", "xml"], ["--format", "csv", "--bogus"]])
def test_usage_errors_exit_2(root: Path, args: list[str]) -> None:
    assert export(root, *args).exit_code == 2


def test_export_help() -> None:
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    assert "--format [csv|json]" in result.output and "--out" in result.output


def test_the_site_publishes_the_same_files(root: Path) -> None:
    result = build(Project.at(root))
    assert result.ok
    exports = {path: text for path, text in result.pages.items() if path.startswith("exports/")}
    assert sorted(exports) == sorted([f"exports/{n}" for n in CSV_FILES]
                                     + ["exports/briefings.json", "exports/divergences.csv", "exports/divergences.json"])
    assert export(root, "--format", "csv").exit_code == 0
    assert export(root, "--format", "json").exit_code == 0
    for path, text in exports.items():
        assert (root / path).read_bytes() == text.encode("utf-8"), path


@pytest.mark.slow
def test_the_built_site_serves_the_exports_linked_from_the_data_page(corpus_site: Build) -> None:
    for name in [*CSV_FILES, "briefings.json"]:
        assert (corpus_site.site / "exports" / name).is_file()
    assert (corpus_site.site / "exports" / "events.csv").read_bytes().startswith(b"\xef\xbb\xbfbriefing_id,")
    page = corpus_site.page("donnees/index.html")
    for name in [*CSV_FILES, "briefings.json"]:
        assert f'href="../exports/{name}"' in page


def test_the_data_page_explains_every_column_that_is_not_a_format_key() -> None:
    page = (ROOT / "docs" / "donnees.md").read_text(encoding="utf-8")
    extra = {c for t in TABLES for c in columns(t) if c.endswith(("_id", "_name", "_precision"))
             or c.startswith("source_") or t == "actors"}
    for column in sorted(extra):
        mentioned = f"`{column}`" in page or (column.endswith("_precision") and "`…_precision`" in page)
        assert mentioned, f"docs/donnees.md does not explain the column {column}"
    for name in [*CSV_FILES, "briefings.json"]:
        assert f"(exports/{name})" in page
    assert re.search(r"`=`, `\+`, `-`, `@`", page)
