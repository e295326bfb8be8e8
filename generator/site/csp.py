"""The Content-Security-Policy every page carries, from the inline scripts the theme wrote into it.

Scripts run only from the site itself, or inline when the theme wrote them (each allowed by the
SHA-256 of its text, so a script that reached the page's content in any other way does not run).
Nothing is loaded from another origin. Styles come from the site's stylesheets only: no
'unsafe-inline' is needed, as neither the generated pages nor Material's templates write a
`style` attribute or a <style> element (its scripts set styles through the DOM, which the policy
allows). tests/test_browser.py fails on any violation, so a theme update that needs more shows.
The search (Pagefind) runs its index reader as WebAssembly, compiled from a file of the site:
'wasm-unsafe-eval' allows compiling WebAssembly and nothing else (JavaScript's eval() stays blocked).
Directives a <meta> cannot carry (frame-ancestors, report-to, sandbox) are the web server's to send.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

PLACEHOLDER = '<meta http-equiv="Content-Security-Policy" content="briefings-csp">'

# A script's start tag, then its end tag looked for from there: a single pattern with a lazy `.*?` body tried the end
# tag at every character of every script (the page's structured data is kilobytes long), twice the time per page.
_SCRIPT_START = re.compile(r"<script\b(?P<attrs>[^>]*)>", re.I)
_SCRIPT_END = re.compile(r"</script\s*>", re.I)
_SRC = re.compile(r"""\ssrc\s*=""", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.I)
_JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
                     "application/ecmascript"}


def inline_script_hashes(html: str, *, skip: tuple[int, int] = (0, 0)) -> list[str]:
    """`'sha256-…'` for each inline script a browser would run, in a stable order; none from `html[start:end]`
    (`skip`: the page's own content). A script is its start tag to the first end tag after it, within one side."""
    hashes = set()
    start, end = skip
    for at, stop in ((0, start), (end, len(html))):
        while (tag := _SCRIPT_START.search(html, at, stop)) is not None:
            close = _SCRIPT_END.search(html, tag.end(), stop)
            if close is None:
                break  # no end tag: neither has any later start tag
            at = close.end()
            attrs = tag["attrs"]
            kind = _TYPE.search(attrs)
            if _SRC.search(attrs) or (kind and kind["type"].lower() not in _JAVASCRIPT_TYPES):
                continue  # loaded from a file, or data such as the theme's JSON settings: never run inline
            hashes.add(_hash(html[tag.end():close.start()]))
    return sorted(hashes)


@functools.lru_cache(maxsize=256)
def _hash(script: str) -> str:
    """The theme writes the same few scripts into every page."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode('ascii')}'"


def policy(script_hashes: list[str], *, live_reload: bool = False) -> str:
    """The policy. With `live_reload` (mkdocs serve, which adds its own inline reload script to every page
    it serves, different each time), inline scripts may run: hashes would forbid that one."""
    scripts = "'unsafe-inline'" if live_reload else " ".join(script_hashes)
    return "; ".join([
        "default-src 'none'",
        f"script-src 'self' 'wasm-unsafe-eval' {scripts}".rstrip(),
        "style-src 'self'",
        "img-src 'self' data:",  # data: the theme's icons are data URIs in its stylesheet
        "font-src 'self'",
        "connect-src 'self'",  # the search index and its WebAssembly, fetched by the search worker
        "worker-src 'self'",  # the search worker (pagefind/pagefind-worker.js)
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ])


def with_policy(page_html: str, content_html: str = "", *, live_reload: bool = False) -> str | None:
    """The page with its policy in place of the theme's placeholder; None when the placeholder is missing.

    Only the theme's scripts are hashed: the page's own content (`content_html`, the rendered Markdown)
    is left out, so a script in it would not run.
    """
    if PLACEHOLDER not in page_html:
        return None
    start = _find(page_html, content_html) if content_html else -1
    skip = (start, start + len(content_html)) if start >= 0 else (len(page_html), len(page_html))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(page_html, skip=skip), live_reload=live_reload)}">'
    return page_html.replace(PLACEHOLDER, meta, 1)


def _find(text: str, part: str, head: int = 256, tries: int = 8) -> int:
    """`text.find(part)`, sooner for a long `part` (a page's content, tens of KB): Python's search prepares
    the whole of what it looks for first. Looks for `part`'s first `head` characters, then compares the rest;
    after `tries` places that only begin like it (a page cannot make many), Python's own search goes on."""
    if len(part) <= head:
        return text.find(part)
    start = part[:head]
    i = text.find(start)
    for _ in range(tries):
        if i < 0 or text.startswith(part, i):
            return i
        i = text.find(start, i + 1)
    return text.find(part, i) if i >= 0 else i
