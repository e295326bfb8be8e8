"""`exports/divergences.json` and `exports/divergences.csv`: every compared field, with its class.

One row per field that the accounts of an event (or the values of an indicator) give
differently: `subject` (event or indicator id), `subject_kind` (`event` | `figure`),
`field`, `class` (see :mod:`generator.corpus.divergences`) and `versions`, each with the
value as the site shows it, the briefing that gives it and the briefing's publication
date. The warning boxes and the « Nuances entre récits » blocks are drawn from the same
differences. The CSV has one line per version and briefing.
"""

from __future__ import annotations

import json
from typing import Any

from ..corpus.divergences import CLASSES, all_differences
from ..corpus.index import CorpusIndex
from . import urls
from .differences import shown
from .export import csv_text, json_list

JSON_FILE = "divergences.json"
CSV_FILE = "divergences.csv"
CSV_COLUMNS = ["subject", "subject_kind", "field", "class", "version", "value", "briefing_id", "published"]

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:briefings-site:schema:divergences.schema.json",
    "title": "Divergences entre récits (exports/divergences.json)",
    "description": "Une ligne par champ que plusieurs récits donnent différemment, avec la classe de la différence.",
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["subject", "subject_kind", "field", "class", "versions"],
        "properties": {
            "subject": {"type": "string", "description": "Id de l'événement ou de l'indicateur."},
            "subject_kind": {"enum": ["event", "figure"]},
            "field": {"enum": ["date", "place", "duration", "outcome", "status", "participants", "value"]},
            "class": {"enum": list(CLASSES)},
            "versions": {
                "type": "array", "minItems": 2,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["version", "value", "briefing_id", "published"],
                    "properties": {
                        "version": {"type": "integer", "minimum": 1,
                                    "description": "Numéro de la version : les lignes d'un même numéro disent la même chose."},
                        "value": {"type": "string", "description": "La valeur telle que le site l'affiche."},
                        "briefing_id": {"type": "string"},
                        "published": {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                      "description": "Date de publication de l'article, à sa précision ; null si inconnue."},
                    },
                },
            },
        },
    },
}


def divergence_rows(index: CorpusIndex) -> list[dict[str, Any]]:
    rows = []
    for d in all_differences(index):
        versions = [{"version": n, "value": shown(index, d.field, v.value, v.part), "briefing_id": b.id,
                     "published": b.source.published.iso() if b.source.published else None}
                    for n, v in enumerate(d.versions, 1) for b in v.briefings]
        rows.append({"subject": d.subject, "subject_kind": d.subject_kind, "field": d.field, "class": d.cls,
                     "versions": versions})
    return rows


def render_divergences(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Both files, keyed by their path in the docs tree."""
    lines = ((row["subject"], row["subject_kind"], row["field"], row["class"],
              v["version"], v["value"], v["briefing_id"], v["published"]) for row in rows for v in row["versions"])
    return {f"{urls.EXPORTS_DIR}/{JSON_FILE}": json_list(rows) + "\n",
            f"{urls.EXPORTS_DIR}/{CSV_FILE}": csv_text(CSV_COLUMNS, lines)}


def divergence_files(index: CorpusIndex) -> dict[str, str]:
    return render_divergences(divergence_rows(index))


def render_schema() -> str:
    return json.dumps(SCHEMA, ensure_ascii=False, indent=2) + "\n"
