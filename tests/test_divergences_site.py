"""The repository's own briefings, built: the boxes say what the classification says, and the data agrees.

On Anchorage the accounts differ in five fields; two are contradictions: one article has Witkoff
meet Putin where four have Trump, and one places the summit « début août » (the 1st to the 10th)
where others give 15 August. The warning box holds those two; the place (a base inside
Anchorage inside Alaska) and the status (planned the morning of the summit, held afterwards)
are folded nuances; the outcomes stay in the accounts.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Build, built_site, make_project
from generator.site import wording


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    base = tmp_path_factory.mktemp("seed-site")
    return built_site(make_project(base / "project", ROOT), base / "site")


def article(build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(page), "html.parser").select_one("div.md-content")


def box_items(page: BeautifulSoup) -> list[str]:
    return [" ".join(li.get_text(" ").split()) for box in page.select(".admonition.warning") for li in box.select("li")]


def nuance_items(page: BeautifulSoup) -> list[str]:
    return [" ".join(li.get_text(" ").split()) for box in page.select("details.note") for li in box.select("li")]


def test_the_anchorage_box_holds_the_contradictions_and_nothing_compatible(seed_site: Build) -> None:
    page = article(seed_site, "sommets/anchorage-summit-2025/index.html")
    box = {item.split(" (")[0]: item for item in box_items(page)}
    assert set(box) == {"date", "participants"}
    assert box["participants"].startswith(
        "participants (les récits se contredisent) : « Donald Trump, Vladimir Poutine » selon")
    assert "« Steve Witkoff, Vladimir Poutine » selon" in box["participants"]
    assert "(15 août 2025)" in box["participants"]  # each version with its source's publication date
    assert "« 15 août 2025 »" in box["date"] and "« début août 2025 »" in box["date"]
    # « août 2025 » is only less precise than both: it is not in the box, and no article's wording is
    # put in another's mouth (each account's own wording is in the accounts table).
    assert "« août 2025 »" not in box["date"] and "« le 15 août" not in box["date"]
    nuances = {item.split(" (")[0]: item for item in nuance_items(page)}
    assert set(nuances) == {"lieu", "statut"}
    assert "(un lieu contient l'autre)" in nuances["lieu"]
    assert "(chaque version vaut à la date de son article)" in nuances["statut"]
    assert not page.select_one("details.note").has_attr("open")  # folded


def test_budapest_and_the_next_summit_raise_no_box(seed_site: Build) -> None:
    for summit in ("budapest-summit-2025", "trump-putin-next-summit"):
        page = article(seed_site, f"sommets/{summit}/index.html")
        assert box_items(page) == [] and nuance_items(page) == []


def test_the_same_figure_written_twice_is_not_flagged(seed_site: Build) -> None:
    page = article(seed_site, "chiffres/index.html")
    assert page.select(".diverge") == []
    # Two articles say the war is « dans sa quatrième année »: the same words, compared as words, never as a number.
    (item,) = [i for i in nuance_items(page) if "dans sa quatrième année" in i]
    assert item.startswith("valeur (même valeur, autres mots)")
    assert "3 ans" not in item


def test_the_divergences_page_heads_with_contradictions(seed_site: Build) -> None:
    text = " ".join(article(seed_site, "divergences/index.html").get_text(" ").split())
    contradictions = text[text.index("Événements dont les récits se contredisent"):text.index("Nuances entre récits")]
    assert "Sommet Trump-Poutine d’Anchorage" in contradictions and "participants" in contradictions
    assert "date (les récits se contredisent)" in contradictions and "lieu (" not in contradictions


def rows(build: Build) -> list[dict]:
    return json.loads((build.site / "exports" / "divergences.json").read_text(encoding="utf-8"))


def test_the_data_validates_against_its_schema(seed_site: Build) -> None:
    schema = json.loads((ROOT / "schema" / "divergences.schema.json").read_text(encoding="utf-8"))
    data = rows(seed_site)
    jsonschema.validate(data, schema)
    assert {(r["subject"], r["field"], r["class"]) for r in data} >= {
        ("anchorage-summit-2025", "participants", "contradiction"), ("anchorage-summit-2025", "place", "containment"),
        ("anchorage-summit-2025", "date", "contradiction"), ("anchorage-summit-2025", "status", "time"),
        ("anchorage-summit-2025", "outcome", "not-comparable"), ("war-duration-years", "value", "wording")}
    csv_lines = (seed_site.site / "exports" / "divergences.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(csv_lines) == 1 + sum(len(r["versions"]) for r in data)


def test_every_box_on_the_site_is_a_row_of_the_data(seed_site: Build) -> None:
    """Each item of a warning box is a contradiction row, each folded item a nuance row, and the reverse."""
    data = rows(seed_site)
    shown: set[tuple[str, str, str]] = set()
    for html in sorted(seed_site.site.glob("sommets/*/index.html")):
        page = article(seed_site, html.relative_to(seed_site.site).as_posix())
        history_subject = html.parent.name
        for item in box_items(page):
            shown.add((history_subject, item.split(" (")[0], "contradiction"))
        for item in nuance_items(page):
            shown.add((history_subject, item.split(" (")[0], "nuance"))
    labels = wording.DIVERGENCE_FIELDS
    expected = {(r["subject"], labels[r["field"]], "contradiction" if r["class"] == "contradiction" else "nuance")
                for r in data if r["subject_kind"] == "event" and r["subject"] in {p.parent.name for p in
                                                                                  seed_site.site.glob("sommets/*/index.html")}
                and (r["class"] != "not-comparable" or r["field"] != "outcome")}
    assert shown == expected
    figures = article(seed_site, "chiffres/index.html")
    assert len(nuance_items(figures)) == sum(1 for r in data if r["subject_kind"] == "figure" and r["class"] != "contradiction")
    assert len(figures.select(".diverge")) == sum(1 for r in data if r["subject_kind"] == "figure"
                                                  and r["class"] == "contradiction")


def test_a_place_outside_the_registry_is_never_flagged(tmp_path: Path) -> None:
    from generator.corpus.divergences import all_differences
    from generator.pipeline import Project, check

    project = make_project(tmp_path / "p", ROOT)
    (project / "content" / "places.yaml").unlink()
    index, _ = check(Project.at(project))
    place = [d for d in all_differences(index) if d.subject == "anchorage-summit-2025" and d.field == "place"]
    assert [d.cls for d in place] == ["not-comparable"]
