"""The site's search: Pagefind, run once over the whole built site, and what each briefing page tells it.

The index is built after MkDocs has written every page (`build_index`, called by the plugin's
`on_post_build`): one run of the Pagefind binary shipped in the `pagefind-bin` wheel over the whole
site folder, never one call per page. Only the article body is indexed (the theme override marks
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

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..corpus.records import CorpusIndex
from ..reading.models import Briefing
from . import wording

BUNDLE = "pagefind"
"""The folder of the site that holds the search bundle (index, scripts, WebAssembly)."""
LANGUAGE = "fr"
EXCLUDED = ".headerlink"
"""Left out of the index: the `¶` permalink after each heading."""
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# Keys of the filters, in the order the search box offers them (labels: wording.SEARCH_FILTERS).
FILTERS = ("genre", "parti", "acteur", "theme", "annee")


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


def indexed_text(html: str) -> str:
    """The page as the indexer reads it: typographic apostrophes made ASCII ones, nothing else changed."""
    return html.translate(APOSTROPHES)


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


def build_index(site_dir: Path, *, executable: Path | None = None, background: bool = False) -> Path:
    """Index every page of the built site at `site_dir` into `site_dir/pagefind/`; return that folder.

    Raises SearchIndexError when Pagefind fails or writes no index: the site is then incomplete and
    the build must stop. The previous bundle, if any, is replaced only once the new one is whole.
    `background` (a live preview's indexing, behind the next rebuild) runs Pagefind at a lower priority.
    """
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE
    binary = executable or _executable()
    with tempfile.TemporaryDirectory(prefix="briefings-search-") as tmp:
        pages, output = Path(tmp) / "pages", Path(tmp) / "bundle"
        count = 0
        for path in sorted(site_dir.rglob("*.html")):
            relative = path.relative_to(site_dir)
            if relative.parts[0] == BUNDLE:
                continue
            target = pages / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(indexed_text(path.read_text(encoding="utf-8")), encoding="utf-8")
            count += 1
        if not count:
            raise SearchIndexError(f"no HTML page to index in {site_dir}")
        command = [str(binary), "--site", str(pages), "--output-path", str(output),
                   "--force-language", LANGUAGE, "--exclude-selectors", EXCLUDED, "--quiet"]
        nice = shutil.which("nice") if background else None
        if nice:
            command = [nice, "-n", "10", *command]
        try:
            run = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                                 check=False)
        except OSError as exc:
            raise SearchIndexError(f"Pagefind could not start ({binary}): {exc}") from exc
        if run.returncode != 0:
            said = (run.stderr or run.stdout).strip()
            raise SearchIndexError(f"Pagefind failed (exit {run.returncode}): {said}")
        if not (output / "pagefind-entry.json").is_file():
            raise SearchIndexError(f"Pagefind wrote no index: {(run.stderr or run.stdout).strip()}")
        if bundle.exists():
            shutil.rmtree(bundle)
        shutil.move(str(output), str(bundle))
    return bundle


def _executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:  # pagefind[bin] is a dependency: a broken environment
        raise SearchIndexError("the Pagefind binary is missing (pip install 'pagefind[bin]')") from exc
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise SearchIndexError(f"the Pagefind binary is missing: {exc}") from exc


class BackgroundIndexer:
    """A live preview's search index, built after each rebuild in a thread of its own: the rebuilt
    pages are served at once and the search catches up seconds later.

    One Pagefind run at a time, the newest build winning: a build finished while a run goes on is
    indexed once that run ends (builds finished meanwhile are not indexed one by one). A failure is
    handed to `report` and the indexer keeps working for the next build; `mkdocs build` never uses
    this class (it indexes synchronously and stops on a failure).
    """

    def __init__(self, report: Callable[[Exception], None],
                 index: Callable[[Path], object] = lambda site: build_index(site, background=True)) -> None:
        self._index, self._report = index, report
        self._lock = threading.Lock()
        self._wanted: Path | None = None
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, site_dir: Path) -> None:
        """Index `site_dir` as soon as no run is going on."""
        with self._lock:
            self._wanted = Path(site_dir)
            self._idle.clear()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="briefings-search-index", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Until every submitted build is indexed (or `timeout` seconds); whether it is."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                site, self._wanted = self._wanted, None
                if site is None:
                    self._thread = None
                    self._idle.set()
                    return
            try:
                self._index(site)
            except Exception as exc:  # noqa: BLE001 - a failure, whatever it is, must not end the preview
                self._report(exc)
