"""A summit many articles describe is cut like the other cross-source pages (site/summit_pages.py):
its page stays bounded as the corpus grows, and every account of it is still one link away."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from generator.corpus.records import briefing_sort_key
from generator.pipeline import Project, build
from generator.site import slices, summit_pages, urls

LINK = re.compile(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)")
ROW = re.compile(r"^\| \[[^\]]+\]\(\.\./briefings/([^)]+)\.md\)", re.M)


def links_of(pages: dict[str, str], page: str) -> set[str]:
    base = posixpath.dirname(page)
    return {posixpath.normpath(posixpath.join(base, target)) for target in LINK.findall(pages[page])}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[int, object]:
    results = {}
    for n in (120, 480):
        root = tmp_path_factory.mktemp(f"summits{n}")
        write_corpus(root, n, seed=3)
        result = build(Project.at(root))
        assert result.ok, result.problems.errors_render()
        results[n] = result
    return results


def summits(result) -> list:
    return [e for e in result.index.events.values() if e.kind == "summit"]


def test_the_largest_corpus_has_summits_to_cut(corpora) -> None:
    pages = corpora[480].pages
    cut = [p for p in pages if p.startswith(f"{urls.SUMMITS_DIR}/") and "--recits" in p]
    assert cut, "the corpus holds summits told by more accounts than one page lists"


def test_every_account_of_a_summit_is_listed_once_one_link_away(corpora) -> None:
    result = corpora[480]
    pages = result.pages
    checked = 0
    for s in summits(result):
        page = urls.summit_page(s.id)
        parts = sorted(p for p in pages if p.startswith(f"{urls.SUMMITS_DIR}/{s.id}--recits"))
        listed = [*(ROW.findall(pages[page]) if not parts else [])]
        for part in parts:
            assert part in links_of(pages, page), part
            assert page in links_of(pages, part), part
            listed += ROW.findall(pages[part])
        assert sorted(listed) == sorted(a.briefing.id for a in s.accounts), s.id
        if parts:
            # The page itself lists the most recent accounts in full.
            assert len(ROW.findall(pages[page])) == min(summit_pages.RECENT_ACCOUNTS, len(s.accounts))
            assert all(len(ROW.findall(pages[p])) <= slices.SUMMIT_ACCOUNTS_PER_PAGE for p in parts)
            checked += 1
    assert checked


def test_summit_pages_do_not_grow_with_the_corpus(corpora) -> None:
    """Four times the briefings: the largest summit page grows far less than its accounts do."""
    def largest(result) -> int:
        return max(len(v.encode("utf-8")) for p, v in result.pages.items() if p.startswith(f"{urls.SUMMITS_DIR}/"))

    def most_accounts(result) -> int:
        return max(len(s.accounts) for s in summits(result))

    small, large = corpora[120], corpora[480]
    assert most_accounts(large) > 2 * most_accounts(small)
    assert largest(large) < 160_000


def test_a_summit_within_the_limit_is_one_page(corpora) -> None:
    result = corpora[120]
    for s in summits(result):
        history = [e for e in result.index.events.values() if e.id in result.index.children.get(s.id, [])]
        if len(s.accounts) + sum(len(h.accounts) for h in history if h.id != s.id) <= slices.SUMMIT_ACCOUNTS_PER_PAGE:
            assert not any(p.startswith(f"{urls.SUMMITS_DIR}/{s.id}--recits") for p in result.pages)
            assert "autres récits" not in result.pages[urls.summit_page(s.id)]


def test_a_summit_s_structured_data_names_its_most_recent_articles(corpora) -> None:
    from generator.site import jsonld

    result = corpora[480]
    s = max(summits(result), key=lambda e: len(e.accounts))
    assert len(s.accounts) > jsonld.SUBJECT_OF_LIMIT
    data = jsonld.summit_data(s, result.index)
    assert len(data["subjectOf"]) == jsonld.SUBJECT_OF_LIMIT
    newest = max((a.briefing for a in s.accounts), key=briefing_sort_key)
    oldest = min((a.briefing for a in s.accounts), key=briefing_sort_key)
    assert jsonld.source_article(newest) in data["subjectOf"]
    assert jsonld.source_article(oldest) not in data["subjectOf"]
