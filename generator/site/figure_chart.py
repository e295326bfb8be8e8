"""A small SVG chart per indicator with two values or more: value against the date it describes.

One mark per value, each a link to the briefing that reports it, named by its `<title>` (the
value as the site writes it, its date, who produced it, the source). The qualifier is drawn:
« au moins » / « plus de » as an open arrow upward from the value, « moins de » / « jusqu'à »
as one downward, « près de » as a band around it. A value with no producer is a hollow, dashed
mark and its title says « non attribué ». A vague amount (format v2: no number, the article's
words) is never plotted: it is listed beside the chart as the article wrote it. The x axis is
the figure's `as_of` date, or the article's publication date when it gives none (said in the
title). The table under the chart keeps every value as text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from ..reading.dates import PartialDate
from . import wording
from .timeline_svg import xml_text as esc

WIDTH, HEIGHT = 560, 200
LEFT, RIGHT, TOP, BOTTOM = 92, 20, 28, 34
R = 6
ABOUT = 0.05
"""Half the height of the « près de » band, as a share of the value."""
# An upper bound of a 12 px sans-serif character's width, and the least space between two date labels.
LABEL_CHAR_WIDTH, LABEL_GAP = 7, 8


def _when(entry: Any) -> tuple[PartialDate | None, bool]:
    """The date a value is placed at, and whether it is the publication date standing in for `as_of`."""
    if entry.figure.as_of is not None:
        return entry.figure.as_of, False
    return entry.briefing.source.published, True


def _x_of(date: PartialDate) -> float:
    month = date.month or 7
    day = date.day or 15
    return date.year + (month - 1) / 12 + (day - 1) / 365


def plotted(entries: list[Any]) -> list[Any]:
    """The values a chart shows: numbers, in the indicator's most common unit, with a date."""
    numeric = [e for e in entries if e.figure.value is not None and _when(e)[0] is not None]
    units = Counter(e.figure.unit for e in numeric)
    unit = units.most_common(1)[0][0] if units else None
    return [e for e in numeric if e.figure.unit == unit]


def _axis_number(value: float) -> str:
    from babel.numbers import format_decimal
    return format_decimal(value, locale=wording.LOCALE, format="#,##0.##")


