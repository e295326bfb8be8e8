"""The built site in a real browser: Debian's Chromium, driven by Playwright, offline.

The project's own briefings/ and content/ are built once and served on
127.0.0.1 from a thread. Every test's page fails it on a console error, an
uncaught script error, a dialog (alert, confirm), a Content-Security-Policy
violation (`securitypolicyviolation` events) or any request to another host
(such requests are also aborted, so nothing ever leaves the machine).
Screenshots of the main page kinds go to test-results/screenshots/.

Without /usr/bin/chromium these tests are skipped, except in CI (CI=true), where
they fail: CI must not pass by skipping them. `.ci/run` installs it.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, make_project, mkdocs_build
from htmllint import lint_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "test-results" / "screenshots"
SEVERE = {"serious", "critical"}


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{message}: CI must run the browser tests", pytrace=False)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@dataclass
class Server:
    url: str
    site: Path


def serve(site: Path) -> Iterator[Server]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_address[1]}", site)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The repository's own briefings and registries, built as `make site` would and served locally."""
    require_chromium()
    base = tmp_path_factory.mktemp("browser")
    build = mkdocs_build(make_project(base / "project", corpus=ROOT), base / "site")
    assert build.returncode == 0, build.output
    assert lint_site(build.site) == []  # nothing unsafe, no Markdown shown as text (tests/htmllint.py)
    yield from serve(build.site)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What a page did that it must not: errors, dialogs, requests to other hosts."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)


# Runs in every page before its own scripts: reports each Content-Security-Policy violation to the test.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", e => window.reportCspViolation(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


def open_page(browser, **options: object):
    """A page in a fresh context (viewport, colour scheme…) that records everything it must not do."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, "locale": "fr-FR",
                                     "service_workers": "block", **options})
    watch = Watch()

    def route(r) -> None:
        if urlsplit(r.request.url).hostname == "127.0.0.1" or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.expose_function("reportCspViolation", lambda violation: watch.csp.append(violation))
    context.add_init_script(CSP_LISTENER)
    pg = context.new_page()
    pg.watch = watch
    pg.on("console", lambda m: watch.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(f"uncaught: {e}"))

    def on_dialog(d) -> None:
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    return context, pg


def close_page(context, pg) -> None:
    watch = pg.watch
    pg.wait_for_timeout(100)  # a violation is reported asynchronously
    context.close()
    assert watch.csp == [], "Content-Security-Policy violations"
    assert watch.outside == [], "requests left 127.0.0.1"
    assert watch.errors == []
    assert watch.dialogs == []


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    context, pg = open_page(browser)
    yield pg
    close_page(context, pg)


def shoot(pg, name: str, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


OPEN = ".briefings-search__open"
BOX = ".briefings-search__dialog input[type=search]"
SUMMARY = ".briefings-search__summary"
RESULT_LINKS = ".briefings-search__results a"


def search(pg, query: str) -> int:
    """Open the search dialog from the header and type like a reader; the number of results it announces."""
    box = pg.locator(BOX)
    if not box.is_visible():
        pg.locator(OPEN).click()
    box.fill("")
    box.press_sequentially(query, delay=15)
    return results_count(pg, query)


def results_count(pg, query: str, previous: str | None = None) -> int:
    """Wait for the dialog's summary of `query` (« N résultats pour « q » », « Un résultat … », « Aucun … »),
    other than `previous` when given (the summary before a filter or the sort changed)."""
    from bench.search_payload import SUMMARY_SAYS

    pg.wait_for_function(f"([q, previous]) => ({SUMMARY_SAYS})(q)"
                         f" && document.querySelector('{SUMMARY}').textContent !== previous",
                         arg=[query, previous], timeout=15_000)
    said = pg.locator(SUMMARY).inner_text()
    return 0 if said.startswith("Aucun") else 1 if said.startswith("Un ") else int(
        "".join(c for c in said.split(" résultats")[0] if c.isdigit()))


def result_links(pg) -> list[str]:
    """The links of the results shown (the first ten; each is written once its excerpt has loaded)."""
    links = pg.locator(RESULT_LINKS)
    links.first.wait_for(timeout=15_000)
    return [a.get_attribute("href") for a in links.all()]


# --- pages render ---------------------------------------------------------------------------------

def test_home_page_renders(site: Server, page) -> None:
    page.goto(site.url + "/")
    assert page.locator("article h1").inner_text().startswith("Briefings Ukraine")
    assert page.title().startswith("Briefings Ukraine")
    assert page.locator("nav.md-nav--primary a.md-nav__link", has_text="Chronologie").count() >= 1
    assert page.locator("article a[href*='briefings/']").count() >= 1
    shoot(page, "accueil")


MAIN_PAGES = {
    "briefings": "/briefings/", "acteurs": "/acteurs/", "sommets": "/sommets/", "chronologie": "/chronologie/",
    "exigences": "/revendications/", "chiffres": "/chiffres/", "citations": "/citations/", "sources": "/sources/",
    "divergences": "/divergences/", "methode": "/methode/",
}


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_each_main_page_renders_without_errors(site: Server, page, name: str) -> None:
    page.goto(site.url + MAIN_PAGES[name])
    assert page.locator("article h1").count() == 1
    images = page.locator("article img")
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), "an image did not load"
    shoot(page, name)


# --- search ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Anchorage", "sanctions", "garanties"])
def test_french_search_finds(site: Server, page, query: str) -> None:
    page.goto(site.url + "/")
    assert search(page, query) > 0
    first = result_links(page)[0]
    assert urlsplit(first).hostname in (None, "127.0.0.1")
    if query == "Anchorage":
        shoot(page, "recherche", full_page=False)  # the search dialog is a fixed overlay


@pytest.mark.parametrize("query", ["Zelensky", "Lavrov", "Peskov", "Sergueï"])
def test_search_finds_names_as_the_briefings_spell_them(site: Server, page, query: str) -> None:
    page.goto(site.url + "/")
    assert search(page, query) > 0


@pytest.mark.parametrize(("query", "accented"), [("Serguei", "Sergueï"), ("securite", "sécurité")])
def test_search_folds_accents(site: Server, page, query: str, accented: str) -> None:
    """A query typed without accents finds the accented words, as many pages as the accented query."""
    page.goto(site.url + "/")
    found = search(page, query)
    assert found > 0
    assert found == search(page, accented)


def found_urls(pg, query: str) -> set[str]:
    """Every page Pagefind's own API finds for `query` (not only the first results the dialog shows)."""
    return set(pg.evaluate("""async q => {
        const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
        await pagefind.init();
        const found = await pagefind.search(q);
        return Promise.all(found.results.map(async r => (await r.data()).url));
    }""", query))


