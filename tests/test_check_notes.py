"""`check` keeps errors, warnings and editorial notes apart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

CORPUS = Path(__file__).parent / "data" / "corpus"


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "check", *args])


def test_notes_are_counted_and_listed_on_request() -> None:
    plain = run(CORPUS)
    assert plain.exit_code == 0
    assert "note:" not in plain.output
    assert plain.output.strip().endswith("0 error(s), 1 warning(s), 4 editorial note(s) (--notes to list)")
    listed = run(CORPUS, "--notes").output
    assert ("briefings/2025-10-22-analyse-budapest.yaml:53:5: figures[0]: note: figure 'displaced-ukrainians' has "
            "no attributed_to (the site shows it as unattributed; add who produced it if the article says)") in listed
    assert "events[2].id: note: event 'budapest-summit-announcement-2025' is described by this briefing only" in listed
    assert "anchorage-summit-2025' is described" not in listed  # two briefings describe it


def test_json_report_has_three_separate_lists() -> None:
    report = json.loads(run(CORPUS, "--format", "json").output)
    assert [w["message"] for w in report["warnings"]] == ["'Jean Inconnu' is not in content/actors.yaml"]
    assert {n["severity"] for n in report["notes"]} == {"note"}
    assert len(report["notes"]) == 4 and report["errors"] == []


def test_a_placeholder_left_in_is_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(CORPUS, root)
    path = root / "briefings" / "2025-tribune-inconnue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: Tribune", "summary: TODO résumer. Tribune"),
                    encoding="utf-8")
    result = run(root)
    assert result.exit_code == 0
    assert "briefings/2025-tribune-inconnue.yaml:2:10: summary: warning: placeholder left in: 'TODO résumer." in result.output
