"""A field's kind (text, name, id, date, number, flag, file name) is declared once, on its type.

The exports (date columns), the JSON Schemas and the format page all read it with
`kind_of`; these tests pin what each kind is and that no field is left without one.
"""

from __future__ import annotations

from typing import Literal, get_args, get_origin

import pytest

from generator.reading import models
from generator.reading.fields import Kind, kind_of
from generator.reading.models import inner_model
from generator.site.export import columns

MODELS = [models.Source, models.ActorMention, models.Event, models.Demand, models.Figure, models.Quote,
          models.Briefing, models.ActorEntry, models.PartyEntry, models.TopicEntry]


@pytest.mark.parametrize(("model", "key", "kind"), [
    (models.Event, "date", Kind.DATE), (models.Source, "published", Kind.DATE), (models.Figure, "as_of", Kind.DATE),
    (models.Event, "participants", Kind.NAME), (models.Quote, "speaker", Kind.NAME),
    (models.Event, "id", Kind.ID), (models.Briefing, "topics", Kind.ID), (models.Demand, "party", Kind.ID),
    (models.Event, "title", Kind.TEXT), (models.Source, "authors", Kind.TEXT),
    (models.Figure, "value", Kind.NUMBER), (models.Quote, "translated", Kind.FLAG),
    (models.Source, "text_file", Kind.FILE_NAME),
])
def test_each_field_has_its_declared_kind(model: type, key: str, kind: Kind) -> None:
    assert kind_of(model.model_fields[key]) is kind


def _is_choice_or_model(annotation: object) -> bool:
    if get_origin(annotation) is Literal or inner_model(annotation) is not None:
        return True
    return any(_is_choice_or_model(arg) for arg in get_args(annotation))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_a_kind_a_fixed_choice_or_a_model(model: type) -> None:
    for key, field in model.model_fields.items():
        assert kind_of(field) is not None or _is_choice_or_model(field.annotation), f"{model.__name__}.{key}"


def test_every_date_field_and_only_those_get_a_precision_column() -> None:
    for table, model in [("events", models.Event), ("demands", models.Demand), ("figures", models.Figure),
                         ("quotes", models.Quote)]:
        dated = {key for key, field in model.model_fields.items() if kind_of(field) is Kind.DATE}
        assert dated
        assert {c.removesuffix("_precision") for c in columns(table) if c.endswith("_precision")} == dated | {"source_published"}
