"""Properties that hold for any valid input, checked on generated briefings.

Briefings are generated as the plain data an analyst would write (any Unicode
text in every string field, any valid date at any precision, any finite
number), written with `yaml.safe_dump`, and read back through the real loader:
- the loader gives back exactly what was written (round trip);
- every string a briefing page shows appears verbatim in the text of that page
  once its Markdown is rendered by Python-Markdown with the extensions MkDocs
  uses for this site (read from mkdocs.yml);
- rendering is deterministic: the same files, written in any order and loaded
  twice, give byte-identical pages.
One full `mkdocs build`, done twice, checks the same of the built HTML.
A few real sites, built from corpora whose text holds no Markdown syntax (every
optional field written, or any left out; briefings sharing summits and
indicators), show no Markdown as text on any page (tests/htmllint.py).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from conftest import CORPUS, ROOT, make_project, mkdocs_build
from pagefind_files import varies_between_runs
from generator.site import urls
from generator.site.wording import UNIT_LABELS
from generator.site.markup import InertTextExtension, is_web_url
from generator.pipeline import Project, check, render_pages
from generator.reading.names import name_key
from htmllint import lint_site

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any character an analyst could type or paste: everything but control characters and lone surrogates,
# mixed with the pieces of syntax Markdown, HTML, Jinja and the Markdown extensions react to.
CHARS = st.characters(blacklist_categories=("Cc", "Cs"))
SYNTAX = ["# ", "> ", "- ", "1. ", "|", " | ", "<script>", "</p>", "{{ 7*7 }}", "{% raw %}", "{#", "[a](b)",
          "![a](b)", "[1]: http://x", "**", "__", "`", "---", "===", "!!! note", "{: #x .y }", "\n", "\n\n", "\t",
          "    ", "&amp;", "&#60;", "<!--", ":smile:", "==", "~~", "\\", "[TOC]", "__drawer", "\u2028", "\u00a0"]
TEXT = st.one_of(
    st.text(CHARS, min_size=1, max_size=30),
    st.lists(st.one_of(st.text(CHARS, max_size=4), st.sampled_from(SYNTAX)), min_size=1, max_size=6).map("".join),
).filter(lambda s: s.strip())
BLOCK = st.lists(TEXT, min_size=1, max_size=3).map("\n\n".join)  # a summary: paragraphs
SLUG = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True).filter(lambda s: s != "index")
DATE = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.integers(1000, 9999).map(str),
)
NUMBER = st.one_of(st.integers(-10**17, 10**17), st.floats(-1e17, 1e17, allow_nan=False, allow_infinity=False))
REGISTERED = ["Donald Trump", "Poutine", "dmitry-peskov", "ONU", "Kyiv"]
# A name has a letter or a digit (in any script): one made only of symbols is refused as naming no one.
NAME = st.one_of(st.sampled_from(REGISTERED), TEXT.filter(name_key))
PARTIES = ["russia", "ukraine", "united-states"]  # the ids the copied actors registry refers to
TOPICS = ["t-a", "t-b", "t-c"]
_WS = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


def norm(text: str) -> str:
    """ASCII whitespace runs count as one space; Markdown also trims Unicode spaces at the ends of a block."""
    return _WS.sub(" ", text).strip()


# Text with none of the Markdown the site's pages must never show as text (tests/htmllint.py,
# `raw_markdown`): on a site built from it, any such syntax in a page came from the generator.
# A `-` or `+` is kept out before a space and at the end of a value: the page may follow a value with a
# space of its own (« label : … »), and « - : » at the start of a line would be the briefing's hyphen,
# not Markdown, yet read as a list marker by the check.
PLAIN_CHARS = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="*|#!{[]\u27e6\u27e7")
PLAIN_SYNTAX = ["> ", "1. ", "<script>", "</p>", "(b)", "__", "`", "===", "\n", "\t", "    ", "&amp;", "<!--",
                ":smile:", "==", "~~", "\\", "\u2028", "\u00a0", "\x1e", " -"]
PLAIN = st.one_of(
    st.text(PLAIN_CHARS, min_size=1, max_size=30),
    st.lists(st.one_of(st.text(PLAIN_CHARS, max_size=4), st.sampled_from(PLAIN_SYNTAX)), min_size=1, max_size=6)
    .map("".join),
).filter(lambda s: s.strip() and not re.search(r"[-+]([\s\x1c-\x1f\x85]|$)", s))


def optional(**fields: st.SearchStrategy) -> dict[str, st.SearchStrategy]:
    return fields


@st.composite
def briefings(draw: st.DrawFn, number: int, text: st.SearchStrategy[str] = TEXT,
              present: st.SearchStrategy[bool] = st.booleans(), shared: bool = False) -> dict[str, Any]:
    """One briefing whose strings are drawn from `text`, each optional key present when `present` says so.

    `shared`: events and figures take their ids from a few, so that briefings tell of the same
    summits and indicators (and their pages show where they disagree).
    """
    TEXT = text  # noqa: N806 - the strategies below read as the format does
    BLOCK = st.lists(text, min_size=1, max_size=3).map("\n\n".join)  # noqa: N806
    NAME = st.one_of(st.sampled_from(REGISTERED), text.filter(name_key))  # noqa: N806
    indicator = st.sampled_from(["f-a", "f-b"]) if shared else SLUG

    def some(**fields: st.SearchStrategy) -> dict[str, Any]:
        """Each optional key present or absent."""
        return {k: draw(v) for k, v in fields.items() if draw(present)}

    source = {"outlet": draw(st.none() | TEXT), "published": draw(st.none() | DATE),
              "genre": draw(st.sampled_from(["news", "analysis", "opinion", "interview", "wire"])),
              **some(headline=TEXT, authors=st.lists(TEXT, max_size=3), url=TEXT, language=TEXT,
                     credits=st.lists(TEXT, max_size=2))}
    events = [{"id": f"e-{i}" if shared else f"e{number}-{i}", "kind": draw(st.sampled_from(["summit", "call", "statement", "other"])),
               "title": draw(TEXT), "participants": draw(st.lists(NAME, max_size=2)),
               **some(date=DATE, date_text=TEXT, place=TEXT, status=st.sampled_from(["held", "planned", "cancelled"]),
                      outcome=TEXT, duration=TEXT, evidence=TEXT)}
              for i in range(draw(st.integers(0, 2)))]
    demands = [{"party": draw(st.sampled_from(PARTIES)), "topic": draw(st.sampled_from(TOPICS)), "text": draw(TEXT),
                **some(voiced_by=NAME, status=st.sampled_from(["stated", "reported"]), via=TEXT, date=DATE,
                       evidence=TEXT)}
               for _ in range(draw(st.integers(0, 2)))]
    figures = [{"indicator": draw(indicator), "label": draw(TEXT), "value": draw(NUMBER),
                **some(category=st.sampled_from(["humanitarian", "military", "other"]),
                       qualifier=st.sampled_from(["exact", "about", "up-to"]), unit=TEXT, as_of=DATE,
                       attributed_to=TEXT, evidence=TEXT)}
               for _ in range(draw(st.integers(0, 2)))]
    quotes = [{"speaker": draw(NAME), "text": draw(TEXT),
               **some(date=DATE, context=TEXT, via=TEXT, translated=st.booleans())}
              for _ in range(draw(st.integers(0, 2)))]
    return {"id": f"b{number}", "title": draw(TEXT), "summary": draw(BLOCK), "source": source,
            "topics": draw(st.lists(st.sampled_from(TOPICS), unique=True, max_size=2)),
            "actors": [{"name": draw(NAME), **some(role=TEXT)} for _ in range(draw(st.integers(0, 2)))],
            "events": events, "demands": demands, "figures": figures, "quotes": quotes}


@st.composite
def corpora(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT, present: st.SearchStrategy[bool] = st.booleans(),
            shared: bool = False, count: tuple[int, int] = (1, 2)) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    items = [draw(briefings(n, text, present, shared)) for n in range(draw(st.integers(*count)))]
    registries = {"parties": [{"id": p, "name": draw(text)} for p in PARTIES],
                  "topics": [{"id": t, "name": draw(text)} for t in TOPICS]}
    return items, registries


def write_corpus(root: Path, items: list[dict[str, Any]], registries: dict[str, list[dict]],
                 order: list[int] | None = None) -> Project:
    (root / "briefings").mkdir(parents=True)
    (root / "content").mkdir()
    shutil.copy(CORPUS / "content" / "actors.yaml", root / "content" / "actors.yaml")
    for name, entries in registries.items():
        (root / "content" / f"{name}.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    for i in order or range(len(items)):
        text = yaml.safe_dump(items[i], allow_unicode=True, sort_keys=False)
        (root / "briefings" / f"{items[i]['id']}.yaml").write_text(text, encoding="utf-8")
    return Project.at(root)


def load(root: Path, items, registries, order=None):
    index, problems = check(write_corpus(root, items, registries, order))
    assert not problems.errors, problems.render()
    return index


# --- round trip -----------------------------------------------------------------------------------

def _strings(data: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in _strings(v, f"{path}.{k}")]
    if isinstance(data, list):
        return [s for i, v in enumerate(data) for s in _strings(v, f"{path}[{i}]")]
    return []


@SETTINGS
@given(corpora())
def test_the_loader_gives_back_what_was_written(corpus) -> None:
    items, registries = corpus
    with tempfile.TemporaryDirectory() as tmp:
        index = load(Path(tmp), items, registries)
    for item in items:
        loaded = index.briefing(item["id"]).model_dump(mode="json")
        for path, written in _strings(item):
            assert _lookup(loaded, path) == written, path
        for f, figure in enumerate(item["figures"]):
            assert index.briefing(item["id"]).figures[f].value == figure["value"]
    for p in registries["parties"]:
        assert index.parties[p["id"]] == p["name"]


def _lookup(data: Any, path: str) -> Any:
    for key in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path):
        data = data[key[0]] if key[0] else data[int(key[1])]
    return data


# --- verbatim in the rendered page ---------------------------------------------------------------

@pytest.fixture(scope="module")
def to_html() -> Any:
    """Markdown → HTML with exactly the extensions and options MkDocs uses for this site."""
    config = load_config(str(ROOT / "mkdocs.yml"))

    def convert(source: str) -> BeautifulSoup:
        body, _ = get_data(source)
        # The extension the plugin adds to every build (see generator.site.markup).
        md = markdown.Markdown(extensions=[*config.markdown_extensions, InertTextExtension()],
                               extension_configs=config.mdx_configs)
        soup = BeautifulSoup(md.convert(body), "html.parser")
        for mark in soup.select("a.headerlink"):
            mark.decompose()
        return soup

    return convert


def shown_on_briefing_page(item: dict[str, Any], index) -> list[str]:
    """Every string the briefing page must show, as the reader must see it."""
    shown = lambda name: index.actors[index.resolve(name)].name  # noqa: E731 - a name shows as the registry spells it
    s = item["source"]
    out = [item["title"], *item["summary"].split("\n\n"), *s.get("authors", []), *s.get("credits", [])]
    out += [s[k] for k in ("outlet", "headline", "language") if s.get(k)]
    if s.get("url") and not is_web_url(s["url"]):
        out.append(s["url"])
    out += [index.topics[t] for t in item["topics"]]
    for a in item["actors"]:
        out += [shown(a["name"]), *([a["role"]] if "role" in a else [])]
    for e in item["events"]:
        out += [e["title"], *map(shown, e["participants"])]
        out += [e[k] for k in ("date_text", "place", "outcome", "duration", "evidence") if k in e]
    for d in item["demands"]:
        out += [index.parties[d["party"]], index.topics[d["topic"]], d["text"]]
        out += [d[k] for k in ("via", "evidence") if k in d]
        out += [shown(d["voiced_by"])] if "voiced_by" in d else []
    for f in item["figures"]:
        out += [f["label"], *[f[k] for k in ("attributed_to", "evidence") if k in f]]
        out += [UNIT_LABELS.get(f["unit"], f["unit"])] if "unit" in f else []
    for q in item["quotes"]:
        out += [q["text"], shown(q["speaker"]), *[q[k] for k in ("context", "via") if k in q]]
    return out


@SETTINGS
@given(corpora())
def test_every_string_appears_verbatim_in_the_rendered_page(to_html, corpus) -> None:
    items, registries = corpus
    with tempfile.TemporaryDirectory() as tmp:
        index = load(Path(tmp), items, registries)
    pages = render_pages(index)
    for item in items:
        soup = to_html(pages[urls.briefing_page(item["id"])])
        text = norm(soup.get_text())
        assert norm(soup.h1.get_text()) == norm(item["title"])
        missing = [v for v in shown_on_briefing_page(item, index) if norm(v) not in text]
        assert missing == []
        # Nothing became markup: the only elements are those the templates write.
        assert not soup.find_all(["script", "img", "iframe", "code", "pre", "hr", "mark", "sup", "sub", "del"])
        assert all(a.get("href", "").startswith(("../", "#", "http://", "https://")) for a in soup.find_all("a"))


# --- determinism ---------------------------------------------------------------------------------

@SETTINGS
@given(corpora(), st.randoms(use_true_random=False))
def test_rendering_is_deterministic(corpus, rnd) -> None:
    items, registries = corpus
    order = list(range(len(items)))
    rnd.shuffle(order)
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        first = render_pages(load(Path(one), items, registries))
        second = render_pages(load(Path(two), items, registries, order))
    assert first == second
    assert list(first) == sorted(first)


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    """Generated pages, search index and exports: nothing depends on time, memory addresses or hash seeds."""
    outputs = []
    for run in ("one", "two"):
        build = mkdocs_build(make_project(tmp_path / run / "project"), tmp_path / run / "site")
        assert build.returncode == 0, build.output
        outputs.append({p.relative_to(build.site).as_posix(): p.read_bytes() for p in sorted(build.site.rglob("*"))
                        if p.is_file() and p.suffix != ".gz"
                        and not varies_between_runs(p.relative_to(build.site).as_posix())})
    one, two = outputs
    assert one.keys() == two.keys()
    generated = [k for k in one if k.startswith(("briefings/", "acteurs/", "sommets/", "chronologie/", "pagefind/",
                                                  "revendications/", "chiffres/", "citations/", "sources/"))]
    assert len(generated) > 10
    assert [k for k in one if one[k] != two[k]] == []


# --- no Markdown left as text, on real sites -------------------------------------------------------

def build_site(root: Path, items, registries) -> Path:
    """A real strict `mkdocs build` of the generated corpus, with the project's mkdocs.yml and docs/."""
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    write_corpus(root, items, registries)
    build = mkdocs_build(root, root / "site")
    assert build.returncode == 0, build.output[-3000:]
    return build.site


