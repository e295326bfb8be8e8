"""What a reader's browser downloads for a first search on a built site: measured, not estimated.

The built site is served on 127.0.0.1 by a server that logs every request; Chromium (Playwright,
offline) opens the home page, opens the search dialog from the header and types a query like a
reader, and waits for the dialog to announce its results. Every file of the search bundle
(`pagefind/`) the browser fetches counts: Pagefind's script (and its worker, if used), the entry,
the metadata, the WebAssembly, any filter file, the index chunk(s) the query needs and the
fragments of the first page of results. So does the search dialog's own script and stylesheet
(`SEARCH_FILES`), although they live outside the bundle and load with every page: they are what
the search costs a reader too. Sizes are the files' sizes on disk, as the server sends them (no
compression), so the figure does not depend on a server's settings; `FirstQuery.gzipped()` adds
what they would weigh compressed (gzip -6), as most servers would send them.

Entry point: `first_query_bytes(site, query="Trump") -> FirstQuery`, `.total` in bytes.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BUNDLE = "pagefind"
SEARCH_FILES = ("assets/javascripts/briefings-search.js", "assets/search.css")
"""The search dialog's own script and stylesheet (the theme's and the project's), counted with the bundle."""


@dataclass
class FirstQuery:
    query: str
    results: str
    """What the dialog announced (« N résultats pour … »)."""
    files: dict[str, int] = field(default_factory=dict)
    """Each file of the search bundle fetched, by path in the site, with its size in bytes."""

    compressed: dict[str, int] = field(default_factory=dict)
    """The same files' sizes compressed with gzip (level 6), for comparison only."""

    @property
    def total(self) -> int:
        return sum(self.files.values())

    def gzipped(self) -> int:
        """What the same files would weigh sent compressed (gzip -6); the headline stays `total`."""
        return sum(self.compressed.values())

    def by_kind(self) -> dict[str, int]:
        """Bytes per kind of file: script, entry, meta, wasm, filter, index, fragment."""
        kinds: dict[str, int] = {}
        for path, size in self.files.items():
            kinds[kind_of(path)] = kinds.get(kind_of(path), 0) + size
        return kinds


def kind_of(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    for folder in ("filter", "index", "fragment"):
        if f"/{folder}/" in path:
            return folder
    if name.startswith("wasm."):
        return "wasm"
    if name.endswith(".pf_meta"):
        return "meta"
    if name == "pagefind-entry.json":
        return "entry"
    return "script"  # pagefind.js, its worker if used, the search dialog's script and stylesheet


class _LoggingHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, log: list[str], **kwargs):
        self._log = log
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        self._log.append(unquote(urlsplit(self.path).path))
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def first_query_bytes(site: Path, query: str = "Trump", *, timeout_ms: int = 30_000) -> FirstQuery:
    """Serve `site`, run `query` in Chromium as a reader would, and count what the search fetched."""
    from playwright.sync_api import sync_playwright

    site = Path(site)
    requested: list[str] = []
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_LoggingHandler, directory=str(site), log=requested))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(locale="fr-FR", service_workers="block")
                context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1"
                              else r.abort())
                page = context.new_page()
                page.goto(base + "/", wait_until="load")
                page.locator(".briefings-search__open").click()
                page.locator(".briefings-search__dialog input").press_sequentially(query, delay=10)
                page.wait_for_function(SUMMARY_SAYS, arg=query, timeout=timeout_ms)
                page.wait_for_load_state("networkidle")
                said = page.locator(".briefings-search__summary").inner_text()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    files: dict[str, int] = {}
    compressed: dict[str, int] = {}
    for path in requested:
        relative = path.lstrip("/")
        if (relative.split("/", 1)[0] == BUNDLE or relative in SEARCH_FILES) and (site / relative).is_file():
            data = (site / relative).read_bytes()
            files[relative] = len(data)
            compressed[relative] = len(gzip.compress(data, compresslevel=6, mtime=0))
    return FirstQuery(query=query, results=said, files=files, compressed=compressed)


SUMMARY_SAYS = """q => { const m = document.querySelector('.briefings-search__summary');
    return m && m.textContent.includes('\u00ab\u202f' + q + '\u202f\u00bb') }"""
"""Whether the dialog has announced the results of query `q` (« N résultats pour « q » »)."""
