"""Name matching: case-, accent- and punctuation-insensitive keys, and slugs for unknown names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """`Dmitri Peskov`, `dmitri-peskov` and `DMITRI PESKOV` share one key; so do `Sergueï` and `Serguei`."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", bare).strip()


# Page names the generator keeps for itself in every folder.
_RESERVED_SLUGS = frozenset({"index"})


def slugify(name: str) -> str:
    """A page slug for a name the registry does not know; never one of the reserved page names."""
    slug = name_key(name).replace(" ", "-") or "sans-nom"
    return f"nom-{slug}" if slug in _RESERVED_SLUGS else slug
