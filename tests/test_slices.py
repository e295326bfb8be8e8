"""Cross-source pages that grow with the corpus are cut into slices of bounded size (site/slices.py,
site/aggregate_pages.py): every entry stays on exactly one slice, every slice is linked from its index
page and to its neighbours, and a strict build of a sliced site passes its link checks."""

from __future__ import annotations

import datetime
import posixpath
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import write_corpus
from conftest import ROOT, mkdocs_build
from generator.pipeline import Project, build
from generator.reading.dates import PartialDate
from generator.site import slices, urls

LINK = re.compile(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)")


def links_of(pages: dict[str, str], page: str) -> set[str]:
    """The pages `page` links to, as paths in the docs tree."""
    base = posixpath.dirname(page)
    return {posixpath.normpath(posixpath.join(base, target)) for target in LINK.findall(pages[page])}


def test_cut_keeps_every_item_once_within_the_limit_and_links_neighbours() -> None:
    items = [(f"g{i % 3}", PartialDate(2019 + i % 4, 1 + i % 12, None), i) for i in range(500)]
    groups = slices.cut(items, group_of=lambda x: x[0], label_of=str.upper, order=lambda g: g,
                        date_of=lambda x: x[1], folder="citations", index="citations.md", index_label="Citations",
                        limit=40)
    flat = slices.pages_of(groups)
    assert sorted(x[2] for s in flat for x in s.items) == list(range(500))
    assert all(0 < len(s.items) <= 40 for s in flat)
    assert len({s.page for s in flat}) == len(flat)
    assert [s.next.page for s in flat[:-1]] == [s.page for s in flat[1:]]
    assert [s.previous.page for s in flat[1:]] == [s.page for s in flat[:-1]]
    assert flat[0].previous is None and flat[-1].next is None
    assert sum(g.count for g in groups) == 500


def test_a_heavy_item_is_a_slice_of_its_own() -> None:
    items = [("a", None, 1), ("a", None, 500), ("a", None, 2)]
    groups = slices.cut(items, group_of=lambda x: x[0], label_of=str, order=str, date_of=lambda x: x[1],
                        folder="chiffres", index="chiffres.md", index_label="Chiffres", limit=10,
                        weight=lambda x: x[2])
    assert [[x[2] for x in s.items] for s in slices.pages_of(groups)] == [[1], [500], [2]]


def _dated(n: int, seed: int, years: tuple[int, ...] = (2023, 2024)) -> list[tuple[str, PartialDate | None, int]]:
    """`n` items of one group, dated at random (some known only to the month or the year, a few not at all),
    in date order as the pages list them."""
    rnd = random.Random(seed)

    def date() -> PartialDate | None:
        kind = rnd.random()
        year, month = rnd.choice(years), rnd.randint(1, 12)
        if kind < 0.03:
            return None
        if kind < 0.08:
            return PartialDate(year)
        if kind < 0.2:
            return PartialDate(year, month)
        return PartialDate(year, month, rnd.randint(1, 28))

    items = [("g", date(), i) for i in range(n)]
    return sorted(items, key=lambda x: (x[1] is None, x[1].sort_key if x[1] else (), x[2]))


def _cut(items: list, limit: int, **options) -> dict[str, list]:
    groups = slices.cut(items, group_of=lambda x: x[0], label_of=str.upper, order=str, date_of=lambda x: x[1],
                        folder="citations", index="citations.md", index_label="Citations", limit=limit, **options)
    return {s.page: s.items for s in slices.pages_of(groups)}


