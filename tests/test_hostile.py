"""Hostile text renders as text: every string field, on every page that shows it, through a real strict build.

One project holds one briefing per hostile value. Field j of briefing i holds
hostile value i + j (mod N), so every value lands in every field somewhere and
the fields of one page all hold different values: a field that lost or changed
its value cannot hide behind another field showing the same text. Registry
names (actors, parties, topics) are rotated the same way. The values are
written as YAML double-quoted scalars (through JSON), which round-trip exactly;
the first test checks that the loader gives them back unchanged.

For every page: each value the page shows appears exactly in its text
(BeautifulSoup `get_text`, whitespace-normalised), and the HTML lint finds no
element or attribute that could have come from a value.
"""

from __future__ import annotations

import csv
import html
import json
import posixpath
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment
from jinja2.filters import do_truncate

from conftest import ROOT, Build, make_project, mkdocs_build
from generator.reading.fields import MAX_TITLE_LENGTH
from generator.site.export import csv_cell
from generator.site.markup import InertTextExtension, heading_id, is_web_url
from generator.reading.names import name_key
from generator.pipeline import Project, check
from htmllint import lint_page, lint_site, lint_soup, raw_markdown, verbatim_pattern
from pagefind_files import fragments

pytestmark = pytest.mark.slow

# Ten thousand characters, with a little markup in each sentence (Markdown's time grows with the
# number of encoded punctuation characters, so the sentence is mostly words).
LONG = ("Lorem ipsum dolor sit amet consectetur adipiscing elit <b>gras</b> & {{ x }} | [l](u) " * 120)[:10_000]

# Ordered so that the newest briefings (the last ones) carry template syntax and scripts:
# the home page, which lists the newest, then shows them too.
HOSTILE: tuple[str, ...] = (
    "&amp; &lt; &#x41; &#65; &copy",
    "avant <!-- caché --> après",
    "a | b || c",
    "| x | y |\n|:-:|:-:|",
    "# Titre injecté",
    "> citation injectée",
    "- puce injectée",
    "1. liste injectée",
    "1986. Une année",
    "[1]: http://evil.example/def",
    "[clique](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "*gras* _it_ **b** __u__",
    "`code` ``double``",
    "---",
    "Titre souligné\n===",
    '!!! note "Piège"',
    '    indenté de quatre espaces',
    'texte {: onclick="alert(2)" }',
    "{: #__toc .md-toggle }",
    "[TOC]",
    r"\[ x^2 \] $x$ $$y$$",
    "==surligné== ~~barré~~ ^^sup^^ ~sub~",
    ":smile: :material-alert:",
    '--8<-- "/etc/passwd"',
    "--8<-- mkdocs.yml",
    "__drawer",
    "__search",
    "__config",
    "__nav_1",
    "[^1] *[HTML]: Hyper Text",
    "<http://evil.example/auto> <evil@example.org>",
    '<div markdown="1">*x*</div>',
    "C:\\temp\\new \\* \\_ \\",
    "&#60;script&#62;",
    "abc\u202edef",
    "a\u200bb\u200dc\u2060d",
    "e\u0301 Z\u0351\u0360a\u036b",
    "ligne\u0085suivante",
    "ligne\u2028séparée\u2029paragraphe",
    "sép\x1cara\x1dteurs\x1e",
    "👩\u200d👩\u200d👧 🇺🇦 ✊🏿",
    "10\u00a0000\u202f€ et\u00a0:",
    "tab\tulation",
    "  espaces  en   tête  ",
    LONG,
    '=HYPERLINK("http://evil.example/f";"clic")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+33 1 23 45 67 89",
    '<iframe src="javascript:alert(3)"></iframe>',
    '<img src=x onerror="alert(4)">',
    '"><svg onload=alert(5)>',
    "<script>alert('x')</script>",
    "{# commentaire #}",
    '{% include "mkdocs.yml" %}',
    "{% endraw %}{{ 6*7 }}",
    "{{ cycler.__init__.__globals__.os.getcwd() }}",
    "{{ 7*7 }}",
)
N = len(HOSTILE)

