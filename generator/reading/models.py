"""Typed models of a briefing (format v2, which reads every v1 file with its v1 meaning) and of the
registries (actors, parties, topics, places).

Each field's type comes from :mod:`generator.reading.fields`, which reads YAML
text strictly and declares the field's kind. Unknown keys are rejected
(`extra="forbid"`). Field descriptions are French: they become the editors'
hover help through the JSON Schema and the format reference on the site.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .fields import _fail, DateValue, FileName, Flag, Name, Number, Slug, Text, Title, items, none_as_empty, one_or_more

Genre = Literal["news", "analysis", "opinion", "interview", "wire"]
EventKind = Literal["summit", "meeting", "call", "statement", "sanctions", "strike",
                    "weapons-test", "announcement", "cancellation", "other"]
EventStatus = Literal["held", "planned", "cancelled", "postponed", "proposed"]
DemandStatus = Literal["stated", "reported"]
FigureCategory = Literal["humanitarian", "military", "economic", "aid", "other"]
Qualifier = Literal["exact", "about", "at-least", "more-than", "less-than", "up-to"]
ActorKind = Literal["person", "organisation", "state", "group"]
# On what the article rests a claim (format v2): said publicly by the party, known through
# leaks or another outlet, written in the conditional, the author's own reading, or the
# analyst's inference (not in the article).
Basis = Literal["on-record", "reported", "conditional", "author", "analyst"]
DateBasis = Literal["stated", "inferred"]

BASIS_HELP = ("on-record (dit publiquement), reported (fuites, sources anonymes, autre média : `via` dit qui), "
              "conditional (l'article ne s'en porte pas garant : conditionnel, information non confirmée), "
              "author (lecture propre à l'auteur de l'article), analyst (votre déduction, absente de l'article : "
              "`note` dit pourquoi).")
NOTE_HELP = "Votre remarque d'analyste (réserve, raisonnement) ; affichée « Note de l'analyste », jamais comme le texte de l'article."
DATE_BASIS_HELP = ("stated (par défaut : l'article donne cette date) ou inferred (vous en avez déduit une partie, "
                   "par ex. l'année d'après la date de publication ; dites comment dans `date_note`).")
DATE_NOTE_HELP = "Votre raisonnement sur la date ; affiché comme note de l'analyste."


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _given(data: Any, key: str) -> Any:
    """A key's raw value in the mapping being validated (None when absent or null)."""
    return data.get(key) if isinstance(data, dict) else None


STATUS_BASIS = {"stated": "on-record", "reported": "reported"}
BASIS_STATUS = {basis: status for status, basis in STATUS_BASIS.items()}


class Source(Model):
    """L'article publié dont le briefing est tiré."""

    outlet: Title | None = Field(description="Le média qui publie l'article ; null si l'article ne le dit pas (affiché « non identifié »).")
    headline: Title | None = Field(None, description="Le titre tel que publié ; null s'il n'apparaît pas.")
    authors: one_or_more(Text) = Field(
        default_factory=list, description="Les auteurs ; une liste (une seule chaîne est acceptée).")
    published: DateValue | None = Field(description="Date de publication, à la précision connue (AAAA-MM-JJ, AAAA-MM ou AAAA) ; null si inconnue.")
    url: Text | None = Field(None, description="Lien vers l'article ; seuls les liens http(s) deviennent des liens sur le site.")
    language: Text = Field("fr", description="Langue de l'article (code ISO 639-1).")
    genre: Genre = Field(description="news (dépêche, reportage), analysis, opinion (tribune : défend une thèse), interview, wire (agence).")
    credits: items(Text) = Field(default_factory=list, description="Agences ou co-auteurs nommés par l'article.")
    text_file: FileName | None = Field(
        None, description="Nom du fichier de la copie locale de l'article, pour `briefings check --sources DOSSIER` ; jamais publié.")


class ActorMention(Model):
    """Un acteur qui apparaît dans l'article, avec le rôle que l'article lui donne."""

    name: Name = Field(description="Un identifiant ou un alias de content/actors.yaml.")
    role: Text | None = Field(None, description="Le rôle que cet article donne à l'acteur.")


