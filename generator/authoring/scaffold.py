"""A briefing file laid out for an analyst to fill: every key present, each with its French help.

The help is the field descriptions of :mod:`generator.models`, so the scaffold
says what the format page says. List items that the analyst may need are
written as commented-out templates (one comment toggle in an editor makes them
live); `briefings draft` fills the same layout with the items it found.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ..reading.dates import PartialDate
from ..reading.fields import MAX_ID_LENGTH, RESERVED_IDS, SLUG_RE
from ..reading.models import ActorMention, Briefing, Demand, Event, Figure, Quote, Source
from ..reading.names import slugify
from .yamlwrite import flow_list, scalar

TODO_TITLE = "TODO: votre titre"
TODO_SUMMARY = "TODO: 2 à 5 phrases, dans vos mots."
TODO_OUTLET = "TODO: le média"
LIST_MODELS: dict[str, type[BaseModel]] = {"actors": ActorMention, "events": Event, "demands": Demand,
                                           "figures": Figure, "quotes": Quote}

HEADER = """\
# Un briefing = les notes d'un analyste sur UN article publié.
# Remplacez chaque TODO ; pour ajouter un élément, décommentez le modèle sous la liste
# (Ctrl+/ dans VS Code) et recopiez-le autant de fois que nécessaire.
# Chaque clé est décrite dans docs/format-des-briefings.md. Vérifiez avec : briefings check
"""

# One example per field of each list item: what an analyst would write for a real article.
EXAMPLES: dict[type[BaseModel], dict[str, Any]] = {
    ActorMention: {"name": "Dmitri Peskov", "role": "porte-parole du Kremlin"},
    Event: {"id": "anchorage-summit-2025", "kind": "summit", "title": "Sommet d'Anchorage",
            "date": PartialDate(2025, 8, 15), "date_text": "le 15 août 2025", "place": "Anchorage (Alaska)",
            "participants": ["Donald Trump", "Vladimir Poutine"], "status": "held",
            "date_basis": "stated", "date_note": None,
            "outcome": "Aucune mesure concrète annoncée.", "duration": "3 heures", "related": [],
            "basis": "on-record", "evidence": "TODO: le passage exact de l'article", "note": None},
    Demand: {"party": "russia", "voiced_by": "Vladimir Poutine", "topic": "territory",
             "text": "Reconnaissance de la souveraineté russe sur cinq régions ukrainiennes.", "status": None,
             "basis": "on-record", "via": None, "date": PartialDate(2025, 11), "date_basis": "stated",
             "date_note": None, "evidence": "TODO: le passage exact de l'article", "note": None},
    Figure: {"indicator": "displaced-ukrainians", "label": "Ukrainiens déplacés ou réfugiés",
             "category": "humanitarian", "value": 13000000, "amount_text": None, "magnitude": None,
             "qualifier": "about", "unit": "people", "as_of": PartialDate(2025), "attributed_to": "ONU",
             "as_of_basis": "stated", "date_note": None, "basis": "on-record",
             "evidence": "TODO: le passage exact de l'article", "note": None},
    Quote: {"speaker": "Donald Trump", "text": "TODO: les mots exacts, sans les guillemets", "date": PartialDate(2025, 10),
            "context": "lors de l'annonce de nouvelles sanctions", "via": None, "basis": "on-record",
            "date_basis": "stated", "date_note": None, "note": None, "translated": False, "statement": None},
}


def render_briefing(*, briefing_id: str | None, title: str, summary: str, source: dict[str, Any],
                    topics: list[str], items: dict[str, list[dict[str, Any]]], schema_ref: str,
                    notes: dict[str, str] | None = None, topic_ids: list[str] = (), preamble: str = "") -> str:
    """The text of a briefing file: `source` maps every Source key to its value; `items` maps list
    names to filled items (an empty list gets a commented template). `notes` adds a remark after
    the help of a top-level or `source.` key (e.g. "TODO: vérifiez")."""
    notes = notes or {}
    out = [f"# yaml-language-server: $schema={schema_ref}", *([preamble] if preamble else []), HEADER.rstrip("\n"), ""]
    fields = Briefing.model_fields
    top = {"id": briefing_id, "title": title, "summary": summary}
    for key in ("id", "title", "summary"):
        out += _help(fields[key], "", notes.get(key))
        out.append(f"{key}: {scalar(top[key])}" if top[key] is not None else f"# {key}:")
    out += _help(fields["source"], "", None)
    out.append("source:")
    for key, field in Source.model_fields.items():
        out += _help(field, "  ", notes.get(f"source.{key}"))
        value = source.get(key)
        out.append(f"  {key}: {flow_list(value) if isinstance(value, list) else scalar(value)}")
    available = f" Disponibles : {', '.join(topic_ids)}." if topic_ids else ""
    out += _help(fields["topics"], "", (notes.get("topics") or "") + available or None)
    out.append(f"topics: {flow_list(topics)}")
    for name, model in LIST_MODELS.items():
        out += _help(fields[name], "", notes.get(name))
        filled = items.get(name) or []
        out.append(f"{name}:")
        if filled:
            for item in filled:
                out += _item_lines(model, item, commented=False)
        else:
            out += _item_lines(model, EXAMPLES[model], commented=True)
    out += _help(fields["analyst_note"], "", notes.get("analyst_note"))
    note = top.get("analyst_note")
    out.append(f"analyst_note: {scalar(note)}" if note else "# analyst_note:")
    return "\n".join(out) + "\n"


def _help_text(field: Any) -> str:
    """A field's French help: description, whether it is required, the allowed values."""
    text = field.description or ""
    if field.is_required():
        text += " Obligatoire."
    choices = _choices(field.annotation)
    if choices:
        text += f" Valeurs : {' | '.join(choices)}."
    return text


