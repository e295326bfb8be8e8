"""French wording of values: figures with their qualifier and unit."""

from __future__ import annotations

from babel.numbers import format_decimal

from ..reading.models import QUALIFIER_LABELS, Figure

UNIT_LABELS = {
    "people": "personnes", "usd": "dollars", "eur": "euros", "hours": "heures", "years": "ans",
    "regions": "régions", "km2": "km²", "percent": "%", "days": "jours", "minutes": "minutes",
    "countries": "pays", "civilians": "civils",
}


def figure_text(figure: Figure) -> str:
    """`près de 13 000 000 personnes`: qualifier, French digit grouping (narrow no-break spaces), unit."""
    parts = []
    qualifier = QUALIFIER_LABELS.get(figure.qualifier or "exact", "")
    if qualifier:
        parts.append(qualifier)
    # decimal_quantization=False: 0.0004 stays 0,0004 instead of rounding to « 0 ».
    parts.append(format_decimal(figure.value, locale="fr", decimal_quantization=False))
    if figure.unit:
        parts.append(UNIT_LABELS.get(figure.unit, figure.unit))
    return " ".join(parts)
