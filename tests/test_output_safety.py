"""What leaves the generator is safe and proportionate, whatever a briefing holds.

- Markdown's work on a value is linear in its length: each value from
  `markup.text` reaches Markdown as one run, stashed in one step, whatever its
  punctuation (Python-Markdown copies a paragraph's text once per inline match).
- A value that reaches an attribute of the theme is percent-encoded: the edit
  link holds the YAML file's path, and MkDocs and the theme print it as is.
- No CSV cell starts a formula, whether a spreadsheet splits the file on `,`
  or on `;` (which breaks the quoting).
- Texts printed again wherever their item is cited (titles, outlets, labels,
  registry names) are bounded, so the site's size stays proportional to the
  briefings'; the format page and the JSON Schemas state each limit.
- The SVG timeline is well-formed XML whatever a title holds, and each marker
  lies inside the column of the month (or year) it was given.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_project, mkdocs_build
from generator.authoring.format_page import render_format_page
from generator.authoring.schema import render_schemas
from generator.pipeline import Project, check
from generator.site.urls import edit_uri
from generator.reading import models
from generator.reading.fields import MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_TITLE_LENGTH, max_length_of
from generator.site import markup
from generator.reading.dates import PartialDate
from generator.site.export import columns, render_csv
from htmllint import lint_site
from generator.site.markup import CLOSE, OPEN, InertTextExtension
from generator.site.timeline_svg import COLUMNS, LEFT, RADIUS, RIGHT, STEP, WIDTH, timeline_svg, xml_text

EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
PUNCTUATION = st.text(st.sampled_from("\\`*_{}[]()<>#+-.!|&\"':=~^$%@ ⟦⟧a\t"), min_size=1, max_size=300)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200)


def _convert(source: str) -> tuple[str, markdown.Markdown]:
    md = markdown.Markdown(extensions=[*EXTENSIONS, InertTextExtension()])
    return md.convert(source), md


def _shown(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text()).strip()


@settings(max_examples=200, deadline=None)
@given(st.one_of(PUNCTUATION, ANY_TEXT))
def test_a_value_is_one_run_with_no_raw_syntax_inside(value: str) -> None:
    encoded = markup.text(value)
    if not encoded.startswith(OPEN):  # plain words (and , ; ? /), no space at either end: left as they are
        assert "&" not in encoded and encoded.strip() == encoded and CLOSE not in encoded
        assert re.fullmatch(r"(?:[^\x00-\x7f]|[A-Za-z0-9 ,;?/])*", encoded), encoded
        return
    assert encoded.startswith(OPEN) and encoded.endswith(CLOSE)
    inside = encoded[1:-1]
    assert OPEN not in inside and CLOSE not in inside
    # Outside numeric references, only letters, digits, spaces, non-ASCII text and , ; ? / remain.
    assert re.fullmatch(r"(?:&#\d+;|[^\x00-\x7f]|[A-Za-z0-9 ,;?/])*", inside), inside


@settings(max_examples=200, deadline=None)
@given(st.one_of(PUNCTUATION, ANY_TEXT))
def test_markdown_stashes_a_value_once_and_shows_it_as_written(value: str) -> None:
    html, md = _convert("Avant " + markup.text(value) + " après")
    # One piece of raw HTML per value, however many punctuation characters it holds: the inline
    # processor copies the paragraph once, not once per character.
    assert len(md.htmlStash.rawHtmlBlocks) == (1 if markup.text(value).startswith(OPEN) else 0)
    assert _shown(html) == re.sub(r"\s+", " ", f"Avant {value} après").strip()
    soup = BeautifulSoup(html, "html.parser")
    assert [e.name for e in soup.find_all(True)] == ["p"]


def test_values_inside_generated_markdown_stay_values() -> None:
    """Links, emphasis and tables the generator writes around values still work, one stash per value."""
    value = "<b>x</b> | *y* [z](javascript:alert(1)) {: .k } " * 50
    source = (f"# {markup.text(value)}\n\n| a | b |\n| --- | --- |\n| {markup.text(value)} | "
              f"**{markup.link(value, 'x.md', 'y.md')}** |\n")
    html, md = _convert(source)
    soup = BeautifulSoup(html, "html.parser")
    assert len(md.htmlStash.rawHtmlBlocks) == 3
    assert [td.get_text().strip() for td in soup.select("td")] == [value.strip(), value.strip()]
    assert soup.select_one("td strong a")["href"] == "x.md"
    assert not soup.find_all(["b", "em", "script"]) and soup.h1.get_text().strip() == value.strip()


# --- edit links: file and folder names reach the theme's href percent-encoded ---------------------

HOSTILE_FILE_NAMES = [
    '"><img src=x onerror=alert(document.domain)>.yaml',
    "l'accord \"final\" <b>.yaml",
    "a b\tc\nd.yaml",
    "x#frag?q=1&r=%41.yaml",
    "javascript:alert(1).yaml",
    "été — ʼ«».yaml",
    "back\\slash.yaml",
]
ENCODED = re.compile(r"[A-Za-z0-9._~/%-]+")


@pytest.mark.parametrize("name", HOSTILE_FILE_NAMES)
def test_edit_uri_is_percent_encoded(tmp_path: Path, name: str) -> None:
    uri = edit_uri(tmp_path / "briefings" / name, tmp_path / "docs")
    assert ENCODED.fullmatch(uri), uri
    assert unquote(uri) == f"../briefings/{name}"


def test_an_edit_uri_names_the_real_file_behind_a_linked_folder_or_file(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.yaml").write_text("", encoding="utf-8")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "briefings").symlink_to(tmp_path / "elsewhere")
    docs = tmp_path / "project" / "docs"
    assert edit_uri(tmp_path / "project" / "briefings" / "a.yaml", docs) == "../../elsewhere/a.yaml"
    (tmp_path / "elsewhere" / "b.yaml").symlink_to(tmp_path / "project" / "docs.yaml")
    assert edit_uri(tmp_path / "project" / "briefings" / "b.yaml", docs) == "../docs.yaml"


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=40)
       .filter(lambda s: s not in {".", ".."}))
def test_any_file_name_gives_an_encoded_edit_uri(name: str) -> None:
    root = Path("/project")
    uri = edit_uri(root / "briefings" / name, root / "docs")
    assert ENCODED.fullmatch(uri), uri
    assert unquote(uri) == f"../briefings/{name}"


FOLDER = 'notes "x" <i>#1 %41 é'


@pytest.fixture(scope="module")
def edit_link_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus, with edit links configured and its briefings in a folder whose name needs encoding."""
    base = tmp_path_factory.mktemp("edit-links")
    project = make_project(base / "project")
    (project / "briefings").rename(project / FOLDER)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - briefings\n" in config
    config = config.replace("\n  - briefings\n", f"\n  - briefings:\n      briefings_dir: '{FOLDER}'\n")
    config += "\nrepo_url: https://github.com/example/briefings\nedit_uri: edit/main/docs/\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    build = mkdocs_build(project, base / "site")
    assert build.returncode == 0, build.output
    return base / "site"