def name_or_mention(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


class Event(Model):
    """Un sommet, appel, réunion, annonce, sanction, frappe… tel que l'article le raconte."""

    id: Slug = Field(description="Identifiant partagé : le même id dans plusieurs briefings = le même événement.")
    kind: EventKind = Field(description="Nature de l'événement.")
    title: Title = Field(description="Intitulé court, dans vos mots.")
    date: DateValue | None = Field(None, description="Date à la précision donnée par l'article ; absente si inconnue.")
    date_text: Text | None = Field(None, description="Les mots exacts de l'article pour la date (« mi-octobre »), sans rien ajouter (verbatim).")
    date_basis: DateBasis = Field("stated", description=DATE_BASIS_HELP)
    date_note: Text | None = Field(None, description=DATE_NOTE_HELP)
    place: Text | None = Field(None, description="Lieu.")
    participants: items(Name) = Field(default_factory=list, description="Acteurs présents (noms résolus par le registre).")
    status: EventStatus | None = Field(None, description="Statut à la date de publication de l'article.")
    outcome: Text | None = Field(None, description="Résultat, dans vos mots.")
    duration: Text | None = Field(None, description="Durée telle que l'article la donne (« 3 heures »).")
    related: items(Slug) = Field(default_factory=list, description="Ids des événements auxquels celui-ci se rattache (une annonce pointe vers son sommet).")
    basis: Basis = Field("on-record", description="Sur quoi l'article fait reposer ce récit. " + BASIS_HELP
                         + " Par défaut on-record : l'article le rapporte comme un fait.")
    evidence: Text | None = Field(None, description="Passage exact de l'article (verbatim).")
    note: Text | None = Field(None, description=NOTE_HELP)


class Demand(Model):
    """Une exigence ou une position d'une partie."""

    party: Slug = Field(description="Id de content/parties.yaml.")
    voiced_by: Name | None = Field(None, description="L'acteur qui l'a exprimée.")
    topic: Slug = Field(description="Id de content/topics.yaml.")
    text: Text = Field(description="L'exigence, dans vos mots.")
    status: DemandStatus | None = Field(
        None, description="stated (publiquement) ou reported (fuites, sources anonymes, autres médias). Format v1 : "
        "préférez `basis`. Vide quand la base n'est ni on-record ni reported ; donnés tous deux, ils doivent concorder.")
    basis: Basis = Field("on-record", description=BASIS_HELP + " Par défaut, déduit de `status` (stated → on-record, "
                         "reported → reported). Une exigence de base author n'est pas une position de la partie : "
                         "c'est la lecture de l'auteur, affichée à part.")
    via: Text | None = Field(None, description="Qui la rapporte, quand elle est rapportée.")
    date: DateValue | None = Field(None, description="Quand elle a été exprimée.")
    date_basis: DateBasis = Field("stated", description=DATE_BASIS_HELP)
    date_note: Text | None = Field(None, description=DATE_NOTE_HELP)
    evidence: Text | None = Field(None, description="Passage exact de l'article (verbatim).")
    note: Text | None = Field(None, description=NOTE_HELP)

    @model_validator(mode="before")
    @classmethod
    def _status_and_basis(cls, data: Any) -> Any:
        """v1 wrote `status`; v2 writes `basis`. Either gives the other; both must agree."""
        if not isinstance(data, dict):
            return data
        status, basis = _given(data, "status"), _given(data, "basis")
        if basis is None:
            return {**data, "basis": STATUS_BASIS.get(status, "on-record") if isinstance(status, str) else "on-record",
                    "status": status if status is not None else "stated"}
        if status is None:
            return {**data, "status": BASIS_STATUS.get(basis)} if isinstance(basis, str) else data
        if isinstance(status, str) and isinstance(basis, str) and basis in BASIS_STATUS and status in STATUS_BASIS \
                and STATUS_BASIS[status] != basis:
            raise _fail(f"status '{status}' and basis '{basis}' disagree",
                        f"keep only basis: {basis}, or write status: {BASIS_STATUS.get(basis) or 'nothing'}")
        return data


class Figure(Model):
    """Un chiffre, toujours avec qui l'a produit."""

    indicator: Slug = Field(description="Identifiant stable : le même indicateur est comparé d'un briefing à l'autre.")
    label: Title = Field(description="Ce que le chiffre mesure, dans vos mots.")
    category: FigureCategory = Field("other", description="humanitarian, military, economic, aid ou other.")
    value: Number | None = Field(description="Un nombre (13000000, pas « 13 000 000 ») ; null seulement avec `amount_text`, "
                                 "quand l'article ne donne pas de nombre (« des centaines »).")
    amount_text: Text | None = Field(None, description="Les mots exacts de l'article pour une quantité sans nombre "
                                     "(« des centaines », « plusieurs ») (verbatim).")
    magnitude: Number | None = Field(None, description="Ordre de grandeur facultatif d'une quantité vague, pour trier "
                                     "seulement ; jamais affiché comme une valeur.")
    qualifier: Qualifier | None = Field(None, description="exact, about (« près de »), at-least, more-than, less-than, up-to.")
    unit: Text | None = Field(None, description="people, usd, eur, km2, hours… (libre).")
    as_of: DateValue | None = Field(None, description="La date que le chiffre décrit, si l'article la donne.")
    attributed_to: Text | None = Field(None, description="Qui a produit le chiffre, selon l'article ; à omettre seulement si l'article ne le dit pas.")
    as_of_basis: DateBasis = Field("stated", description="Pour `as_of` : " + DATE_BASIS_HELP)
    date_note: Text | None = Field(None, description=DATE_NOTE_HELP)
    basis: Basis = Field("on-record", description=BASIS_HELP + " Par défaut on-record : l'article donne le chiffre comme un fait.")
    evidence: Text | None = Field(None, description="Passage exact de l'article (verbatim).")
    note: Text | None = Field(None, description=NOTE_HELP)

    @model_validator(mode="after")
    def _a_number_or_the_words(self) -> "Figure":
        if self.value is None and self.amount_text is None:
            raise _fail("value is null but amount_text is missing",
                        "write the number the article gives, or keep value: null and copy the article's words "
                        "for the quantity into amount_text (« des centaines »)")
        return self


class Quote(Model):
    """Une citation, mot pour mot."""

    speaker: Name = Field(description="Qui parle (nom résolu par le registre).")
    text: Text = Field(description="Les mots exacts de l'article, sans les guillemets (verbatim).")
    date: DateValue | None = Field(None, description="Quand la phrase a été dite, à la précision donnée.")
    context: Text | None = Field(None, description="Circonstances, dans vos mots.")
    via: Text | None = Field(None, description="Le média ou l'agence qui la relaie.")
    basis: Basis = Field("on-record", description=BASIS_HELP + " Par défaut on-record, ou reported quand `via` est donné.")
    date_basis: DateBasis = Field("stated", description=DATE_BASIS_HELP)
    date_note: Text | None = Field(None, description=DATE_NOTE_HELP)
    note: Text | None = Field(None, description=NOTE_HELP)
    translated: Flag = Field(False, description="true si l'article donne une traduction, non les mots originaux.")
    statement: Slug | None = Field(None, description="Id partagé par les versions d'une même déclaration rapportée par plusieurs articles.")

    @model_validator(mode="before")
    @classmethod
    def _reported_when_relayed(cls, data: Any) -> Any:
        if isinstance(data, dict) and _given(data, "basis") is None and _given(data, "via") is not None:
            return {**data, "basis": "reported"}
        return data


class Briefing(Model):
    """Les notes d'un analyste sur un article publié (format v2 ; tout fichier v1 reste valide)."""

    id: Slug | None = Field(None, description="Par défaut, le nom du fichier sans extension.")
    title: Title = Field(description="Votre titre.")
    summary: Text = Field(description="2 à 5 phrases, dans vos mots.")
    source: Source = Field(description="L'article résumé : média, titre, auteurs, date de publication, genre.")
    topics: items(Slug) = Field(default_factory=list, description="Ids de content/topics.yaml.")
    actors: Annotated[list[Annotated[ActorMention, BeforeValidator(name_or_mention)]], BeforeValidator(none_as_empty)] = Field(
        default_factory=list, description="Qui apparaît, avec le rôle que l'article lui donne.")
    events: items(Event) = Field(default_factory=list, description="Sommets, appels, annonces, sanctions… que l'article raconte.")
    demands: items(Demand) = Field(default_factory=list, description="Ce que chaque partie exige, selon l'article.")
    figures: items(Figure) = Field(default_factory=list, description="Les chiffres de l'article, avec qui les a produits.")
    quotes: items(Quote) = Field(default_factory=list, description="Les citations, mot pour mot.")
    analyst_note: Text | None = Field(None, description="Vos remarques sur l'article lui-même (parti pris, fiabilité, "
                                      "limites) ; affichées « Note de l'analyste », jamais dans le titre ou le résumé.")


class ActorEntry(Model):
    """Une personne, une organisation ou un État du registre content/actors.yaml."""

    id: Slug = Field(description="Identifiant canonique ; il donne l'adresse de la page de l'acteur.")
    name: Title = Field(description="Nom affiché.")
    aliases: items(Title) = Field(default_factory=list, description="Autres graphies (casse et accents ignorés).")
    kind: ActorKind | None = Field(None, description="person (personne), organisation, state (État) ou group "
                                   "(plusieurs personnes dont l'article parle ensemble : « diplomates européens »). "
                                   "Une notion ou une figure de style n'est pas un acteur.")
    anonymous: Flag = Field(False, description="true pour une source que l'article ne nomme pas.")
    party: Slug | None = Field(None, description="Id de content/parties.yaml.")
    role: Text | None = Field(None, description="Fonction, affichée sur la page de l'acteur.")


class PartyEntry(Model):
    """Une partie dont on compare les exigences (content/parties.yaml)."""

    id: Slug = Field(description="Identifiant utilisé par demands[].party et par le champ party des acteurs.")
    name: Title = Field(description="Nom affiché.")
    aliases: items(Title) = Field(default_factory=list, description="Autres noms de la partie (« Moscou », « Kremlin »).")


class TopicEntry(Model):
    """Un thème (content/topics.yaml), utilisé par les étiquettes et les exigences."""

    id: Slug = Field(description="Identifiant utilisé par topics et par demands[].topic.")
    name: Title = Field(description="Nom affiché.")
    description: Text | None = Field(None, description="Ce que le thème recouvre.")


class PlaceEntry(Model):
    """Un lieu (content/places.yaml, facultatif) : il sert à comparer les lieux que donnent les récits d'un même
    événement (« Anchorage » est dans « Alaska »)."""

    id: Slug = Field(description="Identifiant du lieu.")
    name: Title = Field(description="Nom affiché.")
    aliases: items(Title) = Field(default_factory=list, description="Autres graphies, cherchées aussi à l'intérieur d'un lieu écrit plus longuement (« Base militaire d'Elmendorf-Richardson, Anchorage »).")
    within: Slug | None = Field(None, description="Id du lieu qui contient celui-ci (Anchorage → alaska).")


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
