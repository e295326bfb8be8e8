"""A preview converts a generated page in sections (generator/sections.py): every generated page of the seed site
and of a synthetic corpus comes out as MkDocs' own conversion of the whole page makes it, first and again with
every section kept; a section is taken as kept only while its links find the same files; a page whose sections
cannot stand alone is converted whole."""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from bench.run import full_project
from conftest import ROOT, make_project
from generator.plugin import StoredPage, _steps
from generator.preview import Preview
from generator.sections import Converted, Sections


@pytest.fixture(autouse=True)
def every_page_in_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    """However small: the seed site's pages are, and each is to be compared."""
    monkeypatch.setattr(Sections, "FROM", 0)


def preview_files(project: Path, tmp_path: Path) -> tuple[Any, Any]:
    """The config and files of a preview's first build (the plugin serving), generated pages included."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    config.plugins["briefings"].preview = Preview()
    config = config.plugins.on_config(config)
    try:
        files = config.plugins.on_files(get_files(config), config=config)
    finally:
        gc.unfreeze()
    return config, files


def toc_of(toc: Any) -> list:
    return [(a.title, a.id, a.level, toc_of(a.children)) for a in toc]


def converted(page: Page) -> tuple:
    links = {f.src_uri: a for f, a in (page.links_to_anchors or {}).items()}
    return page.content, toc_of(page.toc), page._title_from_render, page.present_anchor_ids, links


def converted_with(tmp_path: Path, added: str, pick: Any) -> tuple[Sections, str]:
    """The first generated page of the seed site that `pick` takes, with `added` at its end: converted by a
    `Sections` and by MkDocs whole, the same (asserted); the `Sections` and the page's path."""
    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    file = next(f for f in files if isinstance(f, StoredPage) and pick(f))
    whole, parts = Page(None, file, config), Page(None, file, config)
    whole.read_source(config)
    whole.markdown += added
    parts.markdown, parts.meta = whole.markdown, whole.meta
    sections = Sections()
    sections.render(parts, _steps, get_toc, Page.render, config, files)
    Page.render(whole, config, files)
    assert converted(parts) == converted(whole)
    return sections, file.src_uri


def both_ways(config: Any, files: Any, sections: Sections) -> dict[str, tuple[tuple, tuple]]:
    out = {}
    for file in files:
        if isinstance(file, StoredPage) and file.src_uri.endswith(".md"):
            whole, parts = Page(None, file, config), Page(None, file, config)
            whole.read_source(config)
            parts.markdown, parts.meta = whole.markdown, whole.meta
            Page.render(whole, config, files)
            sections.render(parts, _steps, get_toc, Page.render, config, files)
            out[file.src_uri] = (converted(whole), converted(parts))
    return out


@pytest.mark.parametrize("corpus", ["seed", "synthetic"])
def test_every_generated_page_converts_in_sections_as_it_does_whole(corpus: str, tmp_path: Path) -> None:
    if corpus == "seed":
        project = make_project(tmp_path / "project", ROOT)
    else:
        project = tmp_path / "project"
        full_project(project, 60, seed=3)
    config, files = preview_files(project, tmp_path)
    sections = Sections()
    first = both_ways(config, files, sections)
    assert len(first) > 50
    assert [k for k, (whole, parts) in first.items() if whole != parts] == []
    assert sections.reused == 0 and sections.converted > 2 * len(sections.pages)
    # Most pages of several sections are converted in sections, not whole.
    assert len(sections.pages) > 20 and len(sections.whole) < len(sections.pages) / 4
    kept, converted_first = sum(map(len, sections.pages.values())), sections.converted
    again = both_ways(config, files, sections)
    assert [k for k, (whole, parts) in again.items() if whole != parts] == []
    assert again == first
    assert sections.reused == kept and sections.converted == converted_first  # every section kept, none converted
    assert sum(map(len, sections.pages.values())) == kept