def test_edit_links_open_the_yaml_file_and_stay_one_attribute(edit_link_site: Path) -> None:
    pages = sorted((edit_link_site / "briefings").glob("*/index.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("a[rel=edit]")
        assert len(links) == 1, page
        href = links[0]["href"]
        prefix = f"https://github.com/example/briefings/edit/main/{quote(FOLDER)}/"
        assert href.startswith(prefix), href
        assert unquote(href[len(prefix):]) in {p.name for p in (edit_link_site.parent / "project" / FOLDER).iterdir()}
        assert not soup.find_all("i") and not soup.find_all("img")


def test_the_edit_link_build_lints_clean_and_shows_no_run_brackets(edit_link_site: Path) -> None:
    assert lint_site(edit_link_site) == []
    for page in edit_link_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert OPEN not in html and CLOSE not in html, page  # the plugin added InertTextExtension


# --- CSV: no cell starts a formula, split on `,` or on `;` -------------------------------------------

PIECES = ["=", "+", "-", "@", "=1+1", "-5", "@SUM(1)", ";", ",", "; ", "\n", "\r", "\r\n", "\0", '"', "'", " ",
          "\t", "\u00a0", "\u200b", "\ufeff", "\u202e", "\x01", "\x1c", "\x85", "\u2028", "a", "1", "é", "=cmd|' /C calc'!A0"]
CELL_TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)
# What a spreadsheet may skip before it reads `=`: the same set the export guards against, written out here.
SKIPPED = re.compile('[\\s"\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]*')


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(CELL_TEXT, min_size=1, max_size=4), st.lists(CELL_TEXT, max_size=3))
def test_no_csv_cell_starts_a_formula_whatever_the_separator(texts: list[str], items: list[str]) -> None:
    header = columns("quotes")
    text_columns = ["source_outlet", "speaker", "text", "context", "via"]
    row = {name: texts[i % len(texts)] for i, name in enumerate(text_columns)}
    row.update(briefing_id="b", speaker_id="x", translated=False, source_published="2025-10-01")
    lists_row = {**row, "text": items}  # a list cell, joined with "; "
    written = render_csv("quotes", [row, lists_row, {**row, "context": -5}]).removeprefix("\ufeff")
    for delimiter in (",", ";"):
        rows = list(csv.reader(io.StringIO(written, newline=""), delimiter=delimiter))
        for cells in rows:
            for cell in cells:
                if _is_number(cell):
                    continue  # a number: a spreadsheet reads it as one, it runs nothing
                first = cell[SKIPPED.match(cell).end():][:1]
                assert first not in set("=+-@"), (delimiter, cell, written)
                assert "\0" not in cell and "\r" not in cell
    # Split on `,`, every row has its columns and every text cell its text, only guarded.
    parsed = list(csv.DictReader(io.StringIO(written, newline="")))
    assert len(parsed) == 3 and list(parsed[0]) == header
    for name in text_columns:
        value = row[name].replace("\r\n", "\n").replace("\r", "\n").replace("\0", "")
        assert parsed[0][name].replace("'", "") == value.replace("'", "")


