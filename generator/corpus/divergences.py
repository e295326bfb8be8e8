"""Where sources disagree: the accounts of one event, the values of one indicator.

Nothing here picks a winner. A divergence lists every version, as the value the
briefings give (a date, a text, a status, actor ids, a figure), with the briefings
that give it, so the page can show them side by side. How a field, a verdict or a
value is said in French is the site's business, not this module's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..reading.models import Briefing
from ..reading.names import name_key
from .index import CorpusIndex, EventRecord, FigureEntry


@dataclass(frozen=True)
class Version:
    """One value of a field, as the first briefing that gives it writes it."""

    value: Any
    briefings: tuple[Briefing, ...]


@dataclass(frozen=True)
class Divergence:
    """A field (`date`, `place`, `duration`, `outcome`, `status`, `participants`, `value`) given
    differently; `verdict` says what the difference is (`compatible-dates`, `incompatible-dates`,
    `summaries`, `status-at-publication`), or is empty."""

    field: str
    versions: tuple[Version, ...]
    verdict: str = ""


def event_divergences(index: CorpusIndex, record: EventRecord) -> list[Divergence]:
    """Fields that two or more accounts of the event give differently (absent values are not a disagreement)."""
    out: list[Divergence] = []
    accounts = record.accounts
    if len(accounts) < 2:
        return out
    dates = _versions([(a.event.date.iso() if a.event.date else None, a.event.date, a.briefing) for a in accounts])
    if len(dates) > 1:
        known = {a.event.date for a in accounts if a.event.date}  # distinct dates: pairs of them, not of accounts
        compatible = all(x.contains(y) or y.contains(x) for x in known for y in known)
        out.append(Divergence("date", dates, "compatible-dates" if compatible else "incompatible-dates"))
    for field in ("place", "duration", "outcome"):
        versions = _versions([(_norm(getattr(a.event, field)), getattr(a.event, field), a.briefing) for a in accounts])
        if len(versions) > 1:
            out.append(Divergence(field, versions, "summaries" if field == "outcome" else ""))
    statuses = _versions([(a.event.status, a.event.status, a.briefing) for a in accounts])
    if len(statuses) > 1:
        out.append(Divergence("status", statuses, "status-at-publication"))
    people = _versions([
        (" + ".join(sorted({index.resolve(p) for p in a.event.participants})) or None,
         tuple(index.resolve(p) for p in a.event.participants), a.briefing)
        for a in accounts])
    if len(people) > 1:
        out.append(Divergence("participants", people))
    return out


def figure_divergence(entries: list[FigureEntry]) -> Divergence | None:
    """Two sources giving different values (or qualifiers, or dates) for one indicator."""
    versions = _versions([
        (f"{e.figure.value}|{e.figure.qualifier}|{e.figure.unit}|{e.figure.as_of}", e.figure, e.briefing)
        for e in entries])
    return Divergence("value", versions) if len(versions) > 1 else None


def _versions(rows: list[tuple[str | None, Any, Briefing]]) -> tuple[Version, ...]:
    """Group briefings by the key of what they say, first-seen order; rows with no value are left out."""
    groups: dict[str, tuple[Any, list[Briefing]]] = {}
    for key, value, briefing in rows:
        if key is None:
            continue
        groups.setdefault(key, (value, []))[1].append(briefing)
    return tuple(Version(value, tuple(bs)) for value, bs in groups.values())


def _norm(value: str | None) -> str | None:
    """Two texts are one version when they differ only by case, accents or punctuation (`Київ`
    and `Москва` are two; a text with no letter or digit is compared as written)."""
    return (name_key(value) or value.strip()) if value else None