SITES = settings(max_examples=int(os.environ.get("SITE_EXAMPLES", "3")), deadline=None, suppress_health_check=[HealthCheck.too_slow],
                 phases=[Phase.generate])


@SITES
@given(corpora(text=PLAIN, present=st.just(True), shared=True, count=(2, 3)))
def test_a_site_where_every_optional_field_is_written_shows_no_markdown(corpus) -> None:
    """Every optional key written, in briefings that tell of the same summits and figures: the
    divergence boxes, tables and lists of every page kind are made, and none shows as text."""
    with tempfile.TemporaryDirectory() as tmp:
        assert lint_site(build_site(Path(tmp), *corpus)) == []


@SITES
@given(corpora(text=PLAIN, shared=True, count=(1, 3)))
def test_a_site_where_any_optional_field_is_left_out_shows_no_markdown(corpus) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        assert lint_site(build_site(Path(tmp), *corpus)) == []


# --- front matter ---------------------------------------------------------------------------------

_ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)  # surrogates: no UTF-8 file holds them


@settings(max_examples=300, deadline=None)
@given(title=_ANY_TEXT, filters=st.dictionaries(st.sampled_from(["genre", "parti", "acteur", "theme", "annee"]),
                                                st.lists(_ANY_TEXT, min_size=1, max_size=3), max_size=5),
       date=_ANY_TEXT)
