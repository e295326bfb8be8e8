"""A preview's rebuild converts its changed pages in two processes (generator.preview.SharedConversion): the
pages a child converted are the same as MkDocs' own, its warnings are logged once, a failing child leaves its
pages to MkDocs, and too little work is not shared."""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import shared_conversion as shared_module
from generator.preview import NoDirtyWarning
from generator.preview import Preview
from generator.shared_conversion import SharedConversion

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process is forked only where it can be")


def fake_page(src_uri: str) -> SimpleNamespace:
    """A page as MkDocs has it: its file (`src_uri`, `is_modified`, `page`) and what a conversion sets."""
    page = SimpleNamespace(markdown=None, meta={}, content=None, toc=[], _title_from_render=None,
                           present_anchor_ids=None, links_to_anchors=None)
    page.file = SimpleNamespace(src_uri=src_uri, is_modified=lambda: True, page=page)
    return page


def converter(parent: int, fail_in_child: bool = False):
    def convert(file: SimpleNamespace) -> None:
        page = file.page
        if fail_in_child and os.getpid() != parent:
            raise RuntimeError("a bug that only the child meets")
        page.markdown = f"# {page.file.src_uri}"
        page.content = f"<h1>{page.file.src_uri}</h1><!-- {os.getpid()} -->"
        page.meta = {"title": page.file.src_uri}
        page.toc = [page.file.src_uri]
        page._title_from_render = page.file.src_uri
        page.present_anchor_ids = {"top"}
        logging.getLogger("mkdocs.structure.pages").warning("a broken link on %s", page.file.src_uri)
    return convert


def share(pages: list[SimpleNamespace], weights: dict[str, int], convert) -> SharedConversion:
    shared = SharedConversion()
    shared.start([p.file for p in pages], lambda f: weights[f.src_uri], convert, files=None)
    return shared


def test_the_child_converts_about_half_by_size_and_hands_its_pages_over(caplog: pytest.LogCaptureFixture) -> None:
    weights = {"a.md": 400_000, "b.md": 300_000, "c.md": 120_000, "d.md": 100_000, "e.md": 90_000}
    pages = [fake_page(uri) for uri in weights]
    convert = converter(os.getpid())
    shared = share(pages, weights, convert)
    theirs = [p for p in pages if not p.file.is_modified()]  # left to the child until `finish`
    assert 0 < len(theirs) < len(pages)
    load = sum(weights[p.file.src_uri] for p in theirs)
    ours = sum(weights.values()) - load + SharedConversion.HEAD_START  # this process also writes every page
    assert abs(load - ours) <= max(weights.values())  # about half the work each
    for page in pages:  # MkDocs' loop: the pages left to it
        if page.file.is_modified():
            convert(page.file)
    with caplog.at_level(logging.WARNING):
        shared.finish()
    assert all(p.file.is_modified() for p in pages)  # every one written
    assert shared.converted_apart == sorted(p.file.src_uri for p in theirs)
    for page in theirs:
        assert page.content.startswith(f"<h1>{page.file.src_uri}</h1>")
        assert f"<!-- {os.getpid()} -->" not in page.content  # made by the other process
        assert (page.markdown, page.meta, page.toc, page._title_from_render, page.present_anchor_ids) == (
            f"# {page.file.src_uri}", {"title": page.file.src_uri}, [page.file.src_uri], page.file.src_uri, {"top"})
    logged = [r.getMessage() for r in caplog.records if r.name == "mkdocs.structure.pages"]
    assert sorted(logged) == sorted(f"a broken link on {uri}" for uri in weights)  # each once, the child's too


def test_a_failing_child_leaves_its_pages_to_this_process() -> None:
    weights = {"a.md": 300_000, "b.md": 300_000}
    pages = [fake_page(uri) for uri in weights]
    convert = converter(os.getpid(), fail_in_child=True)
    shared = share(pages, weights, convert)
    for page in pages:
        if page.file.is_modified():
            convert(page.file)
    shared.finish()
    assert shared.converted_apart == []
    assert all(p.content == f"<h1>{p.file.src_uri}</h1><!-- {os.getpid()} -->" for p in pages)


