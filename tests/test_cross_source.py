"""The pages that fold every briefing together, on the test corpus, through a real build."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import Build, mkdocs_build


def article(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(path), "html.parser").select_one("article")


def words(build: Build, path: str) -> str:
    return " ".join(article(build, path).get_text(" ").split())


def briefing_links(node) -> set[str]:
    return {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in node.select("a[href*='briefings/']")}


def test_actor_page_lists_every_briefing_naming_the_actor(corpus_site: Build) -> None:
    page = article(corpus_site, "acteurs/donald-trump/index.html")
    assert briefing_links(page) == {"2025-08-16-quotidien-anchorage", "2025-10-22-analyse-budapest",
                                    "2025-tribune-inconnue"}
    text = words(corpus_site, "acteurs/donald-trump/index.html")
    assert "hôte du sommet" in text and "États-Unis" in text
    # quotes in date order: August before October before the undated one's article year
    assert text.index("rencontre très productive") < text.index("j’ai une bonne conversation")


def test_actors_index_groups_by_party(corpus_site: Build) -> None:
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article(corpus_site, "acteurs/index.html").select("h2")]
    assert headings == ["États-Unis", "Russie", "Ukraine", "Sans partie"]


def test_anchorage_page_shows_every_account_and_where_they_differ(corpus_site: Build) -> None:
    page = article(corpus_site, "sommets/anchorage-summit-2025/index.html")
    rows = page.select("table")[0].select("tbody tr")
    assert len(rows) == 2
    # Nothing here is a contradiction: no warning box. The differences are folded nuances.
    assert page.select_one(".admonition.warning") is None
    nuances = page.select_one("details.note")
    assert nuances.select_one("summary").get_text().startswith("Nuances entre récits")
    text = " ".join(nuances.get_text(" ").split())
    assert "date (précision différente, versions compatibles) : « 15 août 2025 »" in text
    assert "« août 2025 »" in text
    # Without a places registry the two places cannot be compared: shown, never flagged.
    assert "lieu (lieux que le registre des lieux ne situe pas" in text
    assert "« Anchorage »" in text and "« Base d'Elmendorf »" in text


def test_budapest_history_tells_announcement_and_cancellation_with_dates(corpus_site: Build) -> None:
    page = article(corpus_site, "sommets/budapest-summit-2025/index.html")
    history = [" ".join(h.get_text(" ").split()).rstrip("¶").strip() for h in page.select("h3")]
    assert history == [
        "13 octobre 2025 — Annonce : Trump annonce un sommet à Budapest",
        "21 octobre 2025 — Annulation : Annulation du sommet de Budapest",
        "date inconnue — Sommet : Sommet de Budapest",
    ]
    assert page.select_one("#ev-budapest-summit-cancellation-2025") is not None
    index = words(corpus_site, "sommets/index.html")
    assert "Sommet de Budapest annulé" in index


def test_demands_matrix_has_russia_and_ukraine_with_sources(corpus_site: Build) -> None:
    page = article(corpus_site, "revendications/index.html")
    matrix = page.select_one("table")
    assert [th.get_text(strip=True) for th in matrix.select("thead th")] == [
        "Partie", "Garanties de sécurité", "Territoire"]
    text = words(corpus_site, "revendications/index.html")
    assert "Souveraineté russe sur cinq régions ukrainiennes. déclarée" in text
    assert "Des garanties de sécurité. rapportée par Financial Times" in text
    assert briefing_links(page) == {"2025-08-16-quotidien-anchorage", "2025-10-22-analyse-budapest"}


def test_figures_page_names_producers_flags_unattributed_and_shows_divergence(corpus_site: Build) -> None:
    text = words(corpus_site, "chiffres/index.html")
    assert "près de 13 000 000 personnes" in text and "ONU" in text
    # « près de 13 millions » in August, « près de 12 millions » in October (no `as_of`: each article's
    # date): two values at two dates, a nuance, not a contradiction.
    assert "Les sources divergent" not in text
    assert "valeur (valeurs données pour des dates différentes) : « près de 13 000 000 personnes » selon" in text
    unattributed = article(corpus_site, "chiffres/index.html").select(".unattributed")
    assert len(unattributed) >= 2  # in the table and in the list of unattributed figures
    assert "Chiffres non attribués" in text and "Personnes ayant fui leur foyer" in text


def test_quotes_group_one_statement_in_several_translations(corpus_site: Build) -> None:
    page = article(corpus_site, "citations/index.html")
    first_group = page.select_one("h2 + h3")
    assert "2 versions" in first_group.get_text()
    quotes = [q.get_text(" ") for q in page.select("blockquote")[:2]]
    # One blockquote per version, oldest first (the tribune is dated 2025, the analysis October 2025).
    assert "nous avons de bonnes conversations" in quotes[0] and "puis rien" not in quotes[0]
    assert "j’ai une bonne conversation… puis rien" in quotes[1]


def test_sources_page_separates_genres(corpus_site: Build) -> None:
    headings = [h.get_text(strip=True).rstrip("¶") for h in article(corpus_site, "sources/index.html").select("h2")]
    assert headings == ["Information", "Analyse", "Opinion / tribune"]


def test_timeline_orders_partial_dates_and_ships_its_own_svg(corpus_site: Build) -> None:
    page = article(corpus_site, "chronologie/index.html")
    ids = [h["id"] for h in page.select("h3[id^='ev-']")]
    assert ids == ["ev-anchorage-summit-2025", "ev-budapest-summit-announcement-2025",
                   "ev-budapest-summit-cancellation-2025", "ev-budapest-summit-2025"]
    # The strips are in the page itself: every dated event is one marker, a link to its entry on the page.
    assert page.select_one("img") is None
    markers = page.select("svg a.tl-mark")
    assert len(markers) == 3  # the fourth event has no date
    targets = {h["id"] for h in page.select("[id]")}
    assert all(a["href"].startswith("#") and a["href"][1:] in targets for a in markers)
    assert all(a.find("title").get_text() for a in markers)


def test_home_page_shows_live_facts(corpus_site: Build) -> None:
    text = words(corpus_site, "index.html")
    assert "3 briefings, tirés de 1 média identifié et 2 articles de média non identifié" in text
    assert "Article le plus récent : 22 octobre 2025" in text
    assert "Dernier sommet tenu : Sommet d'Anchorage — 15 août 2025" in text
    assert "Prochain sommet : aucun n'est prévu selon les sources" in text
    assert "Personnes ayant fui leur foyer : environ" not in text  # the qualifier is « près de »
    assert "Ukrainiens déplacés : près de 13 000 000 personnes donné par l'article — produit par ONU" in text


def test_disagreements_page_lists_divergences_and_single_source_claims(corpus_site: Build) -> None:
    text = words(corpus_site, "divergences/index.html")
    contradictions = text[text.index("Événements dont les récits se contredisent"):text.index("Nuances entre récits")]
    assert "Aucun." in contradictions and "Sommet d'Anchorage" not in contradictions
    nuances = text[text.index("Nuances entre récits"):text.index("Événements rapportés par un seul article")]
    assert "Sommet d'Anchorage" in nuances and "Ukrainiens déplacés" in nuances
    single = text[text.index("Événements rapportés par un seul article"):]
    assert "Trump annonce un sommet à Budapest" in single


NEW_BRIEFING = """\
title: Un nouvel éclairage sur Anchorage
summary: Une quatrième source revient sur le sommet d'Anchorage.
source:
  outlet: La Gazette d'essai
  published: 2025-11-20
  genre: news
actors:
  - name: Vladimir Putin
    role: président russe, selon la Gazette
events:
  - id: anchorage-summit-2025
    kind: summit
    title: Sommet d'Anchorage
    date: 2025-08-15
    place: Anchorage
    status: held
    duration: 2 heures 45
"""


def test_a_new_briefing_changes_every_cross_source_page_with_no_other_edit(project: Path) -> None:
    (project / "briefings" / "2025-11-20-gazette.yaml").write_text(NEW_BRIEFING, encoding="utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert "2025-11-20-gazette" in briefing_links(article(build, "acteurs/vladimir-putin/index.html"))
    assert "président russe, selon la Gazette" in words(build, "acteurs/vladimir-putin/index.html")
    summit = words(build, "sommets/anchorage-summit-2025/index.html")
    assert "3 récits" in summit and "durée (texte libre, à comparer soi-même) : « 3 heures »" in summit
    assert "« 2 heures 45 »" in summit
    assert "La Gazette d'essai" in words(build, "sources/index.html")
    assert "Article le plus récent : 20 novembre 2025" in words(build, "index.html")
    assert "Un nouvel éclairage sur Anchorage" in words(build, "briefings/index.html")