def test_front_matter_reads_back_as_the_values_it_was_given(title: str, filters: dict, date: str) -> None:
    """Whatever the text (line separators, NEL, controls, quotes, `: `, `#`), MkDocs reads the page's title and
    search data back as they were written, whether the block is written as JSON values or by PyYAML."""
    from generator.site.markup import page_title
    from generator.site.render import front_matter

    search = {"filters": filters, "date": date}
    _, meta = get_data(str(front_matter(title, search=search)) + "# Titre\n")
    assert meta == {"title": page_title(title), "search": search}


@settings(max_examples=500, deadline=None)
@given(target=st.text("ab./", max_size=12), folder=st.text("ab./", max_size=12))
def test_relative_links_are_what_relpath_gives(target: str, folder: str) -> None:
    """`markup.relative` works a link out from the pair of folders, and only then adds the file's name."""
    import posixpath

    from generator.site.markup import relative

    assert relative(target, folder) == posixpath.relpath(posixpath.join("/", target), posixpath.join("/", folder))


def test_a_relative_link_to_the_site_root_is_what_relpath_gives() -> None:
    """The home page's address is empty (`urls.page_url("index.md")`): from the root itself it is ".", never an
    empty link (which a browser reads as the page it is on)."""
    import posixpath

    from generator.site.markup import relative

    for folder in ("", "flux", "acteurs/x"):
        assert relative("", folder) == posixpath.relpath("/", posixpath.join("/", folder))