def figure_chart(label: str, entries: list[Any], href: Callable[[Any], str]) -> str:
    """Raw HTML: the chart and, beside it, the vague amounts; empty when fewer than two values can be plotted."""
    marks = plotted(entries)
    if len(marks) < 2:
        return ""
    vague = [e for e in entries if e.figure.value is None]
    xs = [_x_of(_when(e)[0]) for e in marks]
    values = [float(e.figure.value) for e in marks]
    x0, x1 = min(xs), max(xs)
    if x1 - x0 < 1 / 12:
        x0, x1 = x0 - 1 / 12, x1 + 1 / 12
    top = max(values) * (1 + 2 * ABOUT)
    y0, y1 = 0.0, top if top > 0 else 1.0
    bottom_v = min(values + [0.0])
    if bottom_v < 0:
        y0 = bottom_v * (1 + 2 * ABOUT)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + 10 + (plot_w - 20) * (x - x0) / (x1 - x0)

    def py(v: float) -> float:
        return TOP + plot_h * (1 - (v - y0) / (y1 - y0))

    unit = marks[0].figure.unit
    unit_text = wording.UNIT_LABELS.get(unit, unit) if unit else ""
    name = f"Graphique : {label}, {len(marks)} valeurs selon la date qu'elles décrivent"
    body = [f'<svg xmlns="http://www.w3.org/2000/svg" class="fc-svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="group" aria-label="{esc(name)}" font-family="sans-serif" font-size="12">',
            f"<title>{esc(name)}</title>",
            f"<desc>{esc('Chaque marque est une valeur, reliée à l’article qui la rapporte ; le tableau qui suit donne les mêmes valeurs.')}</desc>",
            f'<line class="fc-axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{py(y0):.1f}" y2="{py(y0):.1f}"/>',
            f'<line class="fc-axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{py(y0):.1f}"/>']
    for v in (y0, (y0 + y1) / 2, y1):
        body.append(f'<line class="fc-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{py(v):.1f}" y2="{py(v):.1f}"/>')
        body.append(f'<text class="fc-label" x="{LEFT - 6}" y="{py(v) + 4:.1f}" text-anchor="end">{esc(_axis_number(v))}</text>')
    if unit_text:
        body.append(f'<text class="fc-label" x="4" y="12">{esc(unit_text)}</text>')
    seen_dates: set[str] = set()
    drawn_to = float("-inf")  # where the last date label ends: a label that would overlap it is left out
    for e in sorted(marks, key=lambda e: _x_of(_when(e)[0])):
        date = _when(e)[0]
        text = wording.date_text(date)
        if text not in seen_dates:
            seen_dates.add(text)
            x = px(_x_of(date))
            anchor = "start" if x < LEFT + 60 else "end" if x > WIDTH - RIGHT - 60 else "middle"
            width = LABEL_CHAR_WIDTH * len(text)
            start = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
            if start < drawn_to + LABEL_GAP:
                continue
            drawn_to = start + width
            body.append(f'<text class="fc-label" x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="{anchor}">{esc(text)}</text>')
    crowd: dict[int, int] = {}
    for e in marks:  # values given for the same day stand side by side, not on top of each other
        x = px(_x_of(_when(e)[0]))
        rank = crowd.get(round(x), 0)
        crowd[round(x)] = rank + 1
        body.append(_mark(e, x + 14 * ((rank + 1) // 2) * (1 if rank % 2 else -1), py, float(e.figure.value), href(e)))
    body.append("</svg>")
    aside = ""
    if vague:
        items = "".join(f"<li>« {esc(e.figure.amount_text or '')} » — {_producer(e)} — "
                        f'<a href="{esc(href(e))}">{esc(e.briefing.title)}</a></li>' for e in vague)
        aside = (f'<div class="fc-vague"><p>Quantités sans nombre (non placées sur le graphique) :</p>'
                 f"<ul>{items}</ul></div>")
    return "\n".join(['<div class="fc">', '<div class="fc-scroll">', *body, "</div>", *([aside] if aside else []), "</div>"])


def _producer(e: Any) -> str:
    return esc(e.figure.attributed_to) if e.figure.attributed_to else '<span class="unattributed">⚠ non attribué</span>'


def mark_title(e: Any) -> str:
    date, published = _when(e)
    when = (f"article du {wording.date_text(date)} (pas de date propre au chiffre)" if published
            else wording.date_text(date) + (f" {wording.DATE_INFERRED}" if e.figure.as_of_basis == "inferred" else ""))
    producer = e.figure.attributed_to or "⚠ non attribué"
    basis = "" if e.figure.basis == "on-record" else f" ({wording.BASIS_MARKS['figure'][e.figure.basis]})"
    return (f"{wording.figure_text(e.figure)}{basis} — {when} — produit par : {producer} — "
            f"source : {e.briefing.title}")


def _mark(e: Any, cx: float, py: Callable[[float], float], value: float, href: str) -> str:
    cy = py(value)
    qualifier = e.figure.qualifier or "exact"
    parts = []
    if qualifier == "about":
        hi, lo = py(value * (1 + ABOUT)), py(value * (1 - ABOUT))
        parts.append(f'<rect class="fc-band" x="{cx - 12:.1f}" y="{min(hi, lo):.1f}" width="24" height="{abs(lo - hi):.1f}"/>')
    if qualifier in {"at-least", "more-than", "less-than", "up-to"}:
        up = qualifier in {"at-least", "more-than"}
        tip = cy - 24 if up else cy + 24
        wing = 6 if up else -6
        parts.append(f'<path class="fc-arrow" d="M{cx:.1f} {cy:.1f}L{cx:.1f} {tip:.1f}'
                     f'M{cx - 5:.1f} {tip + wing:.1f}L{cx:.1f} {tip:.1f}L{cx + 5:.1f} {tip + wing:.1f}"/>')
    attributed = "attributed" if e.figure.attributed_to else "unattributed"
    parts.append(f'<circle class="fc-hit" cx="{cx:.1f}" cy="{cy:.1f}" r="{R + 4}"/>')
    parts.append(f'<circle class="fc-dot fc-{attributed}" cx="{cx:.1f}" cy="{cy:.1f}" r="{R}"/>')
    if not e.figure.attributed_to:
        parts.append(f'<text class="fc-q" x="{cx + R + 3:.1f}" y="{cy + 4:.1f}">?</text>')
    return (f'<a class="fc-mark" href="{esc(href)}"><title>{esc(mark_title(e))}</title>{"".join(parts)}</a>')
