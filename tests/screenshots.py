"""`make screenshots`: PNGs of the seed site for the README, taken with the headless Chromium the
browser tests use (Debian's /usr/bin/chromium, through Playwright), offline.

Builds the project's own briefings into a temporary folder, serves it on 127.0.0.1, and writes
the summit page with the most accounts and the timeline, on a desktop and on a phone, into the
folder given (default: screenshots/). Nothing outside 127.0.0.1 is requested.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = {  # name: (path, viewport, full page)
    "sommet": (None, {"width": 1400, "height": 1000}, False),
    "sommet-telephone": (None, {"width": 375, "height": 800}, False),
    "chronologie": ("/chronologie/", {"width": 1400, "height": 1000}, False),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    from generator.pipeline import build
    from generator.project import Project

    index = build(Project.from_options(ROOT)).index
    summits = [e for e in index.events.values() if e.kind == "summit"]
    summit = max(summits, key=lambda e: (len(e.accounts), e.id))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                       check=True, cwd=ROOT)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for name, (path, viewport, full) in SHOTS.items():
                    context = browser.new_context(viewport=viewport, locale="fr-FR", color_scheme="light",
                                                  service_workers="block")
                    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                    page = context.new_page()
                    page.goto(base + (path or f"/sommets/{summit.id}/"))
                    page.wait_for_load_state("load")
                    page.screenshot(path=str(out / f"{name}.png"), full_page=full)
                    context.close()
                    print(out / f"{name}.png")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots")