def test_search_splits_french_elisions_with_typographic_apostrophes(site: Server, page) -> None:
    """« s’accorderaient » (typographic apostrophe) is found by the word alone, and by the query typed
    with either apostrophe; the page itself still shows the typographic one."""
    page.goto(site.url + "/")
    elided = search(page, "s’accorderaient")
    assert elided > 0 and search(page, "s'accorderaient") == elided
    pages = found_urls(page, "s’accorderaient")
    assert len(pages) == elided and pages == found_urls(page, "s'accorderaient")
    assert pages <= found_urls(page, "accorderaient")  # the word alone, after the apostrophe
    for url in pages:
        page.goto(site.url + url)
        assert "s’accorderaient" in page.locator("article").inner_text()


def choose_filter(pg, key: str, value: str) -> None:
    """Open « Filtres » (their values load then) and choose `value` in the filter `key`."""
    filters = pg.locator(".briefings-search__filters")
    if not filters.evaluate("d => d.open"):
        filters.locator("summary").click()
    select = pg.locator(f"select[data-briefings-filter='{key}']")
    pg.wait_for_function("s => s.options.length > 1", arg=select.element_handle(), timeout=15_000)
    select.select_option(value)


def test_search_filters_narrow_the_results(site: Server, page) -> None:
    """Choosing « Analyse » in the Genre filter leaves only analyses, fewer results than without it; a year
    on top of it narrows them again (the filters combine)."""
    page.goto(site.url + "/")
    everything = search(page, "Trump")
    before = page.locator(SUMMARY).inner_text()
    choose_filter(page, "genre", "Analyse")
    narrowed = results_count(page, "Trump", before)
    assert 0 < narrowed < everything
    links = result_links(page)
    years = page.locator("select[data-briefings-filter='annee'] option").evaluate_all("os => os.map(o => o.value)")
    assert "" in years and len(years) > 1
    year = years[1]
    expected = page.evaluate("""async year => {
        const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
        return (await pagefind.search("Trump", {filters: {genre: "Analyse", annee: year}})).results.length;
    }""", year)
    assert expected <= narrowed
    choose_filter(page, "annee", year)
    for _ in range(150):  # the summary may say the same count as before: wait for the one expected
        if results_count(page, "Trump") == expected:
            break
        page.wait_for_timeout(100)
    assert results_count(page, "Trump") == expected
    shoot(page, "recherche-filtres", full_page=False)
    for link in links:
        page.goto(site.url + link)
        assert page.locator("article li", has_text="Genre : Analyse").count() == 1, link


