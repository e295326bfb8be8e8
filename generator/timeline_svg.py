"""A self-contained SVG frise of the events: one row per kind of event, one dot per event.

Generated at build time and served from the site itself (nothing from a CDN);
every text is XML-escaped, and an SVG shown through <img> runs no script.
"""

from __future__ import annotations

from html import escape
from typing import Protocol

from .dates import PartialDate
from .models import EVENT_KIND_LABELS

WIDTH, LEFT, RIGHT, ROW, TOP = 960, 150, 20, 34, 30
COLOURS = {
    "summit": "#c62828", "meeting": "#6a1b9a", "call": "#1565c0", "statement": "#00838f",
    "sanctions": "#ef6c00", "strike": "#4e342e", "weapons-test": "#37474f", "announcement": "#2e7d32",
    "cancellation": "#ad1457", "other": "#757575",
}


class Dated(Protocol):
    id: str
    title: str
    kind: str
    date: PartialDate | None


def _months(date: PartialDate) -> float:
    """Months since year 0: a partial date sits at the start of its span."""
    return date.year * 12 + (date.month or 1) - 1 + ((date.day or 1) - 1) / 31


def timeline_svg(events: list[Dated]) -> str:
    dated = sorted((e for e in events if e.date), key=lambda e: (e.date.sort_key, e.id))
    kinds = [k for k in EVENT_KIND_LABELS if any(e.kind == k for e in dated)]
    height = TOP + ROW * max(len(kinds), 1) + 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
           f'height="{height}" role="img" font-family="sans-serif" font-size="12">',
           f"<title>Frise chronologique de {len(dated)} événements datés</title>",
           f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>']
    if not dated:
        out.append(f'<text x="{LEFT}" y="{TOP + 15}">Aucun événement daté.</text></svg>')
        return "\n".join(out) + "\n"
    start, end = _months(dated[0].date), _months(dated[-1].date) + 1
    span = max(end - start, 1)

    def x(date: PartialDate) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (_months(date) - start) / span

    for m in range(int(start), int(end) + 1):
        year, month = divmod(m, 12)
        tick = PartialDate(year, month + 1)
        xpos = x(tick)
        if xpos > WIDTH - RIGHT:
            break
        label = str(year) if month == 0 or m == int(start) else f"{month + 1:02d}"
        out.append(f'<line x1="{xpos:.1f}" y1="{TOP - 8}" x2="{xpos:.1f}" y2="{height - 30}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{xpos:.1f}" y="{height - 14}" text-anchor="middle" fill="#555">{label}</text>')
    for row, kind in enumerate(kinds):
        y = TOP + ROW * row + ROW / 2
        out.append(f'<text x="{LEFT - 10}" y="{y + 4:.1f}" text-anchor="end">{escape(EVENT_KIND_LABELS[kind])}</text>')
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#bdbdbd"/>')
        for e in (e for e in dated if e.kind == kind):
            out.append(f'<circle cx="{x(e.date):.1f}" cy="{y:.1f}" r="5" fill="{COLOURS[kind]}" fill-opacity="0.8">'
                       f"<title>{escape(e.date.french())} — {escape(e.title)}</title></circle>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
