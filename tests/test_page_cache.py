"""The live preview renders again only the briefing pages whose inputs changed (generator/site/page_cache.py):
after every edit of a sequence, the pages it gives are exactly the pages a fresh full build gives."""

from __future__ import annotations

from pathlib import Path

from conftest import make_project
from generator.pipeline import Project, build
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


def test_an_incremental_sequence_of_edits_gives_the_pages_of_a_full_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    project = Project.at(root)
    briefings = root / "briefings"
    memo: dict = {}
    cache = PageCache()

    def incremental() -> dict[str, str]:
        result = build(project, partial=True, memo=memo, cache=cache)
        fresh = build(project, partial=True)
        assert not fresh.problems.errors, fresh.problems.errors_render()
        assert result.pages == fresh.pages
        return result.pages

    first = incremental()
    briefing_pages = [p for p in first if p.startswith("briefings/") and p.count("/") == 1 and p != "briefings/index.md"]
    assert cache.rendered == len(briefing_pages) > 1

    incremental()  # nothing changed: no briefing page is rendered again
    assert cache.rendered == 0

    edited = briefings / "2025-10-22-analyse-budapest.yaml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("title: ", "title: Retouché — ", 1), encoding="utf-8")
    incremental()
    assert cache.rendered == 1  # only the edited briefing's own page

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
