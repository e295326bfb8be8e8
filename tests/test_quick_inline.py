"""The preview's inline pass (site/quick_inline.py) gives Python-Markdown's own HTML, page for page, for the site's
pages and for any Markdown; it skips most pattern tries; the preview uses it, `mkdocs build` does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor as Pattern
from markdown.treeprocessors import InlineProcessor

from conftest import ROOT
from generator.pipeline import Project, published_build
from generator.site.quick_inline import QuickInline, QuickInlineExtension, needs
from test_hostile import HOSTILE

FRONT_MATTER = re.compile(r"(?s)\A---\n.*?\n---\n")


@pytest.fixture(scope="module")
def site_markdown() -> tuple[list, dict]:
    """The project's Markdown settings (mkdocs.yml, with the plugin's extension) and every page of the seed site."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    settings_ = (list(config.markdown_extensions), dict(config.mdx_configs))
    pages = {k: v for k, v in published_build(Project.at(ROOT)).pages.items() if k.endswith(".md")}
    for folder in (ROOT / "docs", ROOT / "content"):
        pages.update({str(p): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")})
    return settings_, pages


def convert(text: str, settings_: tuple[list, dict], quick: bool) -> tuple[str, list, str]:
    extensions, configs = settings_
    md = Markdown(extensions=[*extensions, *[QuickInlineExtension()] * quick], extension_configs=configs)
    assert isinstance(md.treeprocessors["inline"], QuickInline) is quick
    return md.convert(text), getattr(md, "toc_tokens", []), getattr(md, "toc", "")


PLAIN = ([], {})

EVERY_PATTERN = """# Titre *x* `y`

Du `code`, ``double ` tick``, \\*échappé\\*, \\\\`pas du code`, [lien](http://a.example "t"), [réf][r], [r],
![image](i.png), ![réf image][r], <http://auto.example>, <moi@example.org>, ligne  
coupée, <span class="x">html</span>, <!-- commentaire -->, &amp; &#65; &copy; &nope, *em*, **fort**, ***les deux***,
_souligné_, __gras__, un * seul, un _ seul, ⟦&#60;b&#62;⟧, [[double]], ![](), [](), <>, <a, &;

[r]: http://ref.example "Réf"

| a | b |
| - | - |
| `x` | [y](z) |
"""


def test_every_page_of_the_seed_site_converts_as_python_markdown_does(site_markdown) -> None:
    settings_, pages = site_markdown
    assert len(pages) > 50
    for name, text in pages.items():
        body = FRONT_MATTER.sub("", text)
        assert convert(body, settings_, True) == convert(body, settings_, False), name


@pytest.mark.parametrize("text", [EVERY_PATTERN, EVERY_PATTERN.replace("[r]: http", "[s]: http"),
                                  EVERY_PATTERN.split("\n[r]:")[0], *HOSTILE, "\n\n".join(HOSTILE)])
def test_markdown_of_every_kind_converts_as_python_markdown_does(site_markdown, text: str) -> None:
    """Each inline pattern, with and without reference definitions (used or not), and the hostile texts: as
    Markdown (a hand-written page), not as the generator's inert text."""
    settings_, _ = site_markdown
    for s in (settings_, PLAIN):
        assert convert(text, s, True) == convert(text, s, False)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]()!*_`\\<>&#;:/@. \n\tab|-={}~⟦⟧é", max_size=120))
@example("[a]: b\n\n[a] ![a] [x][a]")
@example("a  \nb")
def test_any_text_converts_as_python_markdown_does(site_markdown, text: str) -> None:
    settings_, _ = site_markdown
    assert convert(text, settings_, True) == convert(text, settings_, False)


def test_most_pattern_tries_are_skipped(site_markdown, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the seed site's pages, the quick pass tries a pattern less than half as often as Python-Markdown."""
    settings_, pages = site_markdown
    tries = {False: 0, True: 0}
    original = InlineProcessor._InlineProcessor__applyPattern  # type: ignore[attr-defined]

    def counted(self, *args, **kwargs):
        tries[isinstance(self, QuickInline)] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__applyPattern", counted)
    for text in pages.values():
        for quick in (False, True):
            convert(FRONT_MATTER.sub("", text), settings_, quick)
    assert tries[False] > 10_000
    assert tries[True] < tries[False] / 2


class _Mark(Pattern):
    def handleMatch(self, m, data):  # type: ignore[override]  # noqa: N802
        from xml.etree import ElementTree

        element = ElementTree.Element("mark")
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


def test_a_pattern_it_does_not_know_is_always_tried() -> None:
    """Another extension's pattern, or one of Python-Markdown's with another expression, has no known needs."""
    md = Markdown(extensions=[QuickInlineExtension()])
    md.inlinePatterns.register(_Mark(r"=(\w+)="), "mark", 75)
    assert needs(md.inlinePatterns["mark"]) is None
    assert md.convert("un =mot= marqué") == "<p>un <mark>mot</mark> marqué</p>"
    link = md.inlinePatterns["link"]
    assert needs(link) == ("[",)
    link.pattern = r"(?<!\!)\[|@"
    assert needs(link) is None


def test_only_the_preview_uses_it(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    for command, quick in (("build", False), ("serve", True)):
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command=command, dirty=False)
        config = config.plugins.on_config(config)
        config = config.plugins.on_config(config)  # a rebuild's: added once
        added = [e for e in config.markdown_extensions if isinstance(e, QuickInlineExtension)]
        assert len(added) == quick
        md = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        assert isinstance(md.treeprocessors["inline"], QuickInline) is quick
