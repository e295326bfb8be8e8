"""`briefings schema`: the JSON Schemas and the format page follow the models, and the schemas
accept what the loader accepts, as an editor (YAML 1.2) or PyYAML's safe_load reads the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.reading.loader import load_briefings, load_registry
from generator.reading.models import ActorEntry, Briefing, PartyEntry, TopicEntry
from generator.reading.problems import ProblemList
from generator.authoring.format_page import PAGE, render_format_page
from generator.authoring.schema import SCHEMAS, render_schemas

REGISTRY_SCHEMAS = {f"{name}.yaml": f"{name}.schema.json" for name in ("actors", "parties", "topics", "places")}
from yamlreaders import LOADERS, load_yaml12

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
BRIEFING_DIRS = [ROOT / "briefings", CORPUS / "briefings"]
CONTENT_DIRS = [ROOT / "content", CORPUS / "content"]
BRIEFING_FILES = sorted(p for d in BRIEFING_DIRS for p in d.glob("*.y*ml"))
REGISTRY_FILES = sorted(p for d in CONTENT_DIRS for p in d.glob("*.yaml"))


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, Any]]:
    return {name: json.loads(text) for name, text in render_schemas().items()}


def validator(schemas: dict[str, dict[str, Any]], name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schemas[name])


def loads_cleanly(tmp_path: Path, text: str) -> None:
    (tmp_path / "b").mkdir(exist_ok=True)
    path = tmp_path / "b" / "x.yaml"
    path.write_text(text, encoding="utf-8")
    problems = ProblemList()
    loaded = load_briefings(tmp_path / "b", tmp_path, problems)
    assert not problems, problems.render()
    assert len(loaded) == 1


# --- the committed files follow the models ---------------------------------------------------

@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_models(name: str) -> None:
    committed = ROOT / "schema" / name
    assert committed.exists(), f"schema/{name} is missing: run `briefings schema`"
    assert committed.read_text(encoding="utf-8") == render_schemas()[name], \
        f"schema/{name} is out of date with generator/models.py: run `briefings schema` and commit"


def test_committed_format_page_matches_the_models() -> None:
    committed = ROOT / "docs" / PAGE
    assert committed.read_text(encoding="utf-8") == render_format_page(), \
        f"docs/{PAGE} is out of date with generator/models.py: run `briefings schema` and commit"


def test_format_page_lists_every_field_and_every_allowed_value() -> None:
    page = render_format_page()
    for model in (Briefing, *{m for m in _nested_models(Briefing)}, ActorEntry, PartyEntry, TopicEntry):
        for name, field in model.model_fields.items():
            assert f"| `{name}` |" in page, f"{model.__name__}.{name} is missing from the format page"
            assert field.description, f"{model.__name__}.{name} has no French description"
            assert field.description.replace("|", "\\|") in page
    for value in ("weapons-test", "more-than", "interview", "reported", "humanitarian", "organisation"):
        assert f"| `{value}` |" in page


def _nested_models(model: type) -> list[type]:
    from generator.reading.models import inner_model as _inner_model

    return [m for f in model.model_fields.values() if (m := _inner_model(f.annotation)) is not None]


# --- the schemas are sound ------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12_with_id_and_title(schemas: dict[str, Any], name: str) -> None:
    schema = schemas[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(name) and schema["title"]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_object_forbids_unknown_keys_and_every_key_has_hover_help(schemas: dict[str, Any], name: str) -> None:
    objects = [s for s in _walk(schemas[name]) if s.get("type") == "object"]
    assert objects
    for obj in objects:
        assert obj["additionalProperties"] is False, obj.get("title")
        for key, prop in obj["properties"].items():
            assert prop.get("description"), f"{obj['title']}.{key} has no description"
            assert "title" not in prop


def _walk(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


# --- every real file validates ----------------------------------------------------------------

@pytest.mark.parametrize("load", LOADERS.values(), ids=LOADERS.keys())
@pytest.mark.parametrize("path", BRIEFING_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_briefing_validates(schemas: dict[str, Any], path: Path, load: Callable[[str], Any]) -> None:
    errors = list(validator(schemas, "briefing.schema.json").iter_errors(load(path.read_text(encoding="utf-8"))))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


@pytest.mark.parametrize("load", LOADERS.values(), ids=LOADERS.keys())
@pytest.mark.parametrize("path", REGISTRY_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_registry_validates(schemas: dict[str, Any], path: Path, load: Callable[[str], Any]) -> None:
    errors = list(validator(schemas, REGISTRY_SCHEMAS[path.name]).iter_errors(load(path.read_text(encoding="utf-8"))))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


@pytest.mark.parametrize("path", sorted((ROOT / "briefings").glob("*.y*ml")), ids=lambda p: p.name)
def test_every_briefing_names_its_schema_on_its_first_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = (path.parent / first.removeprefix("# yaml-language-server: $schema=")).resolve()
    assert first.startswith("# yaml-language-server: $schema=")
    assert target == ROOT / "schema" / "briefing.schema.json"


@pytest.mark.parametrize("path", sorted((ROOT / "content").glob("*.yaml")), ids=lambda p: p.name)
def test_every_registry_names_its_schema_on_its_first_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{REGISTRY_SCHEMAS[path.name]}"


# --- the schema accepts what the loader accepts, and rejects what it rejects -----------------

MINIMAL = """\
title: Titre
summary: Résumé.
source:
  outlet: null
  published: null
  genre: news