def _help(field: Any, indent: str, note: str | None) -> list[str]:
    text = _help_text(field)
    if note:
        text += f" {note.strip()}"
    return [f"{indent}# {text.strip()}"]


def _item_lines(model: type[BaseModel], item: dict[str, Any], *, commented: bool) -> list[str]:
    remarks: dict[str, str] = item.get("#", {})
    pairs = [(key, item[key]) for key in model.model_fields if key in item]
    written = [(key, flow_list(v) if isinstance(v, list) else scalar(v)) for key, v in pairs]
    width = max(len(f"{k}: {v}") for k, v in written) if written else 0
    lines = []
    for i, (key, value) in enumerate(written):
        help_ = _help_text(model.model_fields[key])
        body = f"{'- ' if i == 0 else '  '}{key}: {value}"
        if commented:
            lines.append(f"#   {body.ljust(width + 2)}  # {help_.strip()}".rstrip())
        else:
            # A filled item keeps its lines short: only the remark, the help is in the templates above.
            lines.append(f"  {body}  # {remarks[key]}" if key in remarks else f"  {body}")
    return lines


def _choices(annotation: Any) -> list[str]:
    if get_origin(annotation) is Literal:
        return list(get_args(annotation))
    for arg in get_args(annotation):
        found = _choices(arg)
        if found:
            return found
    return []


def default_file_name(published: PartialDate | None, outlet: str | None, title: str | None) -> str:
    """`2025-11-15-bbc-news-le-pari-de-trump.yaml`: date, outlet and the first words of the title."""
    parts = [published.iso()] if published else []
    if outlet:
        parts.append(_short_slug(outlet, 30))
    if title:
        parts.append(_short_slug(title, 50))
    parts = [p for p in parts if p]  # an outlet or title with no letter to keep gives no part, not an empty name
    return "-".join(parts) + ".yaml" if parts else "nouveau-briefing.yaml"


def _short_slug(text: str, limit: int) -> str:
    slug = slugify(text)
    if slug == "sans-nom":
        return ""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit + 1]
    return cut[:cut.rfind("-")] if "-" in cut else slug[:limit]


def schema_ref(briefing_file: Path, schema_file: Path) -> str:
    """The `$schema=` path, relative to the folder of the briefing, as editors resolve it."""
    return Path(os.path.relpath(schema_file.resolve(), briefing_file.resolve().parent)).as_posix()


def id_for(path: Path) -> str | None:
    """The id to write: the file stem, made a valid id when it is not one (`Mon_Brouillon` → `mon-brouillon`),
    so that the file loads whatever it is called."""
    candidate = path.stem if SLUG_RE.fullmatch(path.stem) else _short_slug(path.stem, MAX_ID_LENGTH)
    return candidate if candidate and candidate not in RESERVED_IDS and len(candidate) <= MAX_ID_LENGTH else None


def render_scaffold(*, path: Path, schema_file: Path, outlet: str | None, published: PartialDate | None,
                    title: str | None, topic_ids: list[str] = ()) -> str:
    """The file `briefings new` writes: loads as is, with TODO wherever the analyst must write."""
    source = {"outlet": outlet or TODO_OUTLET, "headline": None, "authors": [], "published": published,
              "url": None, "language": "fr", "genre": "news", "credits": [], "text_file": None}
    notes = {"source.genre": "TODO: vérifiez le genre.", "source.headline": "TODO",
             "source.authors": "TODO", "summary": "TODO"}
    if published is None:
        notes["source.published"] = "TODO"
    if not outlet:
        notes["source.outlet"] = "TODO"
    return render_briefing(briefing_id=id_for(path), title=title or TODO_TITLE, summary=TODO_SUMMARY,
                           source=source, topics=[], items={}, schema_ref=schema_ref(path, schema_file),
                           notes=notes, topic_ids=list(topic_ids))
