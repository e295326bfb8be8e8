"""The pictures the generator draws, checked on the built HTML of the project's own briefings:
timeline strips and figure charts parse as XML, every marker is a link with a title, the counts
match the index, every topic has a page and every chip leads to one, cards and heat map are there."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Build, make_project, mkdocs_build
from generator.project import Project
from generator.pipeline import build

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    base = tmp_path_factory.mktemp("visual")
    result = mkdocs_build(make_project(base / "project", corpus=ROOT), base / "site")
    assert result.returncode == 0, result.output
    yield result


@pytest.fixture(scope="module")
def index():
    result = build(Project.from_options(ROOT))
    assert result.ok
    return result.index


def soup(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(path), "html.parser")


def svgs(page: BeautifulSoup, cls: str) -> list[ET.Element]:
    """Each inline SVG of the class, parsed by ElementTree from the page's own text (raises if not XML)."""
    return [ET.fromstring(str(s)) for s in page.select(f"svg.{cls}")]


def exists(site: Build, page_path: str, href: str) -> bool:
    """Whether a relative link written in a built page leads to a built page (and its anchor, if any)."""
    target = urljoin("/" + page_path, href)
    path, _, anchor = target.partition("#")
    file = site.site / path.lstrip("/")
    if path.endswith("/") or not path.lstrip("/"):
        file = file / "index.html"
    if not file.is_file():
        return False
    return not anchor or soup(site, file.relative_to(site.site).as_posix()).find(id=anchor) is not None


def test_every_dated_event_is_one_linked_titled_marker_on_the_timeline(seed_site: Build, index) -> None:
    page = soup(seed_site, "chronologie/index.html")
    strips = svgs(page, "tl-svg")
    dated = [e for e in index.events.values() if e.date]
    assert len(strips) == len({e.date.year for e in dated})  # one strip per year
    markers = [a for s in strips for a in s.iter(f"{SVG}a")]
    assert len(markers) == len(dated)
    for a in markers:
        assert a.get("href", "").startswith("#ev-") and page.find(id=a.get("href")[1:]) is not None
        assert a.find(f"{SVG}title").text.strip()
    months = [(t.find(f"{SVG}title").tail or "") if t.find(f"{SVG}title") is not None else t.text
              for s in strips for t in s.iter(f"{SVG}text")]
    assert all(m in months for m in ["année", "janv.", "juin", "déc."])


def test_statuses_and_contradicting_dates_are_drawn_apart(seed_site: Build, index) -> None:
    page = soup(seed_site, "chronologie/index.html")
    shapes = {" ".join(a["class"]) for a in page.select("svg a.tl-mark")}
    assert any("tl-s-held" in c for c in shapes) and any("tl-s-held" not in c for c in shapes)
    halos = page.select("svg a.tl-mark circle.tl-halo")
    assert halos and all("contredisent sur la date" in h.find_parent("a").find("title").get_text() for h in halos)


def test_each_summit_page_has_its_history_strip_and_card(seed_site: Build, index) -> None:
    summits = [e for e in index.events.values() if e.kind == "summit"]
    assert summits
    for s in summits:
        page = soup(seed_site, f"sommets/{s.id}/index.html")
        card = page.select_one("article .card-summit")
        assert card is not None and "Statut" in card.get_text() and "Participants" in card.get_text()
        if s.date:
            markers = page.select("svg.tl-svg a.tl-mark")
            assert markers and all(page.find(id=a["href"][1:]) is not None for a in markers)


def test_each_indicator_with_two_values_has_a_chart_with_one_mark_per_value(seed_site: Build, index) -> None:
    page = soup(seed_site, "chiffres/index.html")
    charts = {c.find("title").get_text(): c for c in page.select("svg.fc-svg")}
    expected = 0
    for entries in index.figures.values():
        numbers = [e for e in entries if e.figure.value is not None]
        if len(numbers) >= 2 and len({e.figure.unit for e in numbers}) == 1:
            expected += 1
            chart = next(c for t, c in charts.items() if entries[0].figure.label in t)
            ET.fromstring(str(chart))
            assert len(chart.select("a.fc-mark")) == len(numbers)
            for a in chart.select("a.fc-mark"):
                assert exists(seed_site, "chiffres/", a["href"]) and a.find("title").get_text()
    assert expected and len(charts) >= expected


def test_every_topic_has_a_page_and_every_chip_leads_to_one(seed_site: Build, index) -> None:
    for topic in index.topics:
        assert (seed_site.site / "themes" / topic / "index.html").is_file(), topic
        markers = soup(seed_site, f"themes/{topic}/index.html").select("svg.tl-svg a.tl-mark")
        assert all(exists(seed_site, f"themes/{topic}/", a["href"]) for a in markers), topic
    topics_index = soup(seed_site, "themes/index.html")
    assert len(topics_index.select("article table a")) == len(index.topics)
    chips = 0
    for b in index.briefings:
        path = f"briefings/{b.id}/index.html"
        page = soup(seed_site, path)
        card = page.select_one("article .card")
        assert card is not None and card.select_one(".badge") is not None
        for chip in card.select(".chip"):
            assert chip.name == "a" and exists(seed_site, f"briefings/{b.id}/", chip["href"]), chip
            chips += 1
        assert chips or not b.topics
    assert chips
    assert not (seed_site.site / "tags.json").exists()
    assert not list(seed_site.site.rglob("tags.json"))


