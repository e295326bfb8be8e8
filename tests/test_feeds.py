"""The Atom feeds and the calendar, read as a feed reader and a calendar would read them."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import feedparser
import icalendar
import pytest

from feedcorpus import BRIEFING_ID, HOSTILE_OUTLET, HOSTILE_SUMMARY, HOSTILE_TITLE, SOURCE_URL, feed_project
from generator.pipeline import Project, build
from generator.site import feeds as feeds_module
from generator.site import urls

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    result = build(Project.at(feed_project(tmp_path_factory.mktemp("feeds") / "project")))
    assert result.ok, result.problems.render()
    return result.pages


def feeds(files: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in files.items() 
            if path.startswith("flux/") and path.endswith(".xml") and path != urls.FEEDS_SITEMAP}


def test_every_topic_and_every_actor_with_a_page_has_a_feed(files: dict[str, str]) -> None:
    names = set(feeds(files))
    assert urls.BRIEFINGS_FEED in names
    assert {urls.topic_feed(t) for t in ("territory", "budapest-summit", "humanitarian")} <= names
    assert {urls.actor_feed(a) for a in ("donald-trump", "vladimir-putin")} <= names
    actor_pages = {p for p in files if p.startswith("acteurs/") and p != urls.ACTORS_INDEX}
    assert {urls.actor_feed(posixpath.basename(p)[:-3]) for p in actor_pages} <= names


def test_feeds_hold_what_rfc_4287_requires(files: dict[str, str]) -> None:
    for path, text in feeds(files).items():
        root = ET.fromstring(text.encode("utf-8"))
        assert root.tag == f"{A}feed", path
        for tag in ("id", "title", "updated"):
            assert root.find(f"{A}{tag}") is not None and root.find(f"{A}{tag}").text, (path, tag)
        assert root.find(f"{A}author/{A}name").text, path  # entries carry no author of their own
        assert root.find(f"{A}link[@rel='self']") is not None
        ids = []
        for entry in root.findall(f"{A}entry"):
            for tag in ("id", "title", "updated", "summary"):
                assert entry.find(f"{A}{tag}") is not None, (path, tag)
            assert entry.find(f"{A}link[@rel='alternate']") is not None
            ids.append(entry.find(f"{A}id").text)
        assert len(ids) == len(set(ids)), path
        parsed = feedparser.parse(text)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"


def test_the_briefings_feed_lists_every_briefing_newest_first(files: dict[str, str]) -> None:
    parsed = feedparser.parse(files[urls.BRIEFINGS_FEED])
    briefing_pages = [p for p in files if p.startswith("briefings/") and p != urls.BRIEFINGS_INDEX]
    assert len(parsed.entries) == len(briefing_pages)
    updated = [e.updated_parsed for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    assert parsed.entries[0].link.endswith(f"briefings/{BRIEFING_ID}/")


def test_a_feed_holds_the_newest_briefings_only(files: dict[str, str], monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setattr(feeds_module, "FEED_SIZE", 2)
    index = build(Project.at(feed_project(tmp_path / "project"))).index
    parsed = feedparser.parse(feeds_module.feed_files(index)[urls.BRIEFINGS_FEED])
    everything = feedparser.parse(files[urls.BRIEFINGS_FEED])
    assert [e.id for e in parsed.entries] == [e.id for e in everything.entries[:2]]


def test_entry_links_lead_to_the_briefing_pages(files: dict[str, str]) -> None:
    for path, text in feeds(files).items():
        href = ET.fromstring(text.encode("utf-8")).find(f"{A}link[@rel='alternate']").get("href")
        page = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
        assert page + ".md" in files or page + "/index.md" in files, (path, href)  # the feed's own page
        for entry in ET.fromstring(text.encode("utf-8")).findall(f"{A}entry"):
            href = entry.find(f"{A}link[@rel='alternate']").get("href")
            served = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
            assert served + ".md" in files, (path, href)


def test_hostile_briefing_text_reaches_the_reader_as_text(files: dict[str, str]) -> None:
    text = files[urls.BRIEFINGS_FEED]
    root = ET.fromstring(text.encode("utf-8"))
    entry = next(e for e in root.findall(f"{A}entry") if e.find(f"{A}link").get("href").endswith(f"{BRIEFING_ID}/"))
    assert entry.find(f"{A}title").text == HOSTILE_TITLE
    assert entry.find(f"{A}summary").text.startswith(HOSTILE_SUMMARY + "\n\n")
    assert HOSTILE_OUTLET in entry.find(f"{A}summary").text
    via = entry.find(f"{A}link[@rel='via']")
    assert via.get("href") == SOURCE_URL and via.get("title") == HOSTILE_OUTLET
    assert "<script>" not in text and "]]>" not in text.replace("]]&gt;", "")
    parsed = feedparser.parse(text)
    assert parsed.entries[0].title == HOSTILE_TITLE


def test_topic_and_actor_feeds_hold_their_briefings_only(files: dict[str, str]) -> None:
    budapest = feedparser.parse(files[urls.topic_feed("budapest-summit")])
    links = {e.link.rsplit("/", 2)[-2] for e in budapest.entries}
    assert links == {"2025-10-22-analyse-budapest", BRIEFING_ID}
    peskov = feedparser.parse(files[urls.actor_feed("dmitry-peskov")])
    assert BRIEFING_ID not in {e.link.rsplit("/", 2)[-2] for e in peskov.entries}
    trump = feedparser.parse(files[urls.actor_feed("donald-trump")])
    assert BRIEFING_ID in {e.link.rsplit("/", 2)[-2] for e in trump.entries}


def calendar_events(files: dict[str, str]) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(files[urls.CALENDAR])
    return {str(e["summary"]).rsplit(" (", 1)[0]: e for e in cal.walk("VEVENT")}


def test_the_calendar_is_valid_icalendar(files: dict[str, str]) -> None:
    text = files[urls.CALENDAR]
    assert "\r\n" in text and all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal["version"]) == "2.0" and cal["prodid"]
    events = cal.walk("VEVENT")
    assert events
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
    for e in events:
        for prop in ("uid", "dtstamp", "dtstart", "dtend", "summary"):
            assert prop in e, prop


def test_the_calendar_holds_planned_and_proposed_events_with_a_day_or_a_month(files: dict[str, str]) -> None:
    events = calendar_events(files)
    assert set(events) == {"Sommet prévu au jour", "Rencontre proposée au mois", "Appel prévu en décembre"}
    day = events["Sommet prévu au jour"]
    assert (day.decoded("dtstart"), day.decoded("dtend")) == (date(2025, 12, 3), date(2025, 12, 4))
    assert str(day["location"]) == "Genève"
    assert "au mois près" not in str(day["description"])


def test_a_month_is_the_whole_month_and_says_so(files: dict[str, str]) -> None:
    events = calendar_events(files)
    month = events["Rencontre proposée au mois"]
    assert (month.decoded("dtstart"), month.decoded("dtend")) == (date(2026, 2, 1), date(2026, 3, 1))
    assert "au mois près" in str(month["description"])
    december = events["Appel prévu en décembre"]
    assert (december.decoded("dtstart"), december.decoded("dtend")) == (date(2025, 12, 1), date(2026, 1, 1))
    assert str(december["status"]) == "TENTATIVE"


def test_hostile_text_stays_text_in_the_calendar(files: dict[str, str]) -> None:
    description = str(calendar_events(files)["Sommet prévu au jour"]["description"])
    assert HOSTILE_OUTLET in description


def test_feeds_and_calendar_are_the_same_on_every_build(files: dict[str, str], tmp_path: Path) -> None:
    again = build(Project.at(feed_project(tmp_path / "project"))).pages
    for path in [*feeds(files), urls.CALENDAR]:
        assert again[path] == files[path], path


LAST_YEAR_BRIEFING = """\
title: Des dates au bout du calendrier
summary: Les dates les plus lointaines que le format accepte.
source: {outlet: O, published: 2025-11-20, genre: news}
events:
  - {id: last-month, kind: summit, title: Dernier mois, date: 9999-12, status: planned}
  - {id: last-day, kind: call, title: Dernier jour, date: 9999-12-31, status: proposed}
  - {id: day-before, kind: call, title: Avant-dernier jour, date: 9999-12-30, status: planned}
  - {id: november, kind: call, title: Novembre 9999, date: 9999-11, status: planned}
  - {id: first-day, kind: call, title: Premier jour, date: 0001-01-01, status: planned}
