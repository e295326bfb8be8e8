"""The reader builds values straight from the parser's events (reading/yamlevents.py): the values,
the positions and every finding are those the composer's nodes gave, checked here against that way
of reading (kept below) on the project's own files, on awkward YAML and on generated text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings, strategies as st

from generator.reading import yamlread
from generator.reading.yamlread import Finding, YamlError

ROOT = Path(__file__).resolve().parent.parent
MERGE = "tag:yaml.org,2002:merge"


def _walk(text: str, loader: type) -> None:
    depth = nodes = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if event.anchor is not None:
            raise YamlError([Finding(line, col, (), "anchor")])
        nodes += 1
        depth += isinstance(event, yaml.CollectionStartEvent)
        if depth > yamlread.MAX_DEPTH or nodes > yamlread.MAX_NODES:
            raise YamlError([Finding(line, col, (), "depth" if depth > yamlread.MAX_DEPTH else "nodes")])


class _Composed:
    """The former reader: the events walked for the limits, then the composer's nodes made into values."""

    def __init__(self, text: str):
        self.findings: list[tuple] = []
        self.value_pos: dict = {}
        self.key_pos: dict = {}
        try:
            _walk(text, yaml.CSafeLoader)
        except yaml.YAMLError:
            # As the former reader did: where the C parser fails, the pure-Python one walks the text again
            # (control characters blanked), and a limit it meets first is the report.
            try:
                _walk(yaml.reader.Reader.NON_PRINTABLE.sub(" ", text), yaml.SafeLoader)
            except yaml.YAMLError:
                pass
            raise
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        self.data = None if node is None else self.value(node, ())

    def value(self, node: Any, loc: tuple) -> Any:
        self.value_pos[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return None if not node.style and node.value in yamlread.NULL_WORDS else node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*loc, i)) for i, item in enumerate(node.value)]
        out: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == MERGE:
                self.findings.append((*pos, loc, "keys must be plain words"))
                continue
            key = key_node.value
            if key in first:
                self.findings.append((*pos, (*loc, key), f"duplicate key '{key}' (first written on line {first[key]})"))
                continue
            first[key] = key_node.start_mark.line + 1
            self.key_pos[(*loc, key)] = pos
            out[key] = self.value(value_node, (*loc, key))
        return out


def outcome_before(text: str) -> tuple:
    try:
        composed = _Composed(text)
    except YamlError as exc:
        return ("limit", exc.findings[0].line, exc.findings[0].col)
    except yaml.reader.ReaderError as exc:
        return ("reader", exc.character)
    except yaml.composer.ComposerError as exc:
        return ("syntax", exc.problem_mark.line + 1, exc.problem_mark.column + 1, exc.context)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return ("syntax", mark.line + 1 if mark else 0, mark.column + 1 if mark else 0, None)
    if composed.findings:
        return ("findings", composed.findings)
    return ("data", composed.data, composed.value_pos, composed.key_pos)


def outcome_now(text: str) -> tuple:
    try:
        doc = yamlread.parse_document(text)
    except YamlError as exc:
        f = exc.findings[0]
        if f.message.startswith("character U+"):
            return ("reader", int(f.message.split()[1].removeprefix("U+"), 16))
        if f.message.startswith("YAML syntax"):
            second = "a second YAML document" in f.message
            return ("syntax", f.line, f.col, "expected a single document in the stream" if second else None)
        if "anchors" in f.message or "nested" in f.message or "YAML nodes" in f.message:
            return ("limit", f.line, f.col)
        return ("findings", [(g.line, g.col, g.loc, g.message) for g in exc.findings])
    return ("data", doc.data, *doc.positions())


AWKWARD = [
    "", "# only a comment\n", "---\n", "~\n", "null\n", "a\n", "- a\n- b\n", "a: 1\na: 2\n", "a: {b: 1, b: 2}\n",
    "<<: x\na: 1\n", "'<<': x\n", "!!merge a: 1\n", "! <<: 1\n", "? [1, 2]\n: x\nb: 2\n", "? {a: 1}\n: {b: [1]}\nc: 3\n",
    "a: 1\n---\nb: 2\n", "a: 1\n...\n---\nb: &x 2\n", "a: &x 1\n", "a: *x\n", "a: [1, [2, [3]]]\nb:\n  - c: ''\n    d: \"null\"\n",
    "a: 1\n---\nb: [\n", "a: [\n", "a:\tb\n", "a:\n\t- b\n", "x: !!str null\ny: !custom 3\nz: !!null ''\n",
    "a: |\n  text\n  more\nb: >\n  folded\n", "[a, b]: 1\n", "a: 1\n? b\n", "- ? a\n  : b\n- [c: d]\n",
    "a: " + "[" * 60 + "]" * 60 + "\n", "{a: 1, a: {x: 1, x: 2}, <<: 3}\n", "a: 1\nb: \x07\n", "%YAML 1.1\n---\na: 1\n",
    # A merge key spelled through a %TAG handle or a verbatim tag; line breaks YAML 1.1 knows (NEL, LS) and CRLF;
    # duplicates in a refused value, a key without value twice, a stream ended by `...`, the nesting limit itself.
    "%TAG !e! tag:yaml.org,2002:\n---\n!e!merge a: 1\n", "!<tag:yaml.org,2002:merge> a: 1\nb: 2\n",
    "a: b\u2028c: d\n", "a\x85b: 1\n", "a: 1\r\nb: 2\r\na: 3\r\n", "a:\n  b: 1\n  b: [1, {c: 2, c: 3}]\n  d: {b: 1, b: 2}\n",
    "? a\n? a\n", "- <<\n- <<: 1\n", "--- |\n  text\n", "a: 1\n...\n# c\n", "[" * 50 + "]" * 50, "[" * 51 + "]" * 51,
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_yaml_reads_as_the_composer_read_it(text: str) -> None:
    assert outcome_now(text) == outcome_before(text)


def test_the_project_files_read_as_the_composer_read_them() -> None:
    files = sorted([*ROOT.glob("briefings/*.yaml"), *ROOT.glob("content/*.yaml"), *ROOT.glob("tests/data/**/*.yaml")])
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
        assert outcome_now(text) == outcome_before(text), path


_pieces = st.sampled_from(["a", "b", "<<", "null", "~", "''", "1", ":", ": ", "- ", "\n", "  ", "[", "]", "{", "}", ",",
                           "? ", "---\n", "&x ", "*x", "!!merge ", "#c", '"q"', "|\n  t\n"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_pieces, max_size=24))
@example(["a", ":", "\n", "[", "&x "])  # the C parser fails first; the Python one meets the anchor first
def test_generated_yaml_reads_as_the_composer_read_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert outcome_now(text) == outcome_before(text)