def test_search_results_sort_by_publication_date(site: Server, page) -> None:
    """Briefing pages carry their publication date as Pagefind's sort key (`date`, AAAA-MM-JJ), and
    « Plus récents » in the dialog shows the results in that order, newest first."""
    page.goto(site.url + "/")
    newest = page.evaluate("""async () => {
        const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
        await pagefind.init();
        const found = await pagefind.search("Trump", {sort: {date: "desc"}});
        return Promise.all(found.results.map(async r => { const d = await r.data(); return [d.url, d.meta.date]; }));
    }""")
    dated = [d for _, d in newest if d]
    assert len(dated) >= 2 and dated == sorted(dated, reverse=True)
    search(page, "Trump")
    page.locator("select[data-briefings-sort]").select_option("date")
    expected = [url for url, _ in newest[:10]]
    page.wait_for_function("want => JSON.stringify([...document.querySelectorAll(" + repr(RESULT_LINKS)
                           + ")].map(a => a.getAttribute('href'))) === JSON.stringify(want)", arg=expected,
                           timeout=15_000)
    shown = page.locator(".briefings-search__results time").evaluate_all("ts => ts.map(t => t.dateTime)")
    assert shown == sorted(shown, reverse=True) and len(shown) >= 2


def test_search_is_reachable_from_the_keyboard(site: Server, page) -> None:
    """Ctrl+K opens the dialog with the query focused; ↓ reaches the first result; Escape closes the
    dialog and gives the focus back to the header's button."""
    page.goto(site.url + "/")
    page.keyboard.press("Control+k")
    box = page.locator(BOX)
    box.wait_for(state="visible")
    focused(page, BOX)
    page.keyboard.type("Anchorage", delay=15)
    assert results_count(page, "Anchorage") > 0
    result_links(page)
    page.keyboard.press("ArrowDown")
    focused(page, RESULT_LINKS)
    page.keyboard.press("Escape")
    box.wait_for(state="hidden")
    # The dialog's `close` event, which hands the focus back, runs as a task of its own after the dialog hides.
    focused(page, OPEN)
    page.keyboard.press("Enter")  # the focused button opens it again
    box.wait_for(state="visible")


def focused(page, selector: str, timeout: float = 5000) -> None:
    """Waits until the first element matching `selector` has the focus; fails after `timeout` ms."""
    page.wait_for_function("s => document.activeElement === document.querySelector(s)", arg=selector,
                           timeout=timeout)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_open_search_dialog_has_no_serious_accessibility_violation(site: Server, browser, scheme: str,
                                                                       viewport: str) -> None:
    """axe, with the dialog open, results shown and the filters unfolded, in both schemes, desktop and phone."""
    context, pg = open_page(browser, color_scheme=scheme,
                            viewport=PHONE if viewport == "phone" else {"width": 1400, "height": 1000})
    pg.goto(site.url + "/")
    assert search(pg, "Trump") > 0
    result_links(pg)
    choose_filter(pg, "genre", "")
    rules = severe_rules(pg)
    shoot(pg, f"recherche-{viewport}-{scheme}", full_page=False)
    close_page(context, pg)
    assert rules == set()


# --- navigation -----------------------------------------------------------------------------------

