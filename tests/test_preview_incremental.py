"""The live preview's incremental rebuilds (generator.plugin.Preview), without a server: which
generated files MkDocs is told to render again, and which outputs are removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.plugin import Preview


def config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    cfg = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    cfg.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    errors, warnings = cfg.validate()
    assert not errors, errors
    cfg.plugins._current_plugin = None  # what MkDocs sets while a plugin's hook runs
    return cfg


def files_for(cfg: MkDocsConfig, pages: dict[str, str]) -> Files:
    hand = File("index.md", cfg.docs_dir, cfg.site_dir, cfg.use_directory_urls)
    return Files([hand, *(File.generated(cfg, uri, content=text) for uri, text in pages.items())])


def modified(files: Files) -> set[str]:
    return {f.src_uri for f in files if f.is_modified()}


def test_only_changed_pages_are_rendered_again_and_gone_ones_removed(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    preview = Preview()
    first = {"briefings/a.md": "# A\n", "briefings/b.md": "# B\n", "sources.md": "# Sources\n- A\n- B\n"}
    files = files_for(cfg, first)
    preview.plan(files, cfg, first, errors=0)
    assert modified(files) == {"index.md", *first}  # the first build renders everything
    preview.built()
    for f in files:
        Path(f.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(f.abs_dest_path).write_text("html", encoding="utf-8")

    second = {"briefings/a.md": "# A modifié\n", "sources.md": "# Sources\n- A modifié\n"}
    files = files_for(cfg, second)
    preview.plan(files, cfg, second, errors=0)
    # hand-written pages always (the home page's macros read the corpus); generated ones when changed
    assert modified(files) == {"index.md", "briefings/a.md", "sources.md"}
    assert not (tmp_path / "site" / "briefings" / "b" / "index.html").exists()
    assert (tmp_path / "site" / "briefings" / "a" / "index.html").exists()
    preview.built()

    files = files_for(cfg, second)
    preview.plan(files, cfg, second, errors=0)
    assert modified(files) == set()  # the same pages there are: the hand-written one, without macros, is kept
    preview.built()

    (tmp_path / "docs" / "index.md").write_text("# Accueil\n\n{{ corpus_facts() }}\n", encoding="utf-8")
    files = files_for(cfg, second)
    preview.plan(files, cfg, second, errors=0)
    assert modified(files) == {"index.md", *second}  # a hand-written page changed: everything again
    preview.built()
    files = files_for(cfg, second)
    preview.plan(files, cfg, second, errors=0)
    assert modified(files) == {"index.md"}  # its macros read the corpus: rendered on every rebuild
    preview.built()


def test_a_change_every_page_shows_renders_everything_again(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    preview = Preview()
    pages = {"briefings/a.md": "# A\n", "sources.md": "# Sources\n"}
    preview.plan(files_for(cfg, pages), cfg, pages, errors=0)
    preview.built()
    files = files_for(cfg, pages)
    preview.plan(files, cfg, pages, errors=1)  # the banner appears on every page
    assert modified(files) == {"index.md", *pages}
    preview.built()


def test_a_failed_build_forgets_what_was_written(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    preview = Preview()
    pages = {"briefings/a.md": "# A\n"}
    preview.plan(files_for(cfg, pages), cfg, pages, errors=0)
    preview.failed()
    files = files_for(cfg, pages)
    preview.plan(files, cfg, pages, errors=0)
    assert modified(files) == {"index.md", *pages}


def test_published_files_are_kept_by_mkdocs_and_written_after_the_build(tmp_path: Path) -> None:
    """A rebuild's exports are left to a background writer: MkDocs keeps their output, and the
    writer replaces the files whose bytes changed and removes those gone."""
    cfg = config(tmp_path)
    preview = Preview()
    first = {"briefings/a.md": "# A\n", "exports/a.csv": "id\na\n", "exports/old.csv": "id\n"}
    files = files_for(cfg, first)
    preview.plan(files, cfg, first, errors=0)
    preview.built()
    assert preview.published == {"exports/a.csv", "exports/old.csv"}
    site = tmp_path / "site"
    for f in files:
        Path(f.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(f.abs_dest_path).write_text(first.get(f.src_uri, "html"), encoding="utf-8")

    second = {"briefings/a.md": "# A modifié\n", **dict.fromkeys(preview.published, "")}
    files = files_for(cfg, second)
    preview.plan(files, cfg, second, errors=0, kept=frozenset(preview.published))
    assert modified(files) == {"briefings/a.md"}
    preview.built()
    unchanged = (site / "exports" / "a.csv").stat().st_mtime_ns
    preview.write_later(lambda: {"exports/a.csv": "id\na\n", "exports/new.csv": "id\nb\n"}, str(site))
    assert preview.writer.wait(10)
    assert (site / "exports" / "a.csv").stat().st_mtime_ns == unchanged  # same bytes: not written again
    assert (site / "exports" / "new.csv").read_text(encoding="utf-8") == "id\nb\n"
    assert not (site / "exports" / "old.csv").exists()
    assert not list((site / "exports").glob(".*"))  # no partial file left behind
    assert preview.published == {"exports/a.csv", "exports/new.csv"}  # what the next rebuild keeps


def test_the_exports_are_made_in_a_child_process_and_a_failure_is_reported(tmp_path: Path) -> None:
    """Written by a child process (the preview's own keeps its interpreter lock for the next rebuild); when
    the exports fail, the failure is reported as before and the preview goes on."""
    import os
    import sys

    failures: list[Exception] = []
    preview = Preview(report=failures.append)
    site = tmp_path / "site"
    preview.write_later(lambda: {"exports/pid.txt": f"{os.getpid()} {os.nice(0)}"}, str(site))
    assert preview.writer.wait(10)
    assert preview.published == {"exports/pid.txt"}
    if hasattr(os, "fork") and sys.platform != "darwin":  # apart, and behind the next rebuild
        pid, niceness = (site / "exports" / "pid.txt").read_text(encoding="utf-8").split()
        assert int(pid) != os.getpid() and int(niceness) == min(os.nice(0) + 10, 19)

    def failing() -> dict[str, str]:
        raise OSError("disque plein")
    preview.write_later(failing, str(site))
    assert preview.writer.wait(10)
    assert [str(e) for e in failures] == ["disque plein"] and preview.published == {"exports/pid.txt"}


def test_the_theme_environment_is_kept_across_rebuilds_and_sees_edited_templates(tmp_path: Path, monkeypatch) -> None:
    """One Jinja environment for every rebuild (its compiled templates kept); an edited template is read again;
    the files of an installed theme are listed once, those of any other folder every time."""
    import os

    import jinja2

    import generator.site.kept_theme as kept_theme
    from generator.site.kept_theme import KeptTheme

    installed, own = tmp_path / "site-packages" / "theme", tmp_path / "overrides"
    for folder in (installed, own):
        folder.mkdir(parents=True)
    (installed / "main.html").write_text("thème {{ x }}", encoding="utf-8")
    (installed / "style.css").write_text("", encoding="utf-8")
    monkeypatch.setattr(kept_theme, "_INSTALLED", (os.path.realpath(tmp_path / "site-packages") + os.sep,))
    dirs = [str(own), str(installed)]
    made: list[jinja2.Environment] = []

    def make() -> jinja2.Environment:
        made.append(jinja2.Environment(loader=jinja2.FileSystemLoader(dirs), auto_reload=False))
        return made[-1]
    kept = KeptTheme()
    env = kept.environment(make, dirs, "fr")
    assert env.list_templates() == ["main.html", "style.css"]
    assert env.get_template("main.html").render(x=1) == "thème 1"
    (installed / "new.css").write_text("", encoding="utf-8")  # an installed package does not change meanwhile
    (own / "extra.css").write_text("", encoding="utf-8")
    (own / "main.html").write_text("surcharge {{ x }}", encoding="utf-8")
    assert kept.environment(make, dirs, "fr") is env and len(made) == 1
    assert env.list_templates() == ["extra.css", "main.html", "style.css"]
    assert env.get_template("main.html").render(x=2) == "surcharge 2"
    assert kept.environment(make, dirs, "en") is not env and len(made) == 2  # another theme setting: made anew


@pytest.fixture
def counted_collector(monkeypatch):
    """A `preview.Collector` acting quickly, and the list of its collections (those of timers other tests left
    do not count), gc itself left as it was. A collection another test's preview left pending would turn gc back
    on in the middle of the test: such timers are waited for first."""
    import gc
    import threading

    from generator.preview import Collector

    for timer in [t for t in threading.enumerate() if isinstance(t, threading.Timer)]:
        timer.join(timeout=10)
    collected: list[tuple] = []
    monkeypatch.setattr(gc, "collect", lambda *a: 0)
    was_enabled = gc.isenabled()
    collector = Collector()
    collector.DELAY = 0.05
    collect = collector.collect
    collector.collect = lambda: (None if collector.held else collected.append(())) or collect()
    yield collector, collected
    gc.enable() if was_enabled else gc.disable()


def test_the_collector_waits_for_the_end_of_a_rebuild_and_then_runs_once(counted_collector) -> None:
    """A preview's rebuild runs without garbage collection; shortly after it ends the collector runs whole and is
    on again; a rebuild that starts before then cancels that collection (preview.Collector)."""
    import gc
    import time

    collector, collected = counted_collector
    collector.hold()
    assert not gc.isenabled()
    collector.later()
    collector.hold()  # a save right after: no collection in the middle of this rebuild
    time.sleep(0.2)
    assert collected == [] and not gc.isenabled()
    collector.later()
    deadline = time.monotonic() + 10
    while not collected and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    assert collected == [()] and gc.isenabled()


def test_a_rebuild_that_fails_in_strict_mode_leaves_one_collection(counted_collector) -> None:
    """A strict rebuild fails after its last step (MkDocs counts the warnings once `on_post_build` has run): the
    rebuild's end is then told twice, and the collector still runs once, not once for each."""
    import gc
    import time

    collector, collected = counted_collector
    collector.hold()
    collector.later()  # on_post_build
    collector.later()  # on_build_error: strict mode's count of warnings
    time.sleep(0.3)
    assert collected == [()] and gc.isenabled()