def test_every_csv_field_is_quoted() -> None:
    written = render_csv("figures", [{"briefing_id": "b", "label": "x;=1", "value": 3}]).removeprefix("\ufeff")
    header, *rows = written.splitlines()
    assert header.startswith("briefing_id,") and rows
    for line in rows:
        assert line.startswith('"') and line.endswith('"')


# --- the SVG timeline: well-formed XML whatever a title holds; each marker inside its month -------

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class _Event:
    id: str
    title: str
    kind: str
    date: PartialDate | None


def _markers(svg: str) -> list[tuple[float, str]]:
    """(centre, title) of every marker: each a link whose <title> names it."""
    root = ET.fromstring(svg)
    markers = [a for a in root.iter(f"{SVG}a") if "tl-mark" in a.get("class", "")]
    assert all(a.get("href") for a in markers)
    return [(float(a.find(f"{SVG}circle[@class='tl-dot']").get("cx")), a.find(f"{SVG}title").text) for a in markers]


def _allowed_in_xml(value: str) -> str:
    kept = "".join(c for c in value if c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"
                   or c >= "\U00010000")
    return kept.replace("\r\n", "\n").replace("\r", "\n")  # as an XML parser reads line ends


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=20))
def test_the_svg_is_well_formed_xml_for_any_title(title: str, other: str) -> None:
    events = [_Event("e", title, "summit", PartialDate(2025, 10, 1)), _Event("f", other, "call", PartialDate(2025))]
    markers = _markers(timeline_svg(events, lambda e: "#" + e.id))  # raises on anything XML forbids
    shown = sorted(text.split(" — ", 1)[1] if " — " in text else "" for _, text in markers if text)
    for value in (title, other):
        assert any(s == _allowed_in_xml(value) for s in shown) or not _allowed_in_xml(value)


def test_xml_text_drops_what_xml_forbids_and_escapes_the_rest() -> None:
    assert xml_text("a\x00b\x01c\x0bd\x0ce\x1ff\ufffeg\uffffh\ud800i") == "abcdefghi"
    assert xml_text("\t\n\r<&>\"'é\U0001f600") == "\t\n\r&lt;&amp;&gt;&quot;&#x27;é\U0001f600"


