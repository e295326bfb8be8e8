"""Where sources disagree: the accounts of one event, the values of one indicator.

Nothing here picks a winner. A divergence lists every version with the
briefings that give it, so the page can show them side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..site.wording import figure_text
from .index import CorpusIndex, EventRecord, FigureEntry
from ..reading.models import Briefing, STATUS_LABELS
from ..reading.names import name_key

FIELD_LABELS = {
    "date": "date", "place": "lieu", "duration": "durée", "status": "statut",
    "outcome": "issue", "participants": "participants", "value": "valeur",
}


@dataclass(frozen=True)
class Version:
    shown: str
    briefings: tuple[Briefing, ...]


@dataclass(frozen=True)
class Divergence:
    field: str
    versions: tuple[Version, ...]
    note: str = ""

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


def event_divergences(index: CorpusIndex, record: EventRecord) -> list[Divergence]:
    """Fields that two or more accounts of the event give differently (absent values are not a disagreement)."""
    out: list[Divergence] = []
    accounts = record.accounts
    if len(accounts) < 2:
        return out
    dates = _versions([(a.event.date.iso() if a.event.date else None, a.event.date.french() if a.event.date else "",
                        a.briefing) for a in accounts])
    if len(dates) > 1:
        known = {a.event.date for a in accounts if a.event.date}  # distinct dates: pairs of them, not of accounts
        compatible = all(x.contains(y) or y.contains(x) for x in known for y in known)
        out.append(Divergence("date", dates, "précision différente, dates compatibles" if compatible else "dates incompatibles"))
    for field in ("place", "duration", "outcome"):
        versions = _versions([(_norm(getattr(a.event, field)), getattr(a.event, field) or "", a.briefing) for a in accounts])
        if len(versions) > 1:
            note = "chaque analyste résume l'issue selon son article : à comparer" if field == "outcome" else ""
            out.append(Divergence(field, versions, note))
    statuses = _versions([(a.event.status, STATUS_LABELS.get(a.event.status or "", ""), a.briefing) for a in accounts])
    if len(statuses) > 1:
        out.append(Divergence("status", statuses, "chaque statut vaut à la date de publication de son article"))
    people = _versions([
        (" + ".join(sorted({index.resolve(p) for p in a.event.participants})) or None,
         ", ".join(index.actors[index.resolve(p)].name for p in a.event.participants), a.briefing)
        for a in accounts])
    if len(people) > 1:
        out.append(Divergence("participants", people))
    return out


def figure_divergence(entries: list[FigureEntry]) -> Divergence | None:
    """Two sources giving different values (or qualifiers, or dates) for one indicator."""
    versions = _versions([
        (f"{e.figure.value}|{e.figure.qualifier}|{e.figure.unit}|{e.figure.as_of}", figure_text(e.figure), e.briefing)
        for e in entries])
    return Divergence("value", versions) if len(versions) > 1 else None


def _versions(rows: list[tuple[str | None, str, Briefing]]) -> tuple[Version, ...]:
    """Group briefings by the key of what they say, first-seen order; rows with no value are left out."""
    groups: dict[str, tuple[str, list[Briefing]]] = {}
    for key, shown, briefing in rows:
        if key is None:
            continue
        groups.setdefault(key, (shown, []))[1].append(briefing)
    return tuple(Version(shown, tuple(bs)) for shown, bs in groups.values())


def _norm(value: str | None) -> str | None:
    return name_key(value) if value else None
