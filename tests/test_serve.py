"""`mkdocs serve` as an analyst uses it: drop a file in, break it, fix it — without restarting."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import mkdocs_build

pytestmark = pytest.mark.slow

NEW = """\
title: Briefing déposé pendant l'aperçu
summary: Un fichier ajouté alors que le serveur tourne.
source: {outlet: La Gazette d'essai, published: 2025-11-21, genre: news}
actors: [{name: Trump, role: cité}]
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """Status and the page's visible text (character references decoded)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            html = response.read().decode("utf-8")
            return response.status, " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, predicate, timeout: float = 60) -> str:
    """Poll until the page satisfies `predicate` (bounded in time)."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        status, body = fetch(url)
        last = body
        if status == 200 and predicate(body):
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never matched within {timeout}s; last body starts {last[:300]!r}")


FAULTS = Path(__file__).resolve().parent / "serve_with_faults.py"


@pytest.fixture
def server(project: Path, request: pytest.FixtureRequest):
    """`mkdocs serve` on a free port; with `@pytest.mark.parametrize("server", ["faults"], indirect=True)`,
    through tests/serve_with_faults.py, which plants bugs that some titles set off."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    launcher = [str(FAULTS)] if getattr(request, "param", None) == "faults" else ["-m", "mkdocs"]
    log = (project.parent / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, *launcher, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base, lambda body: "Briefings Ukraine" in body)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_drop_in_break_and_fix_while_serving(project: Path, server: str) -> None:
    path = project / "briefings" / "2025-11-21-depot.yaml"
    path.write_text(NEW, encoding="utf-8")
    page = wait_for(server + "briefings/2025-11-21-depot/", lambda b: "Briefing déposé pendant" in b)
    assert "La Gazette d" in page
    wait_for(server + "acteurs/donald-trump/", lambda b: "Briefing déposé pendant" in b)

    path.write_text(NEW.replace("summary:", "sumary:"), encoding="utf-8")
    errors = wait_for(server + "erreurs/", lambda b: "sumary" in b)
    assert "2025-11-21-depot.yaml" in errors and "did you mean" in errors and "summary" in errors
    wait_for(server, lambda b: "Aperçu incomplet" in b and "Voir les erreurs" in b)
    # the same file fails a real build, with the same report
    build = mkdocs_build(project, project.parent / "site-check")
    assert build.returncode != 0
    assert "briefings/2025-11-21-depot.yaml:2:1: unknown key 'sumary' (did you mean 'summary'?)" in build.output

    path.write_text(NEW, encoding="utf-8")
    wait_for(server, lambda b: "Aperçu incomplet" not in b and "Briefings Ukraine" in b)
    wait_for(server + "erreurs/", lambda b: "Aucune erreur" in b)
    path.unlink()
    wait_for(server + "briefings/", lambda b: "Briefing déposé pendant" not in b and "Briefings" in b)


# --- the preview never hangs ---------------------------------------------------------------------

PAGES = ["", "briefings/", "acteurs/", "chronologie/", "erreurs/", "exports/events.csv"]
OTHER_BRIEFING = "briefings/2025-08-16-quotidien-anchorage/"
ANSWER_WITHIN = 30  # seconds: a rebuild of the test corpus takes a few; a hung preview never answers


def assert_every_page_answers(base: str, *, other_briefings: bool = True) -> None:
    """Every request gets an answer in bounded time (a hung preview answers none), and each page is there
    (a request that races a rebuild may briefly get a 404: it is asked again)."""
    for path in [*PAGES, OTHER_BRIEFING] if other_briefings else PAGES:
        deadline = time.monotonic() + ANSWER_WITHIN
        while True:
            start = time.monotonic()
            try:
                with urllib.request.urlopen(base + path, timeout=ANSWER_WITHIN) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except (urllib.error.URLError, TimeoutError) as exc:
                raise AssertionError(f"/{path} did not answer within {ANSWER_WITHIN}s: the preview hangs") from exc
            assert time.monotonic() - start < ANSWER_WITHIN, f"/{path} took too long"
            if status == 200:
                break
            assert time.monotonic() < deadline, f"/{path} answered {status}"
            time.sleep(0.3)


def briefing(title: str, published: str = "2025-11-21", extra: str = "") -> str:
    return (f"title: {title}\nsummary: Un fichier ajouté alors que le serveur tourne.\n"
            f"source: {{outlet: La Gazette d'essai, published: '{published}', genre: news}}\n{extra}")


BREAKAGES = {
    "malformed": briefing("Titre [non fermé").replace("summary:", "  summary: ["),
    "year zero": briefing("Briefing de l'an zéro", published="0000-09"),
    "bug in its page": briefing("PANNE-PAGE dans la page du briefing"),
    "bug in the timeline": briefing("Événement piégé", extra=(
        "events:\n  - {id: panne-frise, kind: summit, title: PANNE-FRISE, date: 2025-11-20, status: held}\n")),
    "bug on the home page": briefing("Briefing de l'avenir", published="2031-01-01"),
}
UNATTRIBUTED = {"bug in the timeline", "bug on the home page"}  # no briefing at hand: no file named, none shown


@pytest.mark.parametrize("server", ["faults"], indirect=True)
def test_preview_answers_shows_the_error_and_recovers_from_any_breakage(project: Path, server: str) -> None:
    """Whatever a file does — bad YAML, a value rendering cannot take, a bug it sets off in the generator
    with or without a briefing at hand, or outside it (the home page's macros) — every page still answers,
    the error page names the file or says what failed, every page carries the banner, and fixing the file
    brings the full site back."""
    path = project / "briefings" / "2025-11-21-depot.yaml"
    for name, text in BREAKAGES.items():
        path.write_text(text, encoding="utf-8")
        errors = wait_for(server + "erreurs/", lambda b: "2025-11-21-depot.yaml" in b or "PlantedFault" in b)
        attributed = name not in UNATTRIBUTED
        assert_every_page_answers(server, other_briefings=attributed)
        assert "Aperçu incomplet" in wait_for(server, lambda b: "Aperçu incomplet" in b), name
        assert ("2025-11-21-depot.yaml" in errors) is attributed, name
        if name.startswith("bug"):
            assert "the generator failed" in errors and "PlantedFault" in errors, name

        path.write_text(briefing("Briefing réparé"), encoding="utf-8")
        wait_for(server, lambda b: "Aperçu incomplet" not in b and "Briefings Ukraine" in b)
        wait_for(server + "erreurs/", lambda b: "Aucune erreur" in b)
        wait_for(server + "briefings/2025-11-21-depot/", lambda b: "Briefing réparé" in b)
        assert_every_page_answers(server)


def test_an_edit_that_keeps_size_and_modification_time_is_shown(project: Path, server: str) -> None:
    """Tools that keep times (cp -p, rsync -t, unzip), or two same-size saves in one clock tick."""
    path = project / "briefings" / "2025-11-21-depot.yaml"
    path.write_text(briefing("Titre version 1"), encoding="utf-8")
    wait_for(server + "briefings/2025-11-21-depot/", lambda b: "Titre version 1" in b)
    before = path.stat()
    path.write_text(briefing("Titre version 2"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    (project / "docs" / "index.md").touch()  # a rebuild, whatever the watcher made of the restored time
    wait_for(server + "briefings/2025-11-21-depot/", lambda b: "Titre version 2" in b)


def indexed_pages(server: str) -> int:
    """How many pages the preview's search index holds (0 while it cannot be read)."""
    try:
        with urllib.request.urlopen(server + "pagefind/pagefind-entry.json", timeout=5) as response:
            return json.loads(response.read())["languages"]["fr"]["page_count"]
    except (urllib.error.URLError, ConnectionError, TimeoutError, KeyError, ValueError):
        return 0


def wait_for_index(server: str, pages: int, timeout: float = 60) -> None:
    """Until the preview's search index holds `pages` pages: a rebuild is served first, and indexed
    in the background after it (bounded in time)."""
    deadline = time.monotonic() + timeout
    while indexed_pages(server) != pages and time.monotonic() < deadline:
        time.sleep(0.3)
    assert indexed_pages(server) == pages


def test_the_preview_searches_and_indexes_a_briefing_dropped_in(project: Path, server: str) -> None:
    """`mkdocs serve` builds into a temporary folder: the search index is built there too, on every rebuild."""
    before = indexed_pages(server)  # the first build is indexed before the preview opens
    assert before > 10
    (project / "briefings" / "2025-11-21-depot.yaml").write_text(NEW, encoding="utf-8")
    wait_for(server + "briefings/2025-11-21-depot/", lambda b: "Briefing déposé pendant" in b)
    wait_for_index(server, before + 1)


@pytest.mark.parametrize("server", ["faults"], indirect=True)
def test_a_search_index_failure_is_reported_and_the_preview_goes_on(project: Path, server: str) -> None:
    """Pagefind failing on a rebuild (planted by tests/serve_with_faults.py) is written to the log; the
    preview keeps serving every page, and the next rebuild's index catches up."""
    before = indexed_pages(server)
    assert before > 10
    path = project / "briefings" / "2025-11-21-depot.yaml"
    path.write_text(briefing("PANNE-RECHERCHE dans la recherche"), encoding="utf-8")
    wait_for(server + "briefings/2025-11-21-depot/", lambda b: "PANNE-RECHERCHE" in b)
    log = project.parent / "serve.log"
    deadline = time.monotonic() + 60
    while "the search index could not be built" not in log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "the search index failure was not reported"
        time.sleep(0.3)
    assert indexed_pages(server) == before  # the previous index is still served
    assert_every_page_answers(server)
    path.write_text(briefing("Briefing réparé"), encoding="utf-8")
    wait_for(server + "briefings/2025-11-21-depot/", lambda b: "Briefing réparé" in b)
    wait_for_index(server, before + 1)


# --- incremental rebuilds ------------------------------------------------------------------------


def test_a_rebuild_renders_only_what_changed_and_shows_every_change(project: Path, server: str) -> None:
    """The preview rebuilds only the generated pages whose Markdown changed: an edit shows on the
    briefing's page, on the cross-source pages it touches and in the exports, a deleted briefing's page is gone,
    and a page the change does not touch keeps the very output written before (its file untouched)."""
    path = project / "briefings" / "2025-11-21-depot.yaml"
    def event(when: str) -> str:  # a row of the exports
        return f"events:\n  - {{id: rencontre-depot, kind: meeting, title: Rencontre {when} retouche, date: 2025-11-20}}\n"

    path.write_text(briefing("Titre avant retouche", extra=event("avant")), encoding="utf-8")
    wait_for(server + "briefings/2025-11-21-depot/", lambda b: "Titre avant retouche" in b)
    untouched = server + OTHER_BRIEFING
    served_before = served(untouched)

    path.write_text(briefing("Titre après retouche", extra=event("après")), encoding="utf-8")
    wait_for(server + "briefings/2025-11-21-depot/", lambda b: "Titre après retouche" in b)
    wait_for(server + "sources/", lambda b: "Titre après retouche" in b and "Titre avant retouche" not in b)
    wait_for(server + "briefings/", lambda b: "Titre après retouche" in b)
    assert served(untouched) == served_before
    # the exports are written after the pages are served, and catch up
    wait_for(server + "exports/briefings.json", lambda b: "Rencontre après retouche" in b and "Rencontre avant" not in b)

    path.unlink()
    wait_for(server + "briefings/", lambda b: "Titre après retouche" not in b and "Briefings" in b)
    deadline = time.monotonic() + 60
    while fetch(server + "briefings/2025-11-21-depot/")[0] != 404:
        assert time.monotonic() < deadline, "the deleted briefing's page is still served"
        time.sleep(0.3)
    assert fetch(untouched)[0] == 200


def served(url: str) -> bytes:
    """A page as served, without the reload script's counters (MkDocs numbers every build in it)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return re.sub(rb"livereload\(\d+, *\d+\)", b"livereload()", response.read())
