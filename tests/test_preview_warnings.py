"""What a live preview logs of the briefings' warnings: on each save, the warnings that save brought, and a count of
the others, where a build logs every one (the preview's error page lists them all either way)."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.preview import Preview, warning_lines
from generator.reading.problems import Problem, Severity
from test_shared_conversion import serve_build


def warning(path: str, line: int, name: str) -> Problem:
    return Problem(path, line, 5, "actors[0].name", f"'{name}' is not in content/actors.yaml",
                   "add the name to content/actors.yaml", Severity.WARNING)


def test_a_preview_logs_only_the_warnings_its_last_build_did_not() -> None:
    a, b, c = warning("briefings/a.yaml", 3, "Xi Jinping"), warning("briefings/b.yaml", 7, "Euroclear"), \
        warning("briefings/b.yaml", 9, "Rosneft")
    preview = Preview()
    assert warning_lines([a, b], preview) == [a.render(), b.render()]  # the first build: every one
    assert warning_lines([a, b], preview) == ["2 warnings not shown again, unchanged since the last build "
                                              "(all are listed on /erreurs/)"]
    moved = warning("briefings/b.yaml", 8, "Euroclear")  # a line added above it: shown again, with its new place
    assert warning_lines([a, moved, c], preview) == [moved.render(), c.render(), "1 warning not shown again, "
                                                     "unchanged since the last build (all are listed on /erreurs/)"]
    assert warning_lines([], preview) == []
    assert warning_lines([a], preview) == [a.render()]  # gone, then back: shown
    preview.failed()
    assert warning_lines([a], preview) == [a.render()]  # after a failed build, every one again


def test_a_build_logs_every_warning_every_time() -> None:
    a = warning("briefings/a.yaml", 3, "Xi Jinping")
    assert warning_lines([a]) == warning_lines([a]) == [a.render()]


@pytest.mark.slow
def test_a_preview_rebuild_logs_the_warning_a_save_brought_and_counts_the_others(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr("generator.plugin.search_index.build_index", lambda site: None)
    monkeypatch.setattr("generator.plugin.BriefingsPlugin.indexer", SimpleNamespace(submit=lambda site: None))
    first, second = sorted((project / "briefings").glob("*.yaml"))[:2]
    unknown = {first: "Personne Inconnue Alpha", second: "Personne Inconnue Beta"}

    def add_actor(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert "\nactors:\n" in text
        path.write_text(text.replace("\nactors:\n", f"\nactors:\n  - name: {unknown[path]}\n", 1), encoding="utf-8")

    def logged() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.briefings"]

    add_actor(first)
    with caplog.at_level(logging.INFO):
        plugin = serve_build(project, tmp_path / "site", rebuild=False)
        assert sum(unknown[first] in line for line in logged()) == 1
        total = len(plugin.problems.warnings)
        caplog.clear()
        add_actor(second)
        serve_build(project, tmp_path / "site", rebuild=True, preview=plugin.preview)
    lines = logged()
    assert [line for line in lines if "warning: " in line] == [
        line for line in lines if unknown[second] in line]  # the new one, and no other warning line
    assert sum(unknown[second] in line for line in lines) == 1
    assert f"{total} warning{'s' * (total > 1)} not shown again" in "\n".join(lines)
