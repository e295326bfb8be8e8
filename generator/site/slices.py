"""Cross-source pages that grow with the corpus, cut into slices of bounded size.

A page listing every quote (or demand, or figure) of a thousand briefings weighs megabytes: too
heavy to download on a phone, and its Markdown takes seconds to render on every preview rebuild.
When a page would list more than `limit` items, it becomes an index page linking down to slices:
one per group (a speaker, a party, a category), a group too large for one page cut by year, a year
too large by quarter, a quarter too large by month, and only a month still too large into numbered
parts. Each slice is the same page as before with fewer items, and links up to its index and across
to the slices before and after it. Every item is on exactly one slice; every slice is linked from the index.

Cuts fall on the calendar, not after every so many items: a new briefing changes the slice of its own
period and leaves every other slice, its address and its name as they were. Addresses stay stable as
the corpus grows (`citations/vladimir-poutine--2024-03`), and a live preview renders again only the
pages that really changed.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from ..reading.dates import PartialDate
from . import wording

T = TypeVar("T")

QUOTES_PER_PAGE = 100
DEMANDS_PER_PAGE = 150
FIGURES_PER_PAGE = 150
TIMELINE_PER_PAGE = 800  # lines, about: each event weighs 1 + its accounts
BRIEFINGS_PER_PAGE = 300  # briefings index and sources
DIVERGENCES_PER_PAGE = 600  # lines, about: each event or indicator weighs its accounts times its differences
SUMMIT_ACCOUNTS_PER_PAGE = 60  # a summit's accounts and those of its history (site/summit_pages.py)


@dataclass(frozen=True)
class Neighbour:
    page: str
    label: str


@dataclass(frozen=True)
class Slice(Generic[T]):
    page: str
    group: str
    """The group's id (speaker, party, category)."""
    label: str
    """What the slice holds, as headings and links name it: « Vladimir Poutine, 2024 »."""
    part: str
    """The slice within its group: « 2024 », « 2024 (2/3) », or "" for a group on one page."""
    items: list[T]
    index: str
    index_label: str
    size: int = 0
    """What the slice holds, counted as the index page counts it (quotes, demands, figures)."""
    previous: Neighbour | None = None
    next: Neighbour | None = None