def test_a_long_group_is_cut_by_the_calendar() -> None:
    """Year, then quarter, month, ten days and day: each slice is a period the reader can name, and its
    address says which (`g--2024-03`, `g--2024-03-11-20`); dates that stop short of a level are a slice of their own."""
    items = [("g", PartialDate(2024, 3, d), d) for d in range(1, 32) for _ in range(3)]  # 93 items, March 2024
    items += [("g", PartialDate(2024, 3), 100), ("g", PartialDate(2024), 101), ("g", PartialDate(2023, 5, 2), 102)]
    items.sort(key=lambda x: x[1].sort_key)
    groups = slices.cut(items, group_of=lambda x: x[0], label_of=str.upper, order=str, date_of=lambda x: x[1],
                        folder="citations", index="citations.md", index_label="Citations", limit=40)
    labels = {s.page.removeprefix("citations/g--").removesuffix(".md"): s.label for s in slices.pages_of(groups)}
    assert labels == {
        "2023": "G, 2023",
        "2024-sans-mois": "G, 2024 (mois non précisé)",
        "2024-03-sans-jour": "G, mars 2024 (jour non précisé)",
        "2024-03-01-10": "G, 1er–10 mars 2024",
        "2024-03-11-20": "G, 11–20 mars 2024",
        "2024-03-21-31": "G, 21–31 mars 2024",
    }
    # The pages of a year (timeline, sources): most recent first, each slice named as a date is (« 9 janvier 2019 »).
    by_year = slices.cut(items, group_of=lambda x: str(x[1].year), label_of=str, order=lambda y: -int(y),
                         date_of=lambda x: x[1], folder="sources", index="sources.md", index_label="Sources",
                         limit=40, year_groups=True, newest_first=True)
    assert [(s.page, s.label) for s in slices.pages_of(by_year)] == [
        ("sources/2024--03-21-31.md", "21–31 mars 2024"), ("sources/2024--03-11-20.md", "11–20 mars 2024"),
        ("sources/2024--03-01-10.md", "1er–10 mars 2024"),
        ("sources/2024--03-sans-jour.md", "mars 2024 (jour non précisé)"),
        ("sources/2024--sans-mois.md", "2024 (mois non précisé)"), ("sources/2023.md", "2023")]
    # Under its year, the index lists the parts without the year again.
    assert [s.part for s in slices.pages_of(by_year)][:2] == ["21–31 mars", "11–20 mars"]


def test_a_crowded_day_is_cut_in_numbered_parts() -> None:
    items = [("g", PartialDate(2024, 3, 4), i) for i in range(25)] + [("g", PartialDate(2024, 3, 5), 99)]
    pages = _cut(items, 10)
    assert list(pages) == ["citations/g--2024-03-04-partie-1.md", "citations/g--2024-03-04-partie-2.md",
                           "citations/g--2024-03-04-partie-3.md", "citations/g--2024-03-05.md"]
    # A crowded 1 March cut in ten parts: its tenth is not at the address the ten days 1–10 March would have.
    crowded = _cut([("g", PartialDate(2024, 3, 1), i) for i in range(100)], 10)
    assert "citations/g--2024-03-01-partie-10.md" in crowded and "citations/g--2024-03-01-10.md" not in crowded


def test_the_undated_year_group_is_cut_in_parts_without_saying_undated_twice() -> None:
    items = [(None, i) for i in range(5)] + [(PartialDate(2024, 3, 1), 9)]
    groups = slices.cut(items, group_of=lambda x: f"{x[0].year}" if x[0] else "sans-date",
                        label_of=lambda g: "Date inconnue" if g == "sans-date" else g, order=lambda g: (g == "sans-date", g),
                        date_of=lambda x: x[0], folder="f", index="f.md", index_label="F", limit=2, year_groups=True)
    assert [(s.page, s.label) for s in slices.pages_of(groups)] == [
        ("f/2024.md", "2024"), ("f/sans-date--partie-1.md", "Date inconnue, partie 1/3"),
        ("f/sans-date--partie-2.md", "Date inconnue, partie 2/3"), ("f/sans-date--partie-3.md", "Date inconnue, partie 3/3")]


def test_a_period_named_with_brackets_numbers_its_parts_inside_them() -> None:
    items = [("g", PartialDate(2024, 3), i) for i in range(5)] + [("g", PartialDate(2023), 9)]
    groups = slices.cut(items, group_of=lambda x: x[0], label_of=str.upper, order=str, date_of=lambda x: x[1],
                        folder="f", index="f.md", index_label="F", limit=2)
    assert [s.label for s in slices.pages_of(groups)] == [
        "G, 2023", "G, mars 2024 (jour non précisé, 1/3)", "G, mars 2024 (jour non précisé, 2/3)",
        "G, mars 2024 (jour non précisé, 3/3)"]


@pytest.mark.parametrize("seed", range(12))
def test_a_new_item_changes_only_the_slices_of_its_own_month(seed: int) -> None:
    """The cuts fall on the calendar, not after every so many items: adding an item leaves every slice of
    another month as it was, under the same address and name (a live preview renders only what changed,
    and links to a slice keep working)."""
    rnd = random.Random(seed)
    items = _dated(rnd.choice([300, 900]), seed)
    limit = rnd.choice([15, 40, 120])
    before = _cut(items, limit)
    for _ in range(5):
        new = ("g", PartialDate(rnd.choice([2023, 2024]), rnd.randint(1, 12), rnd.randint(1, 28)), -1)
        after = _cut(sorted([*items, new], key=lambda x: (x[1] is None, x[1].sort_key if x[1] else (), x[2])), limit)
        month = (new[1].year, new[1].month)
        changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
        assert changed, "the new item is on some slice"
        for page in changed:
            held = before.get(page, []) + after.get(page, [])
            # A changed slice holds the new item's month, or it is that month's year or quarter cut anew.
            assert any(x[1] and (x[1].year, x[1].month) == month for x in held) or \
                all(x[1] and x[1].year == month[0] and (x[1].month is None or (x[1].month - 1) // 3 == (month[1] - 1) // 3
                    or page.endswith(f"--{month[0]}.md")) for x in held), (page, month)


