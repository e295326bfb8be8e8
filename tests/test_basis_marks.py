"""Format v2 on the built site: every demand, figure, quote and event account carries its basis, page by page.

The corpus `tests/data/corpus_v2` holds the v1 test corpus plus two v2 briefings: a wire with every basis,
deduced dates, a vague quantity (« des centaines ») and the analyst's notes, and an opinion piece whose
author lends Washington a position. Each test reads the HTML MkDocs wrote, finds each item by its own
text, and checks the mark next to it: the class says which basis (`basis-author`…), `basis-opinion`
says it comes from a tribune.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import DATA, Build, built_site, make_project
from generator.corpus.divergences import figure_class
from generator.corpus.index import CorpusIndex
from generator.pipeline import Project, build
from generator.reading.models import Figure
from generator.site import urls, wording

V2 = DATA / "corpus_v2"
NOTE = wording.ANALYST_NOTE


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    base = tmp_path_factory.mktemp("v2-site")
    return built_site(make_project(base / "project", V2), base / "site")


@pytest.fixture(scope="module")
def index() -> CorpusIndex:
    result = build(Project.at(V2))
    assert result.ok, result.problems.render()
    return result.index


def html_path(src: str) -> str:
    """`briefings/x.md` → `briefings/x/index.html`; `index.md` → `index.html`."""
    stem = src[: -len(".md")]
    if stem == "index":
        return "index.html"
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/index.html"


def page(site: Build, src: str) -> Tag:
    return BeautifulSoup(site.page(html_path(src)), "html.parser").select_one("div.md-content")


def squash(text: str) -> str:
    return " ".join(text.split())


def holders(root: Tag, text: str, tag: str) -> list[Tag]:
    """The innermost `tag` elements whose text holds `text`."""
    found = [el for el in root.find_all(tag) if text in squash(el.get_text(" "))]
    return [el for el in found if not any(text in squash(inner.get_text(" ")) for inner in el.find_all(tag))]


def own_marks(el: Tag) -> list[list[str]]:
    """The classes of the basis marks of an item itself, not of the items nested under it."""
    nested = [span for sub in el.find_all(["ul", "ol"]) for span in sub.select("span.basis")]
    return [span["class"] for span in el.select("span.basis") if not any(span is n for n in nested)]


def assert_marked(el: Tag, basis: str, opinion: bool) -> None:
    classes = own_marks(el)
    assert ["basis", f"basis-{basis}"] in classes, (basis, el.decode()[:400])
    assert (["basis", "basis-opinion"] in classes) == opinion, el.decode()[:400]


def briefing_of(index: CorpusIndex, item: object):
    return next(b for b in index.briefings if any(x is item for x in (*b.events, *b.demands, *b.figures, *b.quotes)))


# --- demands -----------------------------------------------------------------------------------

def test_every_demand_is_marked_on_the_briefing_demands_actor_and_topic_pages(site: Build, index: CorpusIndex) -> None:
    pages = {src: page(site, src) for src in {urls.DEMANDS, *(urls.briefing_page(b.id) for b in index.briefings),
                                              *(urls.actor_page(d.voiced_by) for d in index.demands if d.voiced_by),
                                              *(urls.topic_page(d.demand.topic) for d in index.demands)}}
    seen = 0
    for d in index.demands:
        where = [urls.briefing_page(d.briefing.id), urls.DEMANDS, urls.topic_page(d.demand.topic)] + (
            [urls.actor_page(d.voiced_by)] if d.voiced_by else [])
        for src in where:
            items = holders(pages[src], squash(d.demand.text), "li")
            assert len(items) == 1, (src, d.demand.text)
            assert_marked(items[0], d.demand.basis, d.briefing.source.genre == "opinion")
            seen += 1
    assert seen >= 8 * 3


def test_reported_demand_names_who_reports_it(site: Build) -> None:
    item = holders(page(site, urls.DEMANDS), "Des garanties écrites des États-Unis.", "li")[0]
    mark = item.select_one("span.basis-reported")
    assert squash(mark.get_text(" ")) == "rapportée par Reuters"


def section_of(el: Tag) -> str:
    """The text of the `h2` an element falls under."""
    heading = el.find_previous("h2")
    return squash(heading.get_text(" ")).rstrip("¶").strip() if heading else ""


def test_author_demands_are_kept_apart_and_never_counted(site: Build, index: CorpusIndex) -> None:
    demands = page(site, urls.DEMANDS)
    author = [d for d in index.demands if d.demand.basis == "author"]
    assert author
    for d in author:
        (item,) = holders(demands, d.demand.text, "li")
        assert section_of(item) == wording.AUTHOR_READINGS
        assert "prêtée à" in squash(item.get_text(" ")) and "exprimée par" not in squash(item.get_text(" "))
        (on_actor,) = holders(page(site, urls.actor_page(d.voiced_by)), d.demand.text, "li")
        assert section_of(on_actor) == wording.AUTHOR_READINGS
    for d in index.demands:
        if d.demand.basis != "author":
            (item,) = holders(demands, d.demand.text, "li")
            assert section_of(item) != wording.AUTHOR_READINGS
    # The matrix counts positions only: declared and reported, the author's readings never.
    table = demands.select_one("table")
    counted = sum(int(a.get_text()) for a in table.select("a") if a.get_text().isdigit())
    assert counted == sum(d.demand.basis in ("on-record", "reported") for d in index.demands)
    row = next(tr for tr in table.select("tr") if "États-Unis" in tr.get_text())
    # United States / territory holds one conditional demand and one author reading: « +1 non confirmée », no count.
    cells = [squash(td.get_text(" ")) for td in row.select("td")]
    assert "+1 non confirmée" in cells and not any(c.isdigit() for c in cells)


def test_conditional_and_analyst_demands_are_listed_after_the_positions(site: Build, index: CorpusIndex) -> None:
    demands = page(site, urls.DEMANDS)
    for d in index.demands:
        if d.demand.basis in ("conditional", "analyst"):
            (item,) = holders(demands, d.demand.text, "li")
            label = item.find_parent("ul").find_previous_sibling("p")
            assert label is not None and squash(label.get_text(" ")).startswith("Non confirmées")


# --- quotes ------------------------------------------------------------------------------------

def test_every_quote_is_marked_everywhere(site: Build, index: CorpusIndex) -> None:
    for q in index.quotes:
        for src in (urls.briefing_page(q.briefing.id), urls.QUOTES, urls.actor_page(q.speaker)):
            blocks = holders(page(site, src), squash(q.quote.text), "blockquote")
            assert blocks, (src, q.quote.text)
            for block in blocks:
                assert_marked(block, q.quote.basis, q.briefing.source.genre == "opinion")


def test_a_relayed_quote_is_reported_by_its_relay(site: Build) -> None:
    (block,) = holders(page(site, urls.briefing_page("2025-11-16-depeche-bases")), "Rien n'est encore fixé", "blockquote")
    assert squash(block.select_one("span.basis-reported").get_text(" ")) == "rapportée par Reuters"


# --- figures -----------------------------------------------------------------------------------

def test_every_figure_is_marked_on_the_briefing_figures_and_home_pages(site: Build, index: CorpusIndex) -> None:
    figures_page, home = page(site, urls.FIGURES), page(site, "index.md")
    for entries in index.figures.values():
        for e in entries:
            shown = squash(wording.figure_text(e.figure))
            opinion = e.briefing.source.genre == "opinion"
            (row,) = holders(page(site, urls.briefing_page(e.briefing.id)), e.figure.label, "tr")
            assert_marked(row, e.figure.basis, opinion)
            rows = [tr for tr in holders(figures_page, shown, "tr") if e.briefing.title in squash(tr.get_text(" "))]
            assert len(rows) == 1, shown
            assert_marked(rows[0], e.figure.basis, opinion)
            for item in holders(home, e.figure.label, "li"):
                if e.briefing.title in item.get_text() and shown in squash(item.get_text(" ")):
                    assert_marked(item, e.figure.basis, opinion)


def test_a_vague_amount_is_the_articles_words_never_a_number(site: Build, index: CorpusIndex) -> None:
    (vague,) = [e for entries in index.figures.values() for e in entries if e.figure.value is None]
    assert vague.figure.magnitude == 100
    label = vague.figure.label
    places = [holders(page(site, urls.briefing_page(vague.briefing.id)), label, "tr")[0],
              holders(page(site, "index.md"), label, "li")[0],
              next(tr for tr in page(site, urls.FIGURES).select("tr") if "des centaines" in tr.get_text())]
    for el in places:
        amount = el.select_one("span.vague-amount")
        assert amount is not None and squash(amount.get_text(" ")).startswith("« des centaines »"), el.decode()[:300]
        assert "100" not in el.get_text(), "the magnitude is for sorting only"
    # Against a number of the same date, it is neither a contradiction nor the same value: the reader compares.
    box = page(site, urls.DISAGREEMENTS)
    assert "des centaines" not in squash(" ".join(w.get_text(" ") for w in box.select(".admonition.warning")))
    nuance = next(li for li in box.select("details li") if "des centaines" in li.get_text())
    assert wording.VAGUE_AMOUNT in squash(nuance.get_text(" "))


def test_vague_amounts_compare_as_words() -> None:
    def fig(**kw: object) -> Figure:
        return Figure(indicator="x", label="x", unit="people", **{"value": None, **kw})

    vague, other, number = fig(amount_text="des centaines"), fig(amount_text="des dizaines"), fig(value=20)
    assert figure_class(vague, number) == "not-comparable" == figure_class(number, vague)
    assert figure_class(vague, other) == "not-comparable"
    assert figure_class(vague, fig(amount_text="Des centaines")) == "wording"


def test_a_vague_figure_exports_its_words_and_no_value(site: Build) -> None:
    text = (site.site / "exports" / "figures.csv").read_text(encoding="utf-8-sig")
    (row,) = [r for r in csv.DictReader(io.StringIO(text)) if r["indicator"] == "anchorage-journalists" and not r["value"]]
    assert row["amount_text"] == "des centaines" and row["magnitude"] == "100" and row["basis"] == "on-record"


# --- event accounts ----------------------------------------------------------------------------

def account_marks(paragraph: Tag) -> dict[str, list[list[str]]]:
    """Briefing page → the classes of the marks right after its link, in a list of sources."""
    out: dict[str, list[list[str]]] = {}
    for a in paragraph.select("a"):
        if "/briefings/" not in "/" + a.get("href", "") and "briefings/" not in a.get("href", ""):
            continue
        marks, sib = [], a.next_sibling
        while sib is not None and not (isinstance(sib, Tag) and sib.name == "a"):
            if isinstance(sib, Tag) and "basis" in sib.get("class", []):
                marks.append(sib["class"])
            sib = sib.next_sibling
        out[a.get_text()] = marks
    return out


def test_every_event_account_is_marked_on_timeline_summit_and_briefing_pages(site: Build, index: CorpusIndex) -> None:
    timeline = page(site, urls.TIMELINE)
    for event_id, record in index.events.items():
        lists = [timeline.find(id=urls.event_anchor(event_id)).find_next_sibling("p")]
        summit = index.history_of.get(event_id)
        if summit:
            summit_page = page(site, urls.summit_page(summit))
            lists.append(summit_page.find(id=urls.event_anchor(event_id)).find_next_sibling("p"))
        for a in record.accounts:
            opinion = a.briefing.source.genre == "opinion"
            for paragraph in lists:
                marks = account_marks(paragraph)[a.briefing.title]
                assert ["basis", f"basis-{a.event.basis}"] in marks and (["basis", "basis-opinion"] in marks) == opinion
            (item,) = [li for li in holders(page(site, urls.briefing_page(a.briefing.id)), a.event.title, "li")
                       if li.find("a", string=a.event.title)]
            assert_marked(item, a.event.basis, opinion)
            if summit == event_id:
                (row,) = [tr for tr in summit_page.select("tr") if a.briefing.title in tr.get_text()]
                assert_marked(row, a.event.basis, opinion)


def test_actor_pages_say_the_bases_of_the_events_accounts(site: Build, index: CorpusIndex) -> None:
    actor = page(site, urls.actor_page("donald-trump"))
    for event_id in index.events_by_actor["donald-trump"]:
        record = index.events[event_id]
        (item,) = [li for li in actor.select("li") if li.find("a", string=record.title)]
        for a in record.accounts:
            assert ["basis", f"basis-{a.event.basis}"] in own_marks(item)


def test_divergence_versions_carry_the_marks_of_their_own_items(site: Build) -> None:
    nuance = next(li for li in page(site, urls.DISAGREEMENTS).select("details li") if "des centaines" in li.get_text())
    marks = account_marks(nuance)
    assert marks["Une tribune sur le sommet d'Alaska"] == [["basis", "basis-author"], ["basis", "basis-opinion"]]
    assert marks["Ce que l'on sait, et comment, d'un nouveau sommet"] == [["basis", "basis-on-record"]]


# --- notes and dates ---------------------------------------------------------------------------

def test_notes_are_labelled_as_the_analysts_and_never_merged(site: Build, index: CorpusIndex) -> None:
    briefing = next(b for b in index.briefings if b.analyst_note)
    html = page(site, urls.briefing_page(briefing.id))
    box = html.select_one(".admonition.analyst-note")
    assert squash(box.select_one(".admonition-title").get_text()) == NOTE
    assert squash(briefing.analyst_note) in squash(box.get_text(" "))
    items = [x for b in index.briefings for x in (*b.events, *b.demands, *b.figures, *b.quotes) if x.note or x.date_note]
    assert len(items) >= 6
    for x in items:
        b = briefing_of(index, x)
        for text, label in ((x.note, NOTE), (x.date_note, wording.ANALYST_DATE_NOTE)):
            if not text:
                continue
            notes = [n for n in html_for(site, b).select("span.analyst-note") if squash(text) in squash(n.get_text(" "))]
            assert notes, text
            for n in notes:
                assert squash(n.select_one(".analyst-note-label").get_text()) == label
            # Nowhere on the page is the note's text outside a labelled note.
            for string in html_for(site, b).find_all(string=lambda s: squash(text)[:30] in squash(s)):
                assert string.find_parent("span", class_="analyst-note") is not None


def html_for(site: Build, b) -> Tag:
    return page(site, urls.briefing_page(b.id))


def test_a_deduced_date_says_so(site: Build) -> None:
    html = page(site, urls.briefing_page("2025-11-16-depeche-bases"))
    (event,) = [li for li in html.select("li") if li.find("a", string="Sommet de Budapest")]
    assert event.select_one("span.date-inferred") is not None
    (quote,) = holders(html, "Nous verrons bien", "blockquote")
    assert squash(quote.select_one("span.date-inferred").get_text()) == wording.DATE_INFERRED
    (row,) = holders(html, "Ukrainiens déplacés", "tr")
    assert row.select_one("span.date-inferred") is not None
    (stated,) = holders(html, "Rien n'est encore fixé", "blockquote")
    assert stated.select_one("span.date-inferred") is None
    # The cross-source pages show the date of the one account that gives it, deduced: they say so too.
    timeline = page(site, urls.TIMELINE)
    assert timeline.find(id=urls.event_anchor("budapest-summit-2025")).select_one("span.date-inferred") is not None
    assert timeline.find(id=urls.event_anchor("anchorage-summit-2025")).select_one("span.date-inferred") is None
    summit = page(site, urls.summit_page("budapest-summit-2025"))
    assert summit.find(id=urls.event_anchor("budapest-summit-2025")).select_one("span.date-inferred") is not None


# --- the v1 corpus -----------------------------------------------------------------------------

def test_v1_items_carry_their_default_marks(corpus_site: Build) -> None:
    demands = BeautifulSoup(corpus_site.page("revendications/index.html"), "html.parser").select_one("div.md-content")
    items = [li for li in demands.select("li") if "source" in li.get_text()]
    assert items and all(own_marks(li) for li in items)
    quotes = BeautifulSoup(corpus_site.page("citations/index.html"), "html.parser").select_one("div.md-content")
    assert all(block.select("span.basis") for block in quotes.select("blockquote"))
    # The v1 tribune's quote says it comes from a tribune; the news article's quotes do not.
    opinion = [block for block in quotes.select("blockquote") if block.select("span.basis-opinion")]
    assert opinion and all("Une tribune sans date précise" in b.get_text() for b in opinion)


def test_the_marks_are_the_generators_own(tmp_path: Path) -> None:
    """A note or a `via` holding HTML stays text: the mark's element is the only one made."""
    corpus = tmp_path / "corpus"
    (corpus / "briefings").mkdir(parents=True)
    (corpus / "content").mkdir()
    for name in ("actors", "parties", "topics"):
        (corpus / "content" / f"{name}.yaml").write_text((V2 / "content" / f"{name}.yaml").read_text())
    (corpus / "briefings" / "2025-01-01-x.yaml").write_text(
        'title: X\nsummary: X\nsource: {outlet: null, published: 2025-01-01, genre: news}\n'
        'quotes:\n  - speaker: Trump\n    text: "Bonjour"\n    via: \'<span class="basis basis-author">x</span>\'\n'
        '    note: "<b>gras</b> **x**"\n', encoding="utf-8")
    result = build(Project.at(corpus))
    assert result.ok, result.problems.render()
    text = result.pages[urls.briefing_page("2025-01-01-x")]
    assert "<b>" not in text and 'class="basis basis-author"' not in text
    assert text.count('class="basis ') == 1 and 'class="basis basis-reported"' in text