@dataclass
class Group(Generic[T]):
    id: str
    label: str
    slices: list[Slice[T]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(s.size for s in self.slices)


def cut(items: Sequence[T], *, group_of: Callable[[T], str], label_of: Callable[[str], str],
        order: Callable[[str], object], date_of: Callable[[T], PartialDate | None] | None, folder: str, index: str,
        index_label: str, limit: int, weight: Callable[[T], int] = lambda _: 1,
        year_groups: bool = False, newest_first: bool = False, count: Callable[[T], int] | None = None) -> list[Group[T]]:
    """`items` (already in the order each page lists them) grouped, each group cut into slices weighing
    at most `limit` (each item weighs 1 unless `weight` says otherwise; an item heavier than the limit
    is a slice of its own); neighbours are set across the whole sequence of slices. `year_groups`: each
    group is the year of its items' `date_of`: its index lists its parts without the year (« mars »), which each
    slice's own name gives as a date is written (« mars 2019 »); `newest_first`:
    the pages list the most recent first, and a year's parts come in that order too. `count`: what an item
    counts for in the index page's figures (default 1: the weight is a page's length, not what it lists)."""
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(group_of(item), []).append(item)
    groups = []
    for gid in sorted(grouped, key=order):
        label, members = label_of(gid), grouped[gid]
        base = f"{folder}/{gid}"  # ids are slugs already
        group = Group(gid, label)
        for part, slug, chunk, named in _parts(members, date_of, limit, weight, year_groups, newest_first):
            page = f"{base}--{slug}.md" if part else f"{base}.md"  # `--`: ids hold single hyphens
            shown = named or (f"{label}, {part}" if part else label)  # « 9 janvier 2019 », not « 2019, 9 janvier »
            group.slices.append(Slice(page, gid, shown, part, chunk, index, index_label,
                                      sum(map(count, chunk)) if count else len(chunk)))
        groups.append(group)
    return _linked(groups)


# What the part holds as words (« mars 2024 »), its address (2024-03), its items, and, on a year's own pages (where
# the part is « mars »), its whole name (« mars 2024 »).
Part = tuple[str, str, list[T], str]


def _parts(members: list[T], date_of: Callable[[T], PartialDate | None] | None, limit: int,
           weight: Callable[[T], int], year_groups: bool, newest_first: bool) -> list[Part]:
    """A group's slices: the group itself when it fits, else one per year (unless the group is a year),
    a year too long cut by quarter, a quarter by month, a month into numbered parts. Without `date_of`,
    numbered parts."""
    def fits(chunk: list[T]) -> bool:
        return sum(map(weight, chunk)) <= limit

    if fits(members):
        return [("", "", members, "")]
    if date_of is None:
        return _parts_only(members, limit, weight)
    by_year: dict[int | None, list[T]] = {}
    for item in members:
        date = date_of(item)
        by_year.setdefault(date.year if date else None, []).append(item)
    parts: list[Part] = []
    for year in sorted(by_year, key=lambda y: (y is None, y or 0)):
        chunk = by_year[year]
        if year is None and year_groups:  # the group is named for its missing date already: « Date inconnue, partie 1/3 »
            parts += _parts_only(chunk, limit, weight)
        elif year is None:
            parts += _numbered(chunk, wording.UNDATED_PART, "sans-date", limit, weight)
        elif fits(chunk) and not year_groups:
            parts.append((f"{year:04d}", f"{year:04d}", chunk, ""))
        else:
            parts += _by_period(chunk, year, date_of, limit, weight, fits, year_groups, newest_first)
    return parts


def _by_period(chunk: list[T], year: int, date_of: Callable[[T], PartialDate | None], limit: int,
               weight: Callable[[T], int], fits: Callable[[list[T]], bool], year_groups: bool,
               newest_first: bool, level: int = 0) -> list[Part]:
    """One year's items by quarter, a quarter too long by month, a month by ten days (1–10, 11–20, 21 to
    the end), ten days by day, a day in numbered parts. Items whose date stops short of a level (a month
    without its day) make a part of their own. Periods in calendar order, the most recent first when
    `newest_first`; items keep the order the page lists them in."""
    period_of = _LEVELS[level]
    parts: list[Part] = []
    for period, held in _periods(chunk, lambda item: period_of(date_of(item)), newest_first).items():
        name, slug = _period_name(year, level, period, date_of(held[0]), year_groups)
        if period == 0 or fits(held) or level + 1 == len(_LEVELS):
            whole = _period_name(year, level, period, date_of(held[0]), False)[0] if year_groups else ""
            parts += _numbered(held, name, slug, limit, weight, whole)
        else:
            parts += _by_period(held, year, date_of, limit, weight, fits, year_groups, newest_first, level + 1)
    return parts


# The calendar's cuts below the year, each a number from a date; 0 where the date does not say.
_LEVELS: tuple[Callable[[PartialDate], int], ...] = (
    lambda d: (d.month + 2) // 3 if d.month else 0,  # quarter
    lambda d: d.month or 0,
    lambda d: (min(d.day, 21) + 9) // 10 if d.day else 0,  # ten days: 1–10, 11–20, 21 to the end
    lambda d: d.day or 0,
)


def _period_name(year: int, level: int, period: int, date: PartialDate, year_groups: bool) -> tuple[str, str]:
    """What a period is called and its address, `year_groups` (on a year's own pages) without the year:
    « 1er trimestre 2024 » (2024-t1), « mars 2024 » (2024-03), « 11–20 mars 2024 » (2024-03-11-20),
    « 4 mars 2024 » (2024-03-04); « 2024 (mois non précisé) » (2024-sans-mois), « mars 2024 (jour non
    précisé) » (2024-03-sans-jour)."""
    y = "" if year_groups else f" {year}"
    slug_year = "" if year_groups else f"{year:04d}-"
    month = f"{wording.MONTHS[date.month - 1]}{y}" if date.month else ""
    if level <= 1 and period == 0:
        return (wording.NO_MONTH if year_groups else wording.year_without_month(year)), f"{slug_year}sans-mois"
    if level == 0:
        return f"{wording.QUARTERS[period - 1]}{y}", f"{slug_year}t{period}"
    if level == 1:
        return month, f"{slug_year}{period:02d}"
    if period == 0:
        return f"{month} ({wording.NO_DAY})", f"{slug_year}{date.month:02d}-sans-jour"
    if level == 2:
        first, last = 10 * period - 9, (10, 20, monthrange(year, date.month)[1])[period - 1]
        return f"{_day(first)}–{last} {month}", f"{slug_year}{date.month:02d}-{first:02d}-{last:02d}"
    return f"{_day(period)} {month}", f"{slug_year}{date.month:02d}-{period:02d}"


def _day(day: int) -> str:
    return wording.FIRST_DAY if day == 1 else str(day)


def _periods(items: list[T], period_of: Callable[[T], int], newest_first: bool) -> dict[int, list[T]]:
    """Items by period (each period's items in the order the page lists them), periods in calendar order."""
    found: dict[int, list[T]] = {}
    for item in items:
        found.setdefault(period_of(item), []).append(item)
    return {period: found[period] for period in sorted(found, reverse=newest_first)}


def _numbered(items: list[T], name: str, slug: str, limit: int, weight: Callable[[T], int], whole: str = "") -> list[Part]:
    """`name (1/3)`, `name (2/3)`…: the last resort, for items the calendar cannot cut further."""
    chunks = _chunks(items, limit, weight)
    if len(chunks) == 1:
        return [(name, slug, items, whole)]

    def label(name: str, n: int) -> str:  # « mars 2024 (jour non précisé, 2/3) », not a second pair of brackets
        return f"{name[:-1]}, {n}/{len(chunks)})" if name.endswith(")") else f"{name} ({n}/{len(chunks)})"
    # `-partie-`: a crowded 1 March's tenth part is never at the address of the slice of 1–10 March (2024-03-01-10).
    return [(label(name, n), f"{slug}-partie-{n}", chunk, whole and label(whole, n)) for n, chunk in enumerate(chunks, 1)]


def _parts_only(items: list[T], limit: int, weight: Callable[[T], int]) -> list[Part]:
    chunks = _chunks(items, limit, weight)
    return [(f"{wording.PART} {n}/{len(chunks)}", f"partie-{n}", chunk, "") for n, chunk in enumerate(chunks, 1)]


def _chunks(items: list[T], limit: int, weight: Callable[[T], int]) -> list[list[T]]:
    chunks: list[list[T]] = [[]]
    load = 0
    for item in items:
        w = weight(item)
        if chunks[-1] and load + w > limit:
            chunks.append([])
            load = 0
        chunks[-1].append(item)
        load += w
    return chunks


def _linked(groups: list[Group[T]]) -> list[Group[T]]:
    flat = [s for g in groups for s in g.slices]
    linked = {}
    for i, s in enumerate(flat):
        before = flat[i - 1] if i else None
        after = flat[i + 1] if i + 1 < len(flat) else None
        linked[s.page] = replace(s, previous=Neighbour(before.page, before.label) if before else None,
                                 next=Neighbour(after.page, after.label) if after else None)
    for g in groups:
        g.slices = [linked[s.page] for s in g.slices]
    return groups


def pages_of(groups: list[Group[T]]) -> list[Slice[T]]:
    return [s for g in groups for s in g.slices]


def frame(s: Slice) -> tuple:
    """A slice but its items, as comparable values: its address, names, size and neighbours."""
    return (s.page, s.group, s.label, s.part, s.index, s.index_label, s.size, s.previous, s.next)


def outline(groups: list[Group[T]]) -> list[Group[T]]:
    """The groups and their slices without the slices' items: what an index page shows (its context is compared
    by value in a preview, and need not hold the whole corpus)."""
    return [Group(g.id, g.label, [replace(s, items=[]) for s in g.slices]) for g in groups]
