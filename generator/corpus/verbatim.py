"""`check --sources DIR`: every verbatim field must be found, character for character, in the article.

Verbatim fields: quote texts, `evidence`, an event's `date_text` and a figure's `amount_text`. Then the
grounding rules (:mod:`grounding`) read what the notes rest on in the article.

Only runs of ordinary whitespace (space, tab, line breaks) may differ; a
non-breaking space, a typographic apostrophe or a guillemet must be the
article's own. A miss is reported with the closest passage and the first
character that differs, named, so the typo is easy to see.

The search for that passage compares the article with the field, so its cost is
bounded: it aligns on the field's first 200 characters, is done for the first five
misses of a briefing (the others are reported without it), and an article over 2 MB
is not read. A symbolic link in the folder is not followed: its target could be any
file the checker can read, and a passage of it would be printed.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..reading.loader import Located
from ..reading.models import Briefing
from ..reading.problems import ProblemList
from .article import Article, normalise
from .grounding import ground

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
SUGGESTION_CHARS = 200  # the start of a field that the closest passage is aligned on
ANCHOR_CHARS = 12  # a start of the field found this long in the article places the passage
SUGGESTIONS_PER_BRIEFING = 5
SHOWN_CHARS = 300  # a closest passage longer than this is cut in the message


def verbatim_fields(briefing: Briefing):
    """(key path, text) of every field that must be the article's exact words."""
    for i, q in enumerate(briefing.quotes):
        yield ("quotes", i, "text"), q.text
    for name in ("events", "demands", "figures"):
        for i, item in enumerate(getattr(briefing, name)):
            if name == "events" and item.date_text:
                yield (name, i, "date_text"), item.date_text
            if name == "figures" and item.amount_text:
                yield (name, i, "amount_text"), item.amount_text
            if item.evidence:
                yield (name, i, "evidence"), item.evidence


def verify_against_articles(located: list[Located[Briefing]], articles: Path, problems: ProblemList) -> None:
    """Check every briefing whose `source.text_file` is in `articles`."""
    for lb in located:
        name = lb.model.source.text_file
        if not name:
            continue
        path = articles / name
        where = ("source", "text_file")
        if path.is_symlink():
            problems.append(lb.problem(where, f"'{name}' in {articles} is a symbolic link: it is not read",
                                       "copy the article's text into the folder instead of linking it", warning=True))
            continue
        if not path.is_file():
            problems.append(lb.problem(where, f"'{name}' is not in {articles}",
                                       "check the file name, or the folder given to --sources", warning=True))
            continue
        try:
            text = _read_article(path)
        except OSError as exc:
            problems.append(lb.problem(where, f"'{name}' in {articles} cannot be read: {exc.strerror or exc}",
                                       "check the file's permissions", warning=True))
            continue
        if text is None:
            problems.append(lb.problem(where, f"'{name}' in {articles} is over {MAX_ARTICLE_BYTES:,} bytes: "
                                       "not checked", "give the text of the article alone", warning=True))
            continue
        read = Article.read(text)
        article = read.text
        suggestions = 0
        missed: set[tuple] = set()
        for loc, field_text in verbatim_fields(lb.model):
            needle = normalise(field_text)
            if needle and needle not in article:
                missed.add(loc)
                suggestions += 1
                if suggestions <= SUGGESTIONS_PER_BRIEFING:
                    message, hint = describe_miss(needle, article)
                else:
                    message, hint = "not found in the article", "copy the passage from the article itself"
                problems.append(lb.problem(loc, message, hint))
        ground(lb, read, missed, problems)


def _read_article(path: Path) -> str | None:
    """The article's text, or None when it is too large to be one article."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_ARTICLE_BYTES + 1)
    if len(raw) > MAX_ARTICLE_BYTES:
        return None
    return raw.decode("utf-8", errors="replace").removeprefix("\ufeff")


def describe_miss(needle: str, article: str) -> tuple[str, str]:
    passage = closest_passage(needle, article)
    if not passage:
        return "not found in the article", "copy the passage from the article itself"
    at = next((i for i, (a, b) in enumerate(zip(needle, passage)) if a != b), min(len(needle), len(passage)))
    mine = _char(needle[at]) if at < len(needle) else "the end of the text"
    theirs = _char(passage[at]) if at < len(passage) else "the end of the passage"
    shown = passage if len(passage) <= SHOWN_CHARS else passage[:SHOWN_CHARS] + "…"
    return (f"not found in the article; closest passage: «{shown}»",
            f"character {at + 1} differs: the briefing has {mine}, the article has {theirs}")


def closest_passage(needle: str, article: str) -> str:
    """The stretch of the article, as long as the needle, aligned on the longest run it shares with the
    needle's first SUGGESTION_CHARS characters (the search costs article × that, not article × needle)."""
    probe = needle[:SUGGESTION_CHARS]
    # Most misses are a passage copied with one character changed: the part before it is in the article,
    # and finding the longest such prefix takes a few searches of the text, not a comparison with it.
    found, at = _longest_prefix(probe, article)
    if found >= ANCHOR_CHARS:
        return article[at:at + len(needle)]
    run, at, offset = _longest_shared_run(probe, article)
    if run == 0:
        return ""
    start = max(at - offset, 0)
    return article[start:start + len(needle)]


GRAM = 8  # shared runs shorter than this are not worth suggesting


def _longest_shared_run(probe: str, article: str) -> tuple[int, int, int]:
    """(length, article position, probe position) of the longest run the probe shares with the article,
    anchored on the first occurrence of each of the probe's GRAM-character pieces.

    Each piece is one `str.find` (a scan of the article at C speed): the cost is article × probe
    length, with the probe capped at SUGGESTION_CHARS, never a character-by-character loop in Python
    over the article."""
    best = (0, -1, 0)
    size = min(GRAM, len(probe))
    seen: set[str] = set()
    for g in range(len(probe) - size + 1):
        piece = probe[g:g + size]
        if piece in seen or not piece.strip():
            continue
        seen.add(piece)
        p = article.find(piece)
        if p < 0:
            continue
        ahead = size
        while g + ahead < len(probe) and p + ahead < len(article) and probe[g + ahead] == article[p + ahead]:
            ahead += 1
        back = 0
        while back < g and back < p and probe[g - back - 1] == article[p - back - 1]:
            back += 1
        if ahead + back > best[0]:
            best = (ahead + back, p - back, g - back)
    return best


def _longest_prefix(probe: str, article: str) -> tuple[int, int]:
    """(length, position) of the longest start of `probe` found in `article` (a binary search: a start
    that is found means every shorter one is)."""
    low, high, at = 0, len(probe), 0
    while low < high:
        middle = (low + high + 1) // 2
        position = article.find(probe[:middle])
        if position >= 0:
            low, at = middle, position
        else:
            high = middle - 1
    return low, at


def _char(c: str) -> str:
    return f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})"
