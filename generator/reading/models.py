"""Typed models of a briefing (format v1) and of the registries in `content/`.

Values arrive from :mod:`generator.yamlread` as text or None, so every type here
reads its own spelling: numbers must look like numbers, booleans are `true` or
`false`, dates keep their precision. Unknown keys are rejected (`extra="forbid"`).
Field descriptions are French: they become the editors' hover help through the
JSON Schema and the format reference on the site.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .dates import DateError, PartialDate
from .names import slugify

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# `index` would collide with the section index pages every folder has.
RESERVED_IDS = frozenset({"index"})
# Ids and unregistered names become folder names in the built site (one path component:
# at most 255 bytes on common file systems); longer ones would crash the build.
MAX_ID_LENGTH = 100
MAX_NAME_LENGTH = 200
MAX_FIGURE = 1e18
NUMBER_RE = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")


def _fail(message: str, hint: str = "") -> PydanticCustomError:
    return PydanticCustomError("briefing", "{message}", {"message": message, "hint": hint})


def _text(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        kind = "a mapping" if isinstance(value, dict) else "a list"
        raise _fail(f"expected text, found {kind}", "write the value on one line, or quote it")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _non_blank(value: str) -> str:
    if not value.strip():
        raise _fail("must not be empty", "write the text, or leave the key out if it is optional")
    return value


def _slug(value: str) -> str:
    if len(value) > MAX_ID_LENGTH:
        raise _fail(f"an id of {len(value):,} characters is too long (at most {MAX_ID_LENGTH})",
                    "ids become page addresses: keep them short")
    if not SLUG_RE.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-id"
        raise _fail(f"'{value}' is not a valid id",
                    f"use lowercase letters, digits and single hyphens, e.g. '{suggestion}'")
    if value in RESERVED_IDS:
        raise _fail(f"'{value}' is a reserved id", "choose a more specific id")
    return value


def _date(value: Any) -> Any:
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _fail("expected a date", "write YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        message, hint = exc.args
        raise _fail(message, hint) from None


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _fail("expected a number", "write digits only, e.g. 13000000 or 2.5")
    if isinstance(value, str):
        compact = value.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        if not NUMBER_RE.match(value):
            if NUMBER_RE.match(compact.replace(",", ".")):
                raise _fail(f"'{value}' is not a number as YAML reads it",
                            f"write {compact.replace(',', '.')} without spaces or a decimal comma")
            raise _fail(f"'{value}' is not a number", "write digits only, e.g. 13000000 or 2.5")
        number = float(value)
        if not math.isfinite(number) or abs(number) >= MAX_FIGURE:
            # Past this, French number formatting runs out of decimal precision and the build would crash.
            shown = value if len(value) <= 40 else value[:39] + "…"
            raise _fail(f"'{shown}' is too large for a figure", "write it in a larger unit, e.g. billions")
        # An integer is read as one, not through a float: 12345678901234567 keeps its last digit.
        return int(value) if re.fullmatch(r"[-+]?\d+", value) else number
    return value


def _bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    raise _fail(f"'{value}' is not true or false", "write true or false")


def _list(value: Any) -> Any:
    return [] if value is None else value


def _one_or_many(value: Any) -> Any:
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _file_name(value: str) -> str:
    if "/" in value or "\\" in value or value in {".", ".."}:
        raise _fail(f"'{value}' must be a file name, not a path", "write only the name; the folder is given to `check --sources`")
    return value


def _name(value: str) -> str:
    """A name the registry does not know gets a page under a slug of it: that slug must fit in a file name."""
    if max(len(value), len(slugify(value))) > MAX_NAME_LENGTH:
        raise _fail(f"a name of {len(value):,} characters is too long (at most {MAX_NAME_LENGTH})",
                    "write only the name; what the article says of the person goes in `role`")
    return value


Text = Annotated[str, BeforeValidator(_text), AfterValidator(_non_blank)]
# A person, organisation or state named in a briefing, resolved through content/actors.yaml.
Name = Annotated[str, BeforeValidator(_text), AfterValidator(_non_blank), AfterValidator(_name)]
Slug = Annotated[str, BeforeValidator(_text), AfterValidator(_slug),
                 WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern})]
DateValue = Annotated[
    PartialDate,
    BeforeValidator(_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                    "description": "AAAA-MM-JJ, AAAA-MM ou AAAA"}),
]
Number = Annotated[int | float, BeforeValidator(_number), WithJsonSchema({"type": "number"})]
Flag = Annotated[bool, BeforeValidator(_bool), WithJsonSchema({"type": "boolean"})]


def _items(inner: Any) -> Any:
    return Annotated[list[inner], BeforeValidator(_list)]


Genre = Literal["news", "analysis", "opinion", "interview", "wire"]
EventKind = Literal["summit", "meeting", "call", "statement", "sanctions", "strike",
                    "weapons-test", "announcement", "cancellation", "other"]
EventStatus = Literal["held", "planned", "cancelled", "postponed", "proposed"]
DemandStatus = Literal["stated", "reported"]
FigureCategory = Literal["humanitarian", "military", "economic", "aid", "other"]
Qualifier = Literal["exact", "about", "at-least", "more-than", "less-than", "up-to"]
ActorKind = Literal["person", "organisation", "state"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(Model):
    """L'article publié dont le briefing est tiré."""

    outlet: Text | None = Field(description="Le média qui publie l'article ; null si l'article ne le dit pas (affiché « non identifié »).")
    headline: Text | None = Field(None, description="Le titre tel que publié ; null s'il n'apparaît pas.")
    authors: Annotated[list[Text], BeforeValidator(_one_or_many)] = Field(
        default_factory=list, description="Les auteurs ; une liste (une seule chaîne est acceptée).")
    published: DateValue | None = Field(description="Date de publication, à la précision connue (AAAA-MM-JJ, AAAA-MM ou AAAA) ; null si inconnue.")
    url: Text | None = Field(None, description="Lien vers l'article ; seuls les liens http(s) deviennent des liens sur le site.")
    language: Text = Field("fr", description="Langue de l'article (code ISO 639-1).")
    genre: Genre = Field(description="news (dépêche, reportage), analysis, opinion (tribune : défend une thèse), interview, wire (agence).")
    credits: _items(Text) = Field(default_factory=list, description="Agences ou co-auteurs nommés par l'article.")
    text_file: Annotated[Text, AfterValidator(_file_name)] | None = Field(
        None, description="Nom du fichier de la copie locale de l'article, pour `briefings check --sources DOSSIER` ; jamais publié.")


