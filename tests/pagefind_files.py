"""Reading what Pagefind wrote: each page's fragment (its indexed text, filters and metadata)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def fragments(site: Path) -> dict[str, dict]:
    """Each indexed page's fragment, by URL (`/briefings/x/`)."""
    found = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE):])
        found[fragment["url"]] = fragment
    return found


def entry(site: Path) -> dict:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def varies_between_runs(relative: str) -> bool:
    """The bundle's files that Pagefind 1.5.2 writes differently from one run to the next on the same pages:
    the filter chunks (values in hash-map order), and the metadata and entry that name them by hash.
    Fixed upstream after 1.5.2 ("deterministic output"); the index chunks and fragments are stable."""
    return (relative.startswith("pagefind/filter/") or relative.endswith(".pf_meta")
            or relative == "pagefind/pagefind-entry.json")
