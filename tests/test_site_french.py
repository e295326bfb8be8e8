"""The site's own French: plurals by CLDR rules, numbers and typographic spaces — and briefing text
left exactly as written."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from markdown import Markdown

from conftest import make_project
from generator import macros
from generator.site import markup, wording
from generator.site.typography import french_spacing

N = "\u202f"


@pytest.mark.parametrize(("count", "expected"), [
    (0, "0 média identifié"), (1, "1 média identifié"), (2, "2 médias identifiés"),
    (5, "5 médias identifiés"), (12345, f"12{N}345 médias identifiés"),
])
def test_plural_follows_french_rules(count: int, expected: str) -> None:
    assert wording.plural(count, "média identifié", "médias identifiés") == expected


def test_plural_adds_an_s_by_default() -> None:
    assert [wording.plural(n, "briefing") for n in (1, 5)] == ["1 briefing", "5 briefings"]
    assert wording.noun(1, "tiré", "tirés") == "tiré" and wording.noun(3, "tiré", "tirés") == "tirés"


def test_the_preview_banner_counts_in_french() -> None:
    assert "1 erreur dans" in wording.preview_banner(1, "erreurs.md")
    assert "2 erreurs dans" in wording.preview_banner(2, "erreurs.md")


@pytest.mark.parametrize(("text", "expected"), [
    ("Média : x", f"Média{N}: x"),
    ("Vraiment ? Oui ! Et ; puis", f"Vraiment{N}? Oui{N}! Et{N}; puis"),
    ("« Nuances »", f"«{N}Nuances{N}»"),
    ("Média\u00a0: x", f"Média{N}: x"),
    ("http://x.org 12:30 {: .c } a:b", "http://x.org 12:30 {: .c } a:b"),  # no space is ever added
])
def test_french_spacing(text: str, expected: str) -> None:
    assert french_spacing(text) == expected


def render(source: str) -> str:
    return Markdown(extensions=[markup.InertTextExtension(), "tables", "admonition"]).convert(source)


def test_typography_reaches_the_site_wording_and_never_a_briefing_value() -> None:
    quote = "« x » et a : b ; c ? d !"
    for value in (quote, "« x »", "a ; b", "Et ? non", "plain words"):
        out = render(f"- Citation : {markup.text(value)}\n\n| Titre : | « {markup.text(value)} » |\n| --- | --- |\n")
        assert f"Citation{N}: " in out and f"Titre{N}:" in out and f"«{N}" in out
        assert value in html.unescape(out), value  # byte for byte, spaces as written
        assert html.unescape(out).count(N) == 4, value  # the site's four spaces, none inside the value


def test_code_is_left_alone() -> None:
    out = render("Avant : `a : b` fin\n\n    bloc : code\n")
    assert "a : b" in out and "bloc : code" in out and f"Avant{N}:" in out


def macro_env(project: Path) -> SimpleNamespace:
    env = SimpleNamespace(conf={"plugins": {}, "config_file_path": str(project / "mkdocs.yml"),
                                "docs_dir": str(project / "docs")}, functions={})
    env.macro = lambda f: env.functions.setdefault(f.__name__, f)
    macros.define_env(env)
    return env


def test_the_home_page_counts_in_french(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    for extra in sorted((project / "briefings").iterdir())[1:]:
        extra.unlink()  # one briefing left, from one identified outlet
    facts = macro_env(project).functions["corpus_facts"]()
    assert "(s)" not in facts
    assert "**1** briefing, tiré de 1 média identifié\n" in facts
    assert re.search(r"\*\*\d+\*\* acteurs?, \*\*\d+\*\* événements?, \*\*1\*\* citation\n", facts)


def test_the_home_page_counts_many_in_french(tmp_path: Path) -> None:
    facts = macro_env(make_project(tmp_path / "project")).functions["corpus_facts"]()
    assert "**3** briefings, tirés de 1 média identifié et 2 articles de média non identifié\n" in facts