def part(html: str, *, ids: frozenset = frozenset(), looked: tuple = (), references: bool = False,
         warned: bool = False) -> Converted:
    """A section's conversion as the converter gives it: its HTML followed by a line break."""
    return Converted(html + "\n", ({"level": 2, "id": next(iter(ids), "x"), "name": "x"},), ids, ids, {}, looked,
                     None, not references, warned)


TEXT = "intro\n\n## Un\n\ntexte\n\n## Deux\n\nautre"


def test_a_section_is_taken_as_kept_only_while_its_links_find_the_same_files() -> None:
    sections, calls = Sections(), []
    found = {"a.md": ("a.md", False)}

    def convert(text: str) -> Converted:
        calls.append(text)
        n = len(calls)
        return part(f"<p>intro</p>" if text == "intro" else f"<h2 id='s{n}'>x</h2>", ids=frozenset({f"s{n}"}),
                    looked=(("a.md", found.get("a.md")),))

    first = sections.convert("p.md", TEXT, convert, found.get)
    assert first is not None and len(calls) == 3
    assert first.html.count("\n") == 2  # the sections' HTML, one after the other
    assert [h["id"] for h in first.headings] == ["s1", "s2", "s3"]
    sections.convert("p.md", TEXT.replace("autre", "changé"), convert, found.get)
    assert calls[3:] == ["## Deux\n\nchangé"]  # only the changed section
    del found["a.md"]  # the page its links found is gone: every section is converted again
    sections.convert("p.md", TEXT, convert, found.get)
    assert len(calls) == 7


@pytest.mark.parametrize("why", ["same id", "reference", "no heading first"])
def test_a_page_whose_sections_cannot_stand_alone_is_converted_whole(why: str) -> None:
    sections = Sections()

    def convert(text: str) -> Converted:
        html = "<p>x</p>" if why == "no heading first" or text == "intro" else "<h2 id='x'>x</h2>"
        return part(html, ids=frozenset({"x"} if why == "same id" else {text}),
                    references=why == "reference" and text != "intro")

    if why != "same id":  # each section standing alone: converted in sections
        assert Sections().convert("p.md", TEXT, lambda t: part("<p>i</p>" if t == "intro" else "<h2>x</h2>",
                                                               ids=frozenset({t})), dict().get) is not None
    assert sections.convert("p.md", TEXT, convert, dict().get) is None
    assert "p.md" in sections.whole and "p.md" not in sections.pages
    calls = []
    assert sections.convert("p.md", TEXT, lambda t: calls.append(t) or part("<p/>"), dict().get) is None
    assert calls == []  # from then on converted whole at once


def test_a_small_page_is_converted_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Sections, "FROM", len(TEXT) + 1)
    calls: list[str] = []
    assert Sections().convert("p.md", TEXT, lambda t: calls.append(t) or part("<h2>x</h2>"), dict().get) is None
    assert calls == []
    monkeypatch.setattr(Sections, "FROM", len(TEXT))
    assert Sections().convert("p.md", TEXT, lambda t: calls.append(t) or part("<h2>x</h2>", ids=frozenset({t})),
                              dict().get) is not None
    assert len(calls) == 3


def settings(**changed: Any) -> SimpleNamespace:
    """What `Sections.keep` reads of MkDocs' configuration."""
    return SimpleNamespace(**{"markdown_extensions": ["toc", "tables"], "mdx_configs": {"toc": {"permalink": True}},
                              "use_directory_urls": True, "validation": {"links": {"anchors": 30}}, **changed})


@pytest.mark.parametrize("changed", [{"mdx_configs": {"toc": {"permalink": False}}}, {"use_directory_urls": False},
                                     {"markdown_extensions": ["toc"]}, {"validation": {"links": {"anchors": 20}}}])
