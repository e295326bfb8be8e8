"""All of the site's French vocabulary: labels of the format's fixed values, the words
for what is unknown or unattributed, plurals, dates and figures as a reader reads them.

Templates and views say these through this module only, so a word is changed in one
place. Sentences that belong to one page (its headings and explanations) stay in its
template.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from ..reading.dates import PartialDate
from ..reading.models import Figure
from .markup import Md

LOCALE = "fr"

GENRE_LABELS = {
    "news": "Information",
    "analysis": "Analyse",
    "opinion": "Opinion / tribune",
    "interview": "Entretien",
    "wire": "Dépêche d'agence",
}
# The search box in the header (Pagefind): its button, and the filters a reader can combine.
SEARCH_BUTTON = "Rechercher"
SEARCH_FILTERS = {"genre": "Genre", "parti": "Partie", "acteur": "Acteur", "theme": "Thème", "annee": "Année"}

EVENT_KIND_LABELS = {
    "summit": "Sommet", "meeting": "Réunion", "call": "Appel", "statement": "Déclaration",
    "sanctions": "Sanctions", "strike": "Frappe", "weapons-test": "Essai d'armement",
    "announcement": "Annonce", "cancellation": "Annulation", "other": "Autre",
}
STATUS_LABELS = {
    "held": "tenu", "planned": "prévu", "cancelled": "annulé", "postponed": "reporté", "proposed": "proposé",
}
DEMAND_STATUS_LABELS = {"stated": "déclarée", "reported": "rapportée"}
QUALIFIER_LABELS = {
    "exact": "", "about": "près de", "at-least": "au moins", "more-than": "plus de",
    "less-than": "moins de", "up-to": "jusqu'à",
}
CATEGORY_LABELS = {
    "humanitarian": "Humanitaire", "military": "Militaire", "economic": "Économie", "aid": "Aide", "other": "Autres",
}
ACTOR_KIND_LABELS = {"person": "Personne", "organisation": "Organisation", "state": "État", "group": "Groupe"}
# The reader's words for on what the article rests a claim (format v2 `basis`).
BASIS_LABELS = {
    "on-record": "déclarée", "reported": "rapportée", "conditional": "au conditionnel",
    "author": "selon l'auteur de l'article", "analyst": "déduction de l'analyste",
}
BASIS_MEANINGS = {
    "on-record": "dit publiquement par la partie ou l'orateur (une paraphrase d'une déclaration publique compte)",
    "reported": "connu par des fuites, des sources anonymes ou un autre média (`via` dit qui)",
    "conditional": "l'article ne s'en porte pas garant : conditionnel (« aurait suggéré »), information non confirmée",
    "author": "lecture ou affirmation propre à l'auteur de l'article (« Pour Moscou, … », « semble »), "
              "pas une déclaration de la partie",
    "analyst": "déduction de l'analyste, absente de l'article ; `note` dit pourquoi",
}
DATE_BASIS_LABELS = {
    "stated": "l'article donne cette date",
    "inferred": "l'analyste en a déduit une partie (l'année d'après la date de publication…) ; `date_note` dit comment",
}
UNIT_LABELS = {
    "people": "personnes", "usd": "dollars", "eur": "euros", "hours": "heures", "years": "ans",
    "regions": "régions", "km2": "km²", "percent": "%", "days": "jours", "minutes": "minutes",
    "countries": "pays", "civilians": "civils",
}

# Where accounts of one event differ: the field, and what the difference means.
DIVERGENCE_FIELDS = {
    "date": "date", "place": "lieu", "duration": "durée", "status": "statut",
    "outcome": "issue", "participants": "participants", "value": "valeur",
}
DIFFERENCE_CLASSES = {
    "contradiction": "les récits se contredisent",
    "time": "chaque version vaut à la date de son article",
    "precision": "précision différente, versions compatibles",
    "containment": "un lieu contient l'autre",
    "subset": "un récit nomme moins de participants",
    "wording": "même valeur, autres mots",
    "not-comparable": "texte libre, à comparer soi-même",
}
UNPLACED = "lieux que le registre des lieux ne situe pas l'un par rapport à l'autre : à comparer soi-même"
OTHER_UNITS = "unités différentes : à comparer soi-même"
FIGURE_TIME = "valeurs données pour des dates différentes"


def difference_note(field: str, cls: str) -> str:
    """What a difference is, in the reader's words, for its field."""
    if field == "place" and cls == "not-comparable":
        return UNPLACED
    if field == "value" and cls == "not-comparable":
        return OTHER_UNITS
    if field == "value" and cls == "time":
        return FIGURE_TIME
    return DIFFERENCE_CLASSES[cls]

