"""A post-build lint of the HTML MkDocs wrote: what no page of this site may ever contain.

It knows nothing of briefings. It reads every built page and reports, one line
per finding, anything that would let text become behaviour: a script inside
the article, an event-handler attribute, a link or source with a scheme other
than http(s) or mailto, an element of a kind the generator never writes, or an
id used twice in one page (a heading id equal to one of the theme's own, such
as `__drawer` or `__config`, silently breaks the theme's JavaScript).

It also reports Markdown the generator wrote that failed to render and shows as
text (`raw_markdown`): a table row or separator, `**`, `[text](url)`, `!!!`,
`{: `, a line starting with `#` or `- `, or one of the ⟦ ⟧ brackets the
generator wraps encoded values in. Briefing text may hold the same characters
and must show them as written: the texts a site is known to show verbatim are
given as `verbatim` and taken out of the visible text before it is checked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "background", "cite", "data",
                  "xlink:href", "ping", "manifest", "codebase", "longdesc", "lowsrc", "dynsrc")
ALLOWED_SCHEMES = {"", "http", "https", "mailto"}
# What Python-Markdown (with admonition, attr_list, tables, toc) and the theme's article chrome
# produce. Anything else inside the article came from somewhere it should not have.
ARTICLE_ELEMENTS = {
    "a", "article", "blockquote", "br", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li",
    "nav", "ol", "p", "path", "span", "strong", "svg", "table", "tbody", "td", "th", "thead", "tr", "ul",
    "code", "pre",
}
# The drawing elements of the generator's inline SVG (timeline strips, figure charts): allowed inside an <svg> only.
SVG_ELEMENTS = {"a", "circle", "desc", "g", "line", "path", "rect", "text", "title"}
# The only <details> the generator writes: the folded « Nuances entre récits » blocks (pymdownx.details).
GENERATED_DETAILS = "Nuances entre récits"
# Elements that are never acceptable anywhere inside the article, whatever the source.
FORBIDDEN_IN_ARTICLE = {"script", "iframe", "object", "embed", "form", "input", "button", "style", "link",
                        "meta", "base", "frame", "frameset", "textarea", "select", "template", "math", "video",
                        "audio", "source", "details", "dialog", "mark", "sup", "sub", "del", "ins", "abbr"}


def lint_page(html: str, where: str = "", verbatim: Iterable[str] | None = None) -> list[str]:
    """Every finding for one page, as `where: what` lines."""
    return lint_soup(BeautifulSoup(html, "html.parser"), where, verbatim)


def lint_soup(soup: BeautifulSoup, where: str = "", verbatim: Iterable[str] | re.Pattern | None = None) -> list[str]:
    """The same, for a page already parsed (it is not modified)."""
    findings: list[str] = []
    article = soup.select_one("div.md-content")
    if article is not None:
        findings += _article_findings(article)
        findings += raw_markdown(article, verbatim)
    for element in soup.find_all(True):
        findings += _attribute_findings(element)
    findings += _duplicate_ids(soup)
    return [f"{where}: {f}" if where else f for f in findings]


def lint_site(site: Path, verbatim: Iterable[str] | None = None) -> list[str]:
    """Every finding for every HTML page of a built site."""
    findings: list[str] = []
    shown = verbatim_pattern(verbatim)
    for page in sorted(site.rglob("*.html")):
        findings += lint_page(page.read_text(encoding="utf-8"), page.relative_to(site).as_posix(), shown)
    return findings


# --- Markdown left as text -------------------------------------------------------------------------

# What Markdown written by the generator looks like when it failed to render. Checked on the visible
# text of the article, line by line, code blocks and permalink marks left out.
RAW_MARKDOWN: tuple[tuple[str, re.Pattern], ...] = (
    ("table row", re.compile(r"\|\s*:?-+:?\s*\||^\s*\|.*\|\s*$")),
    ("bold marker **", re.compile(r"\*\*")),
    ("link [text](url)", re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")),
    ("admonition !!!", re.compile(r"!!!")),
    ("attribute list {: ", re.compile(r"\{:")),
    ("heading #", re.compile(r"^\s*#{1,6}(\s|$)")),
    ("list marker - ", re.compile(r"^\s*[-*+]\s")),
    ("encoding bracket ⟦ ⟧", re.compile(r"[⟦⟧]")),
)
_BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "caption")
_HIDDEN = "a.headerlink, code, pre, script, style"
_GONE = "\x00"  # stands for a verbatim text taken out: it matches no pattern and starts no line


def verbatim_pattern(texts: Iterable[str] | re.Pattern | None) -> re.Pattern | None:
    """One pattern matching any of `texts` as a page shows it: any run of whitespace may have changed."""
    if texts is None or isinstance(texts, re.Pattern):
        return texts
    pieces = sorted({t.strip() for t in texts if t.strip()}, key=len, reverse=True)
    if not pieces:
        return None
    return re.compile("|".join(r"\s+".join(map(re.escape, p.split())) for p in pieces if p.split()))


def raw_markdown(root: Tag, verbatim: Iterable[str] | re.Pattern | None = None) -> list[str]:
    """Markdown shown as text inside `root` (the article), once the `verbatim` texts are taken out."""
    shown = verbatim_pattern(verbatim)
    root = BeautifulSoup(str(root), "html.parser")  # a copy: the caller's tree is left as it was
    for hidden in root.select(_HIDDEN):
        hidden.decompose()
    out = []
    for block in [b for b in root.find_all(_BLOCKS) if b.find_parent(_BLOCKS) is None]:
        out += _raw_lines(block.get_text(), block.name, shown)  # nested blocks are read with the outer one
        block.decompose()
    return out + _raw_lines(root.get_text(), "article", shown)  # text outside any block


def _raw_lines(text: str, where: str, shown: re.Pattern | None) -> list[str]:
    if shown is not None:
        text = shown.sub(_GONE, text)
    return [f"Markdown left as text ({what}) in <{where}>: {line.strip()[:120]!r}"
            for line in re.split(r"[\n\r\u2028\u2029\x85]", text)
            for what, pattern in RAW_MARKDOWN if pattern.search(line)]


def _article_findings(article: Tag) -> list[str]:
    out = []
    for element in article.find_all(True):
        name = element.name.lower()
        if name in {"details", "summary"} and _generated_details(element):
            continue
        if name in FORBIDDEN_IN_ARTICLE or name == "summary":
            out.append(f"<{name}> inside the article: {_snippet(element)}")
        elif name not in ARTICLE_ELEMENTS and not (name in SVG_ELEMENTS and element.find_parent("svg")):
            out.append(f"unexpected <{name}> inside the article: {_snippet(element)}")
        if name == "img" and not _is_local(element.get("src", "")):
            out.append(f"image from outside the site: {_snippet(element)}")
        if element.has_attr("style"):
            out.append(f"style attribute inside the article: {_snippet(element)}")
    return out


def _generated_details(element: Tag) -> bool:
    details = element if element.name == "details" else element.parent
    if details is None or details.name != "details" or details.get("class") != ["note"]:
        return False
    summary = details.find("summary", recursive=False)
    return summary is not None and summary.get_text().startswith(GENERATED_DETAILS) and not summary.find(True)


def _attribute_findings(element: Tag) -> list[str]:
    out = []
    for name, value in element.attrs.items():
        lowered = name.lower()
        if lowered.startswith("on"):
            out.append(f"event-handler attribute {name} on <{element.name}>: {_snippet(element)}")
        if lowered in URL_ATTRIBUTES:
            for url in _urls(lowered, value):
                scheme = _scheme(url)
                if scheme not in ALLOWED_SCHEMES:
                    out.append(f"{name}={url!r} on <{element.name}> has scheme {scheme!r}")
        if lowered == "http-equiv" and str(value).lower() == "refresh":
            out.append(f"meta refresh: {_snippet(element)}")
    return out


def _duplicate_ids(soup: BeautifulSoup) -> list[str]:
    counts = Counter(str(e["id"]) for e in soup.find_all(id=True))
    return [f"id {i!r} used {n} times" for i, n in sorted(counts.items()) if n > 1]


def _urls(attribute: str, value: object) -> list[str]:
    text = " ".join(value) if isinstance(value, list) else str(value)
    if attribute == "srcset":
        return [part.strip().split(" ")[0] for part in text.split(",") if part.strip()]
    return [text]


def _scheme(url: str) -> str:
    # Browsers drop ASCII whitespace and control characters inside a scheme (`java\tscript:`).
    compact = "".join(c for c in url if ord(c) > 0x20).lower()
    try:
        return urlsplit(compact).scheme
    except ValueError:
        return "<unparsable>"


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def _snippet(element: Tag) -> str:
    text = str(element)
    return text if len(text) <= 160 else text[:157] + "..."
