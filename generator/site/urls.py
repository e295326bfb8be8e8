"""The only place that decides page paths (src paths inside the docs tree) and anchors."""

from __future__ import annotations

import functools
import os
import posixpath
from pathlib import Path
from urllib.parse import quote

BRIEFINGS_DIR = "briefings"
ACTORS_DIR = "acteurs"
SUMMITS_DIR = "sommets"
TOPICS_DIR = "themes"
# Downloadable tables (CSV and JSON), not pages.
EXPORTS_DIR = "exports"

BRIEFINGS_INDEX = f"{BRIEFINGS_DIR}/index.md"
ACTORS_INDEX = f"{ACTORS_DIR}/index.md"
SUMMITS_INDEX = f"{SUMMITS_DIR}/index.md"
TOPICS_INDEX = f"{TOPICS_DIR}/index.md"
TIMELINE = "chronologie.md"
DEMANDS = "revendications.md"
FIGURES = "chiffres.md"
QUOTES = "citations.md"
SOURCES = "sources.md"
DISAGREEMENTS = "divergences.md"
PROBLEMS = "erreurs.md"


# Generated pages the navigation lists; every other one (a page per briefing, actor or
# summit) is reached through these: listing a thousand briefings in the nav would copy
# it into every page.
NAV_PAGES = frozenset({BRIEFINGS_INDEX, ACTORS_INDEX, SUMMITS_INDEX, TOPICS_INDEX, TIMELINE, DEMANDS, FIGURES, QUOTES, SOURCES,
                       DISAGREEMENTS})


def briefing_page(briefing_id: str) -> str:
    return f"{BRIEFINGS_DIR}/{briefing_id}.md"


def actor_page(actor_id: str) -> str:
    return f"{ACTORS_DIR}/{actor_id}.md"


def summit_page(event_id: str) -> str:
    return f"{SUMMITS_DIR}/{event_id}.md"


def topic_page(topic_id: str) -> str:
    return f"{TOPICS_DIR}/{topic_id}.md"


def page_url(src: str) -> str:
    """The address MkDocs gives a page (directory URLs, its default), relative to the site's root."""
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src.removesuffix(".md") + "/"


def href(from_src: str, to_src: str, anchor: str = "") -> str:
    """A link written as raw HTML (an SVG marker): MkDocs rewrites the Markdown links only, so this
    is the final relative address, from one page to another, with its anchor."""
    fragment = f"#{anchor}" if anchor else ""
    return _page_href(from_src, to_src) + fragment if fragment else _page_href(from_src, to_src) or "./"


@functools.lru_cache(maxsize=1 << 14)
def _page_href(from_src: str, to_src: str) -> str:
    """From one page to another: "" for the page itself. Each pair worked out once (relpath asks the OS nothing
    here, but normalises both paths on every call): the strips of a site link the same pages from the same pages."""
    here, there = page_url(from_src), page_url(to_src)
    if here == there:
        return ""
    relative = posixpath.relpath("/" + there, "/" + here)
    return relative + ("/" if there.endswith("/") or not there else "")


def event_anchor(event_id: str) -> str:
    """Anchors carry a prefix so no id can collide with the theme's own (`__drawer`, `__search`)."""
    return f"ev-{event_id}"


def section_anchor(prefix: str, slug: str) -> str:
    return f"{prefix}-{slug}"


def pair_anchor(party_id: str, topic_id: str) -> str:
    """Ids hold single hyphens, so a double one between them keeps every pair apart
    (`a-b` with `c` and `a` with `b-c` would both give `a-b-c`)."""
    return f"{party_id}--{topic_id}"


# Feeds and the calendar: files, not pages. Links in them assume MkDocs' directory URLs (`briefings/<id>/`).
FEEDS_DIR = "flux"
BRIEFINGS_FEED = f"{FEEDS_DIR}/briefings.xml"
CALENDAR = f"{FEEDS_DIR}/evenements-prevus.ics"
# The theme's script fetches `sitemap.xml` beside every <link rel="alternate"> of a page (meant for
# language versions): an empty one in the feeds' folder answers it.
FEEDS_SITEMAP = f"{FEEDS_DIR}/sitemap.xml"


def topic_feed(topic_id: str) -> str:
    return f"{FEEDS_DIR}/theme-{topic_id}.xml"


def actor_feed(actor_id: str) -> str:
    return f"{FEEDS_DIR}/acteur-{actor_id}.xml"


@functools.lru_cache(maxsize=1 << 16)
def edit_uri(source: Path, docs_root: Path) -> str:
    """The path of a page's YAML file, relative to the docs folder, percent-encoded (the page's edit link).

    MkDocs joins it to `repo_url` + `edit_uri` as it is, and the theme prints the result
    inside `href="…"` without escaping: a file or folder name holding `"` or `>` would
    otherwise end the attribute. Only `/` stays as written. Worked out once per file: resolving a path asks the
    system about each of its folders, and a preview asks again for every briefing on each rebuild. The briefings'
    folder is resolved once for all its files (a file that is a link, which the loader refuses, is resolved itself).
    """
    real = source.resolve() if source.is_symlink() else _resolved_folder(source.parent) / source.name
    return quote(Path(os.path.relpath(real, docs_root)).as_posix(), safe="/")


@functools.lru_cache(maxsize=256)
def _resolved_folder(folder: Path) -> Path:
    return folder.resolve()
