"""What every page renderer shares: rendering one page, and the orders pages list things in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..corpus.index import CorpusIndex, QuoteEntry
from ..reading.dates import PartialDate
from ..reading.names import name_key
from . import page_sources, urls
from .render import Renderer


def render_page(r: Renderer, index: CorpusIndex, template: str, page: str, **context: Any) -> str:
    return r.render(template, index, page, urls=urls, **context)


def render_page_from(r: Renderer, index: CorpusIndex, template: str, page: str,
                     sources: Callable[[], tuple[tuple, Any]], make: Callable[[], dict[str, Any]]) -> str:
    """`render_page` of the context `make()` gives; under a preview's memo, not made when the page's `sources()`
    (its briefings' objects, and values) are last build's (site/page_sources.py)."""
    if r.memo is None:
        return render_page(r, index, template, page, **make())
    return page_sources.render_from(r.memo, r, template, index, page, *sources(), lambda: {"urls": urls, **make()})


def date_key(date: PartialDate | None) -> tuple:
    return (date is None, date.sort_key if date else (0, 0, 0))


def quote_key(q: QuoteEntry) -> tuple:
    date = q.quote.date or q.briefing.source.published
    return (date_key(date), q.briefing.id, q.quote.text)


def name_order(names: dict[str, str], item_id: str | None) -> tuple[str, str]:
    """Alphabetical by displayed name, then by id: the same order on every run, whatever the hash seed."""
    return (name_key(names.get(item_id, item_id)), item_id) if item_id else ("", "")