def test_navigation_briefing_actor_summit_source(site: Server, page) -> None:
    """From a briefing to an actor who took part in a summit, to that summit's page, to a source of it."""
    page.goto(site.url + "/briefings/")
    briefings = [a.get_attribute("href") for a in page.locator("article table a").all()]
    for briefing in briefings:
        page.goto(f"{site.url}/briefings/{briefing}")
        actors = [a.get_attribute("href") for a in page.locator("article ul a[href*='acteurs/']").all()]
        for actor in actors:
            page.goto(f"{site.url}/briefings/{briefing}")
            link = page.locator(f"article a[href='{actor}']").first
            name = link.inner_text()
            link.click()
            page.wait_for_load_state()
            assert "/acteurs/" in page.url and page.locator("article h1").inner_text().startswith(name)
            summits = page.locator("article a[href*='sommets/']")
            if summits.count():
                break
        else:
            continue
        break
    else:
        pytest.fail("no briefing names an actor who took part in a summit")
    shoot(page, "acteur")
    summit_title = summits.first.inner_text()
    summits.first.click()
    page.wait_for_load_state()
    assert "/sommets/" in page.url
    assert page.locator("article h1").count() == 1 and summit_title
    shoot(page, "sommet")
    source = page.locator("article table a[href*='briefings/']").first
    source_title = source.inner_text()
    source.click()
    page.wait_for_load_state()
    assert "/briefings/" in page.url
    assert page.locator("article h1").inner_text().startswith(source_title)
    assert page.locator("article li", has_text="Média :").count() == 1
    shoot(page, "briefing")


# --- accessibility ---------------------------------------------------------------------------------