def test_too_little_to_share_forks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    started = []
    monkeypatch.setattr(shared_module.Apart, "start", lambda *a: started.append(a))
    pages = [fake_page("a.md"), fake_page("b.md")]
    share(pages, {"a.md": 1_000, "b.md": 2_000}, converter(os.getpid())).finish()
    share(pages[:1], {"a.md": 10_000_000}, converter(os.getpid())).finish()
    assert started == [] and all(p.file.is_modified() for p in pages)


def serve_build(project: Path, site: Path, *, rebuild: bool, preview: Preview | None = None):
    """A build as `mkdocs serve` makes it, in this process: the first one, or a rebuild (`--dirty`, shared);
    `preview`: the record of the builds before, as `mkdocs serve` keeps it from one to the next."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    plugin = config.plugins["briefings"]
    if not rebuild or preview is not None:
        config.plugins.on_startup(command="serve", dirty=False)
        plugin.preview = preview or Preview()
    plugin.rebuilding = rebuild
    quiet = NoDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        build(config, serve_url="http://127.0.0.1:8000/", dirty=rebuild)
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    return plugin


def html_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def test_a_shared_rebuild_writes_what_a_first_build_writes(project: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SharedConversion, "SHARED_FROM", 0)  # the seed corpus is small: share any change
    monkeypatch.setattr("generator.plugin.search_index.build_index", lambda site: None)
    monkeypatch.setattr("generator.plugin.BriefingsPlugin.indexer", SimpleNamespace(submit=lambda site: None))
    serve_build(project, tmp_path / "rebuilt", rebuild=False)
    briefing = sorted((project / "briefings").glob("*.yaml"))[0]
    lines = briefing.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    title = yaml.safe_load(lines[at])["title"]
    lines[at] = yaml.safe_dump({"title": f"Retouché — {title}"}, allow_unicode=True, width=1_000)
    briefing.write_text("".join(lines), encoding="utf-8")
    plugin = serve_build(project, tmp_path / "rebuilt", rebuild=True)
    assert [p.render() for p in plugin.problems.errors] == []
    preview = plugin.preview
    assert len(preview.shared.converted_apart) >= 2  # the edited briefing's page and cross-source pages
    assert f"briefings/{briefing.stem}.md" in preview.changed
    serve_build(project, tmp_path / "fresh", rebuild=False)
    rebuilt, fresh = html_pages(tmp_path / "rebuilt"), html_pages(tmp_path / "fresh")
    assert rebuilt.keys() == fresh.keys()
    assert [k for k in fresh if rebuilt[k] != fresh[k]] == []
    assert "Retouché — " in (tmp_path / "rebuilt" / "briefings" / briefing.stem / "index.html").read_text("utf-8")
    shutil.rmtree(tmp_path / "fresh")


def test_a_child_that_never_answers_is_stopped_and_its_pages_converted_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child stuck for good (a lock another thread of the preview held when it was forked) would leave the rebuild,
    and every request of the preview, waiting: past a while, it is stopped and its pages converted here."""
    import time

    monkeypatch.setattr(SharedConversion, "PATIENCE", (0.5, 2.0))
    weights = {"a.md": 300_000, "b.md": 300_000}
    pages = [fake_page(uri) for uri in weights]
    parent = os.getpid()
    plain = converter(parent)

    def stuck_in_child(file: SimpleNamespace) -> None:
        if os.getpid() != parent:
            time.sleep(600)
        plain(file)
    shared = share(pages, weights, stuck_in_child)
    pid = shared.child[0].pid
    for page in pages:
        if page.file.is_modified():
            stuck_in_child(page.file)
    started = time.monotonic()
    shared.finish()
    assert time.monotonic() - started < 60
    assert shared.converted_apart == []
    assert all(p.content == f"<h1>{p.file.src_uri}</h1><!-- {parent} -->" for p in pages)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left


def test_a_failed_build_stops_the_child_at_once() -> None:
    import time

    weights = {"a.md": 300_000, "b.md": 300_000}
    pages = [fake_page(uri) for uri in weights]
    parent = os.getpid()

    def slow_in_child(file: SimpleNamespace) -> None:
        if os.getpid() != parent:
            time.sleep(600)
    shared = share(pages, weights, slow_in_child)
    pid = shared.child[0].pid
    started = time.monotonic()
    shared.drop()
    assert time.monotonic() - started < 60 and shared.child is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _retitled(text: str) -> str:
    return re.sub(r"^title: ", "title: Retouché ", text, count=1, flags=re.M)


