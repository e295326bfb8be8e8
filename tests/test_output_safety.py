"""What leaves the generator is safe and proportionate, whatever a briefing holds.

- Markdown's work on a value is linear in its length: each value from
  `markup.text` reaches Markdown as one run, stashed in one step, whatever its
  punctuation (Python-Markdown copies a paragraph's text once per inline match).
"""

from __future__ import annotations

import re

import markdown
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import markup
from generator.site.markup import CLOSE, OPEN, InertTextExtension

EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
PUNCTUATION = st.text(st.sampled_from("\\`*_{}[]()<>#+-.!|&\"':=~^$%@ ⟦⟧a\t"), min_size=1, max_size=300)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200)


def _convert(source: str) -> tuple[str, markdown.Markdown]:
    md = markdown.Markdown(extensions=[*EXTENSIONS, InertTextExtension()])
    return md.convert(source), md


def _shown(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text()).strip()


@settings(max_examples=200, deadline=None)
@given(st.one_of(PUNCTUATION, ANY_TEXT))
def test_a_value_is_one_run_with_no_raw_syntax_inside(value: str) -> None:
    encoded = markup.text(value)
    assert encoded.startswith(OPEN) and encoded.endswith(CLOSE)
    inside = encoded[1:-1]
    assert OPEN not in inside and CLOSE not in inside
    # Outside numeric references, only letters, digits, spaces, non-ASCII text and , ; ? / remain.
    assert re.fullmatch(r"(?:&#\d+;|[^\x00-\x7f]|[A-Za-z0-9 ,;?/])*", inside), inside


@settings(max_examples=200, deadline=None)
@given(st.one_of(PUNCTUATION, ANY_TEXT))
def test_markdown_stashes_a_value_once_and_shows_it_as_written(value: str) -> None:
    html, md = _convert("Avant " + markup.text(value) + " après")
    # One piece of raw HTML per value, however many punctuation characters it holds: the inline
    # processor copies the paragraph once, not once per character.
    assert len(md.htmlStash.rawHtmlBlocks) == 1
    assert _shown(html) == re.sub(r"\s+", " ", f"Avant {value} après").strip()
    soup = BeautifulSoup(html, "html.parser")
    assert [e.name for e in soup.find_all(True)] == ["p"]


def test_values_inside_generated_markdown_stay_values() -> None:
    """Links, emphasis and tables the generator writes around values still work, one stash per value."""
    value = "<b>x</b> | *y* [z](javascript:alert(1)) {: .k } " * 50
    source = (f"# {markup.text(value)}\n\n| a | b |\n| --- | --- |\n| {markup.text(value)} | "
              f"**{markup.link(value, 'x.md', 'y.md')}** |\n")
    html, md = _convert(source)
    soup = BeautifulSoup(html, "html.parser")
    assert len(md.htmlStash.rawHtmlBlocks) == 3
    assert [td.get_text().strip() for td in soup.select("td")] == [value.strip(), value.strip()]
    assert soup.select_one("td strong a")["href"] == "x.md"
    assert not soup.find_all(["b", "em", "script"]) and soup.h1.get_text().strip() == value.strip()