def test_opinion_and_analysis_badges_say_so(seed_site: Build, index) -> None:
    for b in index.briefings:
        badge = soup(seed_site, f"briefings/{b.id}/index.html").select_one("article .card .badge")
        if b.source.genre in {"opinion", "analysis"}:
            assert f"badge-{b.source.genre}" in badge["class"]
        else:
            assert "badge-opinion" not in badge["class"] and "badge-analysis" not in badge["class"]


def test_the_demands_matrix_is_a_heat_map_telling_declared_from_reported(seed_site: Build) -> None:
    page = soup(seed_site, "revendications/index.html")
    cells = page.select("article table .heat")
    assert cells
    for cell in cells:
        level = next(c for c in cell["class"] if c.startswith("heat-") and c[5:].isdigit())
        n = int(cell.find("a").get_text())
        assert level == f"heat-{1 if n == 1 else 2 if n == 2 else 3 if n <= 4 else 4}"
        assert cell["data-label"] and page.find(id=cell.find("a")["href"][1:]) is not None
        assert "décl." in cell.get_text() or "rapp." in cell.get_text() or "autre" in cell.get_text()


# --- the chart on its own: qualifiers, unattributed values, vague amounts -------------------------

def _entry(value, qualifier=None, attributed="ONU", as_of=None, published=(2025, 8, 16), text=None, title="B"):
    from types import SimpleNamespace

    from generator.reading.dates import PartialDate
    figure = SimpleNamespace(value=value, qualifier=qualifier, attributed_to=attributed, unit="people",
                             as_of=PartialDate(*as_of) if as_of else None, amount_text=text, label="L",
                             basis="on-record", as_of_basis="stated")
    briefing = SimpleNamespace(id=title.lower(), title=title, source=SimpleNamespace(published=PartialDate(*published)))
    return SimpleNamespace(figure=figure, briefing=briefing)


def test_the_chart_draws_qualifiers_marks_unattributed_values_and_lists_vague_amounts() -> None:
    from generator.site.figure_chart import figure_chart

    entries = [_entry(100, "at-least", title="<Un & deux>"), _entry(120, "about", as_of=(2025, 9)),
               _entry(90, None, attributed=None, published=(2025, 10, 1)), _entry(80, "up-to", as_of=(2025, 7, 1)),
               _entry(None, text="des centaines")]
    html = figure_chart("Déplacés <b>", entries, lambda e: f"../{e.briefing.id}/")
    root = ET.fromstring(html)  # well-formed, whatever the texts hold
    marks = list(root.iter(f"{SVG}a"))
    assert len(marks) == 4  # one per number; the vague amount is not plotted
    arrows = [m for m in marks if m.find(f"{SVG}path[@class='fc-arrow']") is not None]
    assert len(arrows) == 2 and len([m for m in marks if m.find(f"{SVG}rect[@class='fc-band']") is not None]) == 1
    unattributed = [m for m in marks if m.find(f"{SVG}circle[@class='fc-dot fc-unattributed']") is not None]
    assert len(unattributed) == 1 and "non attribué" in unattributed[0].find(f"{SVG}title").text
    assert "« des centaines »" in "".join(root.itertext()) and "<b>" not in html and "&lt;Un &amp; deux&gt;" in html
    up = next(m for m in arrows if "au moins" in m.find(f"{SVG}title").text)
    d = up.find(f"{SVG}path").get("d").replace("M", " ").replace("L", " ").split()
    assert float(d[3]) < float(d[1])  # « au moins » points up (SVG y grows downward)
    assert figure_chart("L", entries[:1] + entries[-1:], str) == ""  # one number: no chart


def test_the_chart_s_date_labels_never_overlap() -> None:
    """Values dated close together (22 October, then November) would write their dates over each other:
    a label that would overlap the one before it is left out (the marks' titles and the table keep every date)."""
    from generator.site.figure_chart import HEIGHT, figure_chart

    entries = [_entry(100, published=(2025, 8, 16)), _entry(90, published=(2025, 10, 22)), _entry(95, as_of=(2025, 11)),
               _entry(97, as_of=(2025, 11, 2)), _entry(99, as_of=(2025, 11, 3))]
    root = ET.fromstring(figure_chart("L", entries, lambda e: "x/"))
    labels = [t for t in root.iter(f"{SVG}text") if t.get("y") == str(HEIGHT - 12)]
    assert labels[0].text == "16 août 2025"
    spans = []
    for t in labels:  # 6 px a character: about what a 12 px sans-serif font takes
        x, width = float(t.get("x")), 6 * len(t.text)
        start = {"start": x, "end": x - width}.get(t.get("text-anchor"), x - width / 2)
        spans.append((start, start + width))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), [t.text for t in labels]
