"""The guide "Ajouter un briefing" says what the code does: its example loads, its error is the real one,
its commands exist and do what it says."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.reading.loader import load_briefings
from generator.reading.problems import ProblemList

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "ajouter-un-briefing.md").read_text(encoding="utf-8")
README = ROOT / "README.md"


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "briefings").mkdir()
    return tmp_path


def example_file(project: Path, text: str) -> Path:
    """The example saved under the name the guide's error message uses."""
    name = re.search(r"^(briefings/[\w.-]+\.yaml):", fenced(GUIDE, "text")[0], re.MULTILINE).group(1)
    path = project / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_guide_has_one_yaml_example_that_loads_through_the_loader(project: Path) -> None:
    examples = fenced(GUIDE, "yaml")
    assert len(examples) == 1
    path = example_file(project, examples[0])
    problems = ProblemList()
    loaded = load_briefings(path.parent, project, problems)
    assert not problems, problems.render()
    briefing = loaded[0].model
    assert briefing.events and briefing.demands and briefing.figures and briefing.quotes and briefing.actors


def test_the_example_passes_check_against_the_real_registries(project: Path) -> None:
    example_file(project, fenced(GUIDE, "yaml")[0])
    result = CliRunner().invoke(main, ["--root", str(project), "check"])
    assert result.exit_code == 0, result.output
    # a single briefing describes its events alone: that is an editorial note, not a warning
    assert result.output.strip().startswith("1 briefing checked: 0 errors, 0 warnings")


def test_the_error_shown_is_the_one_check_prints(project: Path) -> None:
    shown = fenced(GUIDE, "text")[0].strip()
    example_file(project, fenced(GUIDE, "yaml")[0].replace("    participants:", "    particpants:", 1))
    result = CliRunner().invoke(main, ["--root", str(project), "check"])
    assert result.exit_code == 1
    assert shown in result.output.splitlines()


def test_the_new_command_creates_the_file_the_guide_names(project: Path) -> None:
    command = next(c for c in fenced(GUIDE, "sh") if " new " in c)
    args = re.findall(r'--\w+ (?:"[^"]*"|\S+)', command)
    argv = [part.strip('"') for arg in args for part in arg.split(" ", 1)]
    result = CliRunner().invoke(main, ["--root", str(project), "new", *argv])
    assert result.exit_code == 0, result.output
    named = re.search(r"crée `(briefings/[^`]+)`", GUIDE).group(1)
    assert (project / named).is_file()


@pytest.mark.parametrize("text", [GUIDE, README.read_text(encoding="utf-8") if README.exists() else ""],
                         ids=["guide", "readme"])
def test_every_command_named_exists(text: str) -> None:
    # `briefings X` in inline code, and `.venv/bin/briefings X` or `briefings X` starting a line of a code block
    named = re.findall(r"`(?:\.venv/bin/)?briefings ([a-z]+)", text)
    named += re.findall(r"^(?:\$ )?(?:\.venv/bin/)?briefings(?: --root \S+)? ([a-z]+)", text, re.MULTILINE)
    assert named
    for name in named:
        assert name in main.commands, f"`briefings {name}` is not a command"


def test_the_guide_links_the_reference_and_the_data_pages() -> None:
    assert "(format-des-briefings.md)" in GUIDE and "(donnees.md)" in GUIDE
