"""`mkdocs serve` with two bugs planted in the generator, for tests/test_serve.py.

A subprocess cannot be monkeypatched from the test, so this launcher patches the
generator and then runs MkDocs' own command line with the arguments it was given:

- a briefing whose title holds PANNE-PAGE makes the rendering of its own page raise;
- an event titled PANNE-FRISE makes the timeline image raise, where no briefing is at hand;
- a briefing published in 2031 makes the home page's macros raise, outside the generator's pipeline;
- a built page holding PANNE-RECHERCHE makes the search indexing (Pagefind) fail.

Real inputs that crash the generator get fixed; these stay, so the preview's
handling of a failure nobody foresaw keeps being exercised.
"""

from __future__ import annotations

import sys

from pathlib import Path

from generator.site import home_facts, render, search_index, summit_pages, timeline_svg, topic_pages


class PlantedFault(RuntimeError):
    pass


_render = render.Renderer.render
_timeline_svg = timeline_svg.timeline_svg
_date_text = home_facts.date_text  # what the home page's macros show is formatted there


def faulty_render(self, template, index, page, **context):
    briefing = context.get("b")
    if briefing is not None and "PANNE-PAGE" in briefing.title:
        raise PlantedFault("planted in the briefing page")
    return _render(self, template, index, page, **context)


def faulty_timeline_svg(events, *args, **kwargs):
    if any("PANNE-FRISE" in (e.title or "") for e in events):
        raise PlantedFault("planted in the timeline")
    return _timeline_svg(events, *args, **kwargs)


def faulty_date_text(date):
    if getattr(date, "year", None) == 2031:
        raise PlantedFault("planted in the home page")
    return _date_text(date)


_build_index = search_index.build_index


def faulty_build_index(site_dir, **options):
    if any("PANNE-RECHERCHE" in page.read_text(encoding="utf-8") for page in Path(site_dir).rglob("*.html")):
        raise search_index.SearchIndexError("planted: Pagefind failed")
    return _build_index(site_dir, **options)


render.Renderer.render = faulty_render
search_index.build_index = faulty_build_index
home_facts.date_text = faulty_date_text
topic_pages.timeline_svg = summit_pages.timeline_svg = faulty_timeline_svg  # the strips of topics and summits

if __name__ == "__main__":
    from mkdocs.__main__ import cli

    sys.argv = ["mkdocs", *sys.argv[1:]]
    cli()