"""

LENIENT = {
    "year-unquoted": MINIMAL.replace("published: null", "published: 2025"),
    "month-and-day": MINIMAL.replace("published: null", "published: 2025-08")
                     + "events: [{id: a, kind: call, title: T, date: 2025-08-15}]\n",
    "quoted-date": MINIMAL.replace("published: null", "published: '2025-10-21'"),
    "authors-one-string": MINIMAL + "  authors: Liza Fokht\n",
    "authors-list": MINIMAL + "  authors: [Liza Fokht, Anna]\n",
    "authors-null": MINIMAL + "  authors:\n",
    "actor-bare-name": MINIMAL + "actors: [Dmitri Peskov, {name: Trump, role: président}]\n",
    "lists-null": MINIMAL + "topics:\nactors: null\nevents: ~\ndemands:\nfigures:\nquotes:\n",
    "nulls-where-optional": MINIMAL + "  headline: null\n  url: ~\n  text_file:\nid: null\n",
    "number-as-title": MINIMAL.replace("title: Titre", "title: 2025"),
    "yes-no-stay-words": MINIMAL + "demands: [{party: no, topic: on, text: yes}]\n",
    "digits-as-id": MINIMAL + "id: 2025\nevents: [{id: 010, kind: other, title: 12:30}]\n",
    "figure-value-forms": MINIMAL + "figures:\n  - {indicator: a, label: A, value: 13000000}\n"
                                    "  - {indicator: b, label: B, value: 2.5, qualifier: about}\n"
                                    "  - {indicator: c, label: C, value: '42', as_of: 2025}\n",
    "translated-forms": MINIMAL + "quotes:\n  - {speaker: X, text: a, translated: true}\n"
                                  "  - {speaker: X, text: b, translated: 'False'}\n",
    "every-key": MINIMAL.replace("published: null", "published: 2025-11-15") + """\
  headline: Titre publié
  url: https://example.org/a
  language: fr
  credits: [AFP]
  text_file: article.txt
id: un-briefing
topics: [sanctions]
events:
  - {id: e1, kind: summit, title: S, date: 2025-08, date_text: mi-août, place: P, participants: [A],
     status: held, outcome: O, duration: 3 heures, related: [e0], evidence: « x »}
demands:
  - {party: russia, voiced_by: A, topic: territory, text: T, status: reported, via: FT, date: 2025, evidence: e}
quotes:
  - {speaker: A, text: t, date: 2025-10, context: c, via: AFP, translated: false, statement: s-1}
