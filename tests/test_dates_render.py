"""Every date the loader accepts can be shown: no value passes `check` and then crashes the build.

The date fields are found on the models by their declared kind, so a date field added later
is covered without touching this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from conftest import CORPUS
from generator.authoring.yamlwrite import quoted
from generator.cli import main
from generator.reading.dates import DateError, PartialDate
from generator.reading.fields import Kind, kind_of
from generator.reading.loader import load_briefing_text
from generator.reading.models import Briefing, inner_model, is_model
from generator.site.wording import date_text

# The smallest valid item of each list, to carry a date field.
ITEMS: dict[str, dict[str, str]] = {
    "events": {"id": "e", "kind": "summit", "title": "Sommet"},
    "demands": {"party": "russia", "topic": "territory", "text": "Texte"},
    "figures": {"indicator": "i", "label": "Chiffre", "value": "1"},
    "quotes": {"speaker": "Donald Trump", "text": "Mot"},
}
BASE = {"title": "T", "summary": "S", "source": {"outlet": "O", "genre": "news", "published": "2025"}}


def date_fields(model: type[BaseModel] = Briefing, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of every date field of a briefing: ("source", "published"), ("events", "date")…"""
    found = []
    for name, field in model.model_fields.items():
        inner = inner_model(field.annotation)
        if is_model(inner):
            found += date_fields(inner, (*prefix, name))
        elif kind_of(field) is Kind.DATE:
            found.append((*prefix, name))
    return found


FIELDS = date_fields()


def test_every_date_field_is_found() -> None:
    assert {("source", "published"), ("events", "date"), ("demands", "date"), ("figures", "as_of"),
            ("quotes", "date")} <= set(FIELDS)


def briefing_text(field: tuple[str, ...], value: str) -> str:
    """A briefing whose `field` holds `value`, written so the loader reads exactly `value`."""
    lines = ["title: T", "summary: S", "source:", "  outlet: O", "  genre: news"]
    head, key = field
    if head == "source":
        lines.append(f"  published: {quoted(value)}")
    else:
        lines.append("  published: 2025")
        item = {**ITEMS[head], key: value}
        lines.append(f"{head}:")
        lines += [f"{'- ' if i == 0 else '  '}{k}: {quoted(v)}" for i, (k, v) in enumerate(item.items())]
    return "\n".join(lines) + "\n"


def loaded_dates(briefing: Briefing, field: tuple[str, ...]) -> list[Any]:
    head, key = field
    if head == "source":
        return [getattr(briefing.source, key)]
    return [getattr(item, key) for item in getattr(briefing, head)]


DIGITS = "0123456789" + "٠١٢٣٤٥٦٧٨٩" + "０１２９" + "߀߁"  # ASCII, Arabic-Indic, full-width, N'Ko
PART = st.text(st.sampled_from(DIGITS), min_size=1, max_size=5)
DATE_LIKE = st.one_of(
    st.lists(PART, min_size=1, max_size=3).map("-".join),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    st.integers(0, 9999).map(lambda y: f"{y:04d}"),
    st.text(max_size=12),
)


@pytest.mark.parametrize("field", FIELDS, ids=".".join)
@settings(max_examples=150, deadline=None)
@given(value=DATE_LIKE)
@example(value="0000-09")
@example(value="0000")
@example(value="0000-01-01")
@example(value="0000-02-29")
@example(value="٠٠٠٠-٠١")
@example(value="２０２５")
@example(value="9999-12-31")
@example(value="0001-01-01")
@example(value="2025-10\n")
def test_every_date_the_loader_accepts_renders(field: tuple[str, ...], value: str) -> None:
    briefing, problems = load_briefing_text(briefing_text(field, value), "b.yaml")
    if briefing is None:
        assert problems.errors, "a refused date is reported"
        return
    for when in loaded_dates(briefing, field):
        assert isinstance(when, PartialDate)
        assert date_text(when)  # raises if babel cannot show it
        assert when.iso().isascii()


@pytest.mark.parametrize("text", ["0000", "0000-09", "0000-02-29", "٠٠٠٠-٠١", "２０２５", "2025-1٠"])
def test_year_zero_and_other_digits_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(text)


def test_year_zero_is_reported_by_check_with_its_position_and_a_hint(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(CORPUS / "content", tmp_path / "content")
    (tmp_path / "briefings").mkdir()
    (tmp_path / "briefings" / "2025-09-25-year-zero.yaml").write_text(
        "title: Date d'année zéro\nsummary: Une date.\nsource:\n  outlet: Le Journal\n  published: 0000-09\n"
        "  genre: news\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--root", str(tmp_path), "check"])
    assert result.exit_code == 1
    assert ("briefings/2025-09-25-year-zero.yaml:5:14: source.published: '0000-09' has no year 0 "
            "(years run from 0001)") in result.output
