"""The live preview renders again only the briefing pages whose inputs changed (generator/site/page_cache.py):
after every edit of a sequence, the pages it gives are exactly the pages a fresh full build gives."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from bench.corpus import dump_briefing, write_briefing, write_corpus
from conftest import make_project
from generator.pipeline import Project, build
from generator.site import actor_listings, slices
from generator.site.page_cache import PageCache

DROPPED = """\
title: Briefing déposé pendant l'aperçu
summary: Un fichier ajouté alors que le serveur tourne.
source: {outlet: La Gazette d'essai, published: 2025-11-21, genre: news}
actors: [{name: Trump, role: cité}, {name: Jeanne Inconnue, role: citée}]
events:
  - {id: anchorage-summit-2025, kind: summit, title: Sommet d'Anchorage, date: 2025-08-15, participants: [Jeanne Inconnue]}
  - {id: rencontre-deposee, kind: meeting, title: Rencontre du dépôt, date: 2025-11-20, related: [anchorage-summit-2025]}
"""


def incremental_build(project: Project, memo: dict, cache: PageCache) -> dict[str, str]:
    """A preview's build with `memo` and `cache`, which must give the very pages, in the same order, of a
    fresh full build of the same files."""
    result = build(project, partial=True, memo=memo, cache=cache)
    fresh = build(project, partial=True)
    assert not fresh.problems.errors, fresh.problems.errors_render()
    assert list(result.pages) == list(fresh.pages)
    assert [p for p in fresh.pages if result.pages[p] != fresh.pages[p]] == []
    return dict(result.pages)


def test_an_incremental_sequence_of_edits_gives_the_pages_of_a_full_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    project = Project.at(root)
    briefings = root / "briefings"
    memo: dict = {}
    cache = PageCache()

    def incremental() -> dict[str, str]:
        return incremental_build(project, memo, cache)

    first = incremental()
    briefing_pages = [p for p in first if p.startswith("briefings/") and p.count("/") == 1 and p != "briefings/index.md"]
    assert cache.rendered == len(briefing_pages) > 1

    feeds, head = dict(cache.feeds), dict(cache.head)
    assert len(feeds) > 3 and len(head) > len(briefing_pages)
    incremental()  # nothing changed: no briefing page is rendered again, no feed or head data made again
    assert cache.rendered == 0
    assert all(cache.feeds[p] is entry for p, entry in feeds.items())
    assert all(cache.head[p] is entry for p, entry in head.items())

    edited = briefings / "2025-10-22-analyse-budapest.yaml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("title: ", "title: Retouché — ", 1), encoding="utf-8")
    incremental()
    assert cache.rendered == 1  # only the edited briefing's own page
    # Its page's head data is made again, and that of the pages and feeds listing it; the others are kept.
    remade = [p for p, entry in feeds.items() if cache.feeds[p] is not entry]
    assert 0 < len(remade) < len(feeds)
    remade = [p for p, entry in head.items() if cache.head[p] is not entry]
    assert "briefings/2025-10-22-analyse-budapest.md" in remade and len(remade) < len(head) - len(briefing_pages) + 1

    # A new briefing: an unregistered name, an account of a summit others tell, an event in its history.
    (briefings / "2025-11-21-depot.yaml").write_text(DROPPED, encoding="utf-8")
    incremental()
    assert 1 <= cache.rendered < len(briefing_pages) + 1

    # The same summit told with another title, and another name for a participant.
    dropped = briefings / "2025-11-21-depot.yaml"
    dropped.write_text(DROPPED.replace("title: Sommet d'Anchorage", "title: Sommet en Alaska")
                       .replace("[Jeanne Inconnue]}", "[Jeanne Inconnue, Vladimir Putin]}"), encoding="utf-8")
    incremental()

    # A registry: a topic's name shows on every page that lists it.
    topics = root / "content" / "topics.yaml"
    registries = {path: path.read_text(encoding="utf-8") for path in (topics, root / "content" / "actors.yaml")}
    topics.write_text(topics.read_text(encoding="utf-8").replace("name: Territoire", "name: Territoires"),
                      encoding="utf-8")
    incremental()

    # An actor registered meanwhile: the name now links to a registered actor's page.
    actors = root / "content" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8") + "- id: jeanne-inconnue\n  name: Jeanne Inconnue\n",
                      encoding="utf-8")
    incremental()

    dropped.unlink()
    incremental()
    edited.write_text(text, encoding="utf-8")
    for path, registry in registries.items():
        path.write_text(registry, encoding="utf-8")
    assert incremental() == first  # back to the start: the very pages of the first build


def test_cross_source_pages_follow_every_edit_with_their_slices_cut_small(tmp_path: Path, monkeypatch) -> None:
    """Every page (the briefing pages and the cross-source ones, site/page_memo.py), slices cut small so that
    edits move items across slices: after each edit the pages are a fresh full build's, and most are reused."""
    for name, limit in {"QUOTES_PER_PAGE": 6, "DEMANDS_PER_PAGE": 12, "FIGURES_PER_PAGE": 10, "TIMELINE_PER_PAGE": 40,
                        "BRIEFINGS_PER_PAGE": 5, "DIVERGENCES_PER_PAGE": 40, "SUMMIT_ACCOUNTS_PER_PAGE": 6}.items():
        monkeypatch.setattr(slices, name, limit)
    monkeypatch.setattr(actor_listings, "ACTOR_LIST_LIMIT", 3)
    root = tmp_path / "p"
    corpus = write_corpus(root, 30, seed=5)
    project = Project.at(root)
    folder, content = project.briefings_dir, project.content_dir
    memo: dict = {}
    cache = PageCache()

    def incremental() -> dict[str, str]:
        return incremental_build(project, memo, cache)

    def edit(i: int, change) -> None:
        name, data = corpus.briefing(i)
        (folder / name).write_text(dump_briefing(change(copy.deepcopy(data))), encoding="utf-8")

    def registry(file: str, change) -> None:
        path = content / file
        path.write_text(yaml.safe_dump(change(yaml.safe_load(path.read_text(encoding="utf-8"))), allow_unicode=True),
                        encoding="utf-8")

    first = incremental()
    memoized = cache.memo.rendered - cache.rendered  # the briefing pages are kept by the cache itself
    assert memoized > 100 and any("--" in page for page in first)  # sliced pages there are
    incremental()
    assert (cache.memo.rendered, cache.memo.reused) == (0, memoized)  # nothing changed: nothing rendered

    steps = [
        lambda: write_briefing(corpus, 30, folder),  # a new briefing: more items, slices shift
        lambda: edit(0, lambda d: {**d, "title": "Retouche du titre"}),
        lambda: edit(3, lambda d: {**d, "quotes": d["quotes"][::-1][1:]}),
        lambda: edit(4, lambda d: {**d, "source": {**d["source"], "published": "2019-03-02"}}),  # another year's slice
        lambda: edit(5, lambda d: {**d, "events": [{**e, "title": "Autre titre"} for e in d["events"]]}),
        lambda: edit(6, lambda d: {**d, "figures": [{**f, "value": f["value"] * 2 + 1} if type(f.get("value")) is int
                                                    else f for f in d["figures"]]}),  # the charts are drawn anew
        lambda: registry("actors.yaml", lambda a: [{**x, "name": x["name"] + " Junior"} if i < 3 else x
                                                   for i, x in enumerate(a)]),
        lambda: registry("parties.yaml", lambda p: [{**x, "name": "Autre " + x["name"]} if i == 0 else x
                                                    for i, x in enumerate(p)]),
        lambda: registry("topics.yaml", lambda t: [{**x, "name": x["name"] + " (bis)"} if i == 1 else x
                                                   for i, x in enumerate(t)]),
        lambda: (folder / corpus.briefing(1)[0]).unlink(),
    ]
    saved = {p: p.read_text(encoding="utf-8") for p in [*content.iterdir(), *folder.iterdir()]}
    for step in steps:
        step()
        incremental()
        assert 0 < cache.memo.rendered < memoized and cache.memo.reused > 0
    (folder / corpus.briefing(30)[0]).unlink()
    for path, text in saved.items():
        path.write_text(text, encoding="utf-8")
    assert incremental() == first


def test_a_value_made_from_briefings_is_made_again_only_when_one_of_them_changed() -> None:
    from generator.site.page_memo import PageMemo

    memo, made = PageMemo(), []
    a, b, b_again = ["a"], ["b"], ["b"]  # equal, but another object: a briefing loaded anew

    def build(*objects: object) -> str:
        memo.start()
        value = memo.made("chart", objects, lambda: made.append(objects) or f"chart {len(made)}")
        memo.end()
        return value

    assert build(a, b) == "chart 1"
    assert build(a, b) == "chart 1" and len(made) == 1
    assert build(a, b_again) == "chart 2"
    assert build(a) == "chart 3"
    memo.start()
    memo.end()  # a build that did not ask for it: forgotten
    assert build(a) == "chart 4"


def test_a_preview_keeps_no_difference_whose_names_or_places_changed(tmp_path: Path) -> None:
    """The differences of an event no briefing of which changed are kept from the last build: registering a
    participant's name, or a place inside another, must still change how its accounts compare and read."""
    root = tmp_path / "p"
    for folder in ("content", "briefings"):
        (root / folder).mkdir(parents=True)
    content = root / "content"
    trump = "- {id: donald-trump, name: Donald Trump, aliases: [Trump]}\n"
    (content / "actors.yaml").write_text(trump, encoding="utf-8")
    (content / "parties.yaml").write_text("- {id: russia, name: Russie}\n", encoding="utf-8")
    (content / "topics.yaml").write_text("- {id: sommets, name: Sommets}\n", encoding="utf-8")
    places = content / "places.yaml"
    places.write_text("- {id: alaska, name: Alaska}\n- {id: anchorage, name: Anchorage}\n", encoding="utf-8")
    accounts = (("Anchorage", "[Trump, Jeanne Inconnue]", "2025-08-16"), ("Alaska", "[Trump]", "2025-09-01"))
    for n, (place, people, published) in enumerate(accounts):
        (root / "briefings" / f"recit-{n}.yaml").write_text(
            f"title: Récit {n}\nsummary: Un récit.\n"
            f"source: {{outlet: Journal {n}, published: {published}, genre: news}}\n"
            f"events:\n  - {{id: sommet, kind: summit, title: Le sommet, date: 2025-08-15, place: {place}, "
            f"participants: {people}}}\n", encoding="utf-8")
    project, memo, cache = Project.at(root), {}, PageCache()
    summit = "sommets/sommet.md"
    first = incremental_build(project, memo, cache)
    assert "Jeanne Inconnue" in first[summit] and "Jeanne Connue" not in first[summit]
    (content / "actors.yaml").write_text("- {id: donald-trump, name: Donald Trump, aliases: [Trump]}\n"
                                         "- {id: jeanne, name: Jeanne Connue, aliases: [Jeanne Inconnue]}\n",
                                         encoding="utf-8")
    registered = incremental_build(project, memo, cache)
    assert "Jeanne Connue" in registered[summit]
    (content / "actors.yaml").write_text("- {id: donald-trump, name: Donald Trump, aliases: [Trump]}\n"
                                         "- {id: jeanne, name: Jeanne Renommée, aliases: [Jeanne Inconnue]}\n",
                                         encoding="utf-8")
    renamed = incremental_build(project, memo, cache)  # the same actor, under another name
    assert "Jeanne Renommée" in renamed[summit] and "Jeanne Connue" not in renamed[summit]
    places.write_text("- {id: alaska, name: Alaska}\n- {id: anchorage, name: Anchorage, within: alaska}\n",
                      encoding="utf-8")
    contained = incremental_build(project, memo, cache)
    assert contained[summit] != renamed[summit]
