"""`Document.may_hold` lets the placeholder walk skip a file: it must never say "no" for a file one of whose values
holds the word, however YAML wrote it (escapes, folding, quotes, block scalars, keys)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.corpus.notes import PLACEHOLDER
from generator.reading.yamlevents import YamlError
from generator.reading.yamlread import parse_document

from test_lazy_positions_any_yaml import emitted

WORD = PLACEHOLDER


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _holds(text: str) -> bool | None:
    """Whether a value of the file holds the word; None when the file is not one `parse_document` reads."""
    try:
        doc = parse_document(text)
    except YamlError:
        return None
    found = any(WORD in s for s in _strings(doc.data))
    assert doc.may_hold(WORD) or not found, text
    return found


_pieces = st.sampled_from(["T", "O", "D", "TO", "DO", "OD", "TODO", " ", "\n", "  ", "'", "''", '"', "\\", "x",
                           "-", ": ", "|", ">", "#", "\t", "\\x54", "\\u0054", "\\\n", "é"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_pieces, max_size=24).map("".join))
@example('a: "TO\\\n  DO"\n')  # an escaped line break joins the two halves
@example('a: "\\x54ODO"\n')  # an escaped letter
@example("a: 'TO''DO'\n")
@example("a: >\n  TO\n  DO\n")
@example("a: |\n  TO\n  DO\n")
@example("a: TO\n  DO\n")
def test_a_file_said_not_to_hold_the_word_holds_it_nowhere(text: str) -> None:
    _holds(text)


@settings(max_examples=1500, deadline=None)
@given(st.recursive(
    st.tuples(st.sampled_from(["TODO", "TO", "DO", "TO DO", " TODO x", "T\nODO", "x", "", "TO\n\nDO"]),
              st.sampled_from([None, "'", '"', "|", ">"])),
    lambda inner: st.one_of(
        st.tuples(st.just("seq"), st.booleans(), st.lists(inner, max_size=4)),
        st.tuples(st.just("map"), st.booleans(), st.dictionaries(st.sampled_from(["a", "TODO", "b c"]), inner,
                                                                 max_size=3))),
    max_leaves=10), st.booleans(), st.booleans())
def test_what_yaml_writes_of_any_value_is_never_skipped(tree: tuple, start: bool, end: bool) -> None:
    text = emitted(tree, start, end)
    assert _holds(text) is not None, text  # every emitted file is one the reader takes


def test_the_examples_that_join_letters_are_read_as_holding_it() -> None:
    for text in ('a: "TO\\\n  DO"\n', 'a: "\\x54ODO"\n'):
        assert _holds(text) is True
        assert WORD not in text and parse_document(text).may_hold(WORD)


def test_a_finished_file_is_not_walked_and_a_placeholder_is_still_found(tmp_path: Path, monkeypatch) -> None:
    """The skip is taken (the walk is not called for a file without the word), and a file with one is reported."""
    from generator.corpus import notes
    from generator.reading.loader import load_briefings
    from generator.reading.problems import ProblemList

    seeds = Path(__file__).resolve().parents[1] / "briefings"
    folder = tmp_path / "briefings"
    folder.mkdir()
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.yaml"))}
    assert not any(WORD in t for t in texts.values())  # the seeds are finished files
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    first = sorted(texts)[0]
    (folder / first).write_text(texts[first].replace("\nsummary: ", "\nsummary: TODO à finir. ", 1), encoding="utf-8")
    located = load_briefings(folder, tmp_path, ProblemList())
    walked: list[str] = []
    real = notes._placeholders
    monkeypatch.setattr(notes, "_placeholders", lambda lb, value, loc: walked.append(lb.path) or real(lb, value, loc))
    found = notes.editorial_notes(located, None, notes=False)  # type: ignore[arg-type]
    # Walked: the file with the placeholder, and those whose text has a backslash (an escape may make the word).
    expected = [lb.path for lb in located if lb.path.endswith(first) or "\\" in texts[Path(lb.path).name]]
    assert walked == expected and len(expected) < len(texts)
    assert len(found) == 1 and found[0].message.startswith("placeholder left in: 'TODO à finir. ")
    assert yaml.safe_load(texts[first])["summary"]  # the seed has a summary to put the placeholder in
