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

from ..reading.dates import PartialDate
from ..reading.models import Figure
from .markup import Md
from .number_format import LOCALE, decimal_text, plural_form


GENRE_LABELS = {"news": "Information", "analysis": "Analyse", "opinion": "Opinion / tribune", "interview": "Entretien",
                "wire": "Dépêche d'agence"}
# The search box in the header (Pagefind): its button, and the filters a reader can combine.
SEARCH_BUTTON = "Rechercher"
SEARCH_FILTERS = {"genre": "Genre", "parti": "Partie", "acteur": "Acteur", "theme": "Thème", "annee": "Année"}
# The search dialog's other words, read by its script (theme/assets/javascripts/briefings-search.js):
# {n} is the count (written the French way), {q} the query.
SEARCH_UI = {
    "dialog": "Recherche dans les briefings", "close": "Fermer", "filters": "Filtres", "all": "Tous",
    "sort": "Trier par", "sort_relevance": "Pertinence", "sort_date": "Plus récents",
    "loading": "Recherche en cours…", "more": "Afficher plus de résultats",
    "none": "Aucun résultat pour «\u202f{q}\u202f»", "one": "Un résultat pour «\u202f{q}\u202f»",
    "many": "{n} résultats pour «\u202f{q}\u202f»", "failed": "La recherche n'a pas pu se charger.",
}

EVENT_KIND_LABELS = {
    "summit": "Sommet", "meeting": "Réunion", "call": "Appel", "statement": "Déclaration",
    "sanctions": "Sanctions", "strike": "Frappe", "weapons-test": "Essai d'armement",
    "announcement": "Annonce", "cancellation": "Annulation", "other": "Autre",
}
STATUS_LABELS = {"held": "tenu", "planned": "prévu", "cancelled": "annulé", "postponed": "reporté", "proposed": "proposé"}
DEMAND_STATUS_LABELS = {"stated": "déclarée", "reported": "rapportée"}
QUALIFIER_LABELS = {"exact": "", "about": "près de", "at-least": "au moins", "more-than": "plus de",
                    "less-than": "moins de", "up-to": "jusqu'à"}
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
# The mark each item carries, by kind: demands and quotes are feminine (« une exigence déclarée »); an
# event account or a figure the article gives as a fact is « affirmé » or « donné » by the article.
BASIS_MARKS = {
    "demand": BASIS_LABELS, "quote": BASIS_LABELS,
    "event": {**BASIS_LABELS, "on-record": "affirmé par l'article", "reported": "rapporté"},
    "figure": {**BASIS_LABELS, "on-record": "donné par l'article", "reported": "rapporté"},
}
REPORTED_BY = "par"
"""`rapportée par …`: the `via` follows the mark's label."""
VIA = "via"
"""`déclarée, via …`: a relay named on an item whose basis is not `reported`."""
# What each mark means, in the reader's words (the marks' tooltips).
BASIS_EXPLAINED = {
    "on-record": "dit publiquement par la partie ou l'orateur ; une paraphrase d'une déclaration publique compte",
    "reported": "connu par des fuites, des sources anonymes ou un autre média",
    "conditional": "l'article ne s'en porte pas garant : conditionnel, information non confirmée",
    "author": "lecture propre à l'auteur de l'article, pas une déclaration de la partie",
    "analyst": "déduction de l'analyste, absente de l'article ; sa note dit pourquoi",
}
FACT_EXPLAINED = "l'article le présente comme un fait"
"""An event account or a figure whose basis is on-record: the article states it."""
OPINION_MARK = "tribune"
OPINION_EXPLAINED = "tiré d'une tribune d'opinion : l'article défend une thèse, ce qu'il avance est de son auteur"
DATE_INFERRED = "date déduite"
DATE_INFERRED_EXPLAINED = "l'analyste a déduit une partie de cette date ; sa note dit comment"
ANALYST_NOTE = "Note de l'analyste"
ANALYST_DATE_NOTE = "Note de l'analyste sur la date"
VAGUE_EXPLAINED = "quantité sans nombre : les mots de l'article, pas une valeur"
VAGUE_AMOUNT = "quantité sans nombre d'un côté : à comparer soi-même"
AUTHOR_READINGS = "Lectures des auteurs d'articles"
UNCONFIRMED = "non confirmée"
UNCONFIRMED_MANY = "non confirmées"
UNCONFIRMED_EXPLAINED = "au conditionnel ou déduites par l'analyste : montrées dans la section, hors du compte"
POSITIONS = "Positions déclarées ou rapportées"
UNCONFIRMED_HEADING = "Non confirmées (au conditionnel ou déduites par l'analyste)"

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


def difference_note(field: str, cls: str, vague: bool = False) -> str:
    """What a difference is, in the reader's words, for its field (`vague`: a figure without a number
    is among the versions)."""
    if field == "value" and cls == "not-comparable" and vague:
        return VAGUE_AMOUNT
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
# Around an item on every page that lists it (site/items.py): a demand's date, voice and source, an extract.
UNDATED_DEMAND, ARTICLE_OF, LENT_TO, VOICED_BY = Md("*date non précisée*"), "article du", "prêtée à", "exprimée par"
SOURCE, EXTRACT = "source :", "extrait :"
# Before the analyst's notes on a figure, under a table of figures: « Sur « label » : notes ».
NOTES_ON = "Sur"


