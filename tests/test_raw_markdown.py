"""No page shows Markdown as text: the check itself, and the test corpus built through it.

The generator writes each page as Markdown; a table, emphasis or list that
failed to render (a table glued to the line above it, `**` next to a space)
shows its syntax to the reader. `htmllint.raw_markdown` reads the visible text
of the article, code left out, and reports any such syntax. Briefing text may
hold the same characters and must show them as written: the sites whose texts
hold no such syntax (the test corpus here, the repository's own briefings in
tests/test_hostile.py and tests/test_browser.py, generated corpora in
tests/test_properties.py) are checked as they are; on the hostile site
(tests/test_hostile.py), every value it wrote is taken out of the text first.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import Build
from htmllint import lint_page, lint_site, raw_markdown


def article(html: str) -> BeautifulSoup:
    return BeautifulSoup(f'<div class="md-content"><article>{html}</article></div>', "html.parser")


@pytest.mark.parametrize("html,what", [
    ("<p>Divergent : 1 selon A\n| Valeur | Date |\n| --- | --- |\n| 3 | x |</p>", "table row"),
    ("<td>**3 personnes\u001e**</td>", "bold marker"),
    ("<li>Voir [la source](../b/)</li>", "link [text](url)"),
    ('<p>!!! warning "Les sources divergent"</p>', "admonition"),
    ("<h2>Chiffres {: #chiffres }</h2>", "attribute list"),
    ("<p>Texte\n## Titre</p>", "heading #"),
    ("<p>Intro :\n- premier\n- second</p>", "list marker"),
    ("<p>\u27e6&#42;x\u27e7</p>", "encoding bracket"),
    ("<div>texte hors bloc\n- puce</div>", "list marker"),
])
def test_raw_markdown_is_found(html: str, what: str) -> None:
    findings = raw_markdown(article(html))
    assert any(f"({what}" in f for f in findings), findings


@pytest.mark.parametrize("html", [
    "<p>Un chiffre : <strong>3</strong> selon <a href='../b/'>A</a> — 2 * 3 = 6, -5 °C, n° 4, a | b</p>",
    "<table><tr><th>Valeur</th></tr><tr><td>3</td></tr></table>",
    "<pre><code>| --- |\n**x**\n# titre\n- puce</code></pre><p>Voir <code>[a](b)</code> et <code>!!!</code></p>",
    '<h2 id="t">Titre<a class="headerlink" href="#t">#</a></h2>',
])
def test_rendered_markup_and_code_are_not_findings(html: str) -> None:
    assert raw_markdown(article(html)) == []


def test_text_shown_as_written_is_taken_out_first() -> None:
    page = article("<li><strong>Thème</strong> — **b** [clique](javascript:x) {: onclick } — fin</li>")
    assert len(raw_markdown(page)) == 3
    assert raw_markdown(page, ["**b** [clique](javascript:x)", "{:   onclick }"]) == []
    assert raw_markdown(page, ["**b**"]) != []  # what is left is still read


def test_the_lint_reports_raw_markdown_of_a_whole_page() -> None:
    html = '<html><body><div class="md-content"><article><p>a\n- b</p></article></div></body></html>'
    assert any("list marker" in f for f in lint_page(html, "x.html"))


def test_the_test_corpus_site_shows_no_markdown(corpus_site: Build) -> None:
    assert len(list(corpus_site.site.rglob("*.html"))) > 10
    assert lint_site(corpus_site.site) == []
