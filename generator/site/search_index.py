"""The site's search: Pagefind, run once over the whole built site, and what each briefing page tells it.

The index is built after MkDocs has written every page (`build_index`, called by the plugin's
`on_post_build`): one run of the Pagefind binary shipped in the `pagefind-bin` wheel over the whole
site folder, never one call per page; the pages that only slice briefings' content (`SLICES`) are left
out. Only the article body is indexed (the theme override marks
it `data-pagefind-body`; the headings' `¶` permalinks are left out), in French (stemming, and
accents folded: « securite » finds « sécurité »).

Pagefind splits words on ASCII punctuation only: « l’accord » with a typographic apostrophe would be
one word, `accord` would not find it. The indexer therefore reads a copy of the pages whose
apostrophes (’ ‘ ʼ) are ASCII ones; the pages readers see keep the article's exact characters
(verbatim quotations never change on screen). A query is folded the same way: Pagefind's search
drops every punctuation mark from the query, ’ as well as ', so « l’accord » and « l'accord » are
the same query.

The filters (genre, party, actor, topic, year) and the date the results sort by are in each
briefing page's front matter (`search_meta`), which the theme renders, escaped, as the text of
hidden elements outside the article.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import tempfile
import threading
import traceback
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..corpus.records import CorpusIndex
from ..reading.models import Briefing
from . import wording
from .background import Latest, Started

BUNDLE = "pagefind"
"""The folder of the site that holds the search bundle (index, scripts, WebAssembly)."""
LANGUAGE = "fr"
EXCLUDED = ".headerlink"
"""Left out of the index: the `¶` permalink after each heading."""
APOSTROPHES = ("\u2019", "\u2018", "\u02bc")
"""Typographic apostrophes, indexed as ASCII ones."""
# Keys of the filters, in the order the search box offers them (labels: wording.SEARCH_FILTERS).
FILTERS = ("genre", "parti", "acteur", "theme", "annee")
SLICES = ("briefings-par-annee", "chiffres", "chronologie", "citations", "divergences", "revendications")
"""Sections whose pages below their first only slice what briefing pages say (one speaker's quotes, one
year's figures…): left out of the index, which would otherwise grow with them (every page weighs on
the metadata a first search downloads) and answer a query with the same words twice. The section's
first page stays, and every briefing, actor, summit and topic page is indexed."""
NOT_INDEXED = ("404.html",)
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, which the site does not use (its dialog is the theme's own): not published."""


def is_indexed(relative: Path) -> bool:
    """Whether the page at `relative` (a path in the built site) is in the search index."""
    parts = relative.parts
    if parts[0] == BUNDLE or relative.as_posix() in NOT_INDEXED:
        return False
    return not (parts[0] in SLICES and len(parts) > 2)


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


DIALOG_TEMPLATE = "partials/briefings-search.html"
"""The search's button and dialog in the theme override: the same on every page, rendered once a build."""


def search_box(template: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """What the theme's header needs for the search dialog: its button, its filters and its words; with the theme's
    `template` lookup, the button and the dialog themselves (`dialog`), rendered once for every page of a build."""
    box: dict[str, Any] = {"button": wording.SEARCH_BUTTON, "wording": wording.SEARCH_UI,
                           "filters": [(k, wording.SEARCH_FILTERS[k]) for k in FILTERS]}
    if template is not None:
        box["dialog"] = Markup(template(DIALOG_TEMPLATE).render(search=box))
    return box


def indexed_text(html: str) -> str:
    """The page as the indexer reads it: typographic apostrophes made ASCII ones, nothing else changed."""
    # str.replace, not str.translate: a C loop over the page instead of a table lookup per character,
    # twenty times faster over a site's worth of HTML.
    for apostrophe in APOSTROPHES:
        html = html.replace(apostrophe, "'")
    return html


def search_meta(index: CorpusIndex, b: Briefing) -> dict[str, Any]:
    """What a briefing page tells the search: its filters' values and its date (ISO, to sort by)."""
    actors: list[str] = []
    parties: list[str] = []
    for mention in b.actors:
        actor = index.actors.get(index.resolve(mention.name))
        name = actor.name if actor else mention.name
        if name not in actors:
            actors.append(name)
        party = index.parties.get(actor.party) if actor and actor.party else None
        if party and party not in parties:
            parties.append(party)
    for demand in b.demands:
        party = index.parties.get(demand.party, demand.party)
        if party not in parties:
            parties.append(party)
    published = b.source.published
    meta: dict[str, Any] = {
        "genre": [wording.GENRE_LABELS[b.source.genre]],
        "parti": sorted(parties),
        "acteur": sorted(actors),
        "theme": sorted(index.topics.get(t, t) for t in dict.fromkeys(b.topics)),
        "annee": [str(published.year)] if published else [],
    }
    return {"filters": {k: v for k, v in meta.items() if v}, "date": _iso(published)}


def _iso(published: Any) -> str:
    """The publication date to sort by (AAAA-MM-JJ, AAAA-MM or AAAA); an unknown date sorts as oldest."""
    return published.iso() if published is not None else "0000"


def build_index(site_dir: Path, *, executable: Path | None = None, background: bool = False,
                mirror: Mirror | None = None, started: Started | None = None) -> Path:
    """Index every page of the built site at `site_dir` into `site_dir/pagefind/`; return that folder.

    Raises SearchIndexError when Pagefind fails or writes no index: the site is then incomplete and
    the build must stop. The previous bundle, if any, is replaced only once the new one is whole.
    `background` (a live preview's indexing, behind the next rebuild) runs Pagefind at a lower priority.
    `mirror` (a live preview's, kept from one run to the next) holds the pages as the indexer reads them:
    only the pages written since the last run are copied again. `started` (a preview's): Pagefind is run through
    it, for the preview's end to stop it, and the copy stops there too.
    """
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE
    binary = executable or _executable()
    with tempfile.TemporaryDirectory(prefix="briefings-search-") as tmp:
        output = Path(tmp) / "bundle"
        pages = (mirror or Mirror(Path(tmp) / "pages")).update(site_dir, started)  # without one: every page, once
        command = [str(binary), "--site", str(pages), "--output-path", str(output),
                   "--force-language", LANGUAGE, "--exclude-selectors", EXCLUDED, "--quiet"]
        nice = shutil.which("nice") if background else None
        if nice:
            command = [nice, "-n", "10", *command]
        try:
            process = (started or Started()).popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                                   encoding="utf-8", errors="replace")
        except OSError as exc:
            raise SearchIndexError(f"Pagefind could not start ({binary}): {exc}") from exc
        with process:  # its pipes closed, and waited for
            try:
                out, err = process.communicate()
            except BaseException:  # Ctrl-C or a stop signal meanwhile: Pagefind is not left reading removed pages
                process.kill()
                process.wait()
                raise
        if started is not None:
            started.check()  # stopped: what it wrote, if anything, is not wanted
        if process.returncode != 0:
            raise SearchIndexError(f"Pagefind failed (exit {process.returncode}): {(err or out).strip()}")
        if not (output / "pagefind-entry.json").is_file():
            raise SearchIndexError(f"Pagefind wrote no index: {(err or out).strip()}")
        for name in UNUSED:
            (output / name).unlink(missing_ok=True)
        if bundle.exists():
            shutil.rmtree(bundle)
        shutil.move(str(output), str(bundle))
    return bundle


