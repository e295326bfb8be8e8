"""The Problem value: one finding about one input file, rendered like a compiler error."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"  # the site cannot be published
    WARNING = "warning"  # publishable, but probably a mistake (unknown name, placeholder left in)
    NOTE = "note"  # editorial: where to dig (unattributed figure, single-source event)


@dataclass(frozen=True, order=True)
class Problem:
    """A finding with its location.

    `line` and `col` are 1-based; 0 means "the whole file". `key_path` is the
    dotted path into the document (`events[2].date`), empty for file-level
    problems.
    """

    path: str
    line: int
    col: int
    key_path: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def render(self) -> str:
        """One line for a terminal: control and format characters from a briefing are shown as escapes,
        so a value cannot move the cursor, retitle the terminal or reorder the line."""
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        parts = [where]
        if self.key_path:
            parts.append(self.key_path)
        text = self.message if self.severity is Severity.ERROR else f"{self.severity.value}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        parts.append(text)
        return visible(": ".join(parts))

    def as_dict(self) -> dict[str, object]:
        """The problem as JSON values, as terminal-safe as `render()`: a report printed by `check --format
        json` goes to the same terminals, and JSON escapes only U+0000–U+001F (not C1 controls or bidi
        overrides). The escapes are `visible()`'s, so both reports show a character the same way."""
        return {
            "path": visible(self.path),
            "line": self.line,
            "col": self.col,
            "key_path": visible(self.key_path),
            "message": visible(self.message),
            "hint": visible(self.hint),
            "severity": self.severity.value,
        }

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def visible(text: str) -> str:
    """`text` with every control or format character (ESC, BEL, NEL, RTL override, zero-width…) as an escape."""
    if text.isprintable():  # no character of those categories (nor any other space than U+0020): as it is
        return text
    return "".join(c if unicodedata.category(c) not in _INVISIBLE else _escape(c) for c in text)


_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


def _escape(c: str) -> str:
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 error`, `0 errors`, `2 errors`: a count with its noun in the number it takes in English (the site's
    French counts, where 0 is singular, are `site.wording.plural`'s)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def display_path(path: Path, root: Path | None) -> str:
    """The path as a reader would type it: relative to the project root when inside it."""
    if root is not None:
        # Lexically first: a symbolic link is named where it is, not where it points.
        for pair in (lambda: (Path(os.path.normpath(path.absolute())), Path(os.path.normpath(root.absolute()))),
                     lambda: (path.resolve(), root.resolve())):  # resolved only when needed: it reads the disk
            mine, base = pair()
            try:
                return mine.relative_to(base).as_posix()
            except ValueError:
                pass
    return path.as_posix()


def format_key_path(loc: tuple[object, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class ProblemList(list[Problem]):
    """Problems in reading order: by file, then line, then column."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.NOTE]

    def sorted(self) -> "ProblemList":
        return ProblemList(sorted(self, key=lambda p: (p.path, p.line, p.col, p.key_path, p.message)))

    def render(self) -> str:
        return "\n".join(p.render() for p in self.sorted())

    def errors_render(self) -> str:
        return ProblemList(self.errors).render()
