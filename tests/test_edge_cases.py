"""Small edges: terminal-safe reports, reserved page names, tiny figures, linked files."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.site.wording import figure_text
from generator.reading.models import Figure
from generator.reading.names import slugify
from generator.reading.problems import Problem

CORPUS = Path(__file__).parent / "data" / "corpus"


def test_reports_show_control_characters_as_escapes() -> None:
    line = Problem("b.yaml", 3, 5, "title", "bad '\x1b]0;owned\x07\u202e'", "fix \x85it").render()
    assert line == "b.yaml:3:5: title: bad '\\x1b]0;owned\\x07\\u202e' (fix \\x85it)"
    assert all(c.isprintable() for c in line)


def test_check_prints_no_escape_sequence_from_a_briefing(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(CORPUS, root)
    (root / "briefings" / "x.yaml").write_text('title: "a"\nsummary: "b"\nsource: {outlet: null, published: 2025, '
                                              'genre: "\\e]0;owned\\a"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--root", str(root), "check"])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "'\\x1b]0;owned\\x07' is not allowed here" in result.output


def test_an_unknown_name_never_takes_a_reserved_page_name() -> None:
    assert slugify("Index") == "nom-index"
    assert slugify("Jean Inconnu") == "jean-inconnu"
    assert slugify("«»") == "sans-nom"


def test_small_and_fractional_figures_keep_their_digits() -> None:
    assert figure_text(Figure(indicator="x", label="l", value=0.0004)) == "0,0004"
    assert figure_text(Figure(indicator="x", label="l", value=2.5, unit="percent", qualifier="about")) == "près de 2,5 %"
    assert figure_text(Figure(indicator="x", label="l", value=13000000, unit="people")) == "13\u202f000\u202f000 personnes"


def test_a_linked_briefing_is_not_read(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(CORPUS, root)
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: secret\n", encoding="utf-8")
    (root / "briefings" / "lien.yaml").symlink_to(secret)
    result = CliRunner().invoke(main, ["--root", str(root), "check"])
    assert result.exit_code == 1
    assert "briefings/lien.yaml: is a symbolic link; briefings are read only from regular files" in result.output
    assert "secret" not in result.output.replace("lien.yaml", "")
