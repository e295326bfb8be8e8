"""`mkdocs serve` as an analyst uses it: drop a file in, break it, fix it — without restarting."""

from __future__ import annotations

import os
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


@pytest.fixture
def server(project: Path):
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (project.parent / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
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
