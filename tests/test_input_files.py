"""Which files are read: links refused anywhere under the inputs, every file of the briefings folder
either loaded or named in a warning, and file names that are safe in paths and links."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from generator.cli import main
from generator.pipeline import Project, check, input_fingerprint
from generator.reading.files import scan_briefing_folder

SECRET = "FAKE-SECRET-not-a-token-0123"
BRIEFING = CORPUS / "briefings" / "2025-08-16-quotidien-anchorage.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(CORPUS / "content", root / "content")
    shutil.copytree(CORPUS / "briefings", root / "briefings")
    return root


def run_check(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "check", *args])


def replace_with_link(root: Path, relative: str, outside: Path) -> None:
    """Move an input outside the project, plant a secret in it, and link it back in its place."""
    target = outside / relative.replace("/", "_")
    shutil.move(root / relative, target)
    for f in [target, *target.rglob("*")]:
        if not f.is_file():
            continue
        if f.name in ("actors.yaml", "parties.yaml", "topics.yaml"):
            f.write_text(f"{SECRET}\n", encoding="utf-8")  # printed whole by a careless message
        else:
            f.write_text(f.read_text(encoding="utf-8").replace("title:", f"title: {SECRET} #", 1), encoding="utf-8")
    (root / relative).symlink_to(target, target_is_directory=target.is_dir())


INPUTS = ["briefings", "content", "content/actors.yaml", "content/parties.yaml", "content/topics.yaml",
          f"briefings/{BRIEFING.name}"]


@pytest.mark.parametrize("relative", INPUTS)
def test_a_link_anywhere_under_the_inputs_is_refused_and_its_target_never_printed(
        root: Path, tmp_path: Path, relative: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    replace_with_link(root, relative, outside)
    result = run_check(root)
    assert result.exit_code == 1
    assert f"{relative}: is a symbolic link; " in result.output
    assert SECRET not in result.output
    json_result = run_check(root, "--format", "json")
    assert SECRET not in json_result.output
    # The build uses the same loader.
    _, problems = check(Project.at(root))
    assert any(p.path == relative and "symbolic link" in p.message for p in problems.errors)


def test_a_link_to_a_folder_is_one_error_not_one_per_file(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    replace_with_link(root, "content", outside)
    _, problems = check(Project.at(root))
    assert [p.path for p in problems.errors if "symbolic link" in p.message] == ["content"]


def test_a_whole_registry_file_is_never_echoed_from_outside_the_project(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "registres"
    shutil.copytree(root / "content", outside)
    (outside / "topics.yaml").write_text(f"{SECRET}\n", encoding="utf-8")
    _, problems = check(Project.from_options(root, content_dir=str(outside)))
    assert any("topics.yaml" in p.path and "holds a text, not a list" in p.message for p in problems.errors)
    assert SECRET not in "\n".join(p.render() for p in problems)


def test_a_registry_of_the_project_says_what_it_holds(root: Path) -> None:
    (root / "content" / "topics.yaml").write_text("un texte\n", encoding="utf-8")
    result = run_check(root)
    assert "content/topics.yaml:1:1: the registry holds the text 'un texte', not a list" in result.output


# --- every entry of the briefings folder is loaded or named -----------------------------------

@pytest.mark.parametrize("name", ["2025-10-06-nouveau.YAML", "2025-10-06-nouveau.Yaml", "2025-10-06-nouveau.YML"])
def test_a_suffix_in_capitals_loads(root: Path, name: str) -> None:
    shutil.copy(BRIEFING, root / "briefings" / name)
    (root / "briefings" / BRIEFING.name).unlink()
    index, problems = check(Project.at(root))
    assert "2025-10-06-nouveau" in [b.id for b in index.briefings]
    assert not problems.errors


@pytest.mark.parametrize(("entry", "folder"), [("2025-10-06-nouveau.yaml~", False), ("notes.txt", False),
                                               ("archive.yaml", True), ("anciens", True)])
def test_anything_else_in_the_briefings_folder_is_named_in_a_warning(root: Path, entry: str, folder: bool) -> None:
    path = root / "briefings" / entry
    if folder:
        path.mkdir()
        shutil.copy(BRIEFING, path / "x.yaml")
    else:
        shutil.copy(BRIEFING, path)
    result = run_check(root)
    assert result.exit_code == 0, result.output
    assert f"briefings/{entry}: warning: " in result.output
    assert "2 warnings" in result.output  # the corpus's own warning, and this one


def test_hidden_files_stay_silent(root: Path) -> None:
    for name in (".x.yaml", ".gitkeep", ".2025-10-06.yaml.swp"):
        (root / "briefings" / name).write_text("x", encoding="utf-8")
    result = run_check(root)
    assert result.exit_code == 0
    assert ".x.yaml" not in result.output and ".gitkeep" not in result.output


def test_the_preview_fingerprint_sees_what_the_loader_sees(root: Path) -> None:
    project = Project.at(root)
    before = input_fingerprint(project)
    (root / "briefings" / "b.YAML").write_bytes(BRIEFING.read_bytes())
    with_upper = input_fingerprint(project)
    assert with_upper != before
    (root / "briefings" / "c.yaml~").write_text("x", encoding="utf-8")
    assert input_fingerprint(project) != with_upper  # its warning must show in the preview too
    files, skipped = scan_briefing_folder(root / "briefings")
    assert {str(p) for p in [*files, *skipped]} <= {entry[0] for entry in input_fingerprint(project)}


# --- file names --------------------------------------------------------------------------------

HOSTILE_NAMES = ['"><img src=x onerror=alert(document.domain)>.yaml', "Mon briefing.yaml", "a%2e.yaml",
                 "a#b.yaml", "a?b.yaml", "résumé.yaml", "a'b.yaml", "a\u202eb.yaml", "a\x1b[31m.yaml"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_file_name_outside_the_safe_letters_is_refused_even_with_an_id(root: Path, name: str) -> None:
    text = BRIEFING.read_text(encoding="utf-8")
    (root / "briefings" / name).write_text("id: nom-de-fichier-piege\n" + text, encoding="utf-8")
    result = run_check(root)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "cannot name a briefing file" in line]
    assert len(lines) == 1, result.output
    assert "rename it 'nom-de-fichier-piege.yaml'" in lines[0]
    assert "\x1b" not in result.output and "\u202e" not in result.output
    index, _ = check(Project.at(root))
    assert "nom-de-fichier-piege" not in [b.id for b in index.briefings]


def test_a_name_with_capitals_dots_and_underscores_loads_when_it_declares_its_id(root: Path) -> None:
    text = BRIEFING.read_text(encoding="utf-8")
    (root / "briefings" / "Jumeau_B.v2.yaml").write_text("id: jumeau-b\n" + text, encoding="utf-8")
    index, problems = check(Project.at(root))
    assert "jumeau-b" in [b.id for b in index.briefings]
    assert not [p for p in problems.errors if "Jumeau_B" in p.path]


def test_an_id_written_as_null_is_the_file_name(root: Path) -> None:
    text = BRIEFING.read_text(encoding="utf-8")
    (root / "briefings" / BRIEFING.name).write_text("id: null\n" + text, encoding="utf-8")
    index, problems = check(Project.at(root))
    assert BRIEFING.stem in [b.id for b in index.briefings]
    assert None not in [b.id for b in index.briefings]