UNKNOWN_DATE = "date inconnue"
UNKNOWN_DATE_HEADING = "Date inconnue"
UNKNOWN_CUTOFF = "inconnue"
UNDATED_SUMMIT = "date non fixée"
UNKNOWN_OUTLET = "média non identifié"
UNKNOWN_STATUS = Md("*inconnu*")
OUTLET_NOT_SAID = Md("*non identifié* (l'article ne le dit pas)")
ROLE_NOT_SAID = Md("*rôle non précisé*")
UNIDENTIFIED = Md("*non identifié*")
NOT_GIVEN = Md("*non indiqué*")
NOT_GIVEN_PLURAL = Md("*non indiqués*")
NO_PARTY = "Sans partie"
UNATTRIBUTED = Md('<span class="unattributed">⚠ non attribué</span>')
TRANSLATED = Md('<span class="translated">traduction</span>')


def plural(count: int, singular: str, many: str | None = None) -> str:
    """`1 récit`, `3 récits`: French puts 0 and 1 in the singular."""
    return f"{count} {singular if count < 2 else (many or singular + 's')}"


def preview_banner(errors: int, problems_page: str) -> str:
    """The warning `mkdocs serve` puts on every page while a briefing is invalid."""
    return (f'!!! danger "Aperçu incomplet : {errors} erreur(s) dans les briefings"\n\n'
            f"    Le site ne peut pas être publié tant qu'elles restent. [Voir les erreurs]({problems_page})\n\n")


def year_without_month(year: int) -> str:
    return f"{year} (mois non précisé)"


MONTH_PARTS = {"debut": "début", "mi": "mi-", "fin": "fin"}


def date_text(value: PartialDate, part: str | None = None) -> str:
    """`15 novembre 2025`, `octobre 2025`, `2025` — never more precise than known; with a third of the
    month (`debut`, `mi`, `fin`), `début août 2025`, `mi-août 2025`."""
    text = _date_text(value)
    if part in MONTH_PARTS and value.month and not value.day:
        return MONTH_PARTS[part] + ("" if part == "mi" else " ") + text
    return text


@lru_cache(maxsize=16384)
def _date_text(value: PartialDate) -> str:
    """Babel is slow and a site shows the same few thousand dates again and again: each is formatted once."""
    year, month, day = value.year, value.month, value.day
    if day:
        text = format_date(date(year, month, day), "d MMMM y", locale=LOCALE)
        return "1er" + text[1:] if day == 1 else text
    if month:
        return format_skeleton("yMMMM", date(year, month, 1), locale=LOCALE)
    return str(year)


def as_of_text(value: PartialDate) -> str:
    """The date a figure describes: `au 26 août 2025`, `en août 2025`, `en 2025`."""
    return ("au " if value.day else "en ") + date_text(value)


def figure_text(figure: Figure) -> str:
    """`près de 13 000 000 personnes`: qualifier, French digit grouping (narrow no-break spaces), unit."""
    parts = []
    qualifier = QUALIFIER_LABELS.get(figure.qualifier or "exact", "")
    if qualifier:
        parts.append(qualifier)
    # decimal_quantization=False: 0.0004 stays 0,0004 instead of rounding to « 0 ».
    parts.append(format_decimal(figure.value, locale=LOCALE, decimal_quantization=False))
    if figure.unit:
        parts.append(UNIT_LABELS.get(figure.unit, figure.unit))
    return " ".join(parts)
