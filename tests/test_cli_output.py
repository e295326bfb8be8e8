"""What the commands print and write: terminal-safe reports in both formats, one clear line for any
write failure, and files from `new` and `draft` that load back exactly as given."""

from __future__ import annotations

import json
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, DATA
from generator.authoring.draft import draft_article, render_draft
from generator.authoring.yamlwrite import flow_list, quoted, scalar
from generator.cli import main
from generator.reading.loader import load_briefing_text, load_briefings
from generator.reading.problems import ProblemList, counted, visible
from generator.reading.yamlread import parse_document

# Characters that act on a terminal or reorder a line: C0 and C1 controls (ESC, BEL, CSI, NEL),
# bidi overrides and isolates, zero-width and line/paragraph separators.
DANGEROUS = ["\x1b", "\x07", "\x08", "\x7f", "\x9b", "\x85", "\u202e", "\u2066", "\u200b", "\u2028", "\u2029", "\ufeff"]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(CORPUS / "content", root / "content")
    (root / "briefings").mkdir()
    return root


def invoke(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *args])


# --- F12: reports are terminal-safe in text and JSON alike ---------------------------------------

@pytest.mark.parametrize("char", DANGEROUS, ids=lambda c: f"U+{ord(c):04X}")
def test_text_and_json_reports_escape_the_same_characters_the_same_way(root: Path, char: str) -> None:
    value = f"Bad{char}[31mRED"
    (root / "briefings" / f"x{char}y.yaml").write_text(
        f"id: {quoted(value)}\ntitle: T\nsummary: S\nsource: {{outlet: O, genre: news, published: 2025}}\n",
        encoding="utf-8")
    text = invoke(root, "check")
    report = invoke(root, "check", "--format", "json")
    assert text.exit_code == report.exit_code == 1
    for output in (text.output, report.output):
        assert char not in output
    shown = visible(char)
    assert shown != char and shown in text.output
    errors = json.loads(report.output)["errors"]
    assert errors and all(char not in json.dumps(e, ensure_ascii=False) for e in errors)
    # Each JSON problem reads as the text report's line does.
    for e in errors:
        assert shown in e["path"]
        line = f"{e['path']}:{e['line']}:{e['col']}" if e["line"] else e["path"]
        assert any(out.startswith(line) and e["message"] in out for out in text.output.splitlines())
    assert any(shown in e["message"] for e in errors)


@given(st.text())
@example("Élysée\u00a0: « l’accord »\u202f!")  # no-break spaces: printable to a reader, not to `str.isprintable`
@example("a\u202eb\x1b[31m\u2028")
def test_visible_escapes_exactly_the_control_and_format_characters(text: str) -> None:
    def escaped(c: str) -> str:
        code = ord(c)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    invisible = {"Cc", "Cf", "Zl", "Zp"}
    assert visible(text) == "".join(escaped(c) if unicodedata.category(c) in invisible else c for c in text)


# --- F19: a write failure is one line and exit 1 -------------------------------------------------

def blocked(tmp_path: Path) -> Path:
    """A path that cannot be created whoever runs the tests (root included): its parent is a file."""
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    return tmp_path / "file.txt" / "x"


@pytest.mark.parametrize("command", ["export-csv", "export-json", "new", "draft", "schema"])
def test_every_write_failure_is_one_line_and_exit_1(root: Path, tmp_path: Path, command: str) -> None:
    shutil.copy(CORPUS / "briefings" / "2025-08-16-quotidien-anchorage.yaml", root / "briefings")
    out = blocked(tmp_path)
    args = {
        "export-csv": ["export", "--format", "csv", "--out", str(out)],
        "export-json": ["export", "--format", "json", "--out", str(out)],
        "new": ["new", "--outlet", "O", "--date", "2025-10-09", "--title", "t", "--out", f"{out}.yaml"],
        "draft": ["draft", str(DATA / "draft" / "article.txt"), "--out", f"{out}.yaml"],
        "schema": ["schema", "--out", str(out)],
    }[command]
    result = invoke(root, *args)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    failures = [line for line in result.output.splitlines() if line.startswith("cannot write ")]
    assert len(failures) == 1, result.output
    assert "file.txt/x" in failures[0]


# --- F17: new and draft write only what loads back as given --------------------------------------

ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=500, deadline=None)
@given(ANY_TEXT)
@example("\x85")
@example("Titre\x85avec NEL")
@example("\u2028\u2029")
@example("\ufffe\uffff\U0001fffe\ufdd0")
@example("\x9b[31m\x1b")
@example("null")
@example(" ")
def test_any_text_round_trips_through_the_real_yaml_reader(text: str) -> None:
    assert parse_document(f"k: {scalar(text)}\n").data["k"] == text
    assert parse_document(f"k: {flow_list([text, text])}\n").data["k"] == [text, text]