# The string fields of one briefing, in rotation order.
FIELDS = (
    "title", "summary", "outlet", "headline", "author1", "author2", "credit", "url", "language", "mention_role",
    "ev_title", "ev_date_text", "ev_place", "ev_outcome", "ev_duration", "ev_evidence", "participant",
    "ev2_title", "ev2_date_text", "ev2_place", "ev2_outcome", "ev2_duration", "ev2_evidence",
    "dm_text", "dm_via", "dm_evidence",
    "fg_label", "fg_unit", "fg_attributed", "fg_evidence", "fg2_label", "fg2_attributed", "fg2_evidence",
    "qt_text", "qt_context", "qt_via",
    "actor_name", "actor_role", "actor_alias", "party_name", "party_alias", "topic_name", "topic_desc",
    # format v2: the analyst's notes and a vague amount, shown beside the items as marks
    "analyst_note", "ev_note", "ev_date_note", "dm_note", "fg_note", "fg3_amount", "qt_note",
)
assert N > len(FIELDS), "each field of one briefing must hold a different value"

URL_CASES: dict[str, str | None] = {
    # url as written -> the href it must become, or None: shown as text, never a link.
    "javascript:alert(1)": None,
    "JaVaScRiPt:alert(document.domain)": None,
    "java\tscript:alert(1)": None,
    " javascript:alert(1)": None,
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==": None,
    "vbscript:msgbox(1)": None,
    "mailto:redaction@example.org": None,
    "//evil.example/sans-schema": None,
    "http://": None,
    "https://example.org/avec espace": None,
    "https://example.org/a\nhttps://b.example": None,
    "https://example.org/article?a=1&b=<2>\"'": "https://example.org/article?a=1&b=%3C2%3E%22'",
    "https://example.org/)onmouseover=alert(1)//": "https://example.org/%29onmouseover=alert%281%29//",
    "http://example.org/[x](javascript:alert(1))": "http://example.org/%5Bx%5D%28javascript:alert%281%29%29",
    "HTTPS://EXAMPLE.ORG/MAJ": "HTTPS://EXAMPLE.ORG/MAJ",
    "https://example.org/\u202egnp.exe": "https://example.org/%E2%80%AEgnp.exe",
}

_WS = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


def norm(text: str) -> str:
    """Whitespace as a reader sees it: runs of ASCII spaces and line separators count as one space.

    No-break spaces are kept: they are part of what the article wrote.
    """
    return _WS.sub(" ", text).strip()


# Fields printed again wherever their item is cited hold at most MAX_TITLE_LENGTH characters: there,
# LONG is cut (with room for the " (alias i)" a registry alias gets).
BOUNDED = {"title", "outlet", "headline", "ev_title", "ev2_title", "fg_label", "fg2_label", "actor_name",
           "actor_alias", "party_name", "party_alias", "topic_name"}


def value(i: int, field: str) -> str:
    v = HOSTILE[(i + FIELDS.index(field)) % N]
    return v[:MAX_TITLE_LENGTH - 20] if field in BOUNDED else v


