"""The timeline as inline SVG strips: one strip per year, one lane per kind of event, months across.

One strip per year keeps a corpus that mentions 1999 and 2025 readable: a single
linear axis would squeeze the dense months into a few pixels. An event known
only to the year sits in the strip's first column, « année », never in a month
it was not given: a dated day sits at its place in its month, and the events
known only to the month (or the year) share their column, closer together the
more there are, never past its edges.

Each marker is a link (`<a href>`) to the event's entry, named by its `<title>`
(the date as the site writes it and as an article wrote it, the title, the status), so the keyboard reaches
it, a screen reader reads it and a pointer shows it as a tooltip. The shape says
the status: a filled disc for a held event (or one whose status no source
gives), a ring for a planned one, a dotted ring for a proposed one, a dashed ring
for a postponed one, a crossed ring for a cancelled one; a warning halo marks an
event whose sources give contradicting dates. The strips are written into the
page itself (an <img> could hold no link); every text goes through `xml_text`,
so each strip stays well-formed XML whatever a title holds. Colours are classes
(`tl-k-…`), which the site's stylesheet sets for the light and the dark scheme.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from html import escape
from typing import Any, Protocol

from ..reading.dates import PartialDate
from .wording import BASIS_LABELS, BASIS_MARKS, DATE_INFERRED, EVENT_KIND_LABELS, STATUS_LABELS, date_text

WIDTH, LEFT, RIGHT = 760, 128, 8
RADIUS, STEP = 6, 13  # a marker, and the gap between events that share a month's column
HIT = 10  # the radius a pointer can hit (transparent), larger than the marker
ROW, BAND_TOP, BAND_GAP = 26, 28, 10
COLUMNS = ["année", "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
COLUMN_NAMES = ["année non précisée", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"]
KINDS = list(EVENT_KIND_LABELS)
HOLLOW = {"planned", "proposed", "postponed", "cancelled"}
"""Statuses of an event that did not (or not yet) take place: drawn as rings, not discs."""
DATE_CONTRADICTION = "les sources se contredisent sur la date"

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


def has_date_contradiction(event: Any) -> bool:
    """An event whose accounts give dates that cannot all be true (its contradictions name the date)."""
    return any(getattr(d, "label", None) == "date" for d in getattr(event, "divergences", ()) or ())


def marker_title(event: Any) -> str:
    status = getattr(event, "status", None)
    written = next((a.event.date_text for a in getattr(event, "accounts", ()) if a.event.date_text), None)
    inferred = f" {DATE_INFERRED}" if getattr(event, "date_inferred", False) else ""
    parts = [date_text(event.date) + inferred + (f" (« {written} »)" if written else ""), event.title]
    if status:
        parts.append(STATUS_LABELS.get(status, status))
    # A marker names the claim with its status, as the lists do: its accounts' bases, unless all state it.
    bases = {a.event.basis for a in getattr(event, "accounts", ())}
    if bases - {"on-record"}:
        parts.append(", ".join(BASIS_MARKS["event"][b] for b in BASIS_LABELS if b in bases))
    if has_date_contradiction(event):
        parts.append(DATE_CONTRADICTION)
    return " — ".join(parts)


def _marker(event: Any, cx: float, cy: float, href: str | None) -> str:
    status = getattr(event, "status", None)
    kind = event.kind if event.kind in EVENT_KIND_LABELS else "other"
    shape = status if status in HOLLOW else "held"
    title = f"<title>{xml_text(marker_title(event))}</title>"
    parts = [f'<circle class="tl-hit" cx="{cx:.1f}" cy="{cy:.1f}" r="{HIT}"/>']
    if has_date_contradiction(event):
        parts.append(f'<circle class="tl-halo" cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIUS + 3}"/>')
    parts.append(f'<circle class="tl-dot" cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIUS}"/>')
    if shape == "cancelled":
        d = RADIUS * 0.7
        parts.append(f'<path class="tl-cross" d="M{cx - d:.1f} {cy - d:.1f}L{cx + d:.1f} {cy + d:.1f}'
                     f'M{cx - d:.1f} {cy + d:.1f}L{cx + d:.1f} {cy - d:.1f}"/>')
    classes = f"tl-mark tl-k-{kind} tl-s-{shape}"
    if href is None:
        return f'<g class="{classes}">{title}{"".join(parts)}</g>'
    return f'<a class="{classes}" href="{xml_text(href)}">{title}{"".join(parts)}</a>'


def year_strip(year: int, items: Sequence[Any], href: Callable[[Any], str | None], label: str = "") -> str:
    """One year's SVG: a lane per kind of event present, a column per month (and one for « année »)."""
    column = (WIDTH - LEFT - RIGHT) / len(COLUMNS)
    kinds = [k for k in KINDS if any((e.kind if e.kind in EVENT_KIND_LABELS else "other") == k for e in items)]
    height = BAND_TOP + ROW * len(kinds) + BAND_GAP
    name = label or f"Frise de l'année {year} : {len(items)} événement{'s' if len(items) > 1 else ''}"
    body = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tl-svg" viewBox="0 0 {WIDTH} {height}" '
            f'role="group" aria-label="{xml_text(name)}" font-family="sans-serif" font-size="14">',
            f"<title>{xml_text(name)}</title>",
            f'<text class="tl-year" x="8" y="18" font-weight="bold" font-size="17">{year}</text>']
    top, bottom = BAND_TOP - 6, BAND_TOP + ROW * len(kinds)
    for i, short in enumerate(COLUMNS):
        x = LEFT + column * i
        body.append(f'<rect class="tl-col{i % 2}" x="{x:.1f}" y="{top}" width="{column:.1f}" height="{bottom - top}"/>')
        body.append(f'<text class="tl-label" x="{x + column / 2:.1f}" y="18" text-anchor="middle">'
                    f"<title>{xml_text(COLUMN_NAMES[i])}</title>{xml_text(short)}</text>")
    for row, kind in enumerate(kinds):
        cy = BAND_TOP + ROW * row + ROW / 2 - 3
        body.append(f'<line class="tl-lane" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{cy:.1f}" y2="{cy:.1f}"/>')
        body.append(f'<text class="tl-label" x="{LEFT - 8}" y="{cy + 4:.1f}" text-anchor="end">'
                    f"{xml_text(EVENT_KIND_LABELS[kind])}</text>")
        lane = [e for e in items if (e.kind if e.kind in EVENT_KIND_LABELS else "other") == kind]
        sharing: dict[int, int] = defaultdict(int)  # month (0: the year) → how many events have no day
        for e in lane:
            if not e.date.day:
                sharing[e.date.month or 0] += 1
        placed: dict[int, int] = defaultdict(int)
        for e in lane:
            slot = e.date.month or 0
            if e.date.day:
                cx = marker_x(LEFT + column * slot, column, (e.date.day - 1) / 30, 0, 1)
            else:
                cx = marker_x(LEFT + column * slot, column, None, placed[slot], sharing[slot])
                placed[slot] += 1
            body.append(_marker(e, cx, cy, href(e)))
    body.append("</svg>")
    return "\n".join(body)


