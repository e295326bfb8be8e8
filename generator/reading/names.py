"""Name matching: case-, accent- and punctuation-insensitive keys, and slugs for unknown names.

A key keeps the letters and digits of every script: `Владимир Путин`, `Володимир Зеленський`
and `习近平` are three keys, never one. What it ignores is what a writer may or may not type:
case, accents, punctuation, spacing, and the vowel points of Hebrew and Arabic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
_ASCII_KEY = re.compile(r"[0-9a-z]+(?: [0-9a-z]+)*")

# Latin letters that Unicode does not decompose into a base letter and an accent, folded the way
# they are typed without it: `Łukasz` matches `Lukasz` (it used to lose its `Ł` and match `Ukasz`).
_LATIN_FOLDS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ŧ": "t",
                              "æ": "ae", "œ": "oe", "þ": "th", "ĸ": "q"})


def _ignored_mark(char: str) -> bool:
    """An accent (placed above, below or through a letter), or a Hebrew, Arabic or Syriac vowel
    point, which writers may leave out. The marks that make another letter (Indic viramas and
    nuktas, kana voicing marks, Thai and Tibetan vowel signs) stay in the key."""
    ccc = unicodedata.combining(char)
    return ccc == 1 or 10 <= ccc <= 36 or ccc >= 200


def _invisible(char: str) -> bool:
    """Variation selectors and the grapheme joiner change a glyph, never a name."""
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or code == 0x034F


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character of a name as its key holds it: a letter lowercased without its accents
    (`É` → `e`, `Ł` → `l`, `Д` → `д`), a digit as an ASCII digit, a mark that makes another
    letter as is; `""` for what is ignored (accents, vowel points, variation selectors) and
    `" "` for anything else, which separates words."""
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold()):
        if _invisible(c) or _ignored_mark(c):
            continue
        category = unicodedata.category(c)
        if category == "Nd":
            out.append(str(unicodedata.decimal(c)))
        elif category[0] in "NM" or (category[0] == "L" and not 0x02B9 <= ord(c) <= 0x02FF):
            out.append(c)  # (the spacing modifier letters are apostrophes and accents)
        else:
            out.append(" ")
    return unicodedata.normalize("NFC", "".join(out)).translate(_LATIN_FOLDS)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """`Dmitri Peskov`, `dmitri-peskov` and `DMITRI PESKOV` share one key; so do `Sergueï` and `Serguei`.

    Letters and digits of every script are kept (digits as ASCII digits); everything else
    separates words. A name with no letter or digit at all (symbols, emoji, invisible
    characters) has the empty key, which matches nothing.
    """
    if name.isascii():
        return _NON_WORD.sub(" ", name.casefold()).strip()
    folded = unicodedata.normalize("NFC", "".join(fold_char(c) for c in name))
    # A vowel sign or a virama belongs to the letter before it: one with none is no word.
    words = (_strip_marks(word) for word in folded.split())
    return " ".join(w for w in words if w)


def _strip_marks(word: str) -> str:
    i = 0
    while i < len(word) and unicodedata.category(word[i])[0] == "M":
        i += 1
    return word[i:]


# Page names the generator keeps for itself in every folder.
_RESERVED_SLUGS = frozenset({"index"})
NO_NAME_SLUG = "sans-nom"
"""The slug of a text with no letter or digit (a name like that is refused by the index)."""


def key_digest(key: str) -> str:
    """Eight hex digits that stand for a key in an address: stable from build to build, on any machine."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def slugify(name: str) -> str:
    """A page slug for a name the registry does not know; never one of the reserved page names.

    A name in Latin letters gives its words (`Jean Inconnu` → `jean-inconnu`); any other key
    gives its Latin words, if any, and a digest of the whole key (`Владимир Путин` →
    `nom-…`, `Xi Jinping 习近平` → `xi-jinping-…`), so names in other scripts never share a
    page by losing their letters.
    """
    key = name_key(name)
    if not key:
        return NO_NAME_SLUG
    if _ASCII_KEY.fullmatch(key):
        slug = key.replace(" ", "-")
        return f"nom-{slug}" if slug in _RESERVED_SLUGS else slug
    latin = "-".join(_NON_WORD.sub(" ", key).split())
    return f"{latin or 'nom'}-{key_digest(key)}"
