"""Cross-source pages that grow with the corpus, cut into slices of bounded size.

A page listing every quote (or demand, or figure) of a thousand briefings weighs megabytes: too
heavy to download on a phone, and its Markdown takes seconds to render on every preview rebuild.
When a page would list more than `limit` items, it becomes an index page linking down to slices:
one per group (a speaker, a party, a category), a group too large for one page cut by year, a year
too large cut into numbered parts. Each slice is the same page as before with fewer items, and
links up to its index and across to the slices before and after it. Every item is on exactly one
slice; every slice is linked from the index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from ..reading.dates import PartialDate

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
        index_label: str, limit: int, weight: Callable[[T], int] = lambda _: 1) -> list[Group[T]]:
    """`items` (already in the order each page lists them) grouped, each group cut into slices weighing
    at most `limit` (each item weighs 1 unless `weight` says otherwise; an item heavier than the limit
    is a slice of its own); neighbours are set across the whole sequence of slices."""
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(group_of(item), []).append(item)
    groups = []
    for gid in sorted(grouped, key=order):
        label, members = label_of(gid), grouped[gid]
        base = f"{folder}/{gid}"  # ids are slugs already
        group = Group(gid, label)
        for part, chunk in _parts(members, date_of, limit, weight):
            page = f"{base}--{_part_slug(part)}.md" if part else f"{base}.md"  # `--`: ids hold single hyphens
            group.slices.append(Slice(page, gid, f"{label}, {part}" if part else label, part, chunk, index,
                                      index_label, sum(map(weight, chunk))))
        groups.append(group)
    return _linked(groups)


def _parts(members: list[T], date_of: Callable[[T], PartialDate | None] | None, limit: int,
           weight: Callable[[T], int]) -> list[tuple[str, list[T]]]:
    """A group's slices: the group itself when it fits, else by year (when `date_of` is given), each
    year (or the whole group) still too long cut into numbered parts."""
    if sum(map(weight, members)) <= limit:
        return [("", members)]
    if date_of is None:
        chunks = _chunks(members, limit, weight)
        return [(f"partie {n}/{len(chunks)}", chunk) for n, chunk in enumerate(chunks, 1)]
    by_year: dict[int | None, list[T]] = {}
    for item in members:
        date = date_of(item)
        by_year.setdefault(date.year if date else None, []).append(item)
    parts = []
    for year in sorted(by_year, key=lambda y: (y is None, y or 0)):
        name = f"{year:04d}" if year is not None else "sans date"
        chunks = _chunks(by_year[year], limit, weight)
        for n, chunk in enumerate(chunks, 1):
            parts.append((name if len(chunks) == 1 else f"{name} ({n}/{len(chunks)})", chunk))
    return parts


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


def _part_slug(part: str) -> str:
    """« 2024 » → 2024, « 2024 (2/3) » → 2024-2, « sans date » → sans-date, « partie 2/3 » → partie-2."""
    return part.replace(" (", "-").split("/")[0].replace(" ", "-")