def new_file(root: Path, *args: str) -> tuple[int, Path | None, str]:
    result = invoke(root, "new", "--date", "2025-10-02", *args, "--out", str(root / "briefings" / "b.yaml"))
    path = root / "briefings" / "b.yaml"
    return result.exit_code, path if path.exists() else None, result.output


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=ANY_TEXT, outlet=ANY_TEXT)
@example(title="Titre\x85avec NEL", outlet="\ufffe")
@example(title="a\u2028b", outlet="\x00")
def test_new_writes_a_file_that_loads_with_the_texts_given_or_writes_nothing(title: str, outlet: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(CORPUS / "content", root / "content")
        code, path, output = new_file(root, "--title", title, "--outlet", outlet)
        if path is None:
            assert code == 1 and "nothing written" in output  # a value the format refuses, said so
            return
        assert code == 0
        problems = ProblemList()
        loaded = load_briefings(path.parent, root, problems)
        assert not problems.errors, problems.errors_render()
        (briefing,) = [b.model for b in loaded]
        assert briefing.title == (title or "TODO: votre titre")
        assert briefing.source.outlet == (outlet or "TODO: le média")


ARTICLE_PIECE = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
    st.sampled_from(["« ", " »", "“", "”", '"', "Donald Trump", " a déclaré ", "le 3 mai", "3 morts", ". ", "\n",
                     "\x85", "\u2028", "\ufffe", "\x1b", "\t"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(ARTICLE_PIECE, max_size=30).map("".join))
@example("Le 15 octobre 2025.\nDonald Trump a déclaré : « nous\ufffegagnerons ». Fin.\n")
@example("Le 15 octobre 2025.\nDonald Trump a déclaré : « nous\x85gagnerons cette guerre ». Fin.\n")
def test_a_draft_loads_and_keeps_every_extract_exact(article: str) -> None:
    names = {"Donald Trump": "donald-trump"}
    found = draft_article(article, names, {"donald-trump": "Donald Trump"})
    text = render_draft(found, article_name="a.txt", schema_ref="s.json", briefing_id=None)
    briefing, problems = load_briefing_text(text, "brouillon.yaml")
    assert briefing is not None, problems.errors_render()
    assert [q.text for q in briefing.quotes] == [article[q.span.start:q.span.end] for q in found.quotes]
    for item in [*briefing.events, *briefing.figures]:
        assert item.evidence is None or item.evidence in article


@pytest.mark.parametrize(("out", "says"), [
    ("index.yaml", "reserved id 'index'"),
    ("x.txt", "name it 'x.yaml'"),
    ("Mon briefing.yaml", "rename it 'mon-briefing.yaml'"),
    (".cache.yaml", "is not read from a briefings folder"),
])
@pytest.mark.parametrize("command", ["new", "draft"])
def test_out_is_checked_like_a_briefing_file_name(root: Path, out: str, says: str, command: str) -> None:
    args = ["new", "--date", "2025"] if command == "new" else ["draft", str(DATA / "draft" / "article.txt")]
    result = invoke(root, *args, "--out", str(root / "briefings" / out))
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert not list((root / "briefings").iterdir())


def test_year_zero_is_refused_by_new(root: Path) -> None:
    result = invoke(root, "new", "--date", "0000-01")
    assert result.exit_code == 2
    assert "has no year 0" in result.output
    assert not list((root / "briefings").iterdir())


def test_a_drafted_quote_with_a_nel_passes_check_sources(root: Path, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "nel.txt").write_text(
        "Le 15 octobre 2025.\nDonald Trump a déclaré : « nous\x85gagnerons cette guerre ». Fin.\n", encoding="utf-8")
    out = root / "briefings" / "2025-10-15-nel.yaml"
    assert invoke(root, "draft", str(articles / "nel.txt"), "--out", str(out)).exit_code == 0
    result = invoke(root, "check", "--sources", str(articles))
    assert "not found in the article" not in result.output, result.output


def test_draft_refuses_an_article_over_the_limit(root: Path, tmp_path: Path) -> None:
    from generator.authoring.draft import MAX_ARTICLE_BYTES

    article = tmp_path / "archive.txt"
    article.write_bytes(b"Donald Trump a dit oui. " * (MAX_ARTICLE_BYTES // 24 + 1))
    out = root / "briefings" / "b.yaml"
    result = invoke(root, "draft", str(article), "--out", str(out))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert f"more than {MAX_ARTICLE_BYTES:,} bytes" in result.output
    assert not out.exists()


@pytest.mark.parametrize(("number", "noun", "plural", "says"), [
    (0, "error", None, "0 errors"), (1, "error", None, "1 error"), (2, "warning", None, "2 warnings"),
    (1, "dated phrase", None, "1 dated phrase"), (3, "analysis", "analyses", "3 analyses")])
def test_counts_take_the_number_of_their_noun(number: int, noun: str, plural: str | None, says: str) -> None:
    assert counted(number, noun, plural) == says


def test_a_check_summary_has_no_parenthesised_plurals(root: Path) -> None:
    result = CliRunner().invoke(main, ["--root", str(root), "check"])
    summary = result.output.strip().splitlines()[-1]
    assert "(s)" not in summary and " checked: " in summary, summary