class Mirror:
    """The indexed pages of a site as the indexer reads them (`indexed_text`), in a folder of their own, kept up to
    date from one run to the next: a page whose file has the same size and modification time is not copied again
    (a preview's rebuild writes only the pages that changed), one gone from the site is removed. After a copy that
    failed half-way, or once the system has cleared its folder, every page is copied again."""

    def __init__(self, folder: Path | None = None) -> None:
        """`folder`: where the pages go, for the caller to remove; by default one of its own, removed by `close()`
        or, at the latest, on exit."""
        self.folder = folder or Path(tempfile.mkdtemp(prefix="briefings-search-pages-"))
        self.copied: dict[Path, tuple[int, int]] = {}  # page (relative) → (size, mtime) of the file copied
        self.site: Path | None = None
        self.close = (weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True) if folder is None
                      else functools.partial(shutil.rmtree, self.folder, ignore_errors=True))

    def update(self, site_dir: Path, started: Started | None = None) -> Path:
        if site_dir != self.site or not self.folder.is_dir():  # another site, or the folder cleared: all again
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
            self.copied, self.site = {}, site_dir
        found = {}
        try:
            for path in sorted(site_dir.rglob("*.html")):
                relative = path.relative_to(site_dir)
                if not is_indexed(relative):
                    continue
                stat = path.stat()
                found[relative] = (stat.st_size, stat.st_mtime_ns)
                if self.copied.get(relative) != found[relative]:
                    started.check() if started is not None else None  # the preview is ending: no more copies
                    _copy_indexed(path, self.folder / relative)
        except BaseException:  # a page deleted by the next rebuild meanwhile: what the folder holds is unknown
            self.site = None
            raise
        for gone in self.copied.keys() - found.keys():
            (self.folder / gone).unlink(missing_ok=True)
        self.copied = found
        if not found:
            raise SearchIndexError(f"no HTML page to index in {site_dir}")
        return self.folder


def _copy_indexed(path: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(indexed_text(path.read_text(encoding="utf-8")), encoding="utf-8")


def _executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:  # pagefind[bin] is a dependency: a broken environment
        raise SearchIndexError("the Pagefind binary is missing (pip install 'pagefind[bin]')") from exc
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise SearchIndexError(f"the Pagefind binary is missing: {exc}") from exc


class BackgroundIndexer(Latest):
    """A live preview's search index, built after each rebuild in a thread of its own (`submit(site_dir)`):
    the rebuilt pages are served at once and the search catches up seconds later. One Pagefind run at a
    time, the newest build winning; a failure is handed to `report` and the next build is indexed as
    usual. `mkdocs build` never uses this class (it indexes synchronously and stops on a failure)."""

    def __init__(self, report: Callable[[Exception], None], index: Callable[[Path], object] | None = None) -> None:
        self.mirror = Mirror() if index is None else None  # the pages as last copied, for the next run
        started = Started()
        index = index or (lambda site: build_index(site, background=True, mirror=self.mirror, started=started))
        super().__init__(lambda site: index(Path(site)), report, "briefings-search-index", started)


def preview_failed(exc: Exception) -> None:
    """A preview's search indexing failed: logged at INFO (a warning logged while the next rebuild runs would abort
    it in strict mode), the traceback with `-v`."""
    log = logging.getLogger("mkdocs.plugins.briefings")
    log.info("the search index could not be built (the preview's search shows the previous one): %s",
             exc if isinstance(exc, SearchIndexError) else f"{type(exc).__name__}: {exc}")
    log.debug("the search index failed:\n%s", "".join(traceback.format_exception(exc)))
