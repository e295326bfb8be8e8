"""A self-contained SVG frise of the events: one band per year, months across, one row per kind.

One band per year keeps a corpus that mentions 1999 and 2025 readable: a single
linear axis would squeeze the dense months into a few pixels. An event known
only to the year sits in the band's first column, « année », never in a month
it was not given: a dated day sits at its place in its month, and the events
known only to the month (or the year) share their column, closer together the
more there are, never past its edges. Generated at build time and served from
the site itself (nothing from a CDN); every text goes through `xml_text`, so
the file stays well-formed XML whatever a title holds, and an SVG shown through
<img> runs no script.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html import escape
from typing import Protocol

from ..reading.dates import PartialDate
from .wording import EVENT_KIND_LABELS, date_text

WIDTH, LEFT, RIGHT = 960, 150, 16
RADIUS, STEP = 5, 7  # a marker, and the gap between events that share a month's column
ROW, BAND_TOP, BAND_GAP = 22, 26, 18
COLUMNS = ["année", "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
COLOURS = {
    "summit": "#c62828", "meeting": "#6a1b9a", "call": "#1565c0", "statement": "#00838f",
    "sanctions": "#ef6c00", "strike": "#4e342e", "weapons-test": "#37474f", "announcement": "#2e7d32",
    "cancellation": "#ad1457", "other": "#757575",
}


# Characters XML 1.0 does not allow anywhere in a document (C0 controls but tab and line ends,
# lone surrogates, U+FFFE and U+FFFF): one of them makes the whole SVG unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """Text for an XML document: escaped for text and attributes, without the characters XML forbids."""
    return escape(_NOT_XML.sub("", value))


def marker_x(month_start: float, column: float, date_offset: float | None, rank: int, count: int) -> float:
    """Where a marker's centre goes in its column, so that the whole marker stays inside it.

    A dated day sits at its place in the month (`date_offset`, 0 to 1). The `count` events known
    only to the month or the year are spread around the column's middle, STEP apart, or closer
    when that would overflow the column.
    """
    inner = column - 2 * RADIUS
    if date_offset is not None:
        return month_start + RADIUS + inner * date_offset
    step = min(STEP, inner / (count - 1)) if count > 1 else 0
    return month_start + column / 2 + step * (rank - (count - 1) / 2)


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
            body.append(f'<text x="{x + column / 2:.1f}" y="{y + 16}" text-anchor="middle" fill="#555">{xml_text(label)}</text>')
        for row, kind in enumerate(kinds):
            cy = y + BAND_TOP + ROW * row + ROW / 2 - 2
            body.append(f'<text x="{LEFT - 8}" y="{cy + 4:.1f}" text-anchor="end">{xml_text(EVENT_KIND_LABELS[kind])}</text>')
            row_items = [e for e in items if e.kind == kind]
            sharing: dict[int, int] = defaultdict(int)  # month (0: the year) → how many events have no day
            for e in row_items:
                if not e.date.day:
                    sharing[e.date.month or 0] += 1
            placed: dict[int, int] = defaultdict(int)
            for e in row_items:
                slot = e.date.month or 0
                if e.date.day:
                    cx = marker_x(LEFT + column * slot, column, (e.date.day - 1) / 30, 0, 1)
                else:
                    cx = marker_x(LEFT + column * slot, column, None, placed[slot], sharing[slot])
                    placed[slot] += 1
                body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIUS}" fill="{COLOURS[kind]}" fill-opacity="0.85">'
                            f"<title>{xml_text(date_text(e.date))} — {xml_text(e.title)}</title></circle>")
        y += band + BAND_GAP
    height = max(y, 40)
    head = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
            f'height="{height}" role="img" font-family="sans-serif" font-size="12">',
            f"<title>Frise chronologique de {len(dated)} événements datés, une bande par année</title>",
            f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>']
    if not dated:
        body.append(f'<text x="{LEFT}" y="24">Aucun événement daté.</text>')
    return "\n".join([*head, *body, "</svg>"]) + "\n"
