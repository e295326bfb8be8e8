"""Atom feeds (RFC 4287) of the briefings: all of them, one per topic, one per actor with a page.

Newest first (by the article's publication date, as the briefings index), the `FEED_SIZE`
newest in each feed. Each entry gives
the briefing's title, summary and page, the article it summarises (outlet, headline, date;
`<link rel="via">` to it when it has a web address) and its topics as categories.

Written with ElementTree, never by joining strings: briefing text is XML-escaped whatever it
holds (`<`, `&`, `]]>`), and a character XML 1.0 cannot carry (the loader already refuses
control characters) would become U+FFFD rather than break the file.

What RFC 4287 asks and where it comes from here:
- `id`: `urn:uuid:` names derived from the briefing id (or the feed's topic or actor id), the
  same on every build, so a reader never sees an entry twice.
- `updated`: the briefings carry no date of their own, so an entry's is the article's
  publication date, at midnight UTC on the first day of its known span (`2025-10` → 1 October);
  a briefing whose article has no known date takes the newest date of the corpus. A feed's is
  its newest entry's (the corpus' newest for a feed still empty). `published` is given only
  for a date known to the day.
- `author`: the feed's, the site's analysts; the article's outlet is named in each entry.
- Links are relative to the feed's address (`../briefings/<id>/`), as RFC 4287 allows through
  RFC 3986 resolution: the site has no configured address, and links still hold when it moves.
"""

from __future__ import annotations

import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from ..corpus.index import CorpusIndex
from ..reading.dates import PartialDate
from ..reading.models import Briefing
from . import markup, urls, wording
from .page_store import Stored, compress

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:briefings-site")
EPOCH = "1970-01-01T00:00:00Z"
FEED_SIZE = 50
"""Entries per feed, the newest: a feed says what is new (the site lists everything), and a
thousand briefings would otherwise copy each summary into dozens of feeds."""
# Everything XML 1.0 refuses (controls but tab and line breaks, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def feed_files(index: CorpusIndex, memo: dict | None = None) -> dict[str, str]:
    """Every feed, keyed by its path in the docs tree. `memo` (a live preview's, kept from one build to the
    next): a feed whose inputs are the same as last time (`_inputs`) is not written again."""
    newest = newest_date(index.briefings)
    made: dict[str, str] = {}
    kept: dict[str, tuple[tuple, list[Briefing], str]] = {}
    topics = tuple(index.topics.items())  # the entries' category labels

    def feed(path: str, key: str, title: str, subtitle: str, chosen: list[Briefing],
             page: str = urls.BRIEFINGS_INDEX) -> str:
        chosen = chosen[:FEED_SIZE]
        inputs = _inputs(key, title, subtitle, page, chosen, newest, topics)
        last = memo.get(path) if memo is not None else None
        if last is not None and last[0] == inputs and _same_objects(last[1], chosen):
            kept[path] = last
            return last[2]
        text = atom_feed(path, key, title, subtitle, chosen, index, newest, made, page)
        if memo is not None:  # kept compressed: a `Pages` stores it as it is
            text = Stored(text, compress(text))
        kept[path] = (inputs, chosen, text)
        return text

    files = {urls.BRIEFINGS_FEED: feed(urls.BRIEFINGS_FEED, "briefings", wording.FEED_TITLE,
                                       wording.FEED_SUBTITLE, list(index.briefings))}
    for topic_id, name in index.topics.items():
        chosen = [b for b in index.briefings if topic_id in b.topics]
        files[urls.topic_feed(topic_id)] = feed(urls.topic_feed(topic_id), f"topic/{topic_id}",
                                                wording.topic_feed_title(name), wording.TOPIC_FEED_SUBTITLE, chosen)
    position = {b.id: i for i, b in enumerate(index.briefings)}  # the index's order: newest first
    for actor_id, actor in index.actors.items():
        if not actor.page:
            continue
        mentioned = {b.id: b for b, _role in index.mentions.get(actor_id, [])}
        chosen = sorted(mentioned.values(), key=lambda b: position[b.id])
        path = urls.actor_feed(actor_id)
        files[path] = feed(path, f"actor/{actor_id}", wording.actor_feed_title(actor.name),
                           wording.ACTOR_FEED_SUBTITLE, chosen, urls.actor_page(actor_id))
    files[urls.FEEDS_SITEMAP] = empty_sitemap()
    if memo is not None:
        memo.clear()
        memo.update(kept)
    return files


def _inputs(key: str, title: str, subtitle: str, page: str, chosen: list[Briefing], newest: str,
            topics: tuple) -> tuple:
    """What a feed's text depends on besides its briefings' own objects (frozen, compared by identity): the
    corpus' newest date only where it shows (an empty feed, an entry whose article has no date)."""
    undated = not chosen or any(b.source.published is None for b in chosen)
    return (key, title, subtitle, page, len(chosen), newest if undated else None, topics)