""",
}


@pytest.mark.parametrize("load", LOADERS.values(), ids=LOADERS.keys())
@pytest.mark.parametrize("text", LENIENT.values(), ids=LENIENT.keys())
def test_schema_accepts_what_the_loader_accepts(schemas: dict[str, Any], tmp_path: Path, text: str,
                                                load: Callable[[str], Any]) -> None:
    loads_cleanly(tmp_path, text)
    errors = list(validator(schemas, "briefing.schema.json").iter_errors(load(text)))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


REJECTED = {
    "unknown-top-key": MINIMAL + "titel: x\n",
    "unknown-source-key": MINIMAL + "  autor: x\n",
    "unknown-event-key": MINIMAL + "events: [{id: a, kind: call, title: T, particpants: [X]}]\n",
    "unknown-figure-key": MINIMAL + "figures: [{indicator: a, label: A, value: 1, source: X}]\n",
    "unknown-quote-key": MINIMAL + "quotes: [{speaker: X, text: t, traduit: true}]\n",
    "unknown-actor-key": MINIMAL + "actors: [{name: X, rôle: r}]\n",
    "missing-genre": MINIMAL.replace("  genre: news\n", ""),
    "missing-published": MINIMAL.replace("  published: null\n", ""),
    "bad-genre": MINIMAL.replace("genre: news", "genre: tribune"),
    "bad-date": MINIMAL.replace("published: null", "published: 15/08/2025"),
    "month-13": MINIMAL.replace("published: null", "published: 2025-13"),
    "spaced-number": MINIMAL + "figures: [{indicator: a, label: A, value: 13 000 000}]\n",
    "bad-slug": MINIMAL + "topics: [Sanctions]\n",
    "reserved-id": MINIMAL + "id: index\n",
    "id-too-long": MINIMAL + "id: " + "a" * 101 + "\n",
    "name-too-long": MINIMAL + "quotes: [{speaker: " + "Nom " * 60 + ", text: t}]\n",
    "blank-title": MINIMAL.replace("title: Titre", "title: '  '"),
    "translated-yes": MINIMAL + "quotes: [{speaker: X, text: t, translated: oui}]\n",
    "text-file-path": MINIMAL + "  text_file: ../secret.txt\n",
}


@pytest.mark.parametrize("text", REJECTED.values(), ids=REJECTED.keys())
def test_schema_rejects_what_the_loader_rejects(schemas: dict[str, Any], tmp_path: Path, text: str) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.yaml").write_text(text, encoding="utf-8")
    problems = ProblemList()
    load_briefings(tmp_path / "b", tmp_path, problems)
    assert problems.errors, "the loader should reject this"
    assert list(validator(schemas, "briefing.schema.json").iter_errors(load_yaml12(text)))


@pytest.mark.parametrize("model, name", [(ActorEntry, "actors.schema.json"), (PartyEntry, "parties.schema.json"),
                                         (TopicEntry, "topics.schema.json")])
def test_registry_schemas_accept_lists_and_reject_unknown_keys(schemas: dict[str, Any], tmp_path: Path,
                                                               model: type, name: str) -> None:
    good = "- id: a\n  name: A\n- id: 2025\n  name: 2025\n"
    path = tmp_path / "r.yaml"
    path.write_text(good, encoding="utf-8")
    problems = ProblemList()
    assert len(load_registry(path, model, tmp_path, problems)) == 2 and not problems
    assert not list(validator(schemas, name).iter_errors(load_yaml12(good)))
    assert list(validator(schemas, name).iter_errors(load_yaml12(good + "  nmae: x\n")))
    assert list(validator(schemas, name).iter_errors(load_yaml12("id: a\nname: A\n")))


# --- the command ------------------------------------------------------------------------------

def test_schema_command_writes_then_reports_up_to_date(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["--root", str(tmp_path), "schema"])
    assert result.exit_code == 0, result.output
    assert "wrote schema/briefing.schema.json" in result.output
    assert "wrote docs/format-des-briefings.md" in result.output
    for name in SCHEMAS:
        assert (tmp_path / "schema" / name).read_text(encoding="utf-8") == render_schemas()[name]
    assert (tmp_path / "docs" / PAGE).read_text(encoding="utf-8") == render_format_page()
    again = runner.invoke(main, ["--root", str(tmp_path), "schema"])
    assert again.exit_code == 0 and again.output == "7 files up to date\n"


def test_schema_check_exits_1_naming_stale_files_and_writes_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["--root", str(tmp_path), "schema"]).exit_code == 0
    stale = tmp_path / "schema" / "topics.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    result = runner.invoke(main, ["--root", str(tmp_path), "schema", "--check"])
    assert result.exit_code == 1
    assert "schema/topics.schema.json: out of date (run `briefings schema`)" in result.output
    assert stale.read_text(encoding="utf-8") == "{}\n"


def test_schema_out_option_chooses_the_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--root", str(tmp_path), "schema", "--out", str(tmp_path / "elsewhere")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == sorted([*SCHEMAS, "divergences.schema.json"])


def test_committed_files_pass_schema_check() -> None:
    result = CliRunner().invoke(main, ["--root", str(ROOT), "schema", "--check"])
    assert result.exit_code == 0, result.output


def test_schema_help_and_usage_error() -> None:
    runner = CliRunner()
    help_ = runner.invoke(main, ["schema", "--help"])
    assert help_.exit_code == 0 and "--check" in help_.output and "--out" in help_.output
    assert runner.invoke(main, ["schema", "--nope"]).exit_code == 2