def severe_rules(pg) -> set[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(pg).response["violations"]
    return {v["id"] for v in violations if v.get("impact") in SEVERE}


PHONE = {"width": 375, "height": 800}


@pytest.fixture(scope="module")
def page_kinds(site: Server, browser) -> dict[str, str]:
    """Every page kind, found once by following the site's own links."""
    context, pg = open_page(browser)
    kinds = every_page_kind(site, pg)
    close_page(context, pg)
    return kinds


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_page_kind_has_a_serious_accessibility_violation(site: Server, browser, page_kinds: dict[str, str],
                                                            scheme: str, viewport: str) -> None:
    """No baseline: axe finds no violation of serious or critical impact on any page kind, in the light and
    the dark scheme, on a desktop and on a phone."""
    context, pg = open_page(browser, color_scheme=scheme, viewport=PHONE if viewport == "phone" else None
                            or {"width": 1280, "height": 900})
    found: dict[str, set[str]] = {}
    for kind, path in page_kinds.items():
        pg.goto(site.url + path)
        expected = "slate" if scheme == "dark" else "default"
        assert pg.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == expected, kind
        rules = severe_rules(pg)
        if rules:
            found[kind] = rules
    close_page(context, pg)
    assert found == {}


def test_no_page_kind_scrolls_sideways_on_a_phone(site: Server, browser, page_kinds: dict[str, str]) -> None:
    """At 375 px the page is never wider than the screen: wide tables and charts scroll in their own box."""
    context, pg = open_page(browser, viewport=PHONE)
    wide = {}
    for kind, path in page_kinds.items():
        pg.goto(site.url + path)
        pg.wait_for_load_state("load")
        width = pg.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        if width[0] != width[1]:
            wide[kind] = width
        if kind == "un-sommet":
            shoot(pg, "sommet-telephone")
    close_page(context, pg)
    assert wide == {}


def test_the_keyboard_reaches_every_marker_of_the_timeline(site: Server, page) -> None:
    """Tab goes through the strips' markers one by one, in order, and Enter follows the focused one."""
    page.goto(site.url + "/chronologie/")
    markers = page.locator("svg a.tl-mark")
    count = markers.count()
    assert count > 0
    hrefs = [markers.nth(i).get_attribute("href") for i in range(count)]
    markers.first.evaluate("a => { a.focus(); a.blur(); }")
    page.locator("article h1").click()  # start the Tab order at the top of the article
    reached = []
    for _ in range(count + 60):
        page.keyboard.press("Tab")
        mark = page.evaluate("() => { const a = document.activeElement;"
                             " return a && a.matches('svg a.tl-mark') ? a.getAttribute('href') : null }")
        if mark:
            reached.append(mark)
        elif reached:
            break
    assert reached == hrefs
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("h => location.hash === h", arg=hrefs[-1])


def test_print_drops_the_chrome_and_writes_links_out(site: Server, page, page_kinds: dict[str, str]) -> None:
    page.goto(site.url + page_kinds["un-sommet"])
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display") == "none"
    link = page.locator("article a[href^='../']").first
    assert "(" in link.evaluate("a => getComputedStyle(a, '::after').content")


# --- hostile text in a real browser ---------------------------------------------------------------

HOSTILE_TITLES = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=2</script>",
    "__config",
    '"><svg onload=window.__xss=3>',
    "{{ 7*7 }} [x](javascript:window.__xss=4)",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require_chromium()
    base = tmp_path_factory.mktemp("browser-hostile")
    project = make_project(base / "project")
    for i, title in enumerate(HOSTILE_TITLES):
        briefing = {"title": title, "summary": f"Page {i} piégée, mot-clef xsscanari.",
                    "source": {"outlet": title, "published": f"2025-01-0{i + 1}", "genre": "news",
                               "url": "javascript:window.__xss=5"}}
        (project / "briefings" / f"hostile-{i}.yaml").write_text(json.dumps(briefing, ensure_ascii=False),
                                                                 encoding="utf-8")
    (project / "docs" / "script-en-ligne.md").write_text(
        "# Script en ligne\n\n<script>window.__inline = 1</script>\n\nUn script écrit dans la page.\n", encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("  - Script en ligne: script-en-ligne.md\n")  # nav is the file's last key
    build = mkdocs_build(project, base / "site", markdown_check=False)  # hostile titles write Markdown on purpose
    assert build.returncode == 0, build.output
    yield from serve(build.site)


@pytest.mark.parametrize("i", range(len(HOSTILE_TITLES)))
def test_hostile_titles_run_nothing_and_leave_the_theme_working(hostile_site: Server, page, i: int) -> None:
    page.goto(f"{hostile_site.url}/briefings/hostile-{i}/")
    assert page.locator("article h1").inner_text().removesuffix("¶").strip() == HOSTILE_TITLES[i]
    # The theme's script still runs (it reads its settings from #__config), the search finds every page
    # and shows the titles as text.
    assert search(page, "xsscanari") == len(HOSTILE_TITLES)
    result_links(page)
    assert sorted(page.locator(RESULT_LINKS).all_inner_texts()) == sorted(
        t.strip() for t in HOSTILE_TITLES)
    handlers = "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]).filter(a => /^on/i.test(a.name)).length"
    assert page.evaluate(handlers) == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("article li", has_text="javascript:window.__xss=5").count() == 1
    assert page.evaluate("() => window.__xss") is None
    if i == 0:
        shoot(page, "titre-hostile", full_page=False)


# --- Content-Security-Policy ----------------------------------------------------------------------

def every_page_kind(site: Server, pg) -> dict[str, str]:
    """One page of each kind the site has, found by following its own links."""
    kinds = {"accueil": "/", **MAIN_PAGES, "format": "/format-des-briefings/", "donnees": "/donnees/",
             "ajouter": "/ajouter-un-briefing/", "themes": "/themes/", "introuvable": "/404.html"}
    for kind, index, selector in [("un-briefing", "/briefings/", "article table a"),
                                  ("un-acteur", "/acteurs/", "article ul a"),
                                  ("un-sommet", "/sommets/", "article table a"),
                                  ("un-theme", "/themes/", "article table a")]:
        pg.goto(site.url + index)
        kinds[kind] = index + pg.locator(selector).first.get_attribute("href")
    return kinds


def test_every_page_kind_runs_under_its_content_security_policy(site: Server, page) -> None:
    """Every page kind loads, runs the theme's scripts and searches with no policy violation
    (the fixture fails the test on any), and the policy is the one the page declares."""
    for kind, path in every_page_kind(site, page).items():
        page.goto(site.url + path)
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
        assert policy.count() == 1, kind
        content = policy.get_attribute("content")
        assert "default-src 'none'" in content and "'unsafe-inline'" not in content.split("script-src")[1].split(";")[0]
        if kind != "introuvable":
            assert page.locator("article h1").count() == 1, kind
        # the theme's inline scripts ran (they define __md_get); the search box is tried below
        assert page.evaluate("() => typeof __md_get") == "function", kind
    page.goto(site.url + "/")
    assert search(page, "Anchorage") > 0
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # the search opens the result (form-action 'none': no form is ever submitted)
    page.wait_for_url(lambda url: url.rstrip("/") != site.url)
    page.wait_for_load_state()
    assert page.evaluate("() => typeof __md_get") == "function"


def test_a_script_that_reaches_a_page_does_not_run(hostile_site: Server, page) -> None:
    """Defence in depth: a <script> in a page's content (here a hand-written page's raw HTML) is blocked
    by the policy, and the browser reports the violation."""
    page.goto(f"{hostile_site.url}/script-en-ligne/")
    assert page.evaluate("() => window.__inline") is None
    page.wait_for_timeout(200)
    assert any(v.startswith("script-src") for v in page.watch.csp)
    page.watch.csp.clear()
    page.watch.errors[:] = [e for e in page.watch.errors if "Content Security Policy" not in e]