def test_the_pictures_name_each_claim_with_its_status(site: Build, index: CorpusIndex) -> None:
    """A figure chart's mark and a timeline strip's marker are named by their `<title>`: it says the basis
    of a claim the article does not state as a fact, and a deduced date, as the lists beside them do."""
    charts = BeautifulSoup(site.page("chiffres/index.html"), "html.parser")
    titles = [t.get_text() for t in charts.select("a.fc-mark > title")]
    checked = 0
    for f in (e.figure for entries in index.figures.values() for e in entries):
        shown = [t for t in titles if t.startswith(wording.figure_text(f) + " ")]
        if f.basis == "on-record" or not shown:  # an indicator with one value has no chart
            continue
        checked += 1
        assert all(wording.BASIS_MARKS["figure"][f.basis] in t for t in shown), (f, shown)
        if f.as_of is not None and f.as_of_basis == "inferred":
            assert all(wording.DATE_INFERRED in t for t in shown), shown
    assert checked
    strips = BeautifulSoup(site.page("chronologie/index.html"), "html.parser")
    markers = {t.get_text() for t in strips.select(".tl-mark > title")}
    for record in index.events.values():
        bases = {a.event.basis for a in record.accounts}
        if record.date is None or bases == {"on-record"}:
            continue
        named = [t for t in markers if f" — {record.title} — " in t]
        assert named and all(wording.BASIS_MARKS["event"][b] in named[0] for b in bases), (record.id, named)


def test_structured_data_claims_only_the_words_said_on_the_record_or_reported(index: CorpusIndex) -> None:
    """A schema.org `Quotation` says its speaker said these words, with no room for a mark: a quote in the
    conditional, the author's or the analyst's attribution stays on the page, with its mark, only."""
    from generator.site.jsonld import briefing_data

    kept = left = 0
    for b in index.briefings:
        quoted = [n["text"] for n in briefing_data(b, index)["@graph"] if n["@type"] == "Quotation"]
        assert quoted == [q.text for q in b.quotes if q.basis in ("on-record", "reported")], b.id
        kept, left = kept + len(quoted), left + len(b.quotes) - len(quoted)
    assert kept and left