def to_yaml(data: object) -> str:
    """JSON is YAML; the three characters PyYAML reads as line breaks even when quoted get YAML escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("\x85", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P")


@dataclass(frozen=True)
class Corpus:
    """What was written: briefing i has id h-i; its registry entries are a-i, p-i, t-i; its events e-i and e-(i+1)."""

    actor_names: tuple[str, ...]

    def actor_name(self, i: int) -> str:
        return self.actor_names[i % N]


def briefing_data(i: int, corpus: Corpus) -> dict:
    v = lambda f: value(i, f)  # noqa: E731
    nxt = (i + 1) % N
    published = date(2024, 1, 1) + timedelta(days=i)
    return {
        "title": v("title"), "summary": v("summary"), "analyst_note": v("analyst_note"),
        "source": {"outlet": v("outlet"), "headline": v("headline"), "authors": [v("author1"), v("author2")],
                   "published": published.isoformat(), "url": v("url"), "language": v("language"),
                   "genre": "opinion" if i % 5 == 0 else "news", "credits": [v("credit")]},
        "topics": [f"t-{i}"],
        "actors": [{"name": f"a-{i}", "role": v("mention_role")}],
        "events": [
            {"id": f"e-{i}", "kind": "summit", "title": v("ev_title"),
             "date": (date(2024, 6, 1) + timedelta(days=i)).isoformat(), "date_text": v("ev_date_text"),
             "place": v("ev_place"), "participants": [f"a-{i}", unregistered(i)], "status": "held",
             "outcome": v("ev_outcome"), "duration": v("ev_duration"), "evidence": v("ev_evidence"),
             "date_basis": "inferred", "date_note": v("ev_date_note"), "note": v("ev_note"), "basis": "conditional"},
            {"id": f"e-{nxt}", "kind": "summit", "title": v("ev2_title"), "date_text": v("ev2_date_text"),
             "place": v("ev2_place"), "participants": [f"a-{i}"], "status": "planned",
             "outcome": v("ev2_outcome"), "duration": v("ev2_duration"), "evidence": v("ev2_evidence")},
        ],
        "demands": [{"party": f"p-{i}", "topic": f"t-{i}", "voiced_by": f"a-{i}", "text": v("dm_text"),
                     "status": "reported", "via": v("dm_via"), "evidence": v("dm_evidence"), "note": v("dm_note")}],
        "figures": [
            {"indicator": f"f-{i}", "label": v("fg_label"), "value": 3, "unit": v("fg_unit"),
             "attributed_to": v("fg_attributed"), "evidence": v("fg_evidence"), "note": v("fg_note")},
            {"indicator": f"f3-{i}", "label": f"Quantité {i}", "value": None, "amount_text": v("fg3_amount"),
             "magnitude": 0, "basis": "author"},
            {"indicator": f"f-{nxt}", "label": v("fg2_label"), "value": 4.5, "qualifier": "about",
             "attributed_to": v("fg2_attributed"), "evidence": v("fg2_evidence")},
        ],
        "quotes": [{"speaker": f"a-{i}", "text": v("qt_text"), "context": v("qt_context"), "via": v("qt_via"),
                    "translated": i % 2 == 0, "statement": f"s-{i // 2}", "note": v("qt_note"), "basis": "conditional"}],
    }


def registries(corpus: Corpus) -> dict[str, list[dict]]:
    return {
        "actors": [{"id": f"a-{i}", "name": corpus.actor_name(i), "aliases": [f"{value(i, 'actor_alias')} (alias {i})"],
                    "kind": "person", "party": f"p-{i}", "role": value(i, "actor_role")} for i in range(N)],
        "parties": [{"id": f"p-{i}", "name": value(i, "party_name"), "aliases": [value(i, "party_alias")]}
                    for i in range(N)],
        "topics": [{"id": f"t-{i}", "name": value(i, "topic_name"), "description": value(i, "topic_desc")}
                   for i in range(N)],
    }


def unique_actor_names() -> tuple[str, ...]:
    """Actor names must not share a matching key (`---` and `***` both have none): those few get a prefix."""
    names, keys = [], set()
    for i in range(N):
        name = value(i, "actor_name")
        key = name_key(name)
        if not key or key in keys:
            name = f"A{i} {name}"
        keys.add(name_key(name))
        names.append(name)
    return tuple(names)


def unregistered(i: int) -> str:
    """A participant missing from the registry: its page is made under a slug of the name (200 characters at most)."""
    return f"{value(i, 'participant')[:150]} (non inscrit {i})"


def url_briefing(k: int, url: str) -> dict:
    return {"title": f"Lien numéro {k}", "summary": "Un lien à vérifier.",
            "source": {"outlet": "Essai", "published": "2023-01-01", "url": url, "genre": "news"}}


def write_project(dest: Path) -> tuple[Path, Corpus]:
    project = make_project(dest)
    shutil.rmtree(project / "briefings")
    (project / "briefings").mkdir()
    corpus = Corpus(unique_actor_names())
    for i in range(N):
        (project / "briefings" / f"h-{i}.yaml").write_text(to_yaml(briefing_data(i, corpus)), encoding="utf-8")
    for k, url in enumerate(URL_CASES):
        (project / "briefings" / f"u-{k}.yaml").write_text(to_yaml(url_briefing(k, url)), encoding="utf-8")
    for name, entries in registries(corpus).items():
        (project / "content" / f"{name}.yaml").write_text(to_yaml(entries), encoding="utf-8")
    return project, corpus


@dataclass
class HostileSite:
    project: Path
    build: Build
    corpus: Corpus
    index: object

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup(self.build.page(page), "html.parser")

    def article_text(self, page: str) -> str:
        return norm(text_of(self.soup(page).select_one("div.md-content article")))


def text_of(element) -> str:
    """The text a reader sees, without the headings' permalink marks."""
    for mark in element.select("a.headerlink"):
        mark.decompose()
    return element.get_text()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    base = tmp_path_factory.mktemp("hostile")
    project, corpus = write_project(base / "project")
    build = mkdocs_build(project, base / "site", markdown_check=False)  # checked below, its own values taken out
    assert build.returncode == 0, build.output
    index, problems = check(Project.at(project))
    assert not problems.errors, problems.render()
    return HostileSite(project, build, corpus, index)


