"""`check --sources DIR`: every verbatim field must be found, character for character, in the article.

Only runs of ordinary whitespace (space, tab, line breaks) may differ; a
non-breaking space, a typographic apostrophe or a guillemet must be the
article's own. A miss is reported with the closest passage and the first
character that differs, named, so the typo is easy to see.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

from ..reading.loader import Located
from ..reading.models import Briefing
from ..reading.problems import ProblemList

_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def verbatim_fields(briefing: Briefing):
    """(key path, text) of every field that must be the article's exact words."""
    for i, q in enumerate(briefing.quotes):
        yield ("quotes", i, "text"), q.text
    for name in ("events", "demands", "figures"):
        for i, item in enumerate(getattr(briefing, name)):
            if item.evidence:
                yield (name, i, "evidence"), item.evidence


def verify_against_articles(located: list[Located[Briefing]], articles: Path, problems: ProblemList) -> None:
    """Check every briefing whose `source.text_file` is in `articles`."""
    for lb in located:
        name = lb.model.source.text_file
        if not name:
            continue
        path = articles / name
        if not path.is_file():
            problems.append(lb.problem(("source", "text_file"), f"'{name}' is not in {articles}",
                                       "check the file name, or the folder given to --sources", warning=True))
            continue
        article = normalise(path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff"))
        for loc, text in verbatim_fields(lb.model):
            needle = normalise(text)
            if needle and needle not in article:
                message, hint = describe_miss(needle, article)
                problems.append(lb.problem(loc, message, hint))


def describe_miss(needle: str, article: str) -> tuple[str, str]:
    passage = closest_passage(needle, article)
    if not passage:
        return "not found in the article", "copy the passage from the article itself"
    at = next((i for i, (a, b) in enumerate(zip(needle, passage)) if a != b), min(len(needle), len(passage)))
    mine = _char(needle[at]) if at < len(needle) else "the end of the text"
    theirs = _char(passage[at]) if at < len(passage) else "the end of the passage"
    return (f"not found in the article; closest passage: «{passage}»",
            f"character {at + 1} differs: the briefing has {mine}, the article has {theirs}")


def closest_passage(needle: str, article: str) -> str:
    """The stretch of the article, as long as the needle, aligned on their longest common run."""
    matcher = difflib.SequenceMatcher(None, article, needle, autojunk=False)
    match = matcher.find_longest_match(0, len(article), 0, len(needle))
    if match.size == 0:
        return ""
    start = max(match.a - match.b, 0)
    return article[start:start + len(needle)]


def _char(c: str) -> str:
    return f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})"