"""


def test_every_date_check_accepts_can_be_in_the_calendar_or_is_left_out(tmp_path: Path) -> None:
    """An event whose end (DTEND, exclusive) would fall in year 10000 cannot be an iCalendar date:
    it is left out of the calendar, and the build goes on."""
    project = feed_project(tmp_path / "project")
    (project / "briefings" / "2025-11-20-bout.yaml").write_text(LAST_YEAR_BRIEFING, encoding="utf-8")
    result = build(Project.at(project))
    assert result.ok and not result.crashes, result.problems.render()
    events = calendar_events(result.pages)
    assert "Dernier mois" not in events and "Dernier jour" not in events
    assert events["Avant-dernier jour"].decoded("dtend") == date(9999, 12, 31)
    assert events["Novembre 9999"].decoded("dtend") == date(9999, 12, 1)
    assert events["Premier jour"].decoded("dtstart") == date(1, 1, 1)


HEDGED_BRIEFING = """\
title: Un sommet qui n'est pas sûr
summary: L'article rapporte au conditionnel un sommet dont l'analyste déduit le mois.
source: {outlet: Agence, published: 2025-11-20, genre: wire}
events:
  - {id: hedged, kind: summit, title: Sommet incertain, date: 2026-01, date_basis: inferred,
     date_note: Mois déduit., status: planned, basis: conditional}
  - {id: stated, kind: call, title: Appel annoncé, date: 2026-01-05, status: planned}
"""


def test_a_calendar_entry_says_on_what_each_source_rests_it(tmp_path: Path) -> None:
    """A calendar entry names its sources with the status of their accounts, as the site marks them:
    an event given in the conditional and a month the analyst deduced are not plain facts."""
    from generator.site import wording

    project = feed_project(tmp_path / "project")
    (project / "briefings" / "2025-11-20-incertain.yaml").write_text(HEDGED_BRIEFING, encoding="utf-8")
    result = build(Project.at(project))
    assert result.ok, result.problems.render()
    events = calendar_events(result.pages)
    hedged = str(events["Sommet incertain"]["description"])
    assert wording.BASIS_MARKS["event"]["conditional"] in hedged and wording.DATE_INFERRED in hedged
    stated = str(events["Appel annoncé"]["description"])
    assert wording.BASIS_MARKS["event"]["conditional"] not in stated and wording.DATE_INFERRED not in stated
