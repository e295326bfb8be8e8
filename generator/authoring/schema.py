"""JSON Schemas of a briefing and of the registries, generated from the models.

Editors (VS Code's YAML extension, through the `# yaml-language-server: $schema=…`
first line) use them for completion, hover help (the French field descriptions)
and red squiggles. An editor reads YAML 1.2, where `2025` is a number and `true`
a boolean, while :mod:`generator.reading.yamlread` keeps every scalar as text and
lets the models read it. So each kind of value declared in
:mod:`generator.reading.fields` is mapped here to the JSON types that can reach
it: the schema accepts everything the loader accepts, and rejects unknown keys as
the loader does.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from ..reading import fields, models
from ..reading.fields import KIND_KEY, MAX_ID_LENGTH, MAX_LENGTH_KEY, MAX_NAME_LENGTH, NUMBER_RE, RESERVED_IDS, SLUG_RE, Kind
from ..reading.models import ActorEntry, Briefing, PartyEntry, PlaceEntry, TopicEntry

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "urn:briefings-site:schema:"

SCALAR_TYPES = ["string", "number", "boolean"]
DATE_PATTERN = r"^\s*\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\s*$"
FLAG_PATTERN = "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"
_RESERVED = "|".join(sorted(RESERVED_IDS))
SLUG_PATTERN = f"^(?!({_RESERVED})$){SLUG_RE.pattern.lstrip('^')}"
FILE_NAME_PATTERN = r"^(?!\.\.?$)[^/\\]*[^/\\\s][^/\\]*$"


class LoaderJsonSchema(GenerateJsonSchema):
    """model_json_schema() that knows how the loader's validators read YAML values."""

    def generate_inner(self, schema: Any) -> JsonSchemaValue:
        if not isinstance(schema, dict):
            return super().generate_inner(schema)
        metadata = schema.get("metadata") or {}
        kind = metadata.get(KIND_KEY)
        if kind is not None:
            value = copy.deepcopy(_KINDS[kind])  # pydantic adds the default and description to it
            if metadata.get(MAX_LENGTH_KEY) is not None:
                value["maxLength"] = metadata[MAX_LENGTH_KEY]
            return value
        if schema.get("type") == "function-before":
            shape = _SHAPES.get(schema["function"]["function"])
            if shape is not None:
                return shape(self, schema)
        return super().generate_inner(schema)

    def field_title_should_be_set(self, schema: Any) -> bool:
        # Titles pydantic derives from key names ("Attributed To") would be English
        # noise above the French descriptions in an editor's hover.
        return False


# `title: 2025` and `title: true` are text to the loader, numbers and booleans to an editor;
# digits alone (`2025`) and the words true/false are valid ids once read as text.
_KINDS: dict[Kind, JsonSchemaValue] = {
    Kind.TEXT: {"type": SCALAR_TYPES, "pattern": r"\S"},
    Kind.NAME: {"type": SCALAR_TYPES, "pattern": r"\S", "maxLength": MAX_NAME_LENGTH},
    Kind.ID: {"type": ["string", "integer", "boolean"], "pattern": SLUG_PATTERN, "minimum": 0, "maxLength": MAX_ID_LENGTH},
    Kind.FILE_NAME: {"type": SCALAR_TYPES, "pattern": FILE_NAME_PATTERN},
    Kind.DATE: {"type": ["string", "integer"], "pattern": DATE_PATTERN, "minimum": 0, "maximum": 9999},
    Kind.NUMBER: {"type": ["number", "string"], "pattern": NUMBER_RE.pattern},
    Kind.FLAG: {"type": ["boolean", "string"], "pattern": FLAG_PATTERN},
}


def _list_or_null(gen: LoaderJsonSchema, schema: Any) -> JsonSchemaValue:
    return {"anyOf": [gen.generate_inner(schema["schema"]), {"type": "null"}]}


def _one_or_many(gen: LoaderJsonSchema, schema: Any) -> JsonSchemaValue:
    many = gen.generate_inner(schema["schema"])
    return {"anyOf": [many, many["items"], {"type": "null"}]}


def _mention(gen: LoaderJsonSchema, schema: Any) -> JsonSchemaValue:
    # `- Dmitri Peskov` is short for `- name: Dmitri Peskov`.
    return {"anyOf": [gen.generate_inner(schema["schema"]),
                      {"type": list(SCALAR_TYPES), "pattern": r"\S", "maxLength": MAX_NAME_LENGTH}]}


# Shapes a field may be written in, besides its own: an empty key for an empty list,
# one value for a list of one, a bare name for an actor mention.
_SHAPES = {
    fields.none_as_empty: _list_or_null,
    fields.one_or_many: _one_or_many,
    models.name_or_mention: _mention,
}

# file name → (model, is a registry list, what it describes)
SCHEMAS: dict[str, tuple[type[BaseModel], bool, str]] = {
    "briefing.schema.json": (Briefing, False, "Briefing (format v1)"),
    "actors.schema.json": (ActorEntry, True, "Registre des acteurs (content/actors.yaml)"),
    "parties.schema.json": (PartyEntry, True, "Registre des parties (content/parties.yaml)"),
    "topics.schema.json": (TopicEntry, True, "Registre des thèmes (content/topics.yaml)"),
    "places.schema.json": (PlaceEntry, True, "Registre des lieux (content/places.yaml, facultatif)"),
}


def build_schema(file_name: str) -> dict[str, Any]:
    """The JSON Schema written to `schema/<file_name>`."""
    model, is_registry, title = SCHEMAS[file_name]
    body = model.model_json_schema(schema_generator=LoaderJsonSchema)
    head = {"$schema": DRAFT, "$id": BASE_ID + file_name, "title": title}
    if not is_registry:
        return {**head, **{k: v for k, v in body.items() if k != "title"}}
    defs = body.pop("$defs", {})
    defs[model.__name__] = body
    return {**head, "description": f"Une liste YAML d'entrées ; chaque entrée : {body['description']}",
            "type": ["array", "null"], "items": {"$ref": f"#/$defs/{model.__name__}"}, "$defs": defs}


def render_schemas() -> dict[str, str]:
    """Every schema file's text, keyed by file name: stable, UTF-8, ending with a newline."""
    return {name: json.dumps(build_schema(name), ensure_ascii=False, indent=2) + "\n" for name in SCHEMAS}
