"""Each file in tests/data/invalid/ holds one kind of mistake; its first line says the exact report expected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import Project, check

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def expected_lines(path: Path) -> list[str]:
    return [line.removeprefix("# expect: ").strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect: ")]


@pytest.fixture(scope="module")
def reported() -> list[str]:
    project = Project.from_options(DATA, briefings_dir="invalid", content_dir="corpus/content")
    _, problems = check(project)
    return [p.render() for p in problems.errors]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_each_mistake_is_reported_exactly(path: Path, reported: list[str]) -> None:
    expected = expected_lines(path)
    assert expected, f"{path.name} has no '# expect:' line"
    mine = [line for line in reported if line.startswith(f"invalid/{path.name}:")]
    assert mine == expected


def test_every_problem_of_every_file_is_reported_at_once(reported: list[str]) -> None:
    assert len(reported) == sum(len(expected_lines(p)) for p in INVALID)
    assert {line.split(":")[0] for line in reported} == {f"invalid/{p.name}" for p in INVALID}


def test_check_command_exits_1_and_prints_every_problem(tmp_path: Path) -> None:
    runner = CliRunner()
    # The check command looks for briefings/ and content/ under --root: lay them out.
    (tmp_path / "briefings").mkdir()
    for p in INVALID:
        (tmp_path / "briefings" / p.name).write_bytes(p.read_bytes())
    shutil.copytree(DATA / "corpus" / "content", tmp_path / "content")
    result = runner.invoke(main, ["--root", str(tmp_path), "check"])
    assert result.exit_code == 1
    for p in INVALID:
        for line in expected_lines(p):
            assert line.replace("invalid/", "briefings/", 1) in result.output
    assert "Traceback" not in result.output


def test_check_usage_error_exits_2() -> None:
    result = CliRunner().invoke(main, ["check", "--format", "xml"])
    assert result.exit_code == 2
    assert "xml" in result.output


def test_clean_corpus_exits_0_with_warnings_apart() -> None:
    result = CliRunner().invoke(main, ["--root", str(DATA / "corpus"), "check", "--format", "json"])
    assert result.exit_code == 0
    import json

    report = json.loads(result.output)
    assert report["errors"] == []
    assert [w["message"] for w in report["warnings"]] == ["'Jean Inconnu' is not in content/actors.yaml"]
