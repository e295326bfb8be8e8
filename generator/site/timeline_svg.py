"""A self-contained SVG frise of the events: one band per year, months across, one row per kind.

One band per year keeps a corpus that mentions 1999 and 2025 readable: a single
linear axis would squeeze the dense months into a few pixels. An event known
only to the year sits in the band's first column, « année », never in a month
it was not given. Generated at build time and served from the site itself
(nothing from a CDN); every text is XML-escaped, and an SVG shown through <img>
runs no script.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Protocol

from ..reading.dates import PartialDate
from .wording import EVENT_KIND_LABELS, date_text

WIDTH, LEFT, RIGHT = 960, 150, 16
ROW, BAND_TOP, BAND_GAP = 22, 26, 18
COLUMNS = ["année", "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
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


def timeline_svg(events: list[Dated]) -> str:
    dated = sorted((e for e in events if e.date), key=lambda e: (e.date.sort_key, e.id))
    by_year: dict[int, list[Dated]] = defaultdict(list)
    for e in dated:
        by_year[e.date.year].append(e)
    column = (WIDTH - LEFT - RIGHT) / len(COLUMNS)
    body: list[str] = []
    y = 8
    for year in sorted(by_year):
        items = by_year[year]
        kinds = [k for k in EVENT_KIND_LABELS if any(e.kind == k for e in items)]
        band = BAND_TOP + ROW * len(kinds)
        body.append(f'<text x="8" y="{y + 16}" font-weight="bold" font-size="14">{year}</text>')
        for i, label in enumerate(COLUMNS):
            x = LEFT + column * i
            body.append(f'<rect x="{x:.1f}" y="{y + BAND_TOP - 4}" width="{column:.1f}" height="{band - BAND_TOP + 4}" '
                        f'fill="{"#f5f5f5" if i % 2 else "#ffffff"}"/>')
            body.append(f'<text x="{x + column / 2:.1f}" y="{y + 16}" text-anchor="middle" fill="#555">{label}</text>')
        for row, kind in enumerate(kinds):
            cy = y + BAND_TOP + ROW * row + ROW / 2 - 2
            body.append(f'<text x="{LEFT - 8}" y="{cy + 4:.1f}" text-anchor="end">{escape(EVENT_KIND_LABELS[kind])}</text>')
            placed: dict[int, int] = defaultdict(int)
            for e in (e for e in items if e.kind == kind):
                slot = e.date.month or 0
                offset = (e.date.day or 15) / 31 if e.date.month else 0.5
                cx = LEFT + column * slot + column * offset
                if not e.date.day:  # several events in one month or year: side by side, not on top
                    cx += 7 * placed[slot]
                    placed[slot] += 1
                body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{COLOURS[kind]}" fill-opacity="0.85">'
                            f"<title>{escape(date_text(e.date))} — {escape(e.title)}</title></circle>")
        y += band + BAND_GAP
    height = max(y, 40)
    head = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
            f'height="{height}" role="img" font-family="sans-serif" font-size="12">',
            f"<title>Frise chronologique de {len(dated)} événements datés, une bande par année</title>",
            f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>']
    if not dated:
        body.append(f'<text x="{LEFT}" y="24">Aucun événement daté.</text>')
    return "\n".join([*head, *body, "</svg>"]) + "\n"