def test_pages_gone_are_dropped_and_new_settings_drop_everything(changed: dict) -> None:
    """Whichever file the settings come from (mkdocs.yml, a file it inherits): they are read off the configuration."""
    sections = Sections()
    convert = lambda t: part("<p>i</p>" if t == "intro" else "<h2>x</h2>", ids=frozenset({t}))  # noqa: E731
    sections.keep(["a.md", "b.md"], settings())
    for path in ("a.md", "b.md"):
        sections.convert(path, TEXT, convert, dict().get)
    sections.keep(["a.md"], settings())
    assert set(sections.pages) == {"a.md"}
    sections.keep(["a.md"], settings(**changed))
    assert sections.pages == {}


def test_a_warning_of_a_page_converted_in_sections_is_logged_once(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    """A generated page with a link to a page that is not there: converted in sections, the warning is logged
    once, as a whole conversion logs it, and the page is converted whole this time."""
    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    file = next(f for f in files if isinstance(f, StoredPage) and f.src_uri.startswith("acteurs/"))
    page = Page(None, file, config)
    page.read_source(config)
    page.markdown += "\n\n## Ajout\n\n[perdu](nulle-part.md)\n"
    sections = Sections()
    with caplog.at_level(logging.WARNING):
        sections.render(page, _steps, get_toc, Page.render, config, files)
    lost = [r for r in caplog.records if "nulle-part.md" in r.getMessage()]
    assert len(lost) == 1 and lost[0].levelno == logging.WARNING
    assert file.src_uri not in sections.pages  # converted whole, this time


@pytest.mark.parametrize("added", [
    "\n\n## Bloc\n\n<div>\nouvert\n\n## Suite\n\ntexte",  # raw HTML left open over the next heading
    "\n\n## Réf\n\n[lien][r]\n\n## Déf\n\n[r]: https://example.org/",  # a reference used before its definition
    "\n\n## Exigences exprimées\n\ntexte",  # a heading's id already on the page
])
def test_markdown_whose_sections_cannot_stand_alone_converts_as_it_does_whole(tmp_path: Path, added: str) -> None:
    sections, path = converted_with(tmp_path, added, lambda f: f.src_uri.startswith("acteurs/")
                                    and "\n## Exigences exprimées" in f.content_string)
    assert path in sections.whole


def test_a_section_that_warned_has_its_page_converted_whole_this_time_only() -> None:
    sections, warn = Sections(), [True]
    convert = lambda t: part("<p>i</p>" if t == "intro" else "<h2>x</h2>", ids=frozenset({t}),  # noqa: E731
                             warned=warn[0] and t != "intro")
    assert sections.convert("p.md", TEXT, convert, dict().get) is None
    assert "p.md" not in sections.whole and "p.md" not in sections.pages
    warn[0] = False  # the broken link mended
    assert sections.convert("p.md", TEXT, convert, dict().get) is not None


@pytest.mark.parametrize("added", ["\n\n<!--\n## Retiré\n\ntexte\n-->", "\n\n## Sommaire\n\n[TOC]",
                                   "\n\n## Code\n\n`<a name=\"x\">`", "\n\n<div class=\"a\n\n## H\n\n\">x</div>",
                                   "\n\n<?php\n\n## H\n\n?>", "\n\n<![CDATA[\n\n## H\n\n]]>"])
def test_what_the_generator_never_writes_has_its_page_converted_whole(tmp_path: Path, added: str) -> None:
    """HTML a blank line does not end, a `[TOC]` marker, code: the page as MkDocs converts it whole."""
    sections, _ = converted_with(tmp_path, added, lambda f: "\n## " in f.content_string)
    assert sections.converted == 0


def test_what_another_thread_logs_meanwhile_is_logged_at_once_and_left_alone(tmp_path: Path) -> None:
    """A preview's server logs a request's 404 from its own thread, perhaps while a page is converted."""
    import threading

    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    file = next(f for f in files if isinstance(f, StoredPage) and "\n## " in f.content_string)
    page = Page(None, file, config)
    page.read_source(config)
    seen: list[str] = []

    class Seen(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    handler = Seen(logging.WARNING)

    class Files:  # the site's files, whose first lookup (during a section's conversion) meets a request
        def __init__(self) -> None:
            self.requested = False

        def get_file_from_path(self, path: str) -> Any:
            if not self.requested:
                self.requested = True
                request = threading.Thread(target=lambda: logging.getLogger("mkdocs.livereload").warning("GET /x 404"))
                request.start()
                request.join()
                assert seen == ["GET /x 404"]  # not held back: logged as it came
            return files.get_file_from_path(path)

    logging.getLogger("mkdocs").addHandler(handler)
    sections, looked = Sections(), Files()
    try:
        sections.render(page, _steps, get_toc, Page.render, config, looked)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert looked.requested and seen == ["GET /x 404"]
    assert file.src_uri in sections.pages  # converted in sections: the request's warning is not the page's


def hand_written(config: Any, files: Any) -> list[Any]:
    return [f for f in files if f.is_documentation_page() and not isinstance(f, StoredPage)]


def kept_whole(sections: Sections, file: Any, config: Any, files: Any, markdown: str | None = None) -> tuple[tuple, int]:
    """The page converted through `Sections.whole_page`, and how many times MkDocs' own conversion ran for it."""
    page, calls = Page(None, file, config), []
    page.read_source(config)
    if markdown is not None:
        page.markdown = markdown

    def whole(p: Page, c: Any, f: Any) -> None:
        calls.append(p)
        Page.render(p, c, f)
    sections.whole_page(page, whole, config, files)
    return converted(page), len(calls)


def mkdocs_whole(file: Any, config: Any, files: Any, markdown: str | None = None) -> tuple:
    page = Page(None, file, config)
    page.read_source(config)
    if markdown is not None:
        page.markdown = markdown
    Page.render(page, config, files)
    return converted(page)


def test_a_hand_written_page_is_converted_again_only_when_its_markdown_or_its_links_change(tmp_path: Path) -> None:
    """Every hand-written page of the seed site: kept after its first conversion, reused as MkDocs converts it;
    converted again once its text changes; converted again, as MkDocs does, once a page it links to is gone."""
    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    sections = Sections()
    sections.keep([], config)
    pages = hand_written(config, files)
    assert {f.src_uri for f in pages} >= {"index.md", "methode.md", "format-des-briefings.md"}
    for file in pages:
        assert kept_whole(sections, file, config, files) == (mkdocs_whole(file, config, files), 1), file.src_uri
        assert kept_whole(sections, file, config, files) == (mkdocs_whole(file, config, files), 0), file.src_uri
        changed = file.content_string + "\n\nUn paragraphe de plus.\n"
        assert kept_whole(sections, file, config, files, changed) == (mkdocs_whole(file, config, files, changed), 1)
    linking = max(pages, key=lambda f: len(sections.wholes[f.src_uri][1]))
    target = next(p for p, found in sections.wholes[linking.src_uri][1] if found is not None)
    linked = kept_whole(sections, linking, config, files)  # its own text again
    files.remove(files.get_file_from_path(target))
    gone = kept_whole(sections, linking, config, files)
    assert gone == (mkdocs_whole(linking, config, files), 1) and gone[0] != linked[0]


def test_a_hand_written_page_whose_conversion_logs_is_converted_and_logs_every_time(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    sections = Sections()
    sections.keep([], config)
    file = next(f for f in hand_written(config, files) if f.src_uri == "methode.md")
    broken = file.content_string + "\n\n[perdu](nulle-part.md)\n"
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.INFO):
            assert kept_whole(sections, file, config, files, broken)[1] == 1
        assert [r.levelno for r in caplog.records if "nulle-part.md" in r.getMessage()] == [logging.WARNING]
    assert "methode.md" not in sections.wholes


def test_a_hand_written_page_is_not_kept_when_an_extension_may_read_more_than_its_text(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    sections = Sections()
    config.markdown_extensions.append("pymdownx.snippets")  # reads the files it includes: never kept
    sections.keep([], config)
    file = next(f for f in hand_written(config, files) if f.src_uri == "methode.md")
    assert [kept_whole(sections, file, config, files)[1] for _ in range(2)] == [1, 1]
    config.markdown_extensions.remove("pymdownx.snippets")
    sections.keep([], config)
    assert [kept_whole(sections, file, config, files)[1] for _ in range(2)] == [1, 0]
    sections.keep([], settings())  # other settings: nothing kept
    assert sections.wholes == {}


def test_a_hand_written_page_is_converted_again_when_a_page_it_links_to_moves(tmp_path: Path) -> None:
    """A plugin may give a page another address without moving its file: the links to it change with it."""
    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    sections = Sections()
    sections.keep([], config)
    pages = hand_written(config, files)
    for file in pages:
        kept_whole(sections, file, config, files)
    linking = max(pages, key=lambda f: len(sections.wholes[f.src_uri][1]))
    target = files.get_file_from_path(next(p for p, found in sections.wholes[linking.src_uri][1] if found is not None))
    before = kept_whole(sections, linking, config, files)
    assert before[1] == 0
    target.url = "ailleurs/" + target.url
    moved = kept_whole(sections, linking, config, files)
    assert moved == (mkdocs_whole(linking, config, files), 1) and moved[0] != before[0]


def test_a_warning_no_handler_takes_still_keeps_a_hand_written_page_from_being_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    """Under MkDocs' command line, a logger outside `mkdocs` (an extension's) has no handler but Python's last
    resort, which prints its warnings: such a warning is logged, once each time, and the page converted again."""
    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    sections = Sections()
    sections.keep([], config)
    file = next(f for f in hand_written(config, files) if f.src_uri == "methode.md")
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    monkeypatch.setattr(logging.getLogger("mkdocs"), "handlers", [])
    calls = []

    def warning_whole(p: Page, c: Any, f: Any) -> None:
        calls.append(p)
        logging.getLogger("une.extension").warning("avertissement de l'extension")
        Page.render(p, c, f)
    for _ in range(2):
        page = Page(None, file, config)
        page.read_source(config)
        sections.whole_page(page, warning_whole, config, files)
    assert len(calls) == 2 and "methode.md" not in sections.wholes
    assert capsys.readouterr().err.count("avertissement de l'extension") == 2


def test_what_a_failing_conversion_logged_is_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    sections = Sections()
    sections.keep([], config)
    file = next(f for f in hand_written(config, files) if f.src_uri == "methode.md")

    def failing(p: Page, c: Any, f: Any) -> None:
        logging.getLogger("mkdocs.structure.pages").warning("un lien perdu")
        raise RuntimeError("échec")
    page = Page(None, file, config)
    page.read_source(config)
    with caplog.at_level(logging.INFO), pytest.raises(RuntimeError):
        sections.whole_page(page, failing, config, files)
    assert [r.getMessage() for r in caplog.records] == ["un lien perdu"]


def test_what_a_failing_conversion_in_sections_logged_is_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project", ROOT)
    config, files = preview_files(project, tmp_path)
    file = next(f for f in files if isinstance(f, StoredPage) and f.src_uri.startswith("acteurs/"))
    sections = Sections()

    def failing(*args: Any) -> None:
        logging.getLogger("mkdocs.structure.pages").warning("un lien perdu")
        raise RuntimeError("échec")
    monkeypatch.setattr(sections, "convert", failing)
    page = Page(None, file, config)
    page.read_source(config)
    with caplog.at_level(logging.INFO), pytest.raises(RuntimeError):
        sections.render(page, _steps, get_toc, Page.render, config, files)
    assert [r.getMessage() for r in caplog.records] == ["un lien perdu"]