def is_singular(count: float) -> bool:
    """French CLDR plural rules (Babel): 0 and 1 (and 1,5) take the singular, 2 and more the plural."""
    return plural_form(count) == "one"


def noun(count: float, singular: str, many: str | None = None) -> str:
    """The words that go with `count`, without it: `briefing`, `médias identifiés`."""
    return singular if is_singular(count) else (many or singular + "s")


def number_text(count: float) -> str:
    """A count as French writes it: `12 345` (narrow no-break space between thousands)."""
    return decimal_text(count)


def plural(count: int, singular: str, many: str | None = None) -> str:
    """`1 récit`, `3 récits`, `2 médias identifiés` (`many` for what is not just `singular` + s)."""
    return f"{number_text(count)} {noun(count, singular, many)}"


def older_versions(count: int) -> str:
    """After the most recent versions in a divergence line: the older ones, all in the indicator's table."""
    return f"et {plural(count, 'valeur plus ancienne', 'valeurs plus anciennes')}, dans le tableau de l'indicateur"


def preview_banner(errors: int, problems_page: str) -> str:
    """The warning `mkdocs serve` puts on every page while a briefing is invalid."""
    return (f'!!! danger "Aperçu incomplet : {plural(errors, "erreur")} dans les briefings"\n\n'
            f"    Le site ne peut pas être publié tant qu'elles restent. [Voir les erreurs]({problems_page})\n\n")


# Feeds and the calendar are read outside Markdown: their own wording carries its narrow no-break spaces.
FEED_TITLE = "Tous les briefings"
FEED_SUBTITLE = "Chaque article de presse résumé par les analystes, du plus récent au plus ancien."
TOPIC_FEED_SUBTITLE = "Les briefings de ce thème, du plus récent au plus ancien."
ACTOR_FEED_SUBTITLE = "Les briefings qui nomment cet acteur, du plus récent au plus ancien."
ACTOR_FEED_LINK = "flux des briefings qui le nomment"
FEED_AUTHOR = "Les analystes du site de briefings"
CALENDAR_NAME = "Événements prévus ou proposés, selon les briefings"


def topic_feed_title(name: str) -> str:
    return f"Briefings, thème «\u202f{name}\u202f»"


def actor_feed_title(name: str) -> str:
    return f"Briefings qui nomment {name}"


def source_line(b) -> str:
    """`Source : Le Quotidien, « Le titre », 15 août 2025`: the article a briefing summarises, as plain text
    (outside Markdown, so with its narrow no-break spaces written in)."""
    return f"Source\u202f: {source_text(b)}"


def source_text(b) -> str:
    outlet = b.source.outlet or UNKNOWN_OUTLET
    headline = f", «\u202f{b.source.headline}\u202f»" if b.source.headline else ""
    when = date_text(b.source.published) if b.source.published else UNKNOWN_DATE
    return f"{outlet}{headline}, {when}"


def calendar_description(record) -> str:
    """What a calendar entry says of its date and sources, as plain text."""
    lines = [f"Statut selon l'article le plus récent\u202f: {STATUS_LABELS[record.status]}."]
    if record.date.day is None:
        lines.append(f"Date connue au mois près ({date_text(record.date)})\u202f: l'événement couvre tout le mois, "
                     "sans jour fixé.")
    lines.append("Sources\u202f:")
    # each source with the status of its account, as on the site: « au conditionnel », « date déduite »
    lines.extend(f"- {source_text(a.briefing)}"
                 + ("" if a.event.basis == "on-record" else f" — {BASIS_MARKS['event'][a.event.basis]}")
                 + (f" — {DATE_INFERRED}" if a.event.date_basis == "inferred" and a.event.date == record.date else "")
                 for a in record.accounts)
    return "\n".join(lines)


def year_without_month(year: int) -> str:
    return f"{year} ({NO_MONTH})"


# The slices of a long page (site/slices.py): « 1er trimestre 2024 », « mars 2024 », « mars 2024 (2/3) ».
QUARTERS = ("1er trimestre", "2e trimestre", "3e trimestre", "4e trimestre")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
NO_MONTH, NO_DAY, PART, UNDATED_PART, FIRST_DAY = "mois non précisé", "jour non précisé", "partie", "sans date", "1er"


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
        return FIRST_DAY + text[1:] if day == 1 else text
    if month:
        return format_skeleton("yMMMM", date(year, month, 1), locale=LOCALE)
    return str(year)


def as_of_text(value: PartialDate) -> str:
    """The date a figure describes: `au 26 août 2025`, `en août 2025`, `en 2025`."""
    return ("au " if value.day else "en ") + date_text(value)


def figure_text(figure: Figure) -> str:
    """`près de 13 000 000 personnes`: qualifier, French digit grouping (narrow no-break spaces), unit.
    A quantity without a number is the article's words, quoted: `« des centaines » personnes`."""
    parts = []
    qualifier = QUALIFIER_LABELS.get(figure.qualifier or "exact", "")
    if qualifier:
        parts.append(qualifier)
    parts.append(amount_text(figure))
    if figure.unit:
        parts.append(UNIT_LABELS.get(figure.unit, figure.unit))
    return " ".join(parts)


def amount_text(figure: Figure) -> str:
    """The amount alone: the number in French digits, or the article's own words in guillemets."""
    if figure.value is None:
        return f"« {figure.amount_text} »"
    # decimal_quantization=False: 0.0004 stays 0,0004 instead of rounding to « 0 ».
    return decimal_text(figure.value, quantized=False)