def missing(expected: list[str], text: str) -> list[str]:
    return [repr(v[:80]) for v in expected if norm(v) not in text]


# --- the test data itself ------------------------------------------------------------------------

def test_no_hostile_value_contains_another() -> None:
    """Otherwise a page could show the longer one and seem to show the shorter."""
    for a in HOSTILE:
        for b in HOSTILE:
            assert a == b or norm(a) not in norm(b), (a, b)


def test_values_reach_the_models_unchanged(tmp_path: Path) -> None:
    project, corpus = write_project(tmp_path / "p")
    index, problems = check(Project.at(project))
    assert not problems.errors, problems.render()
    for i in range(N):
        b = index.briefing(f"h-{i}")
        assert b.title == value(i, "title") and b.summary == value(i, "summary")
        assert b.source.authors == [value(i, "author1"), value(i, "author2")]
        assert b.events[0].date_text == value(i, "ev_date_text") and b.quotes[0].text == value(i, "qt_text")
        assert index.parties[f"p-{i}"] == value(i, "party_name")
        assert index.actors[f"a-{i}"].name == corpus.actor_name(i)


# --- every page shows every value exactly ---------------------------------------------------------

def briefing_page_values(i: int, corpus: Corpus) -> list[str]:
    shown = [f for f in FIELDS if not f.startswith(("actor_", "party_", "topic_", "participant"))]
    return [value(i, f) for f in shown] + [unregistered(i), corpus.actor_name(i), value(i, "party_name"), value(i, "topic_name")]


