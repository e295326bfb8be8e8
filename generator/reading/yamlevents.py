"""A YAML file's parser events → plain values, checked and built in one pass.

The events are walked once: each is first checked against the reader's limits (no anchor or
alias, nesting and node count bounded), then, in the file's first document, made into a value.
PyYAML's composer, which made a node of every value (and asked its resolver for a tag nobody
used) before the values were built from the nodes, is not used: the values, the findings, their
order and every message are the ones the composer's nodes gave.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from yaml.events import (AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent)

MAX_NODES = 200_000
# A briefing nests four levels deep. libyaml's composer recurses in C and crashes the
# process on a few hundred thousand nested brackets, well within MAX_FILE_BYTES.
MAX_DEPTH = 50
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
MERGE = "tag:yaml.org,2002:merge"

Loc = tuple[str | int, ...]


class YamlError(Exception):
    """A file that cannot be read as YAML; carries one or more positioned messages."""

    def __init__(self, findings: list["Finding"]):
        super().__init__(findings[0].message if findings else "invalid YAML")
        self.findings = findings


@dataclass(frozen=True)
class Finding:
    line: int
    col: int
    loc: Loc
    message: str
    hint: str = ""


@dataclass
class Built:
    data: Any = None
    found: bool = False
    """Whether the file holds a document (an empty file holds none: `data` is then None)."""
    findings: list[Finding] = field(default_factory=list)
    second_document: Any = None
    """The mark where a second document starts, if one does: the composer's error, raised by the caller."""


_KEY = object()  # a mapping waiting for its next key
_SKIP = object()  # a mapping whose next value is not built (its key was refused)


def build(events: Any, value_pos: dict | None = None, key_pos: dict | None = None) -> Built:
    """The value of the first document of `events`, with the findings the composer's nodes gave;
    `value_pos` and `key_pos`, when given, get the line and column of every value and key."""
    out = Built()
    depth = nodes = documents = 0
    # Each open collection: [container, its loc, state (a mapping's next key, _KEY or _SKIP), first line of each key].
    stack: list[list] = []
    top: list = []
    skip = 0  # > 0: inside a collection that is not built (a refused key, or its value)
    for event in events:
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None:
                _refuse_anchor(event)
            nodes += 1
            if nodes > MAX_NODES:  # a scalar never deepens: the depth was checked at its collection
                _refuse_size(event, depth)
            if documents != 1 or skip:
                continue
            value = None if not event.style and event.value in NULL_WORDS else event.value
            if not stack:
                out.data, out.found = value, True
                if value_pos is not None:
                    value_pos[()] = _pos(event)
                continue
            container, state = top[0], top[2]
            if state is None:  # a sequence
                if value_pos is not None:
                    value_pos[(*top[1], len(container))] = _pos(event)
                container.append(value)
            elif state is _KEY:
                key = event.value  # as written: `null:` is the key "null", as `_key` has it
                if event.tag is None and key_pos is None and key != "<<" and key not in top[3]:
                    top[3][key] = event.start_mark.line + 1  # most keys: plain, new, no position wanted
                    top[2] = key
                else:
                    _key(event, False, top, out, key_pos)
            elif state is _SKIP:
                top[2] = _KEY
            else:
                if value_pos is not None:
                    value_pos[(*top[1], state)] = _pos(event)
                container[state] = value
                top[2] = _KEY
        elif kind is MappingStartEvent or kind is SequenceStartEvent or kind is AliasEvent:
            if event.anchor is not None:
                _refuse_anchor(event)
            nodes += 1
            depth += 1
            if depth > MAX_DEPTH or nodes > MAX_NODES:
                _refuse_size(event, depth)
            if documents != 1:
                continue
            if skip:
                skip += 1
                continue
            if not stack:
                loc: Loc = ()
            else:
                state = top[2]
                if state is None:
                    loc = (*top[1], len(top[0]))
                elif state is _KEY:
                    _key(event, True, top, out, key_pos)
                    skip = 1  # a key that is a collection is refused, and not built
                    continue
                elif state is _SKIP:
                    top[2] = _KEY
                    skip = 1
                    continue
                else:
                    loc = (*top[1], state)
            if value_pos is not None:
                value_pos[loc] = _pos(event)
            sequence = kind is SequenceStartEvent
            value = [] if sequence else {}
            if not stack:
                out.data, out.found = value, True
            elif top[2] is None:
                top[0].append(value)
            else:
                top[0][top[2]] = value
                top[2] = _KEY
            top = [value, loc, None if sequence else _KEY, {}]
            stack.append(top)
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            depth -= 1
            if skip:
                skip -= 1
            elif documents == 1:
                stack.pop()
                top = stack[-1] if stack else []
        elif kind is DocumentStartEvent:
            documents += 1
            if documents == 1:
                first = event.start_mark
            elif documents == 2:
                out.second_document = (first, event.start_mark)
    return out


