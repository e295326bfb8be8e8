"""The cross-source index: every briefing folded into lookups by actor, event, party, indicator, speaker.

Cross-references form a graph, so everything is collected here before any page
is rendered. Each table is a dict keyed by id, built in one pass over the
briefings (cost linear in their total size) and ordered deterministically.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..reading.loader import Located, Registries
from ..reading.models import ActorEntry, Briefing
from ..reading.names import key_digest, name_key, slugify
from ..reading.problems import Problem, ProblemList
from .places import build_places
from .records import (Account, Actor, CorpusIndex, DemandEntry, EventRecord, FigureEntry, QuoteEntry,
                      briefing_sort_key)
from .suggest import Suggester

__all__ = ["Account", "Actor", "CorpusIndex", "DemandEntry", "EventRecord", "FigureEntry", "QuoteEntry",
           "briefing_sort_key", "build_index"]

UNREGISTERED_PAGES_PER_BRIEFING = 50
"""A name missing from the registry gets its own actor page when it is among the first this many
such names of some briefing; the others are shown as text, so one file naming thousands of unknown
people cannot add thousands of pages. Registering a name gives it its page."""


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
    index._suggest = {"actor": Suggester(keys, cutoff=0.75), "party": Suggester(parties, cutoff=0.6),
                      "topic": Suggester(topics, cutoff=0.6)}
    for lb in sorted(unique, key=lambda lb: briefing_sort_key(lb.model)):
        _fold_briefing(index, lb, problems)
    _check_related(index, unique, problems)
    _fold_per_actor(index)
    index.history_of = _summit_histories(index)
    index.places = build_places(registries.places, problems)
    index.mentions = dict(index.mentions)
    index.children = {k: sorted(set(v)) for k, v in index.children.items()}
    index.figures = dict(sorted(index.figures.items()))
    index.statements = dict(sorted(index.statements.items()))
    index.actors = dict(sorted(index.actors.items()))
    return index


def _actor_table(registries: Registries, parties: dict[str, str], problems: ProblemList):
    actors: dict[str, Actor] = {}
    keys: dict[str, str] = {}
    party_hints = Suggester(parties, cutoff=0.6)
    for entry in registries.actors:
        a: ActorEntry = entry.model
        actors[a.id] = Actor(a.id, a.name, list(a.aliases), a.kind, a.party, a.role)
        if a.party and a.party not in parties:
            problems.append(_unknown(entry, ("party",), "party", a.party, party_hints, registries.files))
        for i, spelling in enumerate([a.id, a.name, *a.aliases]):
            key = name_key(spelling)
            loc = ("aliases", i - 2) if i >= 2 else ("name",)
            if not key:
                problems.append(entry.problem(loc, f"'{spelling}' has no letter or digit, so it matches no name",
                                              _NO_LETTER_HINT))
                continue
            owner = keys.setdefault(key, a.id)
            if owner != a.id:
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


@dataclass
class _Fold:
    """What folding one briefing keeps track of: who it has mentioned, and its unregistered names."""

    index: CorpusIndex
    lb: Located[Briefing]
    problems: ProblemList
    seen: set[str] = field(default_factory=set)
    unregistered: set[str] = field(default_factory=set)

    def mention(self, actor_id: str, role: str | None = None) -> None:
        """An actor who speaks, takes part or voices a demand is mentioned even if `actors` forgot them."""
        if actor_id not in self.seen:
            self.index.mentions[actor_id].append((self.lb.model, role))
            self.seen.add(actor_id)

    def resolve(self, name: str, loc: tuple) -> str:
        index, files = self.index, self.index._registry_files
        key = name_key(name)
        if key in index._keys:
            return index._keys[key]
        if not key:
            self.problems.append(self.lb.problem(loc, f"'{name}' has no letter or digit, so it names no one",
                                                 _NO_LETTER_HINT))
        actor_id = _unregistered_actor(index, key or name, name)
        if actor_id not in self.unregistered:
            self.unregistered.add(actor_id)
            if len(self.unregistered) <= UNREGISTERED_PAGES_PER_BRIEFING:
                index.actors[actor_id].page = True
            elif len(self.unregistered) == UNREGISTERED_PAGES_PER_BRIEFING + 1:
                self.problems.append(self.lb.problem(
                    loc, f"more than {UNREGISTERED_PAGES_PER_BRIEFING} names are not in {files['actors']}: "
                         f"'{name}' and the next ones are listed without a page of their own",
                    f"add them to {files['actors']}; a registered name always gets its page", warning=True))
        if key:
            close = index._suggest["actor"].closest(key)
            hint = (f"did you mean '{index.actors[index._keys[close]].name}'?" if close
                    else f"add the name to {files['actors']}, or as an alias of an existing entry")
            self.problems.append(self.lb.problem(loc, f"'{name}' is not in {files['actors']}", hint, warning=True))
        return actor_id


_NO_LETTER_HINT = "write the name in letters, in any alphabet: symbols, emoji and invisible characters name no one"


def _fold_briefing(index: CorpusIndex, lb: Located[Briefing], problems: ProblemList) -> None:
    b = lb.model
    fold = _Fold(index, lb, problems)
    files = index._registry_files
    for i, topic in enumerate(b.topics):
        if topic not in index.topics:
            problems.append(_unknown(lb, ("topics", i), "topic", topic, index._suggest["topic"], files))
    for i, mention in enumerate(b.actors):
        fold.mention(fold.resolve(mention.name, ("actors", i, "name")), mention.role)
    event_ids: set[str] = set()
    for i, event in enumerate(b.events):
        if event.id in event_ids:
            problems.append(lb.problem(("events", i, "id"), f"event '{event.id}' is listed twice in this briefing",
                                       "merge the two entries"))
            continue
        event_ids.add(event.id)
        for j, name in enumerate(event.participants):
            fold.mention(fold.resolve(name, ("events", i, "participants", j)))
        index.events.setdefault(event.id, EventRecord(event.id)).accounts.append(Account(b, event))
        for j, parent in enumerate(event.related):
            if parent == event.id:
                problems.append(lb.problem(("events", i, "related", j), f"event '{parent}' is related to itself",
                                           "remove it from `related`, which lists the events this one follows from",
                                           warning=True))
                continue
            index.children[parent].append(event.id)
    for i, demand in enumerate(b.demands):
        if demand.party not in index.parties:
            problems.append(_unknown(lb, ("demands", i, "party"), "party", demand.party, index._suggest["party"], files))
        if demand.topic not in index.topics:
            problems.append(_unknown(lb, ("demands", i, "topic"), "topic", demand.topic, index._suggest["topic"], files))
        voiced = fold.resolve(demand.voiced_by, ("demands", i, "voiced_by")) if demand.voiced_by else None
        if voiced:
            fold.mention(voiced)
        index.demands.append(DemandEntry(b, demand, voiced))
    for figure in b.figures:
        index.figures[figure.indicator].append(FigureEntry(b, figure))
    for i, quote in enumerate(b.quotes):
        speaker = fold.resolve(quote.speaker, ("quotes", i, "speaker"))
        fold.mention(speaker)
        entry = QuoteEntry(b, quote, speaker)
        index.quotes.append(entry)
        if quote.statement:
            index.statements[quote.statement].append(entry)


def _unregistered_actor(index: CorpusIndex, lookup: str, name: str) -> str:
    """The actor standing for a name the registry does not know, made on first sight. Its id is
    the slug of the name, unless that is taken by another actor, registered or not: then a
    digest of the name's key keeps the two apart, so two names never share a page."""
    actor_id = index._unregistered.get(lookup)
    if actor_id is None:
        actor_id = base = slugify(name)
        if actor_id in index.actors:
            actor_id = base = f"{base}-{key_digest(lookup)}"
            n = 2
            while actor_id in index.actors:
                actor_id, n = f"{base}-{n}", n + 1
        index._unregistered[lookup] = actor_id
        index.actors[actor_id] = Actor(actor_id, name, registered=False, page=False)
    return actor_id


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


_REGISTRY_OF = {"party": "parties", "topic": "topics"}


def _unknown(lb: Located, loc: tuple, what: str, value: str, known: Suggester, files: dict[str, str]) -> Problem:
    close = known.closest(value)
    hint = f"did you mean '{close}'?" if close else f"add it to {files[_REGISTRY_OF[what]]}"
    return lb.problem(loc, f"unknown {what} '{value}'", hint)


def _check_related(index: CorpusIndex, located: list[Located[Briefing]], problems: ProblemList) -> None:
    known = Suggester(index.events, cutoff=0.6)
    for lb in located:
        for i, event in enumerate(lb.model.events):
            for j, parent in enumerate(event.related):
                if parent not in index.events:
                    close = known.closest(parent)
                    hint = f"did you mean '{close}'?" if close else "use the id of an event listed in some briefing"
                    problems.append(lb.problem(("events", i, "related", j), f"no briefing describes event '{parent}'",
                                               hint, warning=True))