@pytest.mark.parametrize("i", range(N))
def test_briefing_page_shows_every_field_as_written(hostile: HostileSite, i: int) -> None:
    page = f"briefings/h-{i}/index.html"
    soup = hostile.soup(page)
    h1 = soup.select_one("div.md-content article h1")
    assert norm(text_of(h1)) == norm(value(i, "title"))
    text = hostile.article_text(page)
    assert not missing(briefing_page_values(i, hostile.corpus), text)
    # The card is raw HTML: it leaves out the characters XML and HTML forbid (C0 controls), as the SVG does.
    chips = [norm(t.get_text()) for t in soup.select("article .card .chip")]
    assert chips == [norm(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", value(i, "topic_name")))]


@pytest.mark.parametrize("i", range(N))
def test_actor_page_shows_registry_and_briefing_text(hostile: HostileSite, i: int) -> None:
    page = f"acteurs/a-{i}/index.html"
    h1 = hostile.soup(page).select_one("div.md-content article h1")
    assert norm(text_of(h1)) == norm(hostile.corpus.actor_name(i))
    expected = [value(i, f) for f in ("actor_role", "party_name", "mention_role", "title", "outlet",
                                      "qt_text", "qt_context", "qt_via", "dm_text", "topic_name")]
    # Events are listed under the title most accounts give them.
    expected += [hostile.index.events[f"e-{j}"].title for j in (i, (i + 1) % N)]
    expected.append(f"{value(i, 'actor_alias')} (alias {i})")
    assert not missing(expected, hostile.article_text(page))


@pytest.mark.parametrize("j", range(N))
def test_summit_page_shows_every_account(hostile: HostileSite, j: int) -> None:
    page = f"sommets/e-{j}/index.html"
    h1 = hostile.soup(page).select_one("div.md-content article h1")
    assert norm(text_of(h1)) == norm(hostile.index.events[f"e-{j}"].title)
    prev = (j - 1) % N
    expected = [value(j, f"ev_{f}") for f in ("date_text", "place", "outcome", "duration", "evidence")]
    expected += [value(prev, f"ev2_{f}") for f in ("date_text", "place", "outcome", "duration", "evidence")]
    expected += [unregistered(j), value(j, "title"), value(prev, "title"), value(j, "outlet"),
                 hostile.corpus.actor_name(j), hostile.corpus.actor_name(prev)]
    assert not missing(expected, hostile.article_text(page))


def cross_page_values(site: HostileSite) -> dict[str, list[str]]:
    idx = site.index
    titles = [value(i, "title") for i in range(N)]
    outlets = [value(i, "outlet") for i in range(N)]
    events = [idx.events[f"e-{j}"].title for j in range(N)]
    actors = [site.corpus.actor_name(i) for i in range(N)]
    parties = [value(i, "party_name") for i in range(N)]
    topics = [value(i, "topic_name") for i in range(N)]
    labels = [entries[0].figure.label for entries in idx.figures.values()]
    accounts = [value(i, f"{e}_{f}") for i in range(N) for e in ("ev", "ev2") for f in ("place", "outcome", "duration")]
    return {
        "briefings/index.html": titles + outlets,
        "acteurs/index.html": actors + parties,
        "sommets/index.html": events,
        "chronologie/index.html": events,
        "revendications/index.html": parties + topics + titles + actors
        + [value(i, f) for i in range(N) for f in ("dm_text", "dm_via")],
        "chiffres/index.html": labels + titles + outlets
        + [value(i, f) for i in range(N) for f in ("fg_unit", "fg_attributed", "fg_evidence", "fg2_attributed", "fg2_evidence")],
        "citations/index.html": actors + titles + [value(i, f) for i in range(N) for f in ("qt_text", "qt_context", "qt_via")],
        "sources/index.html": titles + outlets + [value(i, f) for i in range(N) for f in ("headline", "author1", "author2")],
        "divergences/index.html": events + labels + titles + accounts,
    }


@pytest.mark.parametrize("page", ["briefings/index.html", "acteurs/index.html", "sommets/index.html",
                                  "chronologie/index.html", "revendications/index.html", "chiffres/index.html",
                                  "citations/index.html", "sources/index.html", "divergences/index.html"])
def test_cross_source_page_shows_every_value(hostile: HostileSite, page: str) -> None:
    text = " ".join([hostile.article_text(page), *(hostile.article_text(s) for s in slices_of(hostile, page))])
    assert not missing(cross_page_values(hostile)[page], text)


def slices_of(hostile: HostileSite, page: str) -> list[str]:
    """The pages a cross-source page links down to when it is cut into slices (headed « its title — … »)."""
    soup = hostile.soup(page)
    heading = soup.select_one("div.md-content article h1")
    found = []
    for link in soup.select("div.md-content article a[href]"):
        href = link["href"].split("#")[0]
        if not href.endswith("/") or href.startswith(("http:", "https:")):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) + "/index.html"
        h1 = hostile.soup(target).select_one("div.md-content article h1") if (hostile.build.site / target).exists() else None
        if heading is not None and h1 is not None and text_of(h1).startswith(text_of(heading).strip() + " — "):
            found.append(target)
    return sorted(set(found))


def test_home_page_macros_show_newest_titles_unevaluated(hostile: HostileSite) -> None:
    """docs/index.md embeds index data through mkdocs-macros: a title holding `{{ … }}` is not evaluated there."""
    if "render_macros: true" not in (ROOT / "docs" / "index.md").read_text(encoding="utf-8"):
        pytest.skip("the home page does not use macros")
    text = hostile.article_text("index.html")
    newest = [b.title for b in hostile.index.briefings[:5]]
    assert not missing(newest, text)
    assert "{{ 7*7 }}" in newest and "{{ 7*7 }}" in text


# --- the page chrome: title, header, tags, search index -----------------------------------------

def chrome_title(title: str) -> str:
    """What the theme shows of a page title: generator.site.markup.page_title, as a reader sees it."""
    return " ".join(title.split()).replace("<", "‹").replace(">", "›")


@pytest.mark.parametrize("i", range(N))
def test_head_title_and_header_form_no_tag(hostile: HostileSite, i: int) -> None:
    soup = hostile.soup(f"briefings/h-{i}/index.html")
    expected = chrome_title(value(i, "title"))
    assert not soup.title.find(True)
    assert soup.title.get_text().startswith(expected + " - ")
    topic = soup.select(".md-header__topic")[-1]
    assert not [e for e in topic.find_all(True) if e.name != "span"]
    assert " ".join(topic.get_text().split()) == " ".join(expected.split())


def searched(text: str) -> str:
    """Text as Pagefind stores it: every run of whitespace (no-break spaces too) one space, no zero-width space."""
    return " ".join(text.replace("\u200b", "").split())


@pytest.mark.parametrize("i", range(N))
def test_search_index_holds_the_text_and_the_filters_as_written(hostile: HostileSite, i: int) -> None:
    """Pagefind stores the page's text (shown in the results with its `<` and `>` escaped), its title,
    and the filters the page gives as the text of hidden elements: every value as the briefing wrote
    it, but for whitespace, which Pagefind folds."""
    fragment = fragments(hostile.build.site)[f"/briefings/h-{i}/"]
    assert searched(fragment["meta"]["title"]) == searched(value(i, "title"))
    assert [searched(t) for t in fragment["filters"]["theme"]] == [searched(value(i, "topic_name"))]
    content = searched(fragment["content"])
    assert [v for v in briefing_page_values(i, hostile.corpus) if searched(v) not in content] == []
    page = hostile.soup(f"briefings/h-{i}/index.html")
    # as text (each `&` written once more for Pagefind, which decodes a filter twice), never markup
    spans = page.select("[data-pagefind-filter='theme']")
    assert [e.get_text() for e in spans] == [value(i, "topic_name").replace("&", "&amp;")]
    assert [e.find(True) for e in spans] == [None]


SPREADSHEET_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def test_exports_hold_every_value_exactly_and_csv_starts_no_formula(hostile: HostileSite) -> None:
    """JSON keeps every value as written; a CSV cell that a spreadsheet would run as a formula starts with '."""
    exports = hostile.build.site / "exports"
    if not exports.is_dir():
        pytest.skip("the site publishes no exports")
    in_json: set[str] = set()
    for path in sorted(exports.glob("*.json")):
        in_json |= set(_strings(json.loads(path.read_text(encoding="utf-8"))))
    cells: set[str] = set()
    for path in sorted(exports.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            cells |= {cell for row in csv.reader(f) for cell in row}
    assert in_json and cells
    for i in range(N):
        for f in ("title", "summary", "outlet", "headline", "ev_place", "ev_outcome", "dm_text", "dm_via",
                  "fg_label", "fg_attributed", "qt_text", "qt_context"):
            assert value(i, f) in in_json, (i, f)
        for f in ("outlet", "ev_place", "dm_text", "fg_label", "qt_text"):
            v = value(i, f)
            assert csv_cell(v) in cells, (i, f)  # as written, guarded (tests/test_output_safety.py)
    assert not [c for c in cells if c.startswith(SPREADSHEET_FORMULA)]


def _strings(data: object):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for v in data.values():
            yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)


# --- nothing came from the values ---------------------------------------------------------------

@pytest.fixture(scope="module")
def built_pages(hostile: HostileSite) -> dict[str, BeautifulSoup]:
    """Every HTML page of the hostile build, parsed once (read-only)."""
    site = hostile.build.site
    return {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(site.rglob("*.html"))}


def shown_as_written() -> list[str]:
    """Every text the hostile project wrote, in each form a page may show it (whole, or cut to a bound)."""
    texts = {*HOSTILE, *URL_CASES}
    texts |= {v[:MAX_TITLE_LENGTH - 20] for v in HOSTILE}
    texts |= {do_truncate(Environment(), v, 90, False, "…") for v in HOSTILE}  # the quotes table cuts a quote
    texts |= {f"{value(i, 'actor_alias')} (alias {i})" for i in range(N)} | {unregistered(i) for i in range(N)}
    return sorted(texts)


def test_lint_finds_nothing_in_the_hostile_build(built_pages: dict[str, BeautifulSoup]) -> None:
    """Markdown syntax left as text is a finding unless it is part of a value the project wrote."""
    assert len(built_pages) > 4 * N
    shown = verbatim_pattern(shown_as_written())
    assert [f for page, soup in built_pages.items() for f in lint_soup(soup, page, shown)] == []


def test_without_the_values_taken_out_the_lint_sees_their_syntax(built_pages: dict[str, BeautifulSoup]) -> None:
    """The hostile values do reach the pages with their syntax: the check above is not vacuous."""
    findings = " ".join(f for page, soup in built_pages.items() if page.startswith("briefings/h-")
                        for f in raw_markdown(soup.select_one("div.md-content")))
    for what in ("table row", "bold marker", "link [text](url)", "admonition", "attribute list", "heading #",
                 "list marker"):
        assert f"({what}" in findings, what


# Attributes whose value is shown or read out as text (the theme puts heading text in a nav's aria-label).
TEXT_ATTRIBUTES = {"aria-label", "title", "alt", "data-label"}  # data-label: a heat-map cell's topic, shown by CSS


def test_no_attribute_anywhere_carries_hostile_code(built_pages: dict[str, BeautifulSoup]) -> None:
    for page, soup in built_pages.items():
        for element in soup.find_all(True):
            for name, attr_value in element.attrs.items():
                if name in TEXT_ATTRIBUTES:
                    continue
                joined = " ".join(attr_value) if isinstance(attr_value, list) else str(attr_value)
                assert "alert(" not in joined and "evil.example" not in joined, (page, element.name, name)
        article = soup.select_one("div.md-content article")
        if article is not None:
            assert not article.select(".md-toggle, #__drawer, #__search, #__config"), page


def test_no_file_is_read_into_a_page_and_no_template_runs(hostile: HostileSite) -> None:
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in sorted(hostile.build.site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "root:x:0:0" not in text, page
        assert "markdown_extensions" not in text and mkdocs_yml[:60] not in text, page
        assert str(hostile.project) not in text and str(ROOT) not in text, page


@pytest.mark.parametrize("k,url", list(enumerate(URL_CASES)), ids=[repr(u)[:40] for u in URL_CASES])
def test_only_http_urls_become_links(hostile: HostileSite, k: int, url: str) -> None:
    soup = hostile.soup(f"briefings/u-{k}/index.html")
    cell = next(li for li in soup.select("div.md-content article li") if norm(li.get_text()).startswith("Lien\u202f:"))
    expected = URL_CASES[url]
    assert is_web_url(url) == (expected is not None)
    if expected is None:
        assert cell.find("a") is None
        assert norm(cell.get_text()) == norm("Lien\u202f: " + url)  # the site's label, with its narrow space
    else:
        links = cell.find_all("a")
        assert [a["href"] for a in links] == [expected]
        assert norm(links[0].get_text()) == "Lire l'article"


def test_lint_finds_nothing_in_the_real_project(tmp_path: Path) -> None:
    """The repository's own briefings/ and content/, built as they are."""
    build = mkdocs_build(make_project(tmp_path / "real", corpus=ROOT), tmp_path / "site")
    assert build.returncode == 0, build.output
    assert lint_site(build.site) == []


# --- the lint itself catches what it is for -----------------------------------------------------

@pytest.mark.parametrize("fragment,finding", [
    ('<div class="md-content"><article><script>x()</script></article></div>', "<script> inside the article"),
    ('<div class="md-content"><article><p onclick="x()">t</p></article></div>', "event-handler attribute onclick"),
    ('<a href="javascript:alert(1)">x</a>', "scheme 'javascript'"),
    ('<a href="java\tscript:alert(1)">x</a>', "scheme 'javascript'"),
    ('<img src="data:image/png;base64,AAAA">', "scheme 'data'"),
    ('<p id="a"></p><h1 id="a"></h1>', "id 'a' used 2 times"),
    ('<div class="md-content"><iframe src="https://x.example"></iframe></div>', "<iframe> inside the article"),
    ('<div class="md-content"><img src="https://x.example/a.png"></div>', "image from outside the site"),
    ('<div class="md-content"><mark>x</mark></div>', "<mark> inside the article"),
])
def test_lint_reports(fragment: str, finding: str) -> None:
    assert any(finding in f for f in lint_page(fragment)), lint_page(fragment)


def test_lint_accepts_ordinary_links() -> None:
    assert lint_page('<a href="../x/">a</a><a href="#b">b</a><a href="https://e.org">c</a>'
                     '<a href="mailto:a@e.org">d</a><img src="assets/x.svg">') == []


# --- the live preview's error page ----------------------------------------------------------------

def test_the_preview_error_page_shows_hostile_problems_as_text() -> None:
    """Under `mkdocs serve`, problems (which quote the bad values) are listed on a generated page."""
    import markdown
    from mkdocs.utils.meta import get_data

    from generator.site.views import render_problems_page
    from generator.reading.problems import Problem, ProblemList, Severity

    values = [v for v in HOSTILE if v != LONG]
    problems = ProblemList([Problem(f"briefings/{i}.yaml", 1, 2, "title", f"'{v}' is not a valid id", v)
                            for i, v in enumerate(values)])
    problems.append(Problem("briefings/w.yaml", 3, 4, "quotes[0].speaker", values[-1], "", Severity.WARNING))
    body, _ = get_data(render_problems_page(problems))
    html = markdown.markdown(body, extensions=["admonition", "attr_list", "tables", "toc", InertTextExtension()],
                             extension_configs={"toc": {"slugify": heading_id}})
    soup = BeautifulSoup(f'<div class="md-content"><article>{html}</article></div>', "html.parser")
    text = norm(soup.get_text())
    assert not missing([f"'{v}' is not a valid id" for v in values], text)
    assert lint_soup(soup, verbatim=values) == []
    assert not soup.find_all(["script", "img", "iframe", "svg", "mark"])
    assert [td for td in soup.select("td") if td.find(True)] == []  # the cells hold text only
