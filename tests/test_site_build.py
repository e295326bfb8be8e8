"""End to end: a real strict `mkdocs build` of the test corpus, asserting on the HTML and the search index."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import Build, mkdocs_build
from pagefind_files import entry, fragments

BRIEFINGS = ["2025-08-16-quotidien-anchorage", "2025-10-22-analyse-budapest", "2025-tribune-inconnue"]


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(path), "html.parser")


def text(build: Build, path: str) -> str:
    return " ".join(soup(build, path).select_one("article").get_text(" ").split())


def test_one_page_per_briefing_and_an_index_newest_first(corpus_site: Build) -> None:
    for b in BRIEFINGS:
        assert (corpus_site.site / "briefings" / b / "index.html").is_file()
    links = [a["href"] for a in soup(corpus_site, "briefings/index.html").select("article table a")]
    assert links == ["2025-10-22-analyse-budapest/", "2025-08-16-quotidien-anchorage/", "2025-tribune-inconnue/"]


def test_briefing_page_shows_its_source_card(corpus_site: Build) -> None:
    page = text(corpus_site, "briefings/2025-08-16-quotidien-anchorage/index.html")
    assert "Le Quotidien d'essai" in page and "16 août 2025" in page and "Information" in page
    assert "près de 13 000 000 personnes" in page
    link = soup(corpus_site, "briefings/2025-08-16-quotidien-anchorage/index.html").find("a", string="Lire l'article")
    assert link["href"] == "https://example.org/anchorage"


def test_unknown_outlet_unattributed_figure_opinion_and_partial_date_are_visible(corpus_site: Build) -> None:
    analysis = text(corpus_site, "briefings/2025-10-22-analyse-budapest/index.html")
    assert "non identifié" in analysis
    assert "⚠ non attribué" in analysis
    opinion = text(corpus_site, "briefings/2025-tribune-inconnue/index.html")
    assert "Tribune d'opinion" in opinion and "Opinion / tribune" in opinion
    assert "2025 (précision : année)" in opinion


def test_quotes_are_blockquotes_with_speaker_and_translated_mark(corpus_site: Build) -> None:
    page = soup(corpus_site, "briefings/2025-08-16-quotidien-anchorage/index.html")
    quote = page.select_one("article blockquote")
    assert "Nous avons eu une rencontre très productive" in quote.get_text()
    assert quote.select_one("a[href='../../acteurs/donald-trump/']").get_text() == "Donald Trump"
    assert quote.select_one(".translated").get_text() == "traduction"


def test_topics_are_chips_linking_to_their_pages(corpus_site: Build) -> None:
    chips = soup(corpus_site, "briefings/2025-08-16-quotidien-anchorage/index.html").select("article .card a.chip")
    assert sorted(c.get_text(strip=True) for c in chips) == ["Humanitaire", "Sommet d'Anchorage"]
    assert all(c["href"].startswith("../../themes/") for c in chips)


def test_search_index_holds_the_french_text(corpus_site: Build) -> None:
    """Pagefind indexed every page but the 404 in French, the article's text only (no navigation, no ¶)."""
    assert not (corpus_site.site / "search").exists()  # the theme's own lunr index is gone
    assert entry(corpus_site.site)["languages"].keys() == {"fr"}
    pages = fragments(corpus_site.site)
    built = {"/" + p.parent.relative_to(corpus_site.site).as_posix().removeprefix(".") + "/"
             for p in corpus_site.site.rglob("index.html") if p.parts[-2] != "pagefind"}
    assert set(pages) == {u.replace("//", "/") for u in built}
    corpus = " ".join(p["meta"]["title"] + " " + p["content"] for p in pages.values())
    for words in ["Compte rendu du sommet du 15 août", "Trois heures à Anchorage", "Chaque fois que je parle à Vladimir"]:
        assert words in corpus
    assert "¶" not in corpus
    anchorage = pages["/briefings/2025-08-16-quotidien-anchorage/"]
    assert "Chronologie" not in anchorage["content"] and "Méthode" not in anchorage["content"]  # the nav


def test_search_indexes_typographic_apostrophes_as_ascii_ones_and_pages_keep_them(corpus_site: Build) -> None:
    """Pagefind splits words on ASCII punctuation only: it reads « l’ONU » as « l'ONU » (so `ONU`
    finds it), while the page shows the article's own apostrophe."""
    anchorage = fragments(corpus_site.site)["/briefings/2025-08-16-quotidien-anchorage/"]["content"]
    assert "l'ONU" in anchorage and "’" not in anchorage
    assert "l’ONU" in text(corpus_site, "briefings/2025-08-16-quotidien-anchorage/index.html")


def test_briefing_pages_give_the_search_their_filters_and_date(corpus_site: Build) -> None:
    fragment = fragments(corpus_site.site)["/briefings/2025-10-22-analyse-budapest/"]
    assert fragment["filters"]["genre"] == ["Analyse"]
    assert fragment["filters"]["annee"] == ["2025"]
    assert fragment["meta"]["date"] == "2025-10-22"
    assert {"acteur", "theme"} <= fragment["filters"].keys()
    opinion = fragments(corpus_site.site)["/briefings/2025-tribune-inconnue/"]
    assert opinion["filters"]["genre"] == ["Opinion / tribune"] and opinion["meta"]["date"] == "2025"


def test_no_google_fonts_or_cdn(corpus_site: Build) -> None:
    html = corpus_site.page("index.html")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_edit_link_opens_the_yaml_file(project: Path) -> None:
    from mkdocs.utils.yaml import yaml_load

    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    text_cfg = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        text_cfg + "\nrepo_url: https://example.org/newsroom/briefings\nedit_uri: edit/main/docs/\n", encoding="utf-8")
    assert config["strict"] is True
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    edit = soup(build, "briefings/2025-08-16-quotidien-anchorage/index.html").select_one("a.md-content__button[title]")
    assert edit["href"] == "https://example.org/newsroom/briefings/edit/main/briefings/2025-08-16-quotidien-anchorage.yaml"


def test_a_typo_fails_the_build_naming_file_line_and_fix(project: Path) -> None:
    path = project / "briefings" / "2025-08-16-quotidien-anchorage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    participants: [Trump", "    particpants: [Trump"), encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert ("briefings/2025-08-16-quotidien-anchorage.yaml:27:5: events[0]: unknown key 'particpants' "
            "(did you mean 'participants'?)") in build.output
    assert "Traceback" not in build.output


def test_a_duplicate_key_fails_the_build(project: Path) -> None:
    path = project / "briefings" / "2025-tribune-inconnue.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "title: Encore\n", encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "briefings/2025-tribune-inconnue.yaml:15:1: title: duplicate key 'title' (first written on line 1)" in build.output