@pytest.fixture(scope="module")
def sliced(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("sliced")
    write_corpus(root, 120, seed=5)
    result = build(Project.at(root))
    assert result.ok, result.problems.errors_render()
    return root, result


@pytest.mark.parametrize("index_page, folder", [(urls.QUOTES, "citations/"), (urls.DEMANDS, "revendications/"),
                                                (urls.FIGURES, "chiffres/"), (urls.DISAGREEMENTS, "divergences/")])
def test_every_slice_is_linked_from_its_index_and_to_its_neighbours(sliced, index_page: str, folder: str) -> None:
    _, result = sliced
    pages = result.pages
    slice_pages = {p for p in pages if p.startswith(folder) and p.endswith(".md")}
    assert len(slice_pages) > 1, "the corpus is large enough to be cut"
    assert links_of(pages, index_page) >= slice_pages
    for page in slice_pages:
        assert index_page in links_of(pages, page), page
    # Following "next" from the first slice visits them all.
    seen, chain = set(), re.compile(r"· \[[^\]]+\]\(([^)]+\.md)\) →")
    page = min(slice_pages, key=lambda p: pages[p].count("← ") > 0)
    while page not in seen:
        seen.add(page)
        found = chain.search(pages[page])
        if not found:
            break
        page = posixpath.normpath(posixpath.join(posixpath.dirname(page), found.group(1)))
    assert seen == slice_pages


def test_every_entry_is_on_a_slice(sliced) -> None:
    _, result = sliced
    index, pages = result.index, result.pages
    quote_slices = [v for p, v in pages.items() if p.startswith("citations/")]
    # Each quote is listed once in its slice's table by date (one row per quote).
    rows = sum(len(re.findall(r"^\| .* \| .* \| .* \| \[", v, flags=re.M)) for v in quote_slices)
    assert rows == len(index.quotes)
    demand_lines = sum(v.count("\n- ") for p, v in pages.items() if p.startswith("revendications/"))
    assert demand_lines == len(index.demands)
    figure_rows = sum(len(re.findall(r"^\| \*\*", v, flags=re.M)) for p, v in pages.items() if p.startswith("chiffres/"))
    assert figure_rows == sum(len(e) for e in index.figures.values())
    # Every event told by one article only is listed on one slice of the divergences.
    single = sum(len(re.findall(r"^- .* — \[", v.split("## Événements rapportés par un seul article")[1]
                                .split("## Indicateurs")[0], flags=re.M))
                 for p, v in pages.items() if p.startswith("divergences/"))
    assert single == sum(1 for e in index.events.values() if len(e.accounts) == 1)


def test_an_actor_page_links_to_its_speaker_slice(sliced) -> None:
    _, result = sliced
    speaker = max(result.index.quotes_by_speaker, key=lambda s: len(result.index.quotes_by_speaker[s]))
    page = urls.actor_page(speaker)
    assert page in result.pages
    anchor = urls.section_anchor("orateur", speaker)
    targets = re.findall(r"\]\(\.\./(citations/[^)#]+\.md)#" + re.escape(anchor), result.pages[page])
    assert targets and all(t in result.pages and f"{{#{anchor}}}" in result.pages[t] for t in targets)


def test_no_slice_grows_with_the_corpus(tmp_path: Path) -> None:
    """Slices of a corpus four times larger are no larger than the limit allows (in Markdown bytes)."""
    bound = 160_000
    for n in (60, 240):
        root = tmp_path / f"n{n}"
        write_corpus(root, n, seed=7)
        result = build(Project.at(root))
        assert result.ok
        for page, text in result.pages.items():
            if page.startswith(("citations", "revendications", "chiffres", "divergences")) and page.endswith(".md"):
                assert len(text.encode("utf-8")) < bound, (n, page)


@pytest.mark.slow
def test_a_sliced_site_builds_strictly(sliced, tmp_path: Path) -> None:
    root, _ = sliced
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", dirs_exist_ok=True)
    built = mkdocs_build(root, tmp_path / "site")
    assert built.returncode == 0, built.output[-3000:]
    assert (tmp_path / "site" / "citations" / "index.html").exists()
    assert any((tmp_path / "site" / "citations").glob("*/index.html"))


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("many")
    write_corpus(root, 330, seed=11)
    result = build(Project.at(root))
    assert result.ok, result.problems.errors_render()
    return result


@pytest.mark.parametrize("index_page, folder", [(urls.TIMELINE, "chronologie/"), (urls.SOURCES, "sources/"),
                                                (urls.BRIEFINGS_INDEX, "briefings-par-annee/")])
def test_pages_listing_every_event_or_briefing_are_cut_by_year(many, index_page: str, folder: str) -> None:
    pages = many.pages
    slice_pages = {p for p in pages if p.startswith(folder) and p.endswith(".md")}
    assert len(slice_pages) > 1
    assert links_of(pages, index_page) >= slice_pages
    assert all(index_page in links_of(pages, p) for p in slice_pages)


def test_every_briefing_is_listed_once_by_year(many) -> None:
    listed = [t for p, v in many.pages.items() if p.startswith("briefings-par-annee/") for t in links_of(many.pages, p)
              if t.startswith("briefings/") and t != urls.BRIEFINGS_INDEX]
    assert sorted(listed) == sorted(urls.briefing_page(b.id) for b in many.index.briefings)


def test_every_link_to_an_event_or_speaker_anchor_lands_on_the_slice_holding_it(many) -> None:
    pages = many.pages
    anchored = re.compile(r"\]\(([^)#]+\.md)#((?:ev|orateur)-[^)]+)\)")
    checked = 0
    for page, text in pages.items():
        for target, anchor in anchored.findall(text):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
            assert f"{{#{anchor}}}" in pages[resolved], (page, resolved, anchor)
            checked += 1
    assert checked > 100


def test_a_timeline_marker_of_a_topic_page_lands_on_the_timeline_slice_holding_its_event(many) -> None:
    """The markers of a topic's strip are raw HTML links (site/timeline_svg.py), which MkDocs does not rewrite."""
    pages = many.pages
    marker = re.compile(r'href="([^"#]*chronologie/[^"#]*)#(ev-[^"]+)"')
    checked = 0
    for page, text in pages.items():
        if not page.startswith("themes/"):
            continue
        for target, anchor in marker.findall(text):
            url = posixpath.normpath(posixpath.join("/" + urls.page_url(page), target)).lstrip("/")
            resolved = f"{url}.md"
            assert resolved in pages and f"{{#{anchor}}}" in pages[resolved], (page, target, anchor)
            checked += 1
    assert checked > 20


def test_an_actor_page_links_to_its_most_recent_quotes_not_to_its_undated_ones(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slices, "QUOTES_PER_PAGE", 3)
    write_corpus(tmp_path, 40, seed=5)
    first = sorted((tmp_path / "briefings").glob("*.yaml"))[0]
    head, _, quotes = first.read_text(encoding="utf-8").partition("\nquotes:\n")
    head = re.sub(r"(?m)^  published: .*$", "  published: null", head, count=1)
    first.write_text(head + "\nquotes:\n" + re.sub(r"(?m)^  date: .*\n", "", quotes), encoding="utf-8")
    result = build(Project.at(tmp_path))
    assert result.ok, result.problems.errors_render()
    checked = 0
    for speaker in result.index.quotes_by_speaker:
        anchor = urls.section_anchor("orateur", speaker)
        targets = re.findall(r"\]\(\.\./(citations/[^)#]+\.md)#" + re.escape(anchor), result.pages[urls.actor_page(speaker)])
        slices_of = sorted(p for p in result.pages if p.startswith(f"citations/{speaker}--"))
        dated = [p for p in slices_of if "--sans-date" not in p]
        if targets and dated and len(dated) < len(slices_of):  # the page links to them when it shows only the latest
            assert all("--sans-date" not in t for t in targets), (speaker, targets)
            checked += 1
    assert checked, "an actor page links to the quotes of a speaker quoted with and without a date"


def test_a_divergence_line_shows_the_most_recent_versions_and_counts_the_rest(tmp_path: Path) -> None:
    """An indicator given at many dates: its « Les sources divergent » line (figures and divergences pages) shows
    its most recent contradicting values and says how many older ones its table holds, so the line, and the
    page, stop growing with the corpus; nothing is dropped without being counted."""
    from generator.corpus.divergences import indicator_differences
    from generator.site import markup, wording
    from generator.site.differences import VERSIONS_SHOWN, split
    from generator.site.views import _indicator_views

    write_corpus(tmp_path, 200, seed=5)
    result = build(Project.at(tmp_path))
    assert result.ok and result.index is not None
    long = [v for v in _indicator_views(result.index) if v.divergence and v.divergence.older]
    assert long
    shown = "".join(t for p, t in result.pages.items() if p.startswith(("chiffres", "divergences")))
    for view in long:
        every = split(result.index, indicator_differences(result.index, view.indicator))[0][0]
        assert view.divergence.versions == every.versions[-VERSIONS_SHOWN:]
        assert view.divergence.older == len(every.versions) - VERSIONS_SHOWN
        assert markup.text(wording.older_versions(view.divergence.older)) in shown


@pytest.mark.parametrize("index_page, noun, counted", [
    (urls.TIMELINE, "événements", lambda index: len(index.events)),
    (urls.SOURCES, "articles", lambda index: len(index.briefings)),
])
def test_an_index_page_counts_what_its_slices_list_not_their_length(many, index_page: str, noun: str, counted) -> None:
    """A slice's weight (an event weighs its accounts too) bounds its length; the index says how many entries it
    lists."""
    text = many.pages[index_page]
    total = re.search(rf"^(\d[\d\u202f\u00a0 ]*) {noun}, en ", text, flags=re.M)
    assert total, text[:400]
    assert int(re.sub(r"\D", "", total.group(1))) == counted(many.index)
    per_slice = [int(n) for n in re.findall(r"\]\([^)]+\.md\) \((\d+)\)", text)]  # a year in parts: each part's count
    whole = [int(n) for n in re.findall(rf"^- \[[^\]]+\]\([^)]+\.md\) — (\d+) ", text, flags=re.M)]  # a year on one page
    assert per_slice and sum(per_slice) + sum(whole) == counted(many.index)


_partial_dates = st.one_of(
    st.none(),
    st.builds(PartialDate, st.integers(2023, 2024)),
    st.builds(PartialDate, st.integers(2023, 2024), st.integers(1, 12)),
    st.dates(min_value=datetime.date(2023, 1, 1), max_value=datetime.date(2024, 12, 31)).map(
        lambda d: PartialDate(d.year, d.month, d.day)),
)


@settings(max_examples=300, deadline=None)
@given(dates=st.lists(st.tuples(st.sampled_from("ab"), _partial_dates, st.integers(1, 9)), max_size=250),
       limit=st.integers(5, 60), year_groups=st.booleans(), newest_first=st.booleans())
def test_every_cut_keeps_each_item_once_on_a_page_of_its_own_period(dates, limit, year_groups, newest_first) -> None:
    items = [(g if not year_groups else (str(d.year) if d else "sans-date"), d, w, i) for i, (g, d, w) in enumerate(dates)]
    items.sort(key=lambda x: (x[1] is None, x[1].sort_key if x[1] else (), x[3]), reverse=newest_first)
    groups = slices.cut(items, group_of=lambda x: x[0], label_of=str.upper, order=str, date_of=lambda x: x[1],
                        folder="f", index="f.md", index_label="F", limit=limit, weight=lambda x: x[2],
                        year_groups=year_groups, newest_first=newest_first)
    flat = slices.pages_of(groups)
    assert sorted(x[3] for s in flat for x in s.items) == list(range(len(items)))
    assert len({s.page for s in flat}) == len(flat) and len({s.label for s in flat}) == len(flat)
    for s in flat:
        assert sum(x[2] for x in s.items) <= limit or len(s.items) == 1
        assert s.size == len(s.items)
        years = {x[1].year if x[1] else None for x in s.items}
        assert len(years) == 1 or len(next(g for g in groups if g.id == s.group).slices) == 1, \
            "a group cut in slices: none straddles two years"
        # Items keep the order the page lists them in.
        assert [x[3] for x in s.items] == [x[3] for x in items if x in s.items]


def test_an_indicator_cut_in_parts_shows_its_boxes_with_its_most_recent_values(tmp_path: Path) -> None:
    """The divergence line gives an indicator's most recent values: it sits on the part holding them."""
    from generator.site.aggregate_pages import indicator_parts
    from generator.site.views import _indicator_views

    write_corpus(tmp_path, 200, seed=5)
    result = build(Project.at(tmp_path))
    views = [v for v in _indicator_views(result.index) if v.divergence and len(v.entries) > 12]
    assert views
    parts = indicator_parts(views, 12)
    for view in views:
        own = [p for p in parts if p.indicator == view.indicator]
        assert len(own) > 1 and [e for p in own for e in p.entries] == view.entries
        boxed = [p for p in own if p.divergence]
        assert boxed == [own[-1]] and boxed[0].entries[-1] is view.entries[-1]
        assert boxed[0].divergence is view.divergence and all(p.nuance is None for p in own[:-1])
