"""A preview's build reads each input file once: the bytes hashed to see whether anything changed are the bytes
loaded (reading/files.py `read_once`); everywhere else, files are read as before."""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from pathlib import Path

import pytest

from generator.pipeline import Project, cached_build, forget
from generator.reading import yamlread
from generator.reading.files import bytes_read, file_digest, read_once
from generator.reading.yamlevents import YamlError


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter:
    counted: Counter = Counter()
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        counted[self.name] += 1
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return counted


def test_a_preview_build_reads_each_briefing_and_registry_once(project: Path, reads: Counter) -> None:
    forget()
    try:
        result = cached_build(Project.at(project), live=True)
        briefings = sorted(p.name for p in (project / "briefings").glob("*.yaml"))
        assert result.ok and len(briefings) >= 3
        assert {name: reads[name] for name in briefings} == dict.fromkeys(briefings, 1)
        assert reads["actors.yaml"] == 1
        # An edit: the next build reads the files again, each once.
        edited = project / "briefings" / briefings[0]
        edited.write_text(edited.read_text(encoding="utf-8") + "\n# relu\n", encoding="utf-8")
        reads.clear()
        cached_build(Project.at(project), live=True)
        assert {name: reads[name] for name in briefings} == dict.fromkeys(briefings, 1)
    finally:
        forget()


def test_the_loaded_text_is_the_text_hashed(project: Path) -> None:
    """A file rewritten between its hash and its loading is loaded as it was hashed: the next build, whose hash
    differs, loads the new text."""
    path = sorted((project / "briefings").glob("*.yaml"))[0]
    before = path.read_text(encoding="utf-8")
    with read_once():
        file_digest(path)
        path.write_text(before.replace("title:", "title: Réécrit —", 1), encoding="utf-8")
        assert yamlread.read_text(path) == before
        assert yamlread.read_text(path) != before  # handed over once
    assert bytes_read(path) is None


def test_outside_a_preview_nothing_is_kept(project: Path) -> None:
    path = sorted((project / "briefings").glob("*.yaml"))[0]
    file_digest(path)
    assert bytes_read(path) is None
    with read_once():
        pass
    file_digest(path)
    assert bytes_read(path) is None


def test_a_file_too_large_is_refused_even_when_already_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "gros.yaml"
    path.write_text("title: " + "x" * 100 + "\n", encoding="utf-8")
    monkeypatch.setattr(yamlread, "MAX_FILE_BYTES", 50)
    for scoped in (False, True):
        with read_once() if scoped else nullcontext():
            file_digest(path)
            with pytest.raises(YamlError) as caught:
                yamlread.read_text(path)
        assert "more than the 50 allowed" in caught.value.findings[0].message
