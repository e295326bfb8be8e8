"""Markdown for every page kind, from the index, through one Jinja environment.

Every `{{ … }}` in a template goes through `finalize`, which encodes the value
as inert text unless it is an `Md` value built by the generator itself — so a
template cannot forget to escape briefing text. The templates are compiled by
`template_compiler`: values are written as `finalize` returns them, and functions
are called directly (none takes Jinja's `pass_context`).
"""

from __future__ import annotations

import json
import re
from typing import Any

import jinja2
from markupsafe import Markup
import yaml

from ..corpus.index import CorpusIndex
from ..reading.models import Briefing, Figure
from . import markup, marks, page_memo, urls, wording
from .items import Items, fr_date, shown
from .markup import Md
from .page_store import Compressed
from .template_compiler import CompiledTemplates, Environment


_finalize = shown
"""Runs on every `{{ … }}` value: macro output (Markup) and `Md` pass as they are; all else is encoded (items.shown,
which the item functions call for the same values)."""


def _join(values: Any, separator: str = ", ") -> Markup:
    """Jinja's own `join` would only HTML-escape under autoescape; this one encodes each item as text."""
    return Markup(separator.join(_finalize(v) for v in values))


def make_environment(*, reload: bool = True) -> jinja2.Environment:
    """The templates' environment; without `reload` (one build's), a template is not checked for changes
    on disk each time a page asks for it, a `stat` per page and template."""
    env = Environment(
        auto_reload=reload,
        loader=jinja2.PackageLoader("generator.site", "templates"),
        undefined=jinja2.StrictUndefined,
        # Autoescape is on only so that macro output comes back as Markup and is not encoded
        # twice; the encoding itself is `finalize`'s, never markupsafe's HTML escaping.
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters.update(
        join=_join,
        fr_date=fr_date, number=format_figure, paragraphs=markup.paragraphs, md=Md,
        genre=lambda g: wording.GENRE_LABELS[g], kind=lambda k: wording.EVENT_KIND_LABELS[k],
        status=lambda s: wording.STATUS_LABELS.get(s, s), demand_status=lambda s: wording.DEMAND_STATUS_LABELS.get(s) or wording.BASIS_LABELS.get(s, s),
        category=lambda c: wording.CATEGORY_LABELS[c],
    )
    env.globals.update(words=wording, plural=wording.plural, md=Md, front_matter=front_matter, mark=marks)
    env.bytecode_cache = CompiledTemplates(settings(env))
    return env


def settings(env: jinja2.Environment) -> str:
    """What of the environment a template's compiled code depends on, besides the template and the compiler."""
    return repr((env.autoescape, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence,
                 env.undefined.__name__, getattr(env.finalize, "__qualname__", None), sorted(env.filters),
                 sorted(env.tests), sorted(env.extensions), env.optimized))


def format_figure(figure: Figure) -> Md:
    """The number, or the article's words for a quantity without one (marked as such)."""
    return marks.amount(figure)


class _FrontMatterDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML writes U+0085 (NEL) raw inside quotes and reads it back as a line break (a space):
    strings holding a line-break character are written double-quoted, where it is escaped.
    libyaml's emitter when PyYAML has it (eight times faster, the same text); PyYAML's own otherwise."""


_FrontMatterDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style='"' if any(c in value for c in "\x85\u2028\u2029") else None))


def front_matter(title: str, **extra: Any) -> Md:
    data = {"title": markup.page_title(title), **{k: v for k, v in extra.items() if v}}
    return Md("---\n" + yaml_block(data) + "---\n\n")


def yaml_block(data: dict[str, Any]) -> str:
    """`data` as a YAML block: a line per key, its value written as JSON, which YAML reads back as the same value
    (about ten times faster than PyYAML's representer). PyYAML's emitter writes it instead when a value is not
    text, a list or a mapping of them, or when a text holds a character a YAML reader would not take back as it is
    from a JSON string: NEL and the line and paragraph separators (read as line breaks), C1 controls, BOM,
    surrogates, noncharacters."""
    if all(type(k) is str and _PLAIN_KEY.fullmatch(k) and _jsonable(v) for k, v in data.items()):
        lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in data.items()]
        if not any(_NOT_FROM_JSON.search(line) for line in lines):
            return "".join(lines)
    return yaml.dump(data, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False)


_PLAIN_KEY = re.compile("[a-z_]+")
_NOT_FROM_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _jsonable(value: Any) -> bool:
    if type(value) is str:
        return True
    if type(value) is list:
        return all(map(_jsonable, value))
    return type(value) is dict and all(type(k) is str and _jsonable(v) for k, v in value.items())


class PageContext:
    """What every template gets: the index, the page's own path, and link helpers bound to it."""

    def __init__(self, index: CorpusIndex, page: str, moved: dict[tuple[str, str], str] | None = None,
                 actor_links: dict[tuple[str, str], Md] | None = None):
        self.index = index
        self.page = page
        self.folder = markup.folder_of(page)
        self.moved = moved or {}  # (page, anchor) → the slice of a cut page that now holds that anchor
        # What `actor` gave for this index, by name and folder: a site names the same actors on page after page.
        self._actor_links = {} if actor_links is None else actor_links

    def briefing(self, b: Briefing) -> Md:
        return markup.link_in(b.title, urls.briefing_page(b.id), self.folder)

    def source_label(self, b: Briefing) -> Md:
        outlet = markup.text(b.source.outlet) if b.source.outlet else Md(f"*{wording.UNKNOWN_OUTLET}*")
        return Md(f"{outlet}, {fr_date(b.source.published)}")

    def actor(self, name_or_id: str) -> Md:
        key = (name_or_id, self.folder)
        shown = self._actor_links.get(key)
        if shown is None:
            shown = self._actor_links[key] = self._actor(name_or_id)
        return shown

    def _actor(self, name_or_id: str) -> Md:
        actor_id = self.index.resolve(name_or_id)
        actor = self.index.actors.get(actor_id)
        if actor is None or not actor.page:  # a name shown without a page of its own is plain text
            return markup.text(actor.name if actor else name_or_id)
        return markup.link_in(actor.name, urls.actor_page(actor_id), self.folder)

    def party(self, party_id: str) -> Md:
        return markup.text(self.index.parties.get(party_id, party_id))

    def topic(self, topic_id: str) -> Md:
        return markup.text(self.index.topics.get(topic_id, topic_id))

    def event(self, event_id: str, label: str | None = None) -> Md:
        """Summits link to their history page; every other event to its timeline entry."""
        record = self.index.events.get(event_id)
        label = label or (record.title if record else event_id)
        summit = summit_of(self.index, event_id)
        if summit:
            return markup.link_in(label, urls.summit_page(summit), self.folder,
                                  "" if summit == event_id else urls.event_anchor(event_id))
        return self.link(label, urls.TIMELINE, urls.event_anchor(event_id))

    @staticmethod
    def in_date_order(items: list[Any]) -> list[Any]:
        """Dated items first, oldest to newest (partial dates at the start of their span), then undated."""
        return sorted(items, key=lambda x: (x.date is None, x.date.sort_key if x.date else (0, 0, 0)))

    def link(self, label: str, target: str, anchor: str = "") -> Md:
        return markup.link_in(label, self.moved.get((target, anchor), target), self.folder, anchor)

    def url(self, label: str, url: str) -> Md:
        return markup.external_link(label, url)


def summit_of(index: CorpusIndex, event_id: str) -> str | None:
    """The summit whose history an event belongs to: itself, or the first summit it is related to."""
    return index.history_of.get(event_id)


class Renderer:
    def __init__(self, memo: page_memo.PageMemo | None = None) -> None:
        if memo is not None and memo.env is None:
            memo.env = make_environment()  # the templates compiled once for the preview's every build
        self.env = memo.env if memo is not None else make_environment(reload=False)
        self.moved: dict[tuple[str, str], str] = {}  # see PageContext.moved
        self.memo = memo  # a live preview's: a page is not rendered again when nothing it reads changed
        self._links_of: Any = None  # the index `_actor_links` holds links for (PageContext.actor)
        self._actor_links: dict[tuple[str, str], Md] = {}

    def render(self, template: str, index: CorpusIndex, page: str, **context: Any) -> str | Compressed:
        """The page's Markdown; under a memo, a page rendered as last time comes as its stored bytes (`Compressed`)."""
        if self.memo is not None:
            return page_memo.render(self.memo, self, template, index, page, context)
        return self.render_fresh(template, index, page, **context)

    def render_fresh(self, template: str, index: CorpusIndex, page: str, **context: Any) -> str:
        return self.finish(template, index, self.context(index, page), context)

    def context(self, index: CorpusIndex, page: str) -> PageContext:
        if index is not self._links_of:  # a preview asks of the next build's index too (site/page_memo.py)
            self._links_of, self._actor_links = index, {}
        return PageContext(index, page, self.moved, self._actor_links)

    def finish(self, template: str, index: Any, ctx: Any, context: dict[str, Any]) -> str:
        """`index` and `ctx` as the template sees them: under a memo, each lookup is noted (site/page_memo.py)."""
        text = self.env.get_template(template).render(ctx=ctx, index=index, item=Items(ctx),
                                                      summit_of=lambda e: summit_of(index, e), **context)
        return tidy(text)


_HEADING = re.compile(r"\n#{1,6} ")


def tidy(markdown: str) -> str:
    """One blank line before each heading and between blocks, whatever the template's spacing.

    Briefing text never starts a line with `#` (it is encoded), so only the
    templates' own headings are touched. The same as `re.sub(r"([^\n])\n(#{1,6} )", r"\1\n\n\2", …)`,
    then every run of three line breaks or more made two, but three times faster: Python's regular
    expressions try `[^\n]` at every character of a page, where `\n#` is looked for as a string.
    """
    parts = []
    copied = 0  # where the text not yet copied starts
    taken = 0  # the end of the last heading given its blank line: that pattern's matches never overlap
    for heading in _HEADING.finditer(markdown):
        at = heading.start()
        if at == 0 or markdown[at - 1] == "\n" or at - 1 < taken:
            continue
        parts.append(markdown[copied:at])
        parts.append("\n")
        copied, taken = at, heading.end()
    parts.append(markdown[copied:])
    markdown = "".join(parts)
    while "\n\n\n" in markdown:  # each pass shortens every run of three or more
        markdown = markdown.replace("\n\n\n", "\n\n")
    return markdown.strip() + "\n"
