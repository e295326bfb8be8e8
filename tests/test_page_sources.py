"""A preview keeps an actor's page, and a page's head data, without making their context again while the briefings
they are made from are the very objects of last build (generator/site/page_sources.py): every build below must
still give a fresh full build's pages, including when what changed is an account the actor's page only shows
through an event, or a registry entry no page's text shows."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import Project
from generator.site.page_cache import PageCache
from test_page_cache import incremental_build

ACTORS = ("- {id: donald-trump, name: Donald Trump, aliases: [Trump], kind: person}\n"
          "- {id: otan, name: OTAN, kind: %s}\n")


def _project(root: Path) -> Path:
    for folder in ("content", "briefings"):
        (root / folder).mkdir(parents=True)
    content = root / "content"
    (content / "actors.yaml").write_text(ACTORS % "organisation", encoding="utf-8")
    (content / "parties.yaml").write_text("- {id: usa, name: États-Unis}\n", encoding="utf-8")
    (content / "topics.yaml").write_text("- {id: sommets, name: Sommets}\n", encoding="utf-8")
    # Trump takes part in the summit in A only; B tells the same summit without naming him, and gives its day.
    _briefing(root, "a", "[Trump]", "2025-08", quote="OTAN")
    _briefing(root, "b", "[]", "2025-08-15")
    _briefing(root, "c", "[]", None)  # a briefing of its own, read by no actor page
    return root


def _briefing(root: Path, name: str, people: str, date: str | None, quote: str | None = None) -> None:
    text = (f"title: Récit {name}\nsummary: Un récit.\nsource: {{outlet: Journal {name}, published: 2025-09-01, "
            f"genre: news}}\n")
    if date is not None:
        text += (f"events:\n  - {{id: sommet, kind: summit, title: Le sommet, date: {date}, "
                 f"participants: {people}}}\n")
    if quote:
        text += (f"quotes:\n  - {{speaker: {quote}, text: « Une phrase. », basis: on-record}}\n")
    (root / "briefings" / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_an_account_seen_only_through_an_event_changes_the_actor_page(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    project, memo, cache = Project.at(root), {}, PageCache()
    page = "acteurs/donald-trump.md"
    first = incremental_build(project, memo, cache)
    assert "15 août 2025" in first[page]
    incremental_build(project, memo, cache)
    assert cache.memo.unmade >= 2  # nothing changed: the actor pages are kept without their context made

    _briefing(root, "c", "[]", None, quote="OTAN")  # a briefing neither actor page reads… but OTAN's
    incremental_build(project, memo, cache)
    assert cache.memo.unmade >= 1  # Trump's page, at least, is kept as it was

    _briefing(root, "b", "[]", "2025-08-16")  # the account Trump's page shows only through the summit
    edited = incremental_build(project, memo, cache)
    assert "16 août 2025" in edited[page] and "15 août 2025" not in edited[page]


def test_a_registry_change_no_page_text_shows_still_changes_the_head_data(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    project, memo, cache = Project.at(root), {}, PageCache()
    briefing = "briefings/a.md"
    first = incremental_build(project, memo, cache)
    assert '\\"@type\\": \\"Organization\\", \\"name\\": \\"OTAN\\"' in first[briefing]
    # OTAN, who speaks in A, becomes a person: the briefing page reads the same, its JSON-LD does not.
    (root / "content" / "actors.yaml").write_text(ACTORS % "person", encoding="utf-8")
    changed = incremental_build(project, memo, cache)
    assert cache.memo.unmade == 0  # what every page reads of the index changed: no context is taken as it was
    assert '\\"@type\\": \\"Person\\", \\"name\\": \\"OTAN\\"' in changed[briefing]


def test_a_summit_page_follows_every_event_of_its_history(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    announce = root / "briefings" / "d.yaml"

    def tell(title: str) -> None:  # an event of the summit's history, told by a briefing that does not tell it
        announce.write_text(
            "title: Récit d\nsummary: Un récit.\nsource: {outlet: Journal d, published: 2025-07-30, genre: news}\n"
            f"events:\n  - {{id: annonce, kind: statement, title: {title}, date: 2025-07-29, related: [sommet]}}\n",
            encoding="utf-8")
    tell("Annonce du sommet")
    project, memo, cache = Project.at(root), {}, PageCache()
    page = "sommets/sommet.md"
    first = incremental_build(project, memo, cache)
    assert "Annonce du sommet" in first[page]
    _briefing(root, "c", "[]", None, quote="OTAN")
    incremental_build(project, memo, cache)
    assert cache.memo.unmade >= 2  # the summit's page and Trump's, kept as they were

    tell("Annonce reportée")
    related = incremental_build(project, memo, cache)
    assert "Annonce reportée" in related[page] and "Annonce du sommet" not in related[page]
    _briefing(root, "b", "[]", "2025-08-16")  # the summit's own account, in the other briefing
    own = incremental_build(project, memo, cache)
    assert "16 août 2025" in own[page]


def test_the_calendar_follows_an_edit_of_a_planned_event(tmp_path: Path) -> None:
    from generator.site import urls

    root = _project(tmp_path / "p")
    planned = root / "briefings" / "e.yaml"

    def plan(title: str) -> None:
        planned.write_text(
            "title: Récit e\nsummary: Un récit.\nsource: {outlet: Journal e, published: 2025-11-02, genre: news}\n"
            f"events:\n  - {{id: prevu, kind: meeting, title: {title}, date: 2025-12-01, status: planned}}\n",
            encoding="utf-8")
    plan("Rencontre prévue")
    project, memo, cache = Project.at(root), {}, PageCache()
    first = incremental_build(project, memo, cache)
    assert "Rencontre prévue" in first[urls.CALENDAR]
    kept = cache.made["calendar"]
    _briefing(root, "c", "[]", None, quote="Trump")  # no event changed: the calendar is not made again
    incremental_build(project, memo, cache)
    assert cache.made["calendar"] is kept
    plan("Rencontre déplacée")
    moved = incremental_build(project, memo, cache)
    assert "Rencontre déplacée" in moved[urls.CALENDAR] and "Rencontre prévue" not in moved[urls.CALENDAR]


def test_a_topic_page_follows_an_account_of_its_events_from_outside_the_topic(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    own = root / "briefings" / "a.yaml"
    own.write_text(own.read_text(encoding="utf-8") + "topics: [sommets]\n", encoding="utf-8")
    project, memo, cache = Project.at(root), {}, PageCache()
    page = "themes/sommets.md"
    first = incremental_build(project, memo, cache)
    assert "15 août 2025" in first[page]
    _briefing(root, "c", "[]", None, quote="OTAN")
    incremental_build(project, memo, cache)
    assert cache.memo.unmade >= 2  # the topic's page and Trump's, kept as they were

    _briefing(root, "b", "[]", "2025-08-16")  # B has no topic: its account gives the summit's day
    edited = incremental_build(project, memo, cache)
    assert "16 août 2025" in edited[page] and "15 août 2025" not in edited[page]


def test_a_topic_page_follows_which_of_its_events_it_shows(tmp_path: Path) -> None:
    """A topic page shows its most recent events: an account from outside the topic can change one it shows (its
    status) or make one it did not show the most recent (its date)."""
    from generator.site.actor_listings import ACTOR_LIST_LIMIT

    root = _project(tmp_path / "p")
    n = ACTOR_LIST_LIMIT + 1
    events = "".join(f"  - {{id: ev{i}, kind: meeting, title: Réunion {i}, date: 2025-01-{i + 1:02d}}}\n"
                     for i in range(n))
    (root / "briefings" / "t.yaml").write_text(
        "title: Récit t\nsummary: Un récit.\nsource: {outlet: Journal t, published: 2025-03-01, genre: news}\n"
        f"topics: [sommets]\nevents:\n{events}", encoding="utf-8")
    outside = root / "briefings" / "o.yaml"

    def tell(last: str, first: str) -> None:  # a briefing without the topic, telling its most and least recent
        outside.write_text(
            "title: Récit o\nsummary: Un récit.\nsource: {outlet: Journal o, published: 2025-04-01, genre: news}\n"
            f"events:\n  - {{id: ev{n - 1}, kind: meeting, title: Réunion {n - 1}{last}}}\n"
            f"  - {{id: ev0, kind: meeting, title: Réunion 0{first}}}\n", encoding="utf-8")
    tell("", "")
    project, memo, cache = Project.at(root), {}, PageCache()
    page = "themes/sommets.md"
    first = incremental_build(project, memo, cache)
    assert "[Réunion 0]" not in first[page] and "[Réunion 1]" in first[page] and "(Réunion, annulé)" not in first[page]
    tell(", status: cancelled", "")  # the most recent event, shown: cancelled, says the latest account
    cancelled = incremental_build(project, memo, cache)
    assert "(Réunion, annulé)" in cancelled[page]
    tell(", status: cancelled", ", date: 2025-02-01")  # the least recent, not shown, becomes the most recent
    moved = incremental_build(project, memo, cache)
    assert "[Réunion 0]" in moved[page] and "[Réunion 1]" not in moved[page]


def _write(root: Path, name: str, body: str, published: str = "2025-09-01") -> None:
    (root / "briefings" / f"{name}.yaml").write_text(
        f"title: Récit {name}\nsummary: Un récit.\nsource: {{outlet: Journal {name}, published: {published}, "
        f"genre: news}}\n{body}", encoding="utf-8")


def test_a_quotes_slice_follows_the_other_versions_of_its_statements(tmp_path: Path, monkeypatch) -> None:
    from generator.site import slices

    monkeypatch.setattr(slices, "QUOTES_PER_PAGE", 1)  # a slice per speaker
    root = _project(tmp_path / "p")

    def say(name: str, speaker: str, words: str) -> None:  # two versions of one statement, by two speakers
        _write(root, name, f"quotes:\n  - {{speaker: {speaker}, text: « {words} », statement: declaration}}\n")
    say("a", "Trump", "Nous verrons")
    say("b", "OTAN", "Nous verrons bien")
    project, memo, cache = Project.at(root), {}, PageCache()
    first = incremental_build(project, memo, cache)
    trump = next(p for p in first if p.startswith("citations/") and "donald-trump" in p)
    assert "Nous verrons bien" in first[trump]  # the other version, on Trump's slice
    say("b", "OTAN", "Nous verrons autrement")
    edited = incremental_build(project, memo, cache)
    assert "Nous verrons autrement" in edited[trump]


def test_a_figures_slice_follows_every_entry_its_boxes_compare(tmp_path: Path, monkeypatch) -> None:
    from generator.site import slices

    monkeypatch.setattr(slices, "FIGURES_PER_PAGE", 2)  # an indicator given three times is cut in parts
    root = _project(tmp_path / "p")

    def give(name: str, value: int, published: str) -> None:
        _write(root, name, f"figures:\n  - {{indicator: deplaces, label: Personnes déplacées, category: humanitarian, "
                           f"value: {value}, qualifier: exact, unit: people, as_of: 2025-08-01, attributed_to: ONU}}\n",
               published)
    give("f1", 1000, "2025-08-02")
    give("f2", 1000, "2025-08-03")
    give("f3", 2000, "2025-08-04")
    project, memo, cache = Project.at(root), {}, PageCache()
    incremental_build(project, memo, cache)
    give("f1", 1500, "2025-08-02")  # in the first part: the box on the last part compares it with the others
    incremental_build(project, memo, cache)
