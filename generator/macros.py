"""mkdocs-macros module: live facts from the index, for hand-written pages that opt in
(`render_macros: true` in their front matter). Generated pages never pass through macros.

Every value taken from a briefing goes through `markup.text`, so a title holding
`{{ … }}` or `<script>` is shown as those characters: the macros plugin inserts
a macro's result as is and does not evaluate it again.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from .corpus.index import CorpusIndex, briefing_sort_key
from .pipeline import Project, cached_build
from .reading.dates import PartialDate
from .reading.names import name_key
from .site import markup, marks, urls, wording
from .site.wording import date_text


def define_env(env: Any) -> None:
    """Registers the macros; `env` is the macros plugin's environment (no MkDocs import needed)."""

    def index() -> CorpusIndex:
        # The plugin's result for this build, when it made one: the inputs are not read (and hashed) again
        # for each macro of the page.
        plugin = _plugin(env)
        result = getattr(plugin, "result", None) or cached_build(_project(env))
        return result.index

    def page_path() -> str:
        page = getattr(env, "page", None)
        return page.file.src_uri if page is not None else "index.md"

    def link(label: str, target: str, anchor: str = "") -> str:
        rel = posixpath.relpath(target, posixpath.dirname(page_path()) or ".")
        return f"[{markup.text(label)}]({rel}{'#' + anchor if anchor else ''})"

    @env.macro
    def corpus_facts() -> str:
        """Counts and the corpus cut-off: what the site knows, up to when."""
        idx = index()
        outlets = {b.source.outlet for b in idx.briefings if b.source.outlet}
        unknown = sum(1 for b in idx.briefings if not b.source.outlet)
        dates = [b.source.published for b in idx.briefings if b.source.published]
        cutoff = date_text(max(dates, key=lambda d: d.sort_key)) if dates else wording.UNKNOWN_CUTOFF
        sources = wording.plural(len(outlets), "média identifié", "médias identifiés")
        if unknown:
            sources += " et " + wording.plural(unknown, "article de média non identifié",
                                               "articles de média non identifié")
        counts = [(len(idx.briefings), "briefing", None), (len(idx.actors), "acteur", None),
                  (len(idx.events), "événement", None), (len(idx.quotes), "citation", None)]
        (briefings, *others) = [f"**{wording.number_text(n)}** {wording.noun(n, one, many)}" for n, one, many in counts]
        drawn = wording.noun(len(idx.briefings), "tiré", "tirés")
        return (f"- {briefings}, {drawn} de {markup.text(sources)}\n"
                f"- {', '.join(others)}\n"
                f"- Article le plus récent : **{markup.text(cutoff)}** (date de publication connue la plus récente)\n")

    @env.macro
    def feed_links() -> str:
        """The site's Atom feeds: all briefings, then one per topic and one per actor with a page."""
        idx = index()
        lines = [f"- {link(wording.FEED_TITLE, urls.BRIEFINGS_FEED)}",
                 f"- {link(wording.CALENDAR_NAME, urls.CALENDAR)} (iCalendar)"]
        topics = sorted(idx.topics.items(), key=lambda t: (name_key(t[1]), t[0]))
        if topics:
            lines.append("- Par thème : " + ", ".join(link(name, urls.topic_feed(t)) for t, name in topics))
        actors = sorted((a for a in idx.actors.values() if a.page), key=lambda a: (name_key(a.name), a.id))
        if actors:
            lines.append("- Par acteur : " + ", ".join(link(a.name, urls.actor_feed(a.id)) for a in actors))
        return "\n".join(lines) + "\n"

    @env.macro
    def latest_briefings(count: int = 5) -> str:
        """The newest briefings, by publication date."""
        idx = index()
        lines = []
        for b in idx.briefings[:count]:
            when = date_text(b.source.published) if b.source.published else wording.UNKNOWN_DATE
            outlet = b.source.outlet or wording.UNKNOWN_OUTLET
            lines.append(f"- {link(b.title, urls.briefing_page(b.id))} — {markup.text(outlet)}, {markup.text(when)}")
        return "\n".join(lines) + "\n" if lines else "*Aucun briefing pour l'instant.*\n"

    @env.macro
    def summit_watch() -> str:
        """The last summit held and the next one planned, as the newest account of each says."""
        idx = index()
        summits = [r for r in idx.events.values() if r.kind == "summit"]
        held = sorted((r for r in summits if r.status == "held" and r.date), key=lambda r: r.date.sort_key)
        upcoming = sorted((r for r in summits if r.status in {"planned", "proposed", "postponed"}),
                          key=lambda r: (r.date is None, r.date.sort_key if r.date else (0, 0, 0)))
        out = []
        if held:
            last = held[-1]
            out.append(f"- Dernier sommet tenu : {link(last.title, urls.summit_page(last.id))} — "
                       f"{markup.text(date_text(last.date))} {marks.accounts(last.accounts)}")
        else:
            out.append("- Dernier sommet tenu : *aucun selon les sources*")
        if upcoming:
            nxt = upcoming[0]
            when = date_text(nxt.date) if nxt.date else wording.UNDATED_SUMMIT
            out.append(f"- Prochain sommet ({markup.text(wording.STATUS_LABELS[nxt.status])}) : "
                       f"{link(nxt.title, urls.summit_page(nxt.id))} — {markup.text(when)} {marks.accounts(nxt.accounts)}")
        else:
            out.append("- Prochain sommet : *aucun n'est prévu selon les sources*")
        return "\n".join(out) + "\n"

    @env.macro
    def newest_figures(count: int = 5) -> str:
        """The most recent figures (by the date they describe, else the article's date), with who produced them."""
        idx = index()
        entries = [e for items in idx.figures.values() for e in items]

        def key(e) -> tuple:
            d: PartialDate | None = e.figure.as_of or e.briefing.source.published
            return (d.sort_key if d else (0, 0, 0), briefing_sort_key(e.briefing))

        lines = []
        for e in sorted(entries, key=key, reverse=True)[:count]:
            who = (markup.text(e.figure.attributed_to) if e.figure.attributed_to
                   else wording.UNATTRIBUTED)
            lines.append(f"- {markup.text(e.figure.label)} : **{marks.amount(e.figure)}** "
                         f"{marks.item('figure', e.figure, e.briefing)} — "
                         f"produit par {who} — {link(e.briefing.title, urls.briefing_page(e.briefing.id))}")
        return "\n".join(lines) + "\n" if lines else "*Aucun chiffre pour l'instant.*\n"


def _plugin(env: Any) -> Any:
    plugins = env.conf.get("plugins", {})
    return plugins.get("briefings") if hasattr(plugins, "get") else None


def _project(env: Any) -> Project:
    """The briefings plugin's project when it is configured, else the default folders beside mkdocs.yml."""
    project = getattr(_plugin(env), "project", None)
    if project is not None:
        return project
    # No briefings plugin: its folders are the defaults; MkDocs has already read docs_dir.
    config_file = Path(env.conf["config_file_path"])
    return Project.from_options(config_file.parent, docs_dir=env.conf["docs_dir"], config_file=config_file)