def locate(events: Any, value_pos: dict, key_pos: dict) -> Iterator[None]:
    """The line and column of every value and key of a file `build` read without a finding, recorded in `value_pos`
    and `key_pos` as the events come: a generator that stops after each value and key, for its caller to walk the
    file no further than the position it needs (a warning on a briefing's actors reads its first lines only).

    Such a file holds one document, no alias and only plain, distinct keys: the positions are those `build` records.
    """
    # Each open collection: [its loc, the next item's index (a sequence) or None, its key waiting for a value].
    stack: list[list] = []
    for event in events:
        kind = type(event)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            if not stack:
                loc: Loc = ()
            else:
                top = stack[-1]
                if top[1] is not None:
                    loc = (*top[0], top[1])
                    top[1] += 1
                elif top[2] is None:  # a mapping's key
                    top[2] = event.value
                    key_pos[(*top[0], event.value)] = _pos(event)
                    yield
                    continue
                else:
                    loc = (*top[0], top[2])
                    top[2] = None
            value_pos[loc] = _pos(event)
            if kind is not ScalarEvent:
                stack.append([loc, 0 if kind is SequenceStartEvent else None, None])
            yield
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            stack.pop()
        elif kind is DocumentEndEvent:
            return


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _refuse_anchor(event: Any) -> None:
    # Refused at the first one: an alias shares its anchor's node, so its own position is lost later.
    raise YamlError([Finding(*_pos(event), (), "YAML anchors and aliases (& and *) are not allowed",
                             "write the value out in full")])


def _refuse_size(event: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise YamlError([Finding(*_pos(event), (), f"values nested more than {MAX_DEPTH} levels deep",
                                 "a briefing needs a few levels: check the brackets and indentation")])
    raise YamlError([Finding(*_pos(event), (), f"more than {MAX_NODES:,} YAML nodes",
                             "a briefing this large is not one article's notes")])


def _key(event: Any, collection: bool, top: list, out: Built, key_pos: dict | None) -> None:
    """A mapping's key: plain text, written once; a refused key's value is not built."""
    # The composer's tag: `!!merge`, or `<<` written plain (its resolver's only way to a merge key).
    merge = not collection and (event.tag == MERGE or (event.tag in (None, "!") and event.implicit[0]
                                                       and event.value == "<<"))
    if collection or merge:
        out.findings.append(Finding(*_pos(event), top[1], "keys must be plain words", "write `key: value`"))
        top[2] = _SKIP
        return
    key = event.value
    first_seen = top[3]
    if key in first_seen:
        out.findings.append(Finding(*_pos(event), (*top[1], key),
                                    f"duplicate key '{key}' (first written on line {first_seen[key]})",
                                    "keep one of them: YAML would silently drop the other"))
        top[2] = _SKIP
        return
    line = event.start_mark.line + 1
    first_seen[key] = line
    if key_pos is not None:
        key_pos[(*top[1], key)] = (line, event.start_mark.column + 1)
    top[2] = key