def _column_of(cx: float) -> int:
    return int((cx - LEFT) // ((WIDTH - LEFT - RIGHT) / len(COLUMNS)))


@pytest.mark.parametrize("count", [1, 2, 5, 6, 8, 9, 25, 60, 300])
@pytest.mark.parametrize("month", [None, 1, 10, 12])
def test_every_marker_lies_inside_its_month_column(count: int, month: int | None) -> None:
    column = (WIDTH - LEFT - RIGHT) / len(COLUMNS)
    events = [_Event(f"m{i:03}", f"Sans jour {i}", "announcement", PartialDate(2025, month)) for i in range(count)]
    if month:
        events += [_Event(f"d{day:02}", f"Jour {day}", "announcement", PartialDate(2025, month, day))
                   for day in range(1, 32 if month != 2 else 29)]
    markers = _markers(timeline_svg(events, lambda e: "#" + e.id))
    assert len(markers) == len(events)
    slot = month or 0
    start, end = LEFT + column * slot, LEFT + column * (slot + 1)
    for cx, title in markers:
        # cx is written to 0.1 px
        assert start + RADIUS <= cx + 0.051 and cx - 0.051 <= end - RADIUS, (cx, title, start, end)
    undated = sorted(cx for cx, title in markers if "Sans jour" in title)
    assert all(b >= a for a, b in zip(undated, undated[1:]))
    if (count - 1) * STEP <= column - 2 * RADIUS:  # few enough to stand STEP apart
        assert all(abs((b - a) - STEP) < 0.11 for a, b in zip(undated, undated[1:]))


# --- texts repeated by reference are bounded, and the format page and schemas say so -------------

REPEATED = [  # (model, key): printed again wherever the item is cited
    (models.Briefing, "title"), (models.Source, "outlet"), (models.Source, "headline"), (models.Event, "title"),
    (models.Figure, "label"), (models.ActorEntry, "name"), (models.ActorEntry, "aliases"),
    (models.PartyEntry, "name"), (models.PartyEntry, "aliases"), (models.TopicEntry, "name"),
]


@pytest.mark.parametrize(("model", "key"), REPEATED, ids=lambda x: getattr(x, "__name__", x))
def test_texts_printed_by_reference_are_bounded_and_documented(model: type, key: str) -> None:
    assert max_length_of(model.model_fields[key]) == MAX_TITLE_LENGTH
    page = render_format_page()
    row = next(line for line in page.splitlines() if line.startswith(f"| `{key}` |") and "300" in line)
    assert f"({MAX_TITLE_LENGTH} caractères au plus)" in row
    schemas = {name: json.loads(text) for name, text in render_schemas().items()}
    assert f'"maxLength": {MAX_TITLE_LENGTH}' in json.dumps(schemas)


def test_names_and_ids_state_their_limits_too() -> None:
    assert max_length_of(models.Quote.model_fields["speaker"]) == MAX_NAME_LENGTH
    assert max_length_of(models.Event.model_fields["participants"]) == MAX_NAME_LENGTH
    assert max_length_of(models.Event.model_fields["id"]) == MAX_ID_LENGTH
    schema = json.loads(render_schemas()["briefing.schema.json"])
    assert schema["properties"]["title"]["maxLength"] == MAX_TITLE_LENGTH


def test_a_long_title_is_a_positioned_error_with_a_hint(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    long = "T" * (MAX_TITLE_LENGTH + 1)
    (project / "briefings" / "2025-10-01-long.yaml").write_text(
        f"title: {long}\nsummary: S\nsource:\n  outlet: {long}\n  published: 2025-10-01\n  genre: news\n"
        f"events:\n- id: e-long\n  kind: call\n  title: {long}\nfigures:\n- indicator: i-long\n  label: {long}\n"
        f"  value: 1\n", encoding="utf-8")
    ok = "x" * MAX_TITLE_LENGTH
    (project / "briefings" / "2025-10-02-at-the-limit.yaml").write_text(
        f"title: {ok}\nsummary: S\nsource:\n  outlet: {ok}\n  published: 2025-10-02\n  genre: news\n", encoding="utf-8")
    _, problems = check(Project.at(project))
    found = {(p.path.rsplit("/", 1)[-1], p.line, p.col, p.key_path) for p in problems.errors}
    assert found == {("2025-10-01-long.yaml", 1, 8, "title"), ("2025-10-01-long.yaml", 4, 11, "source.outlet"),
                     ("2025-10-01-long.yaml", 10, 10, "events[0].title"),
                     ("2025-10-01-long.yaml", 13, 10, "figures[0].label")}
    for p in problems.errors:
        assert f"{MAX_TITLE_LENGTH + 1} characters" in p.message and f"at most {MAX_TITLE_LENGTH}" in p.message
        assert p.hint


def test_every_generated_table_is_a_table(edit_link_site: Path) -> None:
    """A table glued to the paragraph before it stays Markdown text ("| --- |") instead of a table."""
    shown = []
    for page in edit_link_site.rglob("*.html"):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("div.md-content article")
        if article is not None and "| --- |" in article.get_text():
            shown.append(page.relative_to(edit_link_site).as_posix())
    assert shown == []
