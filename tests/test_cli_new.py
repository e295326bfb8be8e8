"""`briefings new`: a scaffold that loads as written, names every key, and never overwrites."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import generator.cli
from generator.cli import main
from generator.reading.loader import load_briefings
from generator.reading.models import Briefing, Source
from generator.reading.problems import ProblemList
from generator.authoring.scaffold import LIST_MODELS, default_file_name
from generator.reading.dates import PartialDate
from yamlreaders import load_yaml12

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/briefing.schema.json"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS / "content", tmp_path / "content")
    (tmp_path / "briefings").mkdir()
    return tmp_path


def run(root: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["--root", str(root), "new", *args], input=input)


def load_one(path: Path):
    folder = path.parent
    problems = ProblemList()
    loaded = [b for b in load_briefings(folder, folder, problems) if b.path == path.name]
    assert not problems.errors, problems.errors_render()
    assert len(loaded) == 1
    return loaded[0].model


def uncomment_templates(text: str) -> str:
    """What an analyst gets by toggling the comment on every list template."""
    return re.sub(r"^# (  [ -] )", r"\1", text, flags=re.MULTILINE)


def test_new_writes_the_default_file_name_under_briefings(root: Path) -> None:
    result = run(root, "--outlet", "BBC News (service russe)", "--date", "2025-11-15",
                 "--title", "Le pari de Trump sur Poutine n’a pas abouti")
    assert result.exit_code == 0, result.output
    path = root / "briefings" / "2025-11-15-bbc-news-service-russe-le-pari-de-trump-sur-poutine-n-a-pas-abouti.yaml"
    assert result.output == f"created briefings/{path.name}: fill in the TODOs, then run `briefings check`\n"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    briefing = load_one(path)
    assert briefing.id == path.stem
    assert briefing.title == "Le pari de Trump sur Poutine n’a pas abouti"
    assert briefing.source.outlet == "BBC News (service russe)"
    assert briefing.source.published == PartialDate(2025, 11, 15)
    assert briefing.source.genre == "news"
    assert briefing.summary.startswith("TODO")
    assert not briefing.events and not briefing.quotes


def test_the_scaffold_passes_check_and_the_schema(root: Path) -> None:
    assert run(root, "--outlet", "Le Monde", "--date", "2025-10", "--title", "Budapest").exit_code == 0
    check = CliRunner().invoke(main, ["--root", str(root), "check"])
    assert check.exit_code == 0, check.output
    # publishable as is, but check reminds the analyst of every placeholder left
    assert "1 briefing checked: 0 errors" in check.output
    assert "summary: warning: placeholder left in: 'TODO" in check.output
    schema = json.loads((ROOT / "schema" / "briefing.schema.json").read_text(encoding="utf-8"))
    text = (root / "briefings" / "2025-10-le-monde-budapest.yaml").read_text(encoding="utf-8")
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(load_yaml12(text)))


def test_every_key_is_present_with_french_help(root: Path) -> None:
    assert run(root, "--outlet", "X", "--date", "2025", "--title", "T").exit_code == 0
    lines = (root / "briefings" / "2025-x-t.yaml").read_text(encoding="utf-8").splitlines()
    for model, indent in [(Briefing, ""), (Source, "  ")]:
        for name, field in model.model_fields.items():
            at = next(i for i, line in enumerate(lines) if re.match(rf"^(# )?{indent}{name}:", line))
            assert lines[at - 1].startswith(f"{indent}# {field.description}"), name
    text = "\n".join(lines)
    for model in LIST_MODELS.values():
        for name, field in model.model_fields.items():
            assert re.search(rf"^#( {{3}}- | {{5}}){name}: .*  # {re.escape(field.description)}", text, re.MULTILINE), \
                f"{model.__name__}.{name}"
    assert "Disponibles : territory, security-guarantees" in text
    assert "Valeurs : news | analysis | opinion | interview | wire. TODO: vérifiez le genre." in text


def test_uncommented_templates_load_with_every_field(root: Path) -> None:
    assert run(root, "--outlet", "X", "--date", "2025-08-16", "--title", "T").exit_code == 0
    path = root / "briefings" / "2025-08-16-x-t.yaml"
    path.write_text(uncomment_templates(path.read_text(encoding="utf-8")), encoding="utf-8")
    briefing = load_one(path)
    for name, model in LIST_MODELS.items():
        items = getattr(briefing, name)
        assert len(items) == 1, name
        assert items[0].model_fields_set == set(model.model_fields), name


def test_new_never_overwrites(root: Path) -> None:
    path = root / "briefings" / "mine.yaml"
    path.write_text("title: déjà là\n", encoding="utf-8")
    result = run(root, "--outlet", "X", "--date", "2025", "--title", "T", "--out", str(path))
    assert result.exit_code == 1
    assert f"{path.relative_to(root).as_posix()} already exists: nothing written" in result.output
    assert path.read_text(encoding="utf-8") == "title: déjà là\n"


def test_new_asks_for_what_is_missing_in_a_terminal(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator.cli, "_stdin_is_tty", lambda: True)
    result = run(root, input="Kyiv Independent\n2025-13\n2025-09\nLe sommet reporté\n")
    assert result.exit_code == 0, result.output
    assert "'2025-13' has no month 13" in result.output  # asked again
    briefing = load_one(root / "briefings" / "2025-09-kyiv-independent-le-sommet-reporte.yaml")
    assert briefing.source.outlet == "Kyiv Independent" and briefing.title == "Le sommet reporté"
    assert briefing.source.published == PartialDate(2025, 9)


def test_new_without_a_terminal_leaves_todos(root: Path) -> None:
    result = run(root)
    assert result.exit_code == 0, result.output
    briefing = load_one(root / "briefings" / "nouveau-briefing.yaml")
    assert briefing.title.startswith("TODO") and briefing.source.outlet.startswith("TODO")
    assert briefing.source.published is None


def test_out_elsewhere_points_its_schema_line_at_the_project(root: Path) -> None:
    out = root / "drafts" / "deep" / "b.yaml"
    assert run(root, "--date", "2025", "--out", str(out)).exit_code == 0
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/briefing.schema.json"
    assert load_one(out).id == "b"


def test_a_file_name_that_is_not_an_id_still_loads(root: Path) -> None:
    out = root / "briefings" / "Mon_Brouillon.2.yaml"
    assert run(root, "--date", "2025", "--out", str(out)).exit_code == 0
    assert load_one(out).id == "mon-brouillon-2"


def test_bad_date_is_a_usage_error(root: Path) -> None:
    result = run(root, "--date", "2025-02-30")
    assert result.exit_code == 2
    assert "'2025-02-30' is not a real date" in result.output
    assert not list((root / "briefings").iterdir())


def test_new_help() -> None:
    result = CliRunner().invoke(main, ["new", "--help"])
    assert result.exit_code == 0
    for option in ("--outlet", "--date", "--title", "--out", "never overwritten"):
        assert option in " ".join(result.output.split())


@pytest.mark.parametrize("published, outlet, title, expected", [
    (PartialDate(2025, 11, 15), "BBC", "Un titre", "2025-11-15-bbc-un-titre.yaml"),
    (None, None, None, "nouveau-briefing.yaml"),
    (PartialDate(2025), None, "«  »", "2025.yaml"),
    (None, "Le Monde", "Pourquoi la diplomatie personnelle de Donald Trump avec Vladimir Poutine a calé",
     "le-monde-pourquoi-la-diplomatie-personnelle-de-donald-trump.yaml"),
])
def test_default_file_name(published, outlet, title, expected) -> None:
    assert default_file_name(published, outlet, title) == expected
