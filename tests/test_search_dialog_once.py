"""The header's search button and dialog are rendered once a build (site/search_index.search_box, plugin.on_env,
theme partials/briefings-search.html): nothing in them depends on the page, their words are escaped, a project's
`custom_dir` can still override them, a preview's kept environment renders an edited override at the next build,
and every built page carries them once, with its own address of the search bundle."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2.meta
import pytest
from bs4 import BeautifulSoup
from mkdocs.theme import Theme

from conftest import Build
from generator.plugin import THEME_DIR
from generator.site.kept_theme import KeptTheme
from generator.site import search_index, wording


def _theme(custom_dir: Path | None = None) -> Theme:
    theme = Theme(name="material", **({"custom_dir": str(custom_dir)} if custom_dir else {}))
    theme.dirs.insert(1 if custom_dir else 0, str(THEME_DIR))  # as plugin.on_config does
    return theme


def test_the_dialog_reads_nothing_but_the_search_box() -> None:
    env = _theme().get_env()
    source = env.loader.get_source(env, search_index.DIALOG_TEMPLATE)[0]
    assert jinja2.meta.find_undeclared_variables(env.parse(source)) == {"search"}  # no page, no url, no config
    box = search_index.search_box(env.get_template)
    page_context = {"page": {"url": "a/b/"}, "base_url": "../..", "config": {"site_url": "x"}}
    inline = env.from_string('{% include "' + search_index.DIALOG_TEMPLATE + '" %}').render(search=box, **page_context)
    assert str(box["dialog"]) == inline


def test_the_dialog_s_words_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = '<b>"x" & \'y\'</script>'
    monkeypatch.setattr(wording, "SEARCH_BUTTON", hostile)
    monkeypatch.setattr(wording, "SEARCH_FILTERS", {k: hostile for k in wording.SEARCH_FILTERS})
    monkeypatch.setattr(wording, "SEARCH_UI", {k: hostile for k in wording.SEARCH_UI})
    dialog = str(search_index.search_box(_theme().get_env().get_template)["dialog"])
    assert "<b>" not in dialog and "</script>" not in dialog.replace("</script>", "", 1)
    soup = BeautifulSoup(dialog, "html.parser")
    assert soup.select_one(".briefings-search__label").get_text() == hostile
    assert soup.select_one("input")["placeholder"] == hostile
    assert soup.select_one("dialog")["aria-label"] == hostile


def test_a_project_s_override_of_the_dialog_is_rendered_and_reread_by_a_preview(tmp_path: Path) -> None:
    partial = tmp_path / "overrides" / "partials" / "briefings-search.html"
    partial.parent.mkdir(parents=True)
    partial.write_text("<p>maison {{ search.button | e }}</p>", encoding="utf-8")
    theme = _theme(tmp_path / "overrides")
    assert str(search_index.search_box(theme.get_env().get_template)["dialog"]) == "<p>maison Rechercher</p>"
    kept = KeptTheme()
    env = kept.environment(theme.get_env, theme.dirs, theme.locale)
    assert "maison" in search_index.search_box(env.get_template)["dialog"]
    partial.write_text("<p>modifié</p>", encoding="utf-8")
    later = partial.stat().st_mtime + 5
    os.utime(partial, (later, later))
    env = kept.environment(theme.get_env, theme.dirs, theme.locale)  # the next rebuild: the same environment
    assert str(search_index.search_box(env.get_template)["dialog"]) == "<p>modifié</p>"


@pytest.mark.slow
def test_every_page_of_a_project_with_overrides_carries_the_dialog_once(overridden_site: Build) -> None:
    build = overridden_site
    pages = sorted(build.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        boxes = soup.select("div.briefings-search")
        assert len(boxes) == 1 and len(soup.select("dialog.briefings-search__dialog")) == 1, page
        bundle = (page.parent / boxes[0]["data-briefings-search"]).resolve()
        if page.name == "404.html":
            continue  # served at any depth: its addresses start from the site's root
        assert bundle == (build.site / "pagefind").resolve(), page
        assert soup.select_one(".briefings-search__label").get_text() == wording.SEARCH_BUTTON


def test_a_preview_s_kept_environment_gives_mkdocs_the_theme_files_a_stock_one_gives(tmp_path: Path) -> None:
    """The kept listing leaves out the hidden files of installed themes (Material's 14,000 icons), which MkDocs
    never copies: the static files MkDocs adds to the site are the very same, and it matches far fewer names."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    overrides = tmp_path / "overrides"
    (overrides / ".hidden").mkdir(parents=True)
    (overrides / ".hidden" / "mine.css").write_text("", encoding="utf-8")  # a project's folder: listed as it is
    (overrides / "extra.css").write_text("", encoding="utf-8")
    theme = _theme(overrides)
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    (tmp_path / "docs").mkdir()
    assert config.validate() == ([], [])
    config.theme = theme

    def theme_files(env: jinja2.Environment) -> tuple[list[str], int]:
        matched = []
        files = Files([])
        files.add_files_from_theme(_Counting(env, matched), config)
        return sorted(f.src_uri for f in files), len(matched)

    stock, stock_matched = theme_files(theme.get_env())
    kept_env = KeptTheme().environment(theme.get_env, theme.dirs, theme.locale)
    kept, kept_matched = theme_files(kept_env)
    assert kept == stock
    assert "extra.css" in kept and any(name.startswith("assets/javascripts/bundle.") for name in kept)
    assert any(name.startswith(".icons/") for name in theme.get_env().list_templates())
    assert not any(name.startswith(".icons/") for name in kept_env.list_templates())
    assert ".hidden/mine.css" in kept_env.list_templates()  # not an installed package's: as MkDocs would see it
    assert kept_matched * 10 < stock_matched


class _Counting:
    """An environment whose `list_templates` counts the names MkDocs' filter is asked about."""

    def __init__(self, env: jinja2.Environment, matched: list[str]) -> None:
        self.env, self.matched = env, matched

    def list_templates(self, extensions=None, filter_func=None) -> list[str]:
        def counted(name: str) -> bool:
            self.matched.append(name)
            return filter_func(name)
        return self.env.list_templates(extensions, counted)
