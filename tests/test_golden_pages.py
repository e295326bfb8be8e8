"""The Markdown generated for the test corpus, page by page, against checked-in golden files.

Regenerate on purpose only: `UPDATE_GOLDEN=1 make test`, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.pipeline import Project, build

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    result = build(Project.at(DATA / "corpus"))
    assert result.ok, result.problems.render()
    return result.pages


def test_golden_pages_match(pages: dict[str, str]) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(text.encode("utf-8"))  # as written: the calendar's lines end in CRLF
    on_disk = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(on_disk) == sorted(pages), "pages were added or removed: regenerate the golden files on purpose"
    for path, text in pages.items():
        assert text == on_disk[path], f"{path} differs from tests/data/golden/{path}"


def test_rendering_is_deterministic(pages: dict[str, str]) -> None:
    again = build(Project.at(DATA / "corpus")).pages
    assert again == pages
