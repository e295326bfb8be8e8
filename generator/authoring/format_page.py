"""The "Format des briefings" page: every field of every model, generated from the models.

`briefings schema` writes it to docs/format-des-briefings.md; a test fails when the
committed page no longer matches the models, so the reference cannot fall behind.
"""

from __future__ import annotations

import re
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..reading import models
from ..reading.fields import Kind, kind_of, max_length_of, one_or_many
from ..reading.models import ActorEntry, Briefing, PartyEntry, PlaceEntry, TopicEntry, inner_model, is_model
from ..site.wording import (ACTOR_KIND_LABELS, BASIS_MEANINGS, CATEGORY_LABELS, DATE_BASIS_LABELS, DEMAND_STATUS_LABELS,
                            EVENT_KIND_LABELS, GENRE_LABELS, QUALIFIER_LABELS, STATUS_LABELS)

PAGE = "format-des-briefings.md"
QUALIFIER_MEANINGS = {**QUALIFIER_LABELS, "exact": "exactement"}

# (Literal type, anchor, heading, French meaning of each value)
ENUMS: list[tuple[Any, str, str, dict[str, str]]] = [
    (models.Genre, "v-genre", "Genre d'article (`source.genre`)", GENRE_LABELS),
    (models.EventKind, "v-event-kind", "Nature d'événement (`events[].kind`)", EVENT_KIND_LABELS),
    (models.EventStatus, "v-event-status", "Statut d'événement (`events[].status`)", STATUS_LABELS),
    (models.Basis, "v-basis", "Base d'une affirmation (`basis` des événements, exigences, chiffres et citations)",
     BASIS_MEANINGS),
    (models.DateBasis, "v-date-basis", "Origine d'une date (`date_basis`, `as_of_basis`)", DATE_BASIS_LABELS),
    (models.DemandStatus, "v-demand-status", "Statut d'exigence (`demands[].status`)", DEMAND_STATUS_LABELS),
    (models.FigureCategory, "v-figure-category", "Catégorie de chiffre (`figures[].category`)", CATEGORY_LABELS),
    (models.Qualifier, "v-qualifier", "Qualificatif de chiffre (`figures[].qualifier`)", QUALIFIER_MEANINGS),
    (models.ActorKind, "v-actor-kind", "Type d'acteur (`kind` du registre des acteurs)", ACTOR_KIND_LABELS),
]

INTRO = """\
<!-- Generated from generator/reading/models.py by `briefings schema`: edit the models, not this page. -->
# Format des briefings

Cette page décrit chaque clé d'un fichier de briefing (`briefings/*.yaml`) et
des registres (`content/*.yaml`). Elle est produite à partir du code qui lit
les fichiers : elle ne peut pas le contredire. Le guide pas à pas est
[Ajouter un briefing](ajouter-un-briefing.md).

- Les clés sont en anglais, les valeurs en français. Une clé inconnue est une
  erreur (une faute de frappe ne disparaît pas en silence).
- Une clé facultative peut être omise ; une liste peut être vide, omise ou `null`.
- Les champs *verbatim* (`text` d'une citation, `evidence`) reprennent les
  caractères exacts de l'article, apostrophes `’` et guillemets `« »` compris.
- Un nom de personne, d'organisation ou d'État est cherché dans
  `content/actors.yaml` par identifiant ou par alias, sans tenir compte de la
  casse, des accents ni de la ponctuation, dans tout alphabet (« Путин » et
  « Зеленський » restent deux noms) ; un nom sans lettre ni chiffre est refusé.
- Les titres, médias, intitulés de chiffres et noms des registres ont au plus
  300 caractères (indiqué dans la colonne « type ») : ils sont répétés partout
  où leur élément est cité. Le détail va dans un champ plus long (`summary`,
  `outcome`, `context`, `description`).

## Dates {#dates}

`AAAA-MM-JJ`, `AAAA-MM` ou `AAAA`, entre guillemets ou non : la précision
écrite est conservée (`2025-10` s'affiche « octobre 2025 », jamais le
1er octobre). Une date impossible (`2025-02-30`) est une erreur. La formulation
de l'article (« mi-octobre ») se garde dans `date_text`.
"""