def _broken(text: str) -> str:
    return re.sub(r"^title: ", "title: [", text, count=1, flags=re.M)


def _requoted(text: str) -> str:
    return re.sub(r"^(\s+)text: ", r"\1text: Mot ajouté, ", text, count=1, flags=re.M)


@pytest.fixture
def sharing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SharedConversion, "SHARED_FROM", 0)  # the seed corpus is small: share any change
    monkeypatch.setattr(SharedConversion, "HEAD_START", 0)
    monkeypatch.setattr("generator.plugin.search_index.build_index", lambda site: None)
    monkeypatch.setattr("generator.plugin.BriefingsPlugin.indexer", SimpleNamespace(submit=lambda site: None))


@pytest.mark.parametrize("edits", [["retitled"], ["deleted"], ["copied", "deleted"], ["requoted"],
                                   ["broken", "restored"]])
def test_rebuilds_that_share_their_pages_end_with_a_first_build_s_site(project: Path, tmp_path: Path, sharing,
                                                                      edits: list[str]) -> None:
    """A briefing edited, deleted, added, made invalid and fixed: the preview's dirty rebuilds, each with a child
    converting half of its changed pages, leave the site a first build of the same files makes."""
    preview = Preview()
    serve_build(project, tmp_path / "rebuilt", rebuild=False, preview=preview)
    path = sorted((project / "briefings").glob("*.yaml"))[-1]
    original = path.read_text(encoding="utf-8")
    copy = path.with_name(f"{path.stem}-bis.yaml")
    for edit in edits:
        if edit == "deleted":
            path.unlink()
        elif edit == "copied":
            copy.write_text(original.replace(f"id: {path.stem}\n", f"id: {copy.stem}\n"), encoding="utf-8")
        else:
            change = {"retitled": _retitled, "broken": _broken, "requoted": _requoted, "restored": str}[edit]
            path.write_text(change(original), encoding="utf-8")
        serve_build(project, tmp_path / "rebuilt", rebuild=True, preview=preview)
        assert preview.shared.converted_apart and set(preview.shared.converted_apart) < set(preview.changed)
    serve_build(project, tmp_path / "fresh", rebuild=False)
    rebuilt, fresh = html_pages(tmp_path / "rebuilt"), html_pages(tmp_path / "fresh")
    assert sorted(rebuilt.keys() ^ fresh.keys()) == []
    assert [k for k in fresh if rebuilt[k] != fresh[k]] == []


def test_a_broken_anchor_on_a_page_the_child_converted_fails_a_strict_rebuild(project: Path, tmp_path: Path, sharing,
                                                                             monkeypatch: pytest.MonkeyPatch,
                                                                             caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs checks the anchors once every page is converted, in this process: a page from the child is checked
    like any other, and strict mode fails the rebuild on it."""
    from generator.plugin import BriefingsPlugin

    preview = Preview()
    serve_build(project, tmp_path / "site", rebuild=False, preview=preview)
    markdown = BriefingsPlugin.on_page_markdown

    def with_a_broken_anchor(self, text: str, *, page, config, files) -> str:
        text = markdown(self, text, page=page, config=config, files=files)
        return text + "\n\n[ici](#pas-d-ancre)\n" if page.file.src_uri in preview.changed else text
    monkeypatch.setattr(BriefingsPlugin, "on_page_markdown", with_a_broken_anchor)
    path = sorted((project / "briefings").glob("*.yaml"))[-1]
    path.write_text(_retitled(path.read_text(encoding="utf-8")), encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(SystemExit):  # MkDocs' Abort
        serve_build(project, tmp_path / "site", rebuild=True, preview=preview)
    assert preview.shared.converted_apart
    warned = [r.getMessage() for r in caplog.records if "#pas-d-ancre" in r.getMessage()]
    assert sorted(w.split("'")[1] for w in warned) == sorted(preview.changed)  # each page once, whoever converted it
