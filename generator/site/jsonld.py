"""schema.org data (JSON-LD) for briefing and summit pages, and the head links of actor pages.

- A briefing page is an `Article` (the briefing: its title, summary, topics) `isBasedOn` the
  `NewsArticle` it summarises (outlet, headline, authors, publication date; its `@id` and
  `url` are the article's address when it has a web one). Each quote of the briefing said on
  the record or reported (format v2 `basis`) is a `Quotation`: its exact words,
  `spokenByCharacter` the speaker (a `Person`, or an `Organization` for a state, an
  organisation or a group) and `isBasedOn` the same article.
- A summit page is an `Event`: name, start date at its known precision (`2025-10`),
  `eventStatus` from the status the newest account gives as a fact, on the record or reported (held and planned →
  EventScheduled, cancelled → EventCancelled, postponed → EventPostponed; proposed or
  unknown → none: schema.org has no word for a proposal), the place when every account
  that gives one gives the same, and the participants as `attendee`.

Each page's data travels in its front matter (`jsonld:`, a JSON string; actor pages also get
`feed:`, their Atom feed) and the theme override writes it into the page's head
(site/theme/main.html). The JSON comes from `json.dumps`, never from joining briefing text,
with `<`, `>` and `&` written `\\u003c`, `\\u003e`, `\\u0026` inside strings, so no value can
close the <script> element or open a comment; non-ASCII is escaped too. A
`<script type="application/ld+json">` is a data block: browsers never run it, and the
Content-Security-Policy (site/csp.py) hashes only scripts that run.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable
from typing import Any

from ..corpus.index import CorpusIndex
from ..corpus.records import EventRecord, briefing_sort_key
from ..reading.models import Briefing
from . import markup, urls, wording
from .page_store import Compressed, Pages
from .render import yaml_block

CONTEXT = "https://schema.org"
EVENT_STATUS = {
    "held": "https://schema.org/EventScheduled",
    "planned": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}
# A `Quotation` says its speaker said these words: only a quote said on the record or reported by a named
# relay is one. Words the article gives in the conditional, as its author's reading or that the analyst
# attributes are shown on the page with their mark, never as structured data that drops it.
QUOTATION_BASES = ("on-record", "reported")
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(data: Any) -> str:
    """JSON safe inside <script>: `</script>`, `<!--` and `]]>` cannot appear in it."""
    return json.dumps(data, ensure_ascii=True, sort_keys=False).translate(_ESCAPES)


def with_head_data(pages: Pages, index: CorpusIndex, memo: dict | None = None, shared: Any = None) -> Pages:
    """The pages, with JSON-LD (and actor pages with their feed) added to their front matter (a copy).
    `memo` (a live preview's, kept from one build to the next): a page whose stored text and added data are
    the same as last time takes last time's result as it is, neither decompressed nor compressed again; when
    `shared` (what the data read of the index besides their briefings: site/page_sources.py) is what it was
    then, data made from the very same briefings' objects as last time are not made again."""
    out = pages.copy()
    same = memo is not None and shared is not None and memo.get(_SHARED) == shared
    kept: dict[Any, Any] = {}
    for page, (made_of, meta) in head_meta(index).items():
        _add(out, page, memo, kept, made_of, same, meta)
    if memo is not None:
        kept[_SHARED] = memo[_SHARED] if same else shared
        memo.clear()
        memo.update(kept)
    return out


_SHARED = ("shared",)  # the memo's key for the `shared` it was made with (every other key is a page's path)


def adding_head_data(index: CorpusIndex) -> Callable[[str, str], str]:
    """`add(page, text)`: the page's text with its head data, as `with_head_data` gives it. A `Pages`' `finish`
    in a published build: each page is compressed once, its head data in it, never read back to add them."""
    metas = head_meta(index)

    def add(page: str, text: str) -> str:
        meta = metas.get(page)
        return text if meta is None else _with_meta(text, meta[1]())
    return add


def head_meta(index: CorpusIndex) -> dict[str, tuple[tuple, Callable[[], dict[str, str]]]]:
    """What makes each page's head data, by the page's path: briefing and summit pages' JSON-LD, actor pages' feed;
    each with the briefings' objects it is made from (besides the registries and how names resolve)."""
    metas: dict[str, tuple[tuple, Callable[[], dict[str, str]]]] = {}
    for b in index.briefings:
        metas[urls.briefing_page(b.id)] = ((b,), lambda b=b: {"jsonld": script_json(briefing_data(b, index))})
    for event_id, record in index.events.items():
        if record.kind == "summit":
            metas[urls.summit_page(event_id)] = (tuple([a.briefing for a in record.accounts]),
                                                 lambda r=record: {"jsonld": script_json(summit_data(r, index))})
    for actor_id, actor in index.actors.items():
        if actor.page:
            metas[urls.actor_page(actor_id)] = ((), lambda i=actor_id, a=actor: {
                "feed": urls.actor_feed(i), "feed_title": wording.actor_feed_title(a.name)})
    return metas


def _add(pages: Pages, page: str, memo: dict | None, kept: dict, made_of: tuple, same: bool,
         meta: Callable[[], dict[str, str]]) -> None:
    """Front matter keys put first in the page's block (the block a template's `front_matter` wrote)."""
    if page not in pages:
        return
    stored = pages.compressed(page)
    last = memo.get(page) if memo is not None else None
    if last is not None and last[0] == stored:
        if same and len(last[3]) == len(made_of) and all(map(operator.is_, last[3], made_of)):
            pages[page] = Compressed(last[2])
            kept[page] = last
            return
        key = tuple(meta().items())
        if last[1] == key:
            pages[page] = Compressed(last[2])
            kept[page] = (*last[:3], made_of)
            return
    else:
        key = tuple(meta().items())
    text = pages[page]
    if not text.startswith("---\n"):
        return
    pages[page] = _with_meta(text, dict(key))
    kept[page] = (stored, key, pages.compressed(page), made_of)


def _with_meta(text: str, meta: dict[str, str]) -> str:
    if not text.startswith("---\n"):
        return text
    return "---\n" + yaml_block(meta) + text[len("---\n"):]


def source_article(b: Briefing) -> dict[str, Any]:
    src = b.source
    article: dict[str, Any] = {"@type": "NewsArticle"}
    if src.url and markup.is_web_url(src.url):
        article["@id"] = article["url"] = src.url.strip()
    if src.headline:
        article["headline"] = src.headline
    if src.outlet:
        article["publisher"] = {"@type": "Organization", "name": src.outlet}
    if src.authors:
        article["author"] = [{"@type": "Person", "name": name} for name in src.authors]
    if src.published:
        article["datePublished"] = src.published.iso()
    article["inLanguage"] = src.language
    return article


def briefing_data(b: Briefing, index: CorpusIndex) -> dict[str, Any]:
    based_on = source_article(b)
    graph: list[dict[str, Any]] = [{
        "@type": "Article",
        "headline": b.title,
        "abstract": b.summary,
        "inLanguage": "fr",
        "about": [{"@type": "Thing", "name": index.topics.get(t, t)} for t in b.topics],
        "isBasedOn": based_on,
    }]
    reference = {"@id": based_on["@id"]} if "@id" in based_on else based_on
    for q in b.quotes:
        if q.basis not in QUOTATION_BASES:
            continue
        quote: dict[str, Any] = {"@type": "Quotation", "text": q.text,
                                 "spokenByCharacter": speaker(index, q.speaker), "isBasedOn": reference}
        if q.date:
            quote["dateCreated"] = q.date.iso()
        graph.append(quote)
    return {"@context": CONTEXT, "@graph": graph}


def speaker(index: CorpusIndex, name: str) -> dict[str, Any]:
    """A name as written in a briefing, resolved through the registry."""
    return agent(index, index.resolve(name), name)


def agent(index: CorpusIndex, actor_id: str, name: str) -> dict[str, Any]:
    actor = index.actors.get(actor_id)
    kind = "Person" if actor is None or actor.kind in (None, "person") else "Organization"
    return {"@type": kind, "name": actor.name if actor else name}


SUBJECT_OF_LIMIT = 20
"""Articles a summit's JSON-LD names (`subjectOf`): the most recently published."""


def asserted_status(record: EventRecord) -> str | None:
    """The status the most recently published account gives as a fact (on the record, or reported): a status in
    the conditional, or an author's or the analyst's reading, never makes a summit scheduled or cancelled for
    search engines, which show no such nuance."""
    for a in sorted(record.accounts, key=lambda a: briefing_sort_key(a.briefing), reverse=True):
        if a.event.status and a.event.basis in QUOTATION_BASES:
            return a.event.status
    return None


def summit_data(record: EventRecord, index: CorpusIndex) -> dict[str, Any]:
    event: dict[str, Any] = {"@context": CONTEXT, "@type": "Event", "name": record.title}
    if record.date:
        event["startDate"] = record.date.iso()
    status = asserted_status(record)
    if status in EVENT_STATUS:
        event["eventStatus"] = EVENT_STATUS[status]
    places = {a.event.place for a in record.accounts if a.event.place}
    if len(places) == 1:
        event["location"] = {"@type": "Place", "name": places.pop()}
    attendees: dict[str, str] = {}
    for a in record.accounts:
        for name in a.event.participants:
            attendees.setdefault(index.resolve(name), name)
    if attendees:
        event["attendee"] = [agent(index, actor_id, name) for actor_id, name in attendees.items()]
    # The articles describing it: the most recent ones when there are many (the page's head stays small).
    recent = {id(a) for a in sorted(record.accounts, key=lambda a: briefing_sort_key(a.briefing),
                                    reverse=True)[:SUBJECT_OF_LIMIT]}
    event["subjectOf"] = [source_article(a.briefing) for a in record.accounts if id(a) in recent]
    return event