def render_format_page() -> str:
    """The Markdown of docs/format-des-briefings.md."""
    parts = [INTRO]
    parts.append("## Fichier de briefing {#briefing}\n\n" + _model_section(Briefing))
    for name, field in Briefing.model_fields.items():
        inner = inner_model(field.annotation)
        if inner is not None:
            suffix = "" if inner is models.Source else "[]"
            parts.append(f"## `{name}{suffix}` {{#{_anchor(inner)}}}\n\n" + _model_section(inner))
    parts.append("## Registres\n\nChaque registre est une liste YAML d'entrées (`- id: …`) ; "
                 "les identifiants y sont uniques.\n")
    for model, path in [(ActorEntry, "content/actors.yaml"), (PartyEntry, "content/parties.yaml"),
                        (TopicEntry, "content/topics.yaml"), (PlaceEntry, "content/places.yaml")]:
        parts.append(f"### `{path}` {{#{_anchor(model)}}}\n\n" + _model_section(model))
    parts.append("## Valeurs autorisées\n")
    for literal, anchor, heading, labels in ENUMS:
        rows = "\n".join(f"| `{v}` | {_cell(labels.get(v) or '—')} |" for v in get_args(literal))
        parts.append(f"### {heading} {{#{anchor}}}\n\n| valeur | sens |\n| --- | --- |\n{rows}\n")
    return "\n".join(parts)


def _model_section(model: type[BaseModel]) -> str:
    lines = [f"{model.__doc__.strip()}\n" if model.__doc__ else "",
             "| clé | type | obligatoire | description |", "| --- | --- | --- | --- |"]
    for name, field in model.model_fields.items():
        lines.append(f"| `{name}` | {type_label(_annotation(field))} | {_required(field)} | "
                     f"{_cell(field.description or '')} |")
    return "\n".join(lines) + "\n"


def _annotation(field: FieldInfo) -> Any:
    # pydantic moves the metadata of a top-level Annotated into `field.metadata`.
    return Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation


def _required(field: FieldInfo) -> str:
    if field.is_required():
        return "oui, peut valoir `null`" if _nullable(field.annotation) else "oui"
    default = field.get_default(call_default_factory=True)
    if default is None or default == []:
        return "non"
    shown = str(default).lower() if isinstance(default, bool) else default
    return f"non (défaut : `{shown}`)"


def type_label(annotation: Any) -> str:
    """A French name for the type of a field, as a reader writes it in YAML."""
    if _is_union(annotation):
        inner = [a for a in get_args(annotation) if a is not NoneType]
        return " ou ".join(type_label(a) for a in inner) + (" ou `null`" if len(inner) < len(get_args(annotation)) else "")
    if get_origin(annotation) is Annotated:
        base, *meta = get_args(annotation)
        funcs = {getattr(m, "func", None) for m in meta}
        if one_or_many in funcs:
            return type_label(base) + " (ou un seul texte)"
        if models.name_or_mention in funcs:
            return type_label(base) + " ou simple nom"
        kind = kind_of(annotation) if get_origin(base) is not list else None
        limit = max_length_of(annotation) if get_origin(base) is not list else None
        label = _NAMED.get(kind) or type_label(base)
        return f"{label} ({limit} caractères au plus)" if limit else label
    if get_origin(annotation) is list:
        items = _plural(get_args(annotation)[0])
        return ("liste d'" if items[0] in "aeiouy[" else "liste de ") + items
    if get_origin(annotation) is Literal:
        for literal, anchor, _, _ in ENUMS:
            if annotation == literal:
                return f"[valeur fixe](#{anchor})"
    if is_model(annotation):
        return f"[objet](#{_anchor(annotation)})"
    if annotation is str:
        return "texte"
    raise TypeError(f"no French label for {annotation!r}: add it to generator/reference.py")


_NAMED = {
    Kind.DATE: "[date](#dates)",
    Kind.NUMBER: "nombre",
    Kind.FLAG: "`true` ou `false`",
    Kind.ID: "identifiant",
    Kind.NAME: "nom",
    Kind.FILE_NAME: "nom de fichier",
}


_PLURALS = {"simple nom": "simples noms", "identifiant": "identifiants", "texte": "textes", "nom": "noms",
            "[objet]": "[objets]"}
_SINGULAR = re.compile("|".join(re.escape(w) for w in _PLURALS) + r"(?![\w])")


def _plural(annotation: Any) -> str:
    return _SINGULAR.sub(lambda m: _PLURALS[m.group()], type_label(annotation))


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, UnionType)


def _nullable(annotation: Any) -> bool:
    return _is_union(annotation) and NoneType in get_args(annotation)




def _anchor(model: type[BaseModel]) -> str:
    return {models.Source: "source", models.ActorMention: "actors", models.Event: "events",
            models.Demand: "demands", models.Figure: "figures", models.Quote: "quotes",
            ActorEntry: "registre-acteurs", PartyEntry: "registre-parties",
            TopicEntry: "registre-themes", PlaceEntry: "registre-lieux"}[model]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