def by_year(events: Sequence[Any]) -> dict[int, list[Any]]:
    dated = sorted((e for e in events if e.date), key=lambda e: (e.date.sort_key, e.id))
    years: dict[int, list[Any]] = defaultdict(list)
    for e in dated:
        years[e.date.year].append(e)
    return dict(sorted(years.items()))


def year_strips(events: Sequence[Any], href: Callable[[Any], str | None] = lambda e: None) -> list[tuple[int, str]]:
    """(year, SVG) for every year an event is dated in, oldest first."""
    return [(year, year_strip(year, items, href)) for year, items in by_year(events).items()]


LEGEND = (
    '<p class="tl-legend" aria-label="Légende de la frise">'
    '<span><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><circle class="tl-legend-dot" cx="8" '
    'cy="8" r="6"/></svg> tenu (ou statut non donné)</span> '
    '<span><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><circle class="tl-legend-ring" '
    'cx="8" cy="8" r="6"/></svg> prévu</span> '
    '<span><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><circle class="tl-legend-ring '
    'tl-dotted" cx="8" cy="8" r="6"/></svg> proposé</span> '
    '<span><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><circle class="tl-legend-ring '
    'tl-dashed" cx="8" cy="8" r="6"/></svg> reporté</span> '
    '<span><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><circle class="tl-legend-ring" '
    'cx="8" cy="8" r="6"/><path class="tl-legend-cross" d="M4 4L12 12M4 12L12 4"/></svg> annulé</span> '
    '<span><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><circle class="tl-legend-halo" '
    'cx="8" cy="8" r="7"/><circle class="tl-legend-dot" cx="8" cy="8" r="4"/></svg> dates contradictoires</span>'
    "</p>"
)


def timeline_svg(events: Sequence[Any], href: Callable[[Any], str | None] = lambda e: None) -> str:
    """Raw HTML for a page: the legend, then one scrollable box per year holding its SVG strip.

    Well-formed XML as a whole (empty when nothing is dated), so it can be checked as such.
    """
    strips = year_strips(events, href)
    if not strips:
        return ""
    boxes = [f'<div class="tl-scroll" id="frise-{year}">\n{svg}\n</div>' for year, svg in strips]
    return '<div class="tl">\n' + LEGEND + "\n" + "\n".join(boxes) + "\n</div>"
