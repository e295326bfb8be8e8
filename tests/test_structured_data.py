"""JSON-LD (schema.org) in the built pages' heads, the feed links, and French typography on the page.

Every JSON-LD block is expanded with pyld, whose document loader knows the schema.org context
locally and refuses any other address: no network is used."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from pyld import jsonld

from conftest import Build, built_site
from feedcorpus import BRIEFING_ID, HOSTILE_OUTLET, HOSTILE_SUMMARY, HOSTILE_TITLE, QUOTE, SOURCE_URL, feed_project
from generator.site import csp

S = "https://schema.org/"
LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# The part of schema.org's context these pages use: every term in its vocabulary.
SCHEMA_CONTEXT = {"@context": {"@vocab": S, "schema": S}}


def local_loader(url: str, options: dict | None = None) -> dict:
    if url.rstrip("/") != "https://schema.org":
        raise AssertionError(f"no network: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    base = tmp_path_factory.mktemp("structured")
    return built_site(feed_project(base / "project"), base / "site")


def blocks(html: str) -> list[str]:
    return LD.findall(html)


def expanded(block: str) -> list[dict]:
    return jsonld.expand(json.loads(block), {"documentLoader": local_loader})


def of_type(nodes: list[dict], kind: str) -> list[dict]:
    return [n for n in nodes if S + kind in n.get("@type", [])]


def value(node: dict, prop: str) -> object:
    [v] = node[S + prop]
    return v.get("@value", v.get("@id", v))


@pytest.mark.slow
def test_every_block_is_json_ld_and_safe_inside_script(site: Build) -> None:
    count = 0
    for page in site.site.rglob("*.html"):
        for block in blocks(page.read_text(encoding="utf-8")):
            count += 1
            assert not re.search(r"[<>&]", block), page  # `</script>`, `<!--`, `]]>` cannot appear
            assert expanded(block), page
    assert count >= 5


@pytest.mark.slow
def test_a_briefing_page_is_an_article_based_on_its_source(site: Build) -> None:
    html = site.page(f"briefings/{BRIEFING_ID}/index.html")
    [block] = blocks(html)
    data = json.loads(block)
    nodes = expanded(block)
    [article] = of_type(nodes, "Article")
    assert value(article, "headline") == HOSTILE_TITLE  # exactly as written, once parsed
    assert value(article, "abstract") == HOSTILE_SUMMARY
    [source] = article[S + "isBasedOn"]
    assert source["@id"] == SOURCE_URL and S + "NewsArticle" in source["@type"]
    assert value(source, "datePublished") == "2025-11-20"
    [publisher] = source[S + "publisher"]
    assert value(publisher, "name") == HOSTILE_OUTLET
    [quote] = of_type(nodes, "Quotation")
    assert value(quote, "text") == QUOTE
    [speaker] = quote[S + "spokenByCharacter"]
    assert S + "Person" in speaker["@type"] and value(speaker, "name") == "Donald Trump"
    assert quote[S + "isBasedOn"][0]["@id"] == SOURCE_URL
    assert data["@context"] == "https://schema.org"


@pytest.mark.slow
def test_a_briefing_without_a_web_address_is_based_on_an_article_without_one(site: Build) -> None:
    [block] = blocks(site.page("briefings/2025-tribune-inconnue/index.html"))
    [article] = of_type(expanded(block), "Article")
    [source] = article[S + "isBasedOn"]
    assert "@id" not in source and S + "url" not in source


@pytest.mark.slow
@pytest.mark.parametrize(("summit", "status"), [
    ("anchorage-summit-2025", "EventScheduled"),  # held
    ("day-planned", "EventScheduled"),
    ("cancelled-summit", "EventCancelled"),
    ("undated-proposed", None),  # schema.org has no word for a proposal
])
def test_a_summit_page_is_an_event_with_its_status(site: Build, summit: str, status: str | None) -> None:
    [block] = blocks(site.page(f"sommets/{summit}/index.html"))
    [event] = of_type(expanded(block), "Event")
    assert value(event, "name")
    if status is None:
        assert S + "eventStatus" not in event
    else:
        assert value(event, "eventStatus") == S + status


@pytest.mark.slow
def test_json_ld_is_a_data_block_the_policy_does_not_run(site: Build) -> None:
    html = site.page(f"briefings/{BRIEFING_ID}/index.html")
    [block] = blocks(html)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)[1]
    digest = csp.inline_script_hashes(f"<script>{block}</script>")[0]
    assert digest not in policy  # not allowed to run, as it would be if it were a script
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("application/ld+json")


@pytest.mark.slow
def test_pages_link_their_feeds_in_the_head_and_in_the_text(site: Build) -> None:
    actor = BeautifulSoup(site.page("acteurs/donald-trump/index.html"), "html.parser")
    feeds = {link["href"] for link in actor.select('head link[rel="alternate"][type="application/atom+xml"]')}
    assert feeds == {"../../flux/briefings.xml", "../../flux/acteur-donald-trump.xml"}
    assert actor.select_one('head link[type="text/calendar"]')["href"] == "../../flux/evenements-prevus.ics"
    assert actor.select_one('article a[href="../../flux/acteur-donald-trump.xml"]')
    home = BeautifulSoup(site.page("index.html"), "html.parser")
    assert home.select_one('article a[href="flux/briefings.xml"]')
    assert home.select_one('article a[href="flux/evenements-prevus.ics"]')
    data = BeautifulSoup(site.page("donnees/index.html"), "html.parser")
    hrefs = {a["href"] for a in data.select("article a")}
    assert {"../flux/briefings.xml", "../flux/theme-territory.xml", "../flux/acteur-vladimir-putin.xml"} <= hrefs
    for href in hrefs & {h for h in hrefs if h.startswith("../flux/")}:
        assert (site.site / href.removeprefix("../")).is_file(), href


@pytest.mark.slow
def test_the_theme_finds_a_sitemap_beside_every_alternate_link(site: Build) -> None:
    """Material fetches `sitemap.xml` next to each <link rel="alternate">: none may answer 404."""
    for page in [site.site / "index.html", site.site / "acteurs" / "donald-trump" / "index.html"]:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        for link in head.select('link[rel="alternate"]'):
            assert (page.parent / link["href"]).resolve().parent.joinpath("sitemap.xml").is_file(), link


@pytest.mark.slow
def test_site_wording_gets_narrow_no_break_spaces_and_briefing_text_does_not(site: Build) -> None:
    page = BeautifulSoup(site.page(f"briefings/{BRIEFING_ID}/index.html"), "html.parser")
    text = page.select_one("article").get_text()
    assert "Média\u202f: " in text and "Média :" not in text  # the site's own label
    assert QUOTE in text  # « oui » : a : b ; vraiment ? Non ! — exactly as the article has it
    assert HOSTILE_SUMMARY in text
    home = BeautifulSoup(site.page("index.html"), "html.parser").select_one("article").get_text()
    assert "Article le plus récent\u202f:" in home


def test_a_status_given_only_in_the_conditional_is_no_event_status(tmp_path) -> None:
    """Search engines show a summit's `eventStatus` without its nuance: only a status an article gives as a fact
    (on the record, or reported) becomes one; a newer account in the conditional does not override it."""
    from conftest import make_project
    from generator.corpus.records import Account, EventRecord, briefing_sort_key
    from generator.pipeline import Project, build
    from generator.site.jsonld import summit_data

    index = build(Project.at(make_project(tmp_path / "p"))).index

    def told(record: EventRecord, newest: tuple[str, str], older: tuple[str, str]) -> dict:
        last = max(record.accounts, key=lambda a: briefing_sort_key(a.briefing))
        accounts = [Account(a.briefing, a.event.model_copy(update=dict(zip(("basis", "status"),
                                                                           newest if a is last else older))))
                    for a in record.accounts]
        return summit_data(EventRecord(record.id, accounts), index)

    record = next(r for r in index.events.values() if len(r.accounts) > 1)
    assert told(record, ("on-record", "cancelled"), ("on-record", "planned"))["eventStatus"] == S + "EventCancelled"
    for basis in ("conditional", "author", "analyst"):
        assert told(record, (basis, "cancelled"), ("reported", "planned"))["eventStatus"] == S + "EventScheduled"
        assert "eventStatus" not in told(record, (basis, "cancelled"), (basis, "held"))
