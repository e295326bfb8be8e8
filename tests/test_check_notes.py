"""`check` keeps errors, warnings and editorial notes apart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from generator.cli import main
from generator.corpus import notes

CORPUS = Path(__file__).parent / "data" / "corpus"


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "check", *args])


def test_notes_are_counted_and_listed_on_request() -> None:
    plain = run(CORPUS)
    assert plain.exit_code == 0
    assert "note:" not in plain.output
    assert plain.output.strip().endswith("0 errors, 1 warning, 4 editorial notes (--notes to list)")
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


def _placeholders_one_by_one(value: Any, loc: tuple) -> list[tuple]:
    """Every string that starts with the placeholder, each value visited with its path: the plain way."""
    if isinstance(value, str):
        return [loc] if value.lstrip().startswith("TODO") else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _placeholders_one_by_one(v, (*loc, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _placeholders_one_by_one(v, (*loc, i))]
    return []


_leaves = st.one_of(st.none(), st.sampled_from(["TODO", " TODO x", "x TODO", "todo", "\tTODO", "", "TOD"]), st.text(max_size=5))
_values = st.recursive(_leaves, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=3), inner, max_size=4)), max_leaves=20)


@settings(max_examples=500)
@given(_values)
def test_every_placeholder_is_found_in_the_file_order(value: Any) -> None:
    class Noted:
        def problem(self, loc: tuple, *args: Any, **kwargs: Any) -> tuple:
            return loc
    assert notes._placeholders(Noted(), value, ()) == _placeholders_one_by_one(value, ())  # type: ignore[arg-type]


def test_a_site_build_makes_the_warnings_but_not_the_notes(tmp_path: Path) -> None:
    """A site never shows the editorial notes: a build does not work them out (nor look up their lines), `check`
    does; a placeholder left in is a warning for both."""
    from generator.pipeline import Project, build, check

    root = tmp_path / "c"
    shutil.copytree(CORPUS, root)
    path = root / "briefings" / "2025-tribune-inconnue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: Tribune", "summary: TODO résumer. Tribune"),
                    encoding="utf-8")
    project = Project.at(root)
    checked = check(project)[1]
    built = build(project, partial=True).problems
    assert len(checked.notes) == 4 and built.notes == []
    assert [p.render() for p in built.warnings] == [p.render() for p in checked.warnings]
    assert any("placeholder left in" in p.message for p in built.warnings)