class ActorMention(Model):
    """Un acteur qui apparaît dans l'article, avec le rôle que l'article lui donne."""

    name: Name = Field(description="Un identifiant ou un alias de content/actors.yaml.")
    role: Text | None = Field(None, description="Le rôle que cet article donne à l'acteur.")


def _mention(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


class Event(Model):
    """Un sommet, appel, réunion, annonce, sanction, frappe… tel que l'article le raconte."""

    id: Slug = Field(description="Identifiant partagé : le même id dans plusieurs briefings = le même événement.")
    kind: EventKind = Field(description="Nature de l'événement.")
    title: Text = Field(description="Intitulé court, dans vos mots.")
    date: DateValue | None = Field(None, description="Date à la précision donnée par l'article ; absente si inconnue.")
    date_text: Text | None = Field(None, description="La formulation de l'article quand elle compte (« mi-octobre »).")
    place: Text | None = Field(None, description="Lieu.")
    participants: _items(Name) = Field(default_factory=list, description="Acteurs présents (noms résolus par le registre).")
    status: EventStatus | None = Field(None, description="Statut à la date de publication de l'article.")
    outcome: Text | None = Field(None, description="Résultat, dans vos mots.")
    duration: Text | None = Field(None, description="Durée telle que l'article la donne (« 3 heures »).")
    related: _items(Slug) = Field(default_factory=list, description="Ids des événements auxquels celui-ci se rattache (une annonce pointe vers son sommet).")
    evidence: Text | None = Field(None, description="Passage exact de l'article (verbatim).")


class Demand(Model):
    """Une exigence ou une position d'une partie."""

    party: Slug = Field(description="Id de content/parties.yaml.")
    voiced_by: Name | None = Field(None, description="L'acteur qui l'a exprimée.")
    topic: Slug = Field(description="Id de content/topics.yaml.")
    text: Text = Field(description="L'exigence, dans vos mots.")
    status: DemandStatus = Field("stated", description="stated (publiquement) ou reported (fuites, sources anonymes, autres médias).")
    via: Text | None = Field(None, description="Qui la rapporte, quand elle est rapportée.")
    date: DateValue | None = Field(None, description="Quand elle a été exprimée.")
    evidence: Text | None = Field(None, description="Passage exact de l'article (verbatim).")


class Figure(Model):
    """Un chiffre, toujours avec qui l'a produit."""

    indicator: Slug = Field(description="Identifiant stable : le même indicateur est comparé d'un briefing à l'autre.")
    label: Text = Field(description="Ce que le chiffre mesure, dans vos mots.")
    category: FigureCategory = Field("other", description="humanitarian, military, economic, aid ou other.")
    value: Number = Field(description="Un nombre (13000000, pas « 13 000 000 »).")
    qualifier: Qualifier | None = Field(None, description="exact, about (« près de »), at-least, more-than, less-than, up-to.")
    unit: Text | None = Field(None, description="people, usd, eur, km2, hours… (libre).")
    as_of: DateValue | None = Field(None, description="La date que le chiffre décrit, si l'article la donne.")
    attributed_to: Text | None = Field(None, description="Qui a produit le chiffre, selon l'article ; à omettre seulement si l'article ne le dit pas.")
    evidence: Text | None = Field(None, description="Passage exact de l'article (verbatim).")


class Quote(Model):
    """Une citation, mot pour mot."""

    speaker: Name = Field(description="Qui parle (nom résolu par le registre).")
    text: Text = Field(description="Les mots exacts de l'article, sans les guillemets (verbatim).")
    date: DateValue | None = Field(None, description="Quand la phrase a été dite, à la précision donnée.")
    context: Text | None = Field(None, description="Circonstances, dans vos mots.")
    via: Text | None = Field(None, description="Le média ou l'agence qui la relaie.")
    translated: Flag = Field(False, description="true si l'article donne une traduction, non les mots originaux.")
    statement: Slug | None = Field(None, description="Id partagé par les versions d'une même déclaration rapportée par plusieurs articles.")


class Briefing(Model):
    """Les notes d'un analyste sur un article publié (format v1)."""

    id: Slug | None = Field(None, description="Par défaut, le nom du fichier sans extension.")
    title: Text = Field(description="Votre titre.")
    summary: Text = Field(description="2 à 5 phrases, dans vos mots.")
    source: Source = Field(description="L'article résumé : média, titre, auteurs, date de publication, genre.")
    topics: _items(Slug) = Field(default_factory=list, description="Ids de content/topics.yaml.")
    actors: Annotated[list[Annotated[ActorMention, BeforeValidator(_mention)]], BeforeValidator(_list)] = Field(
        default_factory=list, description="Qui apparaît, avec le rôle que l'article lui donne.")
    events: _items(Event) = Field(default_factory=list, description="Sommets, appels, annonces, sanctions… que l'article raconte.")
    demands: _items(Demand) = Field(default_factory=list, description="Ce que chaque partie exige, selon l'article.")
    figures: _items(Figure) = Field(default_factory=list, description="Les chiffres de l'article, avec qui les a produits.")
    quotes: _items(Quote) = Field(default_factory=list, description="Les citations, mot pour mot.")


class ActorEntry(Model):
    """Une personne, une organisation ou un État du registre content/actors.yaml."""

    id: Slug = Field(description="Identifiant canonique ; il donne l'adresse de la page de l'acteur.")
    name: Text = Field(description="Nom affiché.")
    aliases: _items(Text) = Field(default_factory=list, description="Autres graphies (casse et accents ignorés).")
    kind: ActorKind | None = Field(None, description="person (personne), organisation ou state (État).")
    party: Slug | None = Field(None, description="Id de content/parties.yaml.")
    role: Text | None = Field(None, description="Fonction, affichée sur la page de l'acteur.")


class PartyEntry(Model):
    """Une partie dont on compare les exigences (content/parties.yaml)."""

    id: Slug = Field(description="Identifiant utilisé par demands[].party et par le champ party des acteurs.")
    name: Text = Field(description="Nom affiché.")
    aliases: _items(Text) = Field(default_factory=list, description="Autres noms de la partie (« Moscou », « Kremlin »).")


class TopicEntry(Model):
    """Un thème (content/topics.yaml), utilisé par les étiquettes et les exigences."""

    id: Slug = Field(description="Identifiant utilisé par topics et par demands[].topic.")
    name: Text = Field(description="Nom affiché.")
    description: Text | None = Field(None, description="Ce que le thème recouvre.")


def is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[Event] | None`, if there is one."""
    if is_model(annotation):
        return annotation
    for arg in get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None
