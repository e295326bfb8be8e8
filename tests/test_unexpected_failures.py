"""A bug that some input brings out never ends in a traceback or a hung preview: it becomes one error,
on the file being processed when it is known, and the preview keeps every other file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_project, mkdocs_build
from generator import pipeline
from generator.project import Project
from generator.site import render

YEAR_ZERO = """\
title: Date d'année zéro
summary: Une date de publication en l'an 0000, au mois près.
source: {outlet: Le Journal, published: 0000-09, genre: news}
"""

PLANTED = "title: PANNE-PAGE\nsummary: s\nsource: {outlet: o, published: 2025-01-01, genre: news}\n"


@pytest.fixture
def planted_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    original = render.Renderer.render

    def faulty(self, template, index, page, **context):
        briefing = context.get("b")
        if briefing is not None and briefing.title == "PANNE-PAGE":
            raise ZeroDivisionError("planted")
        return original(self, template, index, page, **context)

    monkeypatch.setattr(render.Renderer, "render", faulty)


def test_a_failure_is_an_error_on_its_file_and_the_other_files_are_rendered(tmp_path: Path, planted_fault) -> None:
    root = make_project(tmp_path / "project")
    (root / "briefings" / "2025-01-01-panne.yaml").write_text(PLANTED, encoding="utf-8")
    result = pipeline.build(Project.at(root), partial=True)
    [error] = result.problems.errors
    assert error.path == "briefings/2025-01-01-panne.yaml" and "ZeroDivisionError: planted" in error.message
    assert "briefings/2025-08-16-quotidien-anchorage.md" in result.pages
    assert "briefings/2025-01-01-panne.md" not in result.pages
    assert len(result.crashes) == 1 and "Traceback" in result.crashes[0]


def test_a_failure_with_no_briefing_at_hand_names_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise ZeroDivisionError("planted everywhere")

    monkeypatch.setattr(pipeline, "render_pages", broken)
    root = make_project(tmp_path / "project")
    result = pipeline.build(Project.at(root), partial=True)
    [error] = result.problems.errors
    assert error.path == "briefings" and error.line == 0 and "planted everywhere" in error.message
    assert result.index is not None and result.index.briefings == []


def test_the_input_fingerprint_sees_an_edit_that_keeps_size_and_time(tmp_path: Path) -> None:
    import os

    root = make_project(tmp_path / "project")
    project = Project.at(root)
    path = root / "briefings" / "2025-08-16-quotidien-anchorage.yaml"
    before, st = pipeline.input_fingerprint(project), path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Anchorage", "Anchorags", 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert pipeline.input_fingerprint(project) != before


@pytest.mark.slow
def test_build_fails_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    """Whether year 0 is refused as a problem or brings out a bug, `mkdocs build` names the file, in one line."""
    root = make_project(tmp_path / "project")
    (root / "briefings" / "2025-09-25-year-zero.yaml").write_text(YEAR_ZERO, encoding="utf-8")
    build = mkdocs_build(root, tmp_path / "site")
    assert build.returncode == 1
    assert "Traceback" not in build.output
    assert any(line.startswith("briefings/2025-09-25-year-zero.yaml:") for line in build.output.splitlines())
