"""The cross-source index: every briefing folded into lookups by actor, event, party, indicator, speaker.

Cross-references form a graph, so everything is collected here before any page
is rendered. Each table is a dict keyed by id, built in one pass over the
briefings (cost linear in their total size) and ordered deterministically.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from ..reading.loader import Located, Registries
from ..reading.models import ActorEntry, Briefing
from ..reading.names import name_key, slugify
from ..reading.problems import Problem, ProblemList
from .records import (Account, Actor, CorpusIndex, DemandEntry, EventRecord, FigureEntry, QuoteEntry,
                      briefing_sort_key)

__all__ = ["Account", "Actor", "CorpusIndex", "DemandEntry", "EventRecord", "FigureEntry", "QuoteEntry",
           "briefing_sort_key", "build_index"]


def build_index(registries: Registries, located: list[Located[Briefing]], problems: ProblemList) -> CorpusIndex:
    """Fold every briefing into one index; report cross-file problems into `problems`."""
    parties = {e.model.id: e.model.name for e in registries.parties}
    topics = {e.model.id: e.model.name for e in registries.topics}
    actors, keys = _actor_table(registries, parties, problems)
    unique = _unique_briefings(located, problems)
    index = CorpusIndex(
        briefings=sorted((lb.model for lb in unique), key=briefing_sort_key, reverse=True),
        actors=actors, parties=parties, topics=topics, mentions=defaultdict(list), events={},
        children=defaultdict(list), demands=[], figures=defaultdict(list), quotes=[],
        statements=defaultdict(list), file_of={lb.model.id: lb.path for lb in unique}, _keys=keys,
        _by_id={lb.model.id: lb.model for lb in unique}, _registry_files=registries.files,
    )
    for lb in sorted(unique, key=lambda lb: briefing_sort_key(lb.model)):
        _fold_briefing(index, lb, problems)
    _check_related(index, unique, problems)
    _fold_per_actor(index)
    index.history_of = _summit_histories(index)
    index.mentions = dict(index.mentions)
    index.children = {k: sorted(set(v)) for k, v in index.children.items()}
    index.figures = dict(sorted(index.figures.items()))
    index.statements = dict(sorted(index.statements.items()))
    index.actors = dict(sorted(index.actors.items()))
    return index


def _actor_table(registries: Registries, parties: dict[str, str], problems: ProblemList):
    actors: dict[str, Actor] = {}
    keys: dict[str, str] = {}
    for entry in registries.actors:
        a: ActorEntry = entry.model
        actors[a.id] = Actor(a.id, a.name, list(a.aliases), a.kind, a.party, a.role)
        if a.party and a.party not in parties:
            problems.append(_unknown(entry, ("party",), "party", a.party, parties, registries.files))
        for i, spelling in enumerate([a.id, a.name, *a.aliases]):
            key = name_key(spelling)
            owner = keys.setdefault(key, a.id)
            if owner != a.id:
                loc = ("aliases", i - 2) if i >= 2 else ("name",)
                problems.append(entry.problem(loc,
                                              f"'{spelling}' already names '{owner}'",
                                              "an alias must point at one actor only: remove it from one of them"))
    return actors, keys


def _unique_briefings(located: list[Located[Briefing]], problems: ProblemList) -> list[Located[Briefing]]:
    by_id: dict[str, list[Located[Briefing]]] = defaultdict(list)
    for lb in located:
        by_id[lb.model.id].append(lb)
    out = []
    for briefing_id, group in by_id.items():
        if len(group) > 1:
            files = ", ".join(lb.path for lb in group)
            for lb in group:
                problems.append(lb.problem(("id",), f"briefing id '{briefing_id}' is declared by {len(group)} files: {files}",
                                           "give each file its own id (the file name is the default)"))
            continue
        out.append(group[0])
    return out


def _fold_briefing(index: CorpusIndex, lb: Located[Briefing], problems: ProblemList) -> None:
    b = lb.model
    for i, topic in enumerate(b.topics):
        if topic not in index.topics:
            problems.append(_unknown(lb, ("topics", i), "topic", topic, index.topics, index._registry_files))
    seen_here: set[str] = set()
    for i, mention in enumerate(b.actors):
        actor_id = _resolve(index, lb, mention.name, ("actors", i, "name"), problems)
        if actor_id not in seen_here:
            index.mentions[actor_id].append((b, mention.role))
            seen_here.add(actor_id)
    event_ids: set[str] = set()
    for i, event in enumerate(b.events):
        if event.id in event_ids:
            problems.append(lb.problem(("events", i, "id"), f"event '{event.id}' is listed twice in this briefing",
                                       "merge the two entries"))
            continue
        event_ids.add(event.id)
        for j, name in enumerate(event.participants):
            _mention_implicit(index, b, _resolve(index, lb, name, ("events", i, "participants", j), problems), seen_here)
        index.events.setdefault(event.id, EventRecord(event.id)).accounts.append(Account(b, event))
        for parent in event.related:
            index.children[parent].append(event.id)
    for i, demand in enumerate(b.demands):
        if demand.party not in index.parties:
            problems.append(_unknown(lb, ("demands", i, "party"), "party", demand.party, index.parties, index._registry_files))
        if demand.topic not in index.topics:
            problems.append(_unknown(lb, ("demands", i, "topic"), "topic", demand.topic, index.topics, index._registry_files))
        voiced = _resolve(index, lb, demand.voiced_by, ("demands", i, "voiced_by"), problems) if demand.voiced_by else None
        if voiced:
            _mention_implicit(index, b, voiced, seen_here)
        index.demands.append(DemandEntry(b, demand, voiced))
    for i, figure in enumerate(b.figures):
        index.figures[figure.indicator].append(FigureEntry(b, figure))
    for i, quote in enumerate(b.quotes):
        speaker = _resolve(index, lb, quote.speaker, ("quotes", i, "speaker"), problems)
        _mention_implicit(index, b, speaker, seen_here)
        entry = QuoteEntry(b, quote, speaker)
        index.quotes.append(entry)
        if quote.statement:
            index.statements[quote.statement].append(entry)


def _fold_per_actor(index: CorpusIndex) -> None:
    """Per-actor lookups, in one pass over quotes, demands and event participants."""
    quotes: dict[str, list[QuoteEntry]] = defaultdict(list)
    for q in index.quotes:
        quotes[q.speaker].append(q)
    demands: dict[str, list[DemandEntry]] = defaultdict(list)
    for d in index.demands:
        if d.voiced_by:
            demands[d.voiced_by].append(d)
    events: dict[str, set[str]] = defaultdict(set)
    for record in index.events.values():
        for account in record.accounts:
            for name in account.event.participants:
                events[index.resolve(name)].add(record.id)
    index.quotes_by_speaker = dict(quotes)
    index.demands_by_voice = dict(demands)
    index.events_by_actor = {k: sorted(v) for k, v in events.items()}


def _summit_histories(index: CorpusIndex) -> dict[str, str]:
    """For each event, the summit whose history it belongs to: itself, or the first summit it is related to."""
    out: dict[str, str] = {}
    for event_id, record in index.events.items():
        if record.kind == "summit":
            out[event_id] = event_id
            continue
        parents = (p for a in record.accounts for p in a.event.related)
        summit = next((p for p in parents if p in index.events and index.events[p].kind == "summit"), None)
        if summit is not None:
            out[event_id] = summit
    return out


def _mention_implicit(index: CorpusIndex, b: Briefing, actor_id: str, seen_here: set[str]) -> None:
    """An actor who speaks or takes part is mentioned by the briefing even if `actors` forgot them."""
    if actor_id not in seen_here:
        index.mentions[actor_id].append((b, None))
        seen_here.add(actor_id)


def _resolve(index: CorpusIndex, lb: Located, name: str, loc: tuple, problems: ProblemList) -> str:
    key = name_key(name)
    if key in index._keys:
        return index._keys[key]
    actor_id = slugify(name)
    if actor_id not in index.actors:
        index.actors[actor_id] = Actor(actor_id, name, registered=False)
    if key not in index._closest:  # fuzzy matching scans the whole registry: once per unknown name
        found = difflib.get_close_matches(key, list(index._keys), n=1, cutoff=0.75)
        index._closest[key] = found[0] if found else None
    close = index._closest[key]
    hint = (f"did you mean '{index.actors[index._keys[close]].name}'?" if close
            else f"add the name to {index._registry_files['actors']}, or as an alias of an existing entry")
    problems.append(lb.problem(loc, f"'{name}' is not in {index._registry_files['actors']}", hint, warning=True))
    return actor_id


_REGISTRY_OF = {"party": "parties", "topic": "topics"}


def _unknown(lb: Located, loc: tuple, what: str, value: str, known: dict[str, str], files: dict[str, str]) -> Problem:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"add it to {files[_REGISTRY_OF[what]]}"
    return lb.problem(loc, f"unknown {what} '{value}'", hint)


def _check_related(index: CorpusIndex, located: list[Located[Briefing]], problems: ProblemList) -> None:
    for lb in located:
        for i, event in enumerate(lb.model.events):
            for j, parent in enumerate(event.related):
                if parent not in index.events:
                    close = difflib.get_close_matches(parent, list(index.events), n=1, cutoff=0.6)
                    hint = f"did you mean '{close[0]}'?" if close else "use the id of an event listed in some briefing"
                    problems.append(lb.problem(("events", i, "related", j), f"no briefing describes event '{parent}'",
                                               hint, warning=True))
