"""Every built page declares a Content-Security-Policy that lets only the site's own files and the theme's
own inline scripts run, and loads nothing from another origin. (tests/test_browser.py checks that
Chromium, under that policy, reports no violation on any page kind.)"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Build
from generator.site import csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
INLINE = re.compile(r"<script>(.*?)</script>", re.S)
WASM = "'wasm-unsafe-eval'"
KEYWORDS = re.compile(r"'(self|none|sha256-[A-Za-z0-9+/]+=*)'")


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (d.split() for d in policy.split(";"))}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.slow
def test_every_page_has_one_policy_before_anything_it_governs(corpus_site: Build) -> None:
    pages = html_pages(corpus_site.site)
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        [policy] = META.findall(html)
        head = html[:html.index("<meta http-equiv")]
        # no script and no stylesheet before the policy (only the theme's <meta>s, canonical and favicon links)
        assert "<script" not in head and "stylesheet" not in head, page
        rules = directives(policy)
        assert rules["default-src"] == ["'none'"]
        for name, sources in rules.items():
            for source in sources:
                # no origin other than the site's own: only keywords, hashes, and data: images
                assert (KEYWORDS.fullmatch(source) or (name == "img-src" and source == "data:")
                        or (name == "script-src" and source == WASM)), (page, source)
        scripts = rules["script-src"]
        assert "'self'" in scripts and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert WASM in scripts  # the search's WebAssembly: compiling it, and no eval() of JavaScript
        for body in INLINE.findall(html):
            assert sha256(body) in scripts, (page, body[:60])  # every inline script the theme wrote may run


def test_a_script_in_the_content_is_not_allowed() -> None:
    page = (f"<html><head>{csp.PLACEHOLDER}<script>theme()</script></head>"
            "<body><article><script>injected()</script></article>"
            '<script id="__config" type="application/json">{}</script><script src="a.js"></script></body></html>')
    done = csp.with_policy(page, "<article><script>injected()</script></article>")
    scripts = directives(META.search(done)[1])["script-src"]
    assert scripts == ["'self'", WASM, sha256("theme()")]
    assert csp.with_policy("<html><head></head></html>") is None


def test_the_live_preview_lets_its_reload_script_run() -> None:
    rules = directives(csp.policy([sha256("x")], live_reload=True))
    assert rules["script-src"] == ["'self'", WASM, "'unsafe-inline'"]


@pytest.mark.slow
def test_a_project_with_its_own_theme_overrides_keeps_the_policy(overridden_site: Build) -> None:
    index = overridden_site.page("index.html")
    assert "Pied de page maison" in index and len(META.findall(index)) == 1


@settings(max_examples=1000)
@given(st.text(alphabet="ab<>", max_size=40), st.text(alphabet="ab<>", max_size=12), st.integers(1, 4),
       st.integers(0, 3))
def test_the_page_content_is_found_where_a_plain_search_finds_it(text: str, part: str, head: int, tries: int) -> None:
    """csp._find looks for the content's first characters, then compares the rest: the first place, as str.find."""
    assert csp._find(text, part, head, tries) == text.find(part)
    assert csp._find(text + part + text, part, head, tries) == (text + part + text).find(part)


class _Counted(str):
    """A page that counts the places where its content is compared in full."""
    compared = 0

    def startswith(self, *args):  # type: ignore[override]
        type(self).compared += 1
        return super().startswith(*args)


def test_a_page_of_near_copies_of_its_content_is_not_compared_at_each() -> None:
    """Twenty thousand places begin like the content: a few are compared, then Python's own search goes on
    (comparing at each would take as long as the page times the content)."""
    part = "a" * 20_000 + "b"
    for text, found in ((_Counted("a" * 40_000), -1), (_Counted("a" * 40_000 + part), 40_000)):
        _Counted.compared = 0
        assert csp._find(text, part) == found
        assert _Counted.compared <= 8


_SCRIPT_THE_PLAIN_WAY = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)


def hashes_the_plain_way(html: str, skip: tuple[int, int]) -> list[str]:
    """One pattern with a lazy body, over each side of the content: what the policy hashed before."""
    start, end = skip
    found = set()
    for m in [*_SCRIPT_THE_PLAIN_WAY.finditer(html, 0, start), *_SCRIPT_THE_PLAIN_WAY.finditer(html, end)]:
        attrs = m["attrs"]
        kind = re.search(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]*)""", attrs, re.I)
        if re.search(r"\ssrc\s*=", attrs, re.I) or (kind and kind["type"].lower() not in csp._JAVASCRIPT_TYPES):
            continue
        found.add(sha256(m["body"]))
    return sorted(found)


_pieces = st.sampled_from(["<script>", "<SCRIPT type=module>", "<script src=x.js>", '<script type="application/json">',
                           "</script>", "</SCRIPT >", "</script\n>", "<scripty>", "</scriptx>", "x", "é", ">", "<",
                           "\n", "<script\ttype='text/javascript'>"])


@settings(max_examples=1000)
@given(st.lists(_pieces, max_size=16).map("".join), st.integers(0, 120), st.integers(0, 120))
def test_inline_scripts_are_those_one_pattern_finds(html: str, a: int, b: int) -> None:
    skip = (min(a, b, len(html)), min(max(a, b), len(html)))
    assert csp.inline_script_hashes(html, skip=skip) == hashes_the_plain_way(html, skip)
