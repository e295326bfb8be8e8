"""The search index's own rules, without a full build: the text the indexer reads, and a failing indexer."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from generator.site import search_index
from generator.site.search_index import SearchIndexError, build_index, indexed_text, is_indexed


def test_typographic_apostrophes_become_ascii_ones_and_nothing_else_changes() -> None:
    assert indexed_text("« L’accord d‘Anchorage » ʼs <p class=\"x\">é</p>") == "« L'accord d'Anchorage » 's <p class=\"x\">é</p>"
    assert indexed_text("rien à changer : l'Ukraine") == "rien à changer : l'Ukraine"


def test_pages_that_only_slice_briefings_are_left_out_of_the_index() -> None:
    for kept in ["index.html", "briefings/2025-08-15-le-monde-1/index.html", "acteurs/vladimir-poutine/index.html",
                 "sommets/anchorage/index.html", "themes/sanctions/index.html", "citations/index.html",
                 "chronologie/index.html", "methode/index.html"]:
        assert is_indexed(Path(kept)), kept
    for left in ["citations/vladimir-poutine/index.html", "chiffres/2025/index.html", "chronologie/2025/index.html",
                 "revendications/russie/index.html", "divergences/anchorage/index.html",
                 "briefings-par-annee/2025/index.html", "404.html", "pagefind/x.html"]:
        assert not is_indexed(Path(left)), left


def fake_pagefind(tmp_path: Path, script: str) -> Path:
    binary = tmp_path / "pagefind"
    binary.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    return binary


def a_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "ancien.txt").write_text("the previous bundle", encoding="utf-8")
    (site / "index.html").write_text("<html lang=fr><body><p>L’accord</p></body></html>", encoding="utf-8")
    return site


def test_a_failing_indexer_is_an_error_that_says_why_and_keeps_the_previous_bundle(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    with pytest.raises(SearchIndexError, match="exit 3.*disque plein"):
        build_index(site, executable=fake_pagefind(tmp_path, "echo disque plein >&2; exit 3\n"))
    assert (site / "pagefind" / "ancien.txt").is_file()


def test_an_indexer_that_writes_no_index_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="no index"):
        build_index(a_site(tmp_path), executable=fake_pagefind(tmp_path, "exit 0\n"))


def test_a_missing_indexer_or_an_empty_site_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="could not start"):
        build_index(a_site(tmp_path), executable=tmp_path / "absent")
    (tmp_path / "vide").mkdir()
    with pytest.raises(SearchIndexError, match="no HTML page"):
        build_index(tmp_path / "vide", executable=tmp_path / "absent")


def test_the_real_indexer_reads_ascii_apostrophes_and_leaves_the_pages_alone(tmp_path: Path) -> None:
    site = a_site(tmp_path)
    page = (site / "index.html").read_bytes()
    bundle = build_index(site)
    assert bundle == site / search_index.BUNDLE and (bundle / "pagefind-entry.json").is_file()
    assert not (bundle / "ancien.txt").exists()  # replaced whole
    assert (bundle / "pagefind.js").is_file() and not (bundle / "pagefind-component-ui.js").exists()
    assert (site / "index.html").read_bytes() == page