def _same_objects(before: list, now: list) -> bool:
    return len(before) == len(now) and all(a is b for a, b in zip(before, now))


def empty_sitemap() -> str:
    """A sitemap listing no page. Material's script takes every <link rel="alternate"> in a page's head
    for a language version and fetches `sitemap.xml` next to it: for the feeds' links, `flux/sitemap.xml`.
    Without this file each page load would log a 404; with it, the theme finds no language version,
    which is true. (The site's real sitemap stays at its root.)"""
    urlset = ET.Element("urlset", {"xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    return ET.tostring(urlset, encoding="unicode", xml_declaration=True) + "\n"


def atom_feed(path: str, key: str, title: str, subtitle: str, briefings: Iterable[Briefing],
              index: CorpusIndex, newest: str, made: dict[str, str] | None = None,
              page: str = urls.BRIEFINGS_INDEX) -> str:
    """One feed, as the text of its file. `made`: entries already written for other feeds, by briefing id;
    `page`: the page that shows what the feed follows."""
    made = {} if made is None else made
    briefings = list(briefings)[:FEED_SIZE]
    # The Atom namespace as the root's default one: tags and attributes stay unprefixed, as readers expect.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "fr"})
    _add(feed, "id", urn(f"feed/{key}"))
    _add(feed, "title", title, type="text")
    _add(feed, "subtitle", subtitle, type="text")
    updated = [entry_updated(b, newest) for b in briefings]
    _add(feed, "updated", max(updated) if updated else newest)
    author = _add(feed, "author")
    _add(author, "name", wording.FEED_AUTHOR)
    _add(feed, "link", rel="self", type="application/atom+xml", href=_relative(path, path))
    _add(feed, "link", rel="alternate", type="text/html", href=_relative(page, path))
    ET.indent(feed)
    head = ET.tostring(feed, encoding="unicode", xml_declaration=True).removesuffix("\n</feed>")
    entries = []
    for b, when in zip(briefings, updated):
        if b.id not in made:  # each briefing's entry written once, for every feed listing it: all feeds
            made[b.id] = entry_text(entry(b, when, index, path))  # live in one folder, so its links are the same
        entries.append(made[b.id])
    return "\n  ".join([head, *entries]) + "\n</feed>\n"


def entry_text(element: ET.Element) -> str:
    """An entry as the feed's serialisation writes it, indented as a child of the root: what `ET.indent` and
    `ET.tostring` of the whole feed would give for it (the entry's tags are unprefixed, its attributes too)."""
    ET.indent(element, level=1)
    return ET.tostring(element, encoding="unicode")


def entry(b: Briefing, updated: str, index: CorpusIndex, feed_path: str) -> ET.Element:
    element = ET.Element("entry")
    _add(element, "id", urn(f"briefing/{b.id}"))
    _add(element, "title", b.title, type="text")
    _add(element, "updated", updated)
    published = b.source.published
    if published is not None and published.day:
        _add(element, "published", timestamp(published))
    _add(element, "link", rel="alternate", type="text/html",
         href=_relative(urls.briefing_page(b.id), feed_path))
    if b.source.url and markup.is_web_url(b.source.url):
        _add(element, "link", rel="via", type="text/html", href=b.source.url.strip(),
             title=b.source.outlet or wording.UNKNOWN_OUTLET)
    for topic_id in b.topics:
        _add(element, "category", term=topic_id, label=index.topics.get(topic_id, topic_id))
    _add(element, "summary", b.summary + "\n\n" + wording.source_line(b), type="text")
    return element


def urn(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def timestamp(value: PartialDate) -> str:
    """RFC 3339, at midnight UTC on the first day of the date's span."""
    return f"{value.year:04d}-{value.month or 1:02d}-{value.day or 1:02d}T00:00:00Z"


def entry_updated(b: Briefing, newest: str) -> str:
    return timestamp(b.source.published) if b.source.published else newest


def newest_date(briefings: Iterable[Briefing]) -> str:
    dates = [timestamp(b.source.published) for b in briefings if b.source.published]
    return max(dates) if dates else EPOCH


def _relative(target: str, feed_path: str) -> str:
    """A page's (or file's) address as seen from the feed's folder."""
    if not target.endswith(".md"):
        return markup.relative(target, posixpath.dirname(feed_path))
    return markup.relative(urls.page_url(target), posixpath.dirname(feed_path)).rstrip("/") + "/"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        child.text = xml_text(text)
    return child


def xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)
