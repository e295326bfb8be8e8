"""A live preview's cross-source page kept without its context being made again.

The page memo (site/page_memo.py) reuses a page when its context fingerprints the same as last build;
making and fingerprinting the contexts of a thousand actor and topic pages is still most of a rebuild.
A page kind that can name, cheaply, the briefings its context is worked out from (its `sources`, the
briefings' own objects, in the order the context meets them) and the few values from elsewhere in the
index it also depends on (`values`) skips both: when those are the very objects and equal values of
last build, and so is what every context reads of the index (`shared_inputs`: the registries, how each
name resolves, every actor, the places), the context would be the one made last time. The page's
template lookups are still asked again of the new index (`reads_hold`), as for any kept page.

The loader keeps the same frozen object for a file whose text did not change, so a briefing edited,
added or removed is a changed source of every page that reads it. `mkdocs build` never uses this;
tests/test_page_cache.py compares sequences of edits with full builds.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from .differences import places_key
from .page_memo import PageMemo, reads_hold, render
from .page_store import Compressed


def share(memo: PageMemo, index: Any) -> None:
    """A build begins: what every context reads of the index, and whether it is what it was last build."""
    shared = shared_inputs(index)
    memo.shared_same = memo.shared is not None and memo.shared == shared  # as of the last build that ended
    memo.next_shared = shared


def shared_inputs(index: Any) -> tuple:
    """What contexts read of the index besides their sources: the registries, every actor (an unregistered one's
    page flag depends on the whole corpus), how every name resolves, and the places registry."""
    return (index.parties, index.topics, index.actors, index._keys, index._unregistered, places_key(index))


def render_from(memo: PageMemo, renderer: Any, template: str, index: Any, page: str, sources: tuple, values: Any,
                make: Callable[[], dict[str, Any]]) -> str | Compressed:
    """The page rendered from `make()`'s context, through the page memo; last build's Markdown, its context not
    made, when its `sources` are the very objects and its `values` equal those of last build (see the module)."""
    entry = memo.entries.get(page)
    if (memo.shared_same and entry is not None and entry.sources is not None and entry.template == template
            and len(entry.sources) == len(sources) and all(map(operator.is_, entry.sources, sources))
            and entry.values == values and reads_hold(memo, renderer, index, page, entry)):
        memo.kept[page] = entry
        memo.reused += 1
        memo.unmade += 1
        return Compressed(entry.text)
    text = render(memo, renderer, template, index, page, make())
    entry = memo.kept.get(page)
    if entry is not None:
        entry.sources, entry.values = sources, values
    return text
