"""The places registry (content/places.yaml, optional): which place lies inside which.

A place written in a briefing is resolved like an actor's name, by its name or an alias
ignoring case, accents and punctuation; a longer wording is resolved by the most precise
registered place it names as whole words ("Base militaire d'Elmendorf-Richardson,
Anchorage (Alaska)" → Elmendorf-Richardson, which lies in Anchorage, in Alaska).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..reading.loader import Located
from ..reading.models import PlaceEntry
from ..reading.names import name_key
from ..reading.problems import ProblemList


@dataclass
class Places:
    names: dict[str, str] = field(default_factory=dict)
    """Place id → displayed name."""
    within: dict[str, str] = field(default_factory=dict)
    """Place id → the id of the place that contains it."""
    _keys: dict[str, str] = field(default_factory=dict)

    def resolve(self, text: str) -> str | None:
        """The registered place a wording names, the most precise one when it names several."""
        key = name_key(text)
        if not key:
            return None
        if key in self._keys:
            return self._keys[key]
        padded = f" {key} "
        found = {place for k, place in self._keys.items() if f" {k} " in padded}
        if not found:
            return None
        # A wording that names a place and what contains it ("Anchorage (Alaska)") means the smaller one;
        # one that names two unrelated places ("entre Moscou et Washington") cannot be placed.
        smallest = max(found, key=lambda p: (len(self.chain(p)), p))
        return smallest if found <= set(self.chain(smallest)) else None

    def chain(self, place: str) -> list[str]:
        """The place, then each place containing it, outwards."""
        out = [place]
        while out[-1] in self.within and len(out) <= len(self.within):
            out.append(self.within[out[-1]])
        return out

    def contains(self, outer: str, inner: str) -> bool:
        return outer in self.chain(inner)


def build_places(entries: list[Located[PlaceEntry]], problems: ProblemList) -> Places:
    places = Places()
    for entry in entries:
        place = entry.model
        places.names[place.id] = place.name
        for spelling in (place.id, place.name, *place.aliases):
            key = name_key(spelling)
            other = places._keys.get(key)
            if key and other not in (None, place.id):
                problems.append(entry.problem(("name",), f"'{spelling}' already names the place '{other}'",
                                              "keep each spelling on one place"))
                continue
            if key:
                places._keys[key] = place.id
        if place.within:
            places.within[place.id] = place.within
    for entry in entries:
        place = entry.model
        if place.within and place.within not in places.names:
            problems.append(entry.problem(("within",), f"unknown place '{place.within}'",
                                          "add it to the places registry, or correct the id"))
            places.within.pop(place.id, None)
        elif place.within and place.id in places.chain(place.within):
            problems.append(entry.problem(("within",), f"'{place.id}' would lie inside itself",
                                          "a place is within a larger one, never the reverse"))
            places.within.pop(place.id, None)
    return places
