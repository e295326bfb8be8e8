"""The bench's measure of a first search: what the browser fetched, by kind, adds up."""

from __future__ import annotations

import pytest

from bench.search_payload import first_query_bytes, kind_of
from conftest import Build

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_kinds_of_bundle_files() -> None:
    assert kind_of("pagefind/index/fr_1.pf_index") == "index"
    assert kind_of("pagefind/fragment/fr_2.pf_fragment") == "fragment"
    assert kind_of("pagefind/wasm.fr.pagefind") == "wasm"
    assert kind_of("pagefind/pagefind.fr_3.pf_meta") == "meta"
    assert kind_of("pagefind/pagefind-entry.json") == "entry"
    assert kind_of("pagefind/pagefind.js") == "script"
    assert kind_of("assets/javascripts/briefings-search.js") == "script"


def test_a_first_query_fetches_the_bundle_it_needs_and_no_more(corpus_site: Build) -> None:
    from test_browser import require_chromium

    require_chromium()
    measured = first_query_bytes(corpus_site.site, "Anchorage")
    assert "pour «\u202fAnchorage\u202f»" in measured.results and not measured.results.startswith("Aucun")
    kinds = measured.by_kind()
    assert {"script", "entry", "meta", "wasm", "index", "fragment"} <= kinds.keys()
    assert "filter" not in kinds  # a plain query needs no filter's values: they load when the reader opens them
    assert "pagefind/pagefind-worker.js" not in measured.files  # the search runs in the page
    assert measured.total == sum(kinds.values())
    # The dialog's own script and stylesheet count with Pagefind's files, wherever they live.
    assert {"assets/javascripts/briefings-search.js", "assets/search.css", "pagefind/pagefind.js"} <= measured.files.keys()
    assert 0 < measured.gzipped() < measured.total
    wasm = corpus_site.site / "pagefind" / "wasm.fr.pagefind"
    assert kinds["wasm"] == wasm.stat().st_size  # the French one only
    every_fragment = list((corpus_site.site / "pagefind" / "fragment").iterdir())
    fetched = [p for p in measured.files if kind_of(p) == "fragment"]
    assert 0 < len(fetched) < len(every_fragment)  # the first page of results, not every page
