"""Strict YAML: read a file into plain Python values plus the position of every node.

PyYAML is used only to parse the text into events; the events are turned into
values here (reading/yamlevents.py), so that YAML 1.1's guesses never apply: `NO`, `on`,
`12:30`, `010` and `2025-10-21` stay the text they are written as. Null and
the plain-scalar spelling of numbers and booleans are left to the models, which
know what each field expects. Duplicate keys, anchors/aliases and
non-text mapping keys are rejected with their position.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .files import bytes_read
from .yamlevents import MAX_DEPTH, MAX_NODES, NULL_WORDS, Finding, Loc, YamlError, build, locate

try:  # the C parser is several times faster and reports the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "NULL_WORDS", "Document", "Finding", "Loc", "YamlError",
           "parse_document", "read_text"]


class Document:
    """The values of one YAML file, and where each of them was written.

    The positions are found only when a message needs one: the file's text is kept and
    parsed again then, no further than the position asked for (`yamlevents.locate`).
    Recording the line and column of every value of every file up front would cost more
    memory than the values themselves (hundreds of MB at thousands of briefings), for the
    few that are ever reported.
    """

    __slots__ = ("data", "_text", "_value_pos", "_key_pos")

    def __init__(self, data: Any = None, text: str | None = None):
        self.data = data
        self._text = text
        self._value_pos: dict[Loc, tuple[int, int]] = {}
        self._key_pos: dict[Loc, tuple[int, int]] = {}

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The line and column of `loc`, or of its nearest written ancestor."""
        found = self._found(loc, self._key_pos if key else self._value_pos)
        if found is not None:
            return found
        for end in range(len(loc) - 1, -1, -1):
            found = self._value_pos.get(loc[:end])  # written before `loc` would have been: known by now
            if found is not None:
                return found
        return (1, 1)

    def may_hold(self, word: str) -> bool:
        """False only when no value of the file can contain `word`: its text holds neither the word nor a
        backslash. YAML puts a value's characters side by side only as the text has them: line folding adds a
        space or a line break between lines, `''` becomes `'`, and only a double-quoted escape (a backslash)
        makes a character, or joins two lines, out of other text. Unknown (True) once the text is let go."""
        return self._text is None or word in self._text or "\\" in self._text

    def positions(self) -> tuple[dict[Loc, tuple[int, int]], dict[Loc, tuple[int, int]]]:
        """Every value's and every key's position (the whole file walked): the tables `build` records."""
        self._found(((),), self._value_pos)  # no value is at that loc: the walk goes to the end
        return dict(self._value_pos), dict(self._key_pos)

    def _found(self, loc: Loc, table: dict[Loc, tuple[int, int]]) -> tuple[int, int] | None:
        """`table[loc]`, the kept text walked as far as needed; None when the file does not hold `loc`."""
        if loc in table or self._text is None:
            return table.get(loc)
        # Walked from the start, no further than `loc`. No walk is kept paused for the next question: its parser
        # would hold its state as long as the document lives (a preview keeps them all); a file has a few warnings.
        for _ in locate(yaml.parse(self._text, Loader=_Loader), self._value_pos, self._key_pos):
            if loc in table:
                return table[loc]
        self._text = None  # the whole file was read: every position is known, the text is let go
        return None


def read_text(path: Path) -> str:
    """The file's text: UTF-8, BOM removed, size bounded. Raises YamlError."""
    try:
        # The size is checked before reading: a huge file is refused without loading it (unless already read).
        raw = bytes_read(path)
        size = path.stat().st_size if raw is None else len(raw)
        raw = raw if raw is not None else path.read_bytes() if size <= MAX_FILE_BYTES else b""
    except OSError as exc:
        raise YamlError([Finding(0, 0, (), f"cannot read file: {exc.strerror or exc}")]) from None
    if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        raise YamlError([Finding(0, 0, (), f"file is {max(size, len(raw)):,} bytes, more than the {MAX_FILE_BYTES:,} allowed",
                                 "one briefing is the notes of one article: split it or trim it")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError([Finding(line, col, (), f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                                 "save the file as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def parse_document(text: str) -> Document:
    """Parse YAML text into a Document; every structural problem is raised at once."""
    try:
        built = _checked_build(text)
        if built.second_document is not None:  # what PyYAML's composer says of a second document
            first, second = built.second_document
            raise yaml.composer.ComposerError("expected a single document in the stream", first,
                                              "but found another document", second)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message, hint = exc.problem or str(exc), ""
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            message, hint = "a tab character cannot indent YAML", "indent with spaces, not tabs"
        if exc.context == "expected a single document in the stream":
            message, hint = "a second YAML document starts here", "one file holds one briefing: remove the `---` line"
        raise YamlError([Finding(line, col, (), f"YAML syntax: {message}", hint)]) from None
    except yaml.reader.ReaderError as exc:
        # Raised by the reader with an offset, not a line and column; libyaml counts UTF-8 bytes.
        offset = exc.position
        if _Loader is not yaml.SafeLoader:
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise YamlError([Finding(line, col, (), f"character U+{exc.character:04X} is not allowed in YAML",
                                 "delete it: control characters cannot be written in a YAML file")]) from None
    except yaml.YAMLError as exc:
        raise YamlError([Finding(0, 0, (), f"YAML syntax: {exc}")]) from None
    doc = Document(data=built.data, text=text)
    if built.findings:
        raise YamlError(built.findings)
    return doc


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _checked_build(text: str) -> Any:
    """The file's values (yamlevents.build), refusing deep nesting and too many nodes as the events come.

    Parsing into events is iterative and cheap, and stops at the first excess.
    The report must not depend on the parser's version: recent libyaml builds stop
    deep nesting themselves, reading ahead of the events they have handed out, so
    their own error can fire before our limit is seen. When the C parser fails, the
    stream is walked again with PyYAML's pure-Python parser, which has no nesting
    limit of its own: if the text breaks one of ours first, that is the report;
    otherwise the C parser's error stands.
    """
    try:
        return _built(text, _Loader)
    except yaml.YAMLError:
        if _Loader is yaml.SafeLoader:
            raise
        try:
            # The pure-Python reader refuses a control character before handing out any event;
            # it is reported later either way, so here it is blanked (one character for one: same positions).
            _built(yaml.reader.Reader.NON_PRINTABLE.sub(" ", text), yaml.SafeLoader)
        except yaml.YAMLError:
            pass  # the same file fails in both parsers: keep the C parser's report, the one users always got
        raise


def _built(text: str, loader: type) -> Any:
    """`build(yaml.parse(text, Loader=loader))`, the events taken from the parser one call each: `yaml.parse` asks
    whether there is one before taking it, a second call for each of a file's hundreds of events."""
    parser = loader(text)
    try:
        return build(iter(parser.get_event, None))  # the parser gives None after the stream's end
    finally:
        parser.dispose()
