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

from .pipeline import Project, cached_build
from .site import markup, urls, wording
from .site.home_facts import HomeFacts


def define_env(env: Any) -> None:
    """Registers the macros; `env` is the macros plugin's environment (no MkDocs import needed)."""

    def facts() -> HomeFacts:
        # The plugin's result for this build, when it made one: the inputs are not read (and hashed) again
        # for each macro of the page. A published build has dropped the index by now: its summary is kept.
        plugin = _plugin(env)
        result = getattr(plugin, "result", None) or cached_build(_project(env))
        return result.home_facts()

    def page_path() -> str:
        page = getattr(env, "page", None)
        return page.file.src_uri if page is not None else "index.md"

    def link(label: str, target: str, anchor: str = "") -> str:
        rel = posixpath.relpath(target, posixpath.dirname(page_path()) or ".")
        return f"[{markup.text(label)}]({rel}{'#' + anchor if anchor else ''})"

    @env.macro
    def corpus_facts() -> str:
        """Counts and the corpus cut-off: what the site knows, up to when."""
        return facts().corpus

    @env.macro
    def feed_links() -> str:
        """The site's Atom feeds: all briefings, then one per topic and one per actor with a page."""
        known = facts()
        lines = [f"- {link(wording.FEED_TITLE, urls.BRIEFINGS_FEED)}",
                 f"- {link(wording.CALENDAR_NAME, urls.CALENDAR)} (iCalendar)"]
        if known.topics:
            lines.append("- Par thème : " + ", ".join(link(name, urls.topic_feed(t)) for t, name in known.topics))
        if known.actors:
            lines.append("- Par acteur : " + ", ".join(link(name, urls.actor_feed(a)) for a, name in known.actors))
        return "\n".join(lines) + "\n"

    @env.macro
    def latest_briefings(count: int = 5) -> str:
        """The newest briefings, by publication date."""
        lines = [f"- {link(b.title, urls.briefing_page(b.id))} — {markup.text(b.outlet)}, {markup.text(b.when)}"
                 for b in facts().briefings[:count]]
        return "\n".join(lines) + "\n" if lines else "*Aucun briefing pour l'instant.*\n"

    @env.macro
    def summit_watch() -> str:
        """The last summit held and the next one planned, as the newest account of each says."""
        known = facts()
        out = []
        if (last := known.last_summit) is not None:
            out.append(f"- Dernier sommet tenu : {link(last.title, urls.summit_page(last.id))} — "
                       f"{markup.text(last.when)} {last.accounts}")
        else:
            out.append("- Dernier sommet tenu : *aucun selon les sources*")
        if (nxt := known.next_summit) is not None:
            out.append(f"- Prochain sommet ({markup.text(wording.STATUS_LABELS[nxt.status])}) : "
                       f"{link(nxt.title, urls.summit_page(nxt.id))} — {markup.text(nxt.when)} {nxt.accounts}")
        else:
            out.append("- Prochain sommet : *aucun n'est prévu selon les sources*")
        return "\n".join(out) + "\n"

    @env.macro
    def newest_figures(count: int = 5) -> str:
        """The most recent figures (by the date they describe, else the article's date), with who produced them."""
        lines = [f"- {f.label} : **{f.amount}** {f.marks} — produit par {f.who} — "
                 f"{link(f.title, urls.briefing_page(f.briefing_id))}" for f in facts().figures[:count]]
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
