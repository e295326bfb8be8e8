"""Malformed input fails clearly, fast, and loses nothing.

Each case is a briefing file (or registry) that cannot be used, with the exact
report line(s) `briefings check` must print: path:line:col: key.path: message
(hint). Every case is checked on its own through the loader; then all of them
at once through the real `briefings check` and `mkdocs build` commands, in
subprocesses with bounded memory and time: exit status 1, every expected line
in the output, no traceback. Last, the build gates: a failed `make site` keeps
the previous site/, and nothing lets warnings pass.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, ROOT, make_project
from generator.pipeline import Project, check
from htmllint import lint_site

VALID = ("title: Un titre\nsummary: Un résumé.\nsource:\n  outlet: Le Journal\n  published: 2025-01-01\n"
         "  genre: news\n")
BIN = Path(sys.executable).parent
MEMORY_LIMIT = 2 * 1024**3  # address space for one command: far above what a correct run needs


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, bytes]
    expected: list[str] = field(default_factory=list)


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev, this = chr(96 + level), chr(97 + level)
        lines.append(f"{this}: &{this} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def bad(name: str, text: str | bytes, *expected: str) -> Case:
    data = text.encode() if isinstance(text, str) else text
    return Case(name, {f"{name}.yaml": data}, [line.replace("{f}", f"briefings/{name}.yaml") for line in expected])


CASES = [
    bad("empty", "", "{f}:1:1: the file is empty (a briefing needs at least title, summary and source)"),
    bad("comments-only", "# à remplir\n",
        "{f}:1:1: the file is empty (a briefing needs at least title, summary and source)"),
    bad("top-level-list", "- title: a\n- title: b\n",
        "{f}:1:1: the file holds a list, not a briefing (a briefing is a mapping of keys: title, summary, source, …)"),
    bad("top-level-scalar", "Sommet d'Anchorage\n",
        "{f}:1:1: the file holds the text 'Sommet d'Anchorage', not a briefing "
        "(a briefing is a mapping of keys: title, summary, source, …)"),
    bad("tab-indent", VALID.replace("  outlet", "\toutlet"),
        "{f}:4:1: YAML syntax: a tab character cannot indent YAML (indent with spaces, not tabs)"),
    bad("latin-1", VALID.encode("latin-1"), "{f}:2:14: byte 0xe9 is not valid UTF-8 (save the file as UTF-8)"),
    bad("ten-megabytes", VALID + "# " + "x" * (10 * 1024 * 1024) + "\n",
        "{f}: file is 10,485,868 bytes, more than the 2,097,152 allowed "
        "(one briefing is the notes of one article: split it or trim it)"),
    bad("billion-laughs", billion_laughs(),
        "{f}:1:4: YAML anchors and aliases (& and *) are not allowed (write the value out in full)"),
    bad("merge-key", VALID + "base: &base {kind: call}\nevents:\n  - <<: *base\n    id: e\n",
        "{f}:7:7: YAML anchors and aliases (& and *) are not allowed (write the value out in full)"),
    bad("deep-nesting", VALID + "topics: " + "[" * 200_000 + "]" * 200_000 + "\n",
        "{f}:7:58: values nested more than 50 levels deep "
        "(a briefing needs a few levels: check the brackets and indentation)"),
    bad("two-documents", VALID + "---\n" + VALID,
        "{f}:7:1: YAML syntax: a second YAML document starts here (one file holds one briefing: remove the `---` line)"),
    bad("nul-byte", VALID + "quotes: [\0]\n",
        "{f}:7:10: character U+0000 is not allowed in YAML (delete it: control characters cannot be written in a YAML file)"),
    bad("duplicate-key", VALID + "title: Un autre titre\n",
        "{f}:7:1: title: duplicate key 'title' (first written on line 1) "
        "(keep one of them: YAML would silently drop the other)"),
    bad("wrong-types", "title: [a, b]\nsummary: {a: 1}\nsource:\n  outlet: X\n  published: 2025-01-01\n  genre: news\n"
        "events: {id: e}\nfigures:\n  - indicator: x\n    label: L\n    value: treize\n"
        "quotes:\n  - speaker: X\n    text: t\n    translated: oui\n",
        "{f}:1:8: title: expected text, found a list (write the value on one line, or quote it)",
        "{f}:2:10: summary: expected text, found a mapping (write the value on one line, or quote it)",
        "{f}:7:9: events: expected a list, found a mapping",
        "{f}:11:12: figures[0].value: 'treize' is not a number (write digits only, e.g. 13000000 or 2.5)",
        "{f}:15:17: quotes[0].translated: 'oui' is not true or false (write true or false)"),
    bad("numbers", VALID + "figures:\n  - {indicator: a, label: A, value: 1e400}\n"
        "  - {indicator: b, label: B, value: .nan}\n  - {indicator: c, label: C, value: 1_000}\n"
        "  - {indicator: d, label: D, value: 13 000}\n  - {indicator: e, label: E, value: 1e25}\n",
        "{f}:8:37: figures[0].value: '1e400' is too large for a figure (write it in a larger unit, e.g. billions)",
        "{f}:9:37: figures[1].value: '.nan' is not a number (write digits only, e.g. 13000000 or 2.5)",
        "{f}:10:37: figures[2].value: '1_000' is not a number (write digits only, e.g. 13000000 or 2.5)",
        "{f}:11:37: figures[3].value: '13 000' is not a number as YAML reads it "
        "(write 13000 without spaces or a decimal comma)",
        "{f}:12:37: figures[4].value: '1e25' is too large for a figure (write it in a larger unit, e.g. billions)"),
    bad("impossible-date", VALID.replace("2025-01-01", "2025-02-30"),
        "{f}:5:14: source.published: '2025-02-30' is not a real date (February 2025 has 28 days)"),
    bad("python-tag", VALID.replace("title: Un titre", "title: !!python/object/apply:os.system ['touch pwned']"),
        "{f}:1:8: title: expected text, found a list (write the value on one line, or quote it)"),
    bad("id-dot-dot", "id: ../../etc\n" + VALID,
        "{f}:1:5: id: '../../etc' is not a valid id (use lowercase letters, digits and single hyphens, e.g. 'etc')"),
    bad("id-slash", "id: sommets/x\n" + VALID,
        "{f}:1:5: id: 'sommets/x' is not a valid id "
        "(use lowercase letters, digits and single hyphens, e.g. 'sommets-x')"),
    bad("id-uppercase", "id: Sommet-Alaska\n" + VALID,
        "{f}:1:5: id: 'Sommet-Alaska' is not a valid id "
        "(use lowercase letters, digits and single hyphens, e.g. 'sommet-alaska')"),
    bad("id-space", "id: sommet alaska\n" + VALID,
        "{f}:1:5: id: 'sommet alaska' is not a valid id "
        "(use lowercase letters, digits and single hyphens, e.g. 'sommet-alaska')"),
    bad("id-reserved", "id: index\n" + VALID, "{f}:1:5: id: 'index' is a reserved id (choose a more specific id)"),
    bad("id-too-long", "id: " + "a" * 150 + "\n" + VALID,
        "{f}:1:5: id: an id of 150 characters is too long (at most 100) (ids become page addresses: keep them short)"),
    bad("event-id-too-long", VALID + "events:\n  - id: " + "e" * 300 + "\n    kind: call\n    title: Appel\n",
        "{f}:8:9: events[0].id: an id of 300 characters is too long (at most 100) "
        "(ids become page addresses: keep them short)"),
    bad("name-too-long", VALID + "quotes:\n  - speaker: " + "Jean " * 60 + "\n    text: Bonjour.\n",
        "{f}:8:14: quotes[0].speaker: a name of 299 characters is too long (at most 200) "
        "(write only the name; what the article says of the person goes in `role`)"),
    bad("unknown-references", VALID + "topics: [territoire]\ndemands:\n  - party: rusia\n    topic: teritory\n"
        "    text: Cinq régions.\n",
        "{f}:7:10: topics[0]: unknown topic 'territoire' (did you mean 'territory'?)",
        "{f}:9:12: demands[0].party: unknown party 'rusia' (did you mean 'russia'?)",
        "{f}:10:12: demands[0].topic: unknown topic 'teritory' (did you mean 'territory'?)"),
    bad("yaml11-party", VALID + "demands:\n  - {party: NO, topic: territory, text: Adhésion.}\n",
        "{f}:8:13: demands[0].party: 'NO' is not a valid id "
        "(use lowercase letters, digits and single hyphens, e.g. 'no')"),
    Case("file-name-with-space", {"Mon briefing.yaml": VALID.encode()},
         ["briefings/Mon briefing.yaml: the file name 'Mon briefing.yaml' cannot be a briefing id "
          "(rename it 'mon-briefing.yaml', or write `id: mon-briefing` in it)"]),
    Case("file-name-reserved", {"index.yaml": VALID.encode()},
         ["briefings/index.yaml: the file name 'index.yaml' would give the reserved id 'index' "
          "(rename the file, or write another `id:` in it)"]),
    Case("same-id-twice", {"alpha.yaml": ("id: jumeau\n" + VALID).encode(), "beta.yaml": ("id: jumeau\n" + VALID).encode()},
         [f"briefings/{n}.yaml:1:5: id: briefing id 'jumeau' is declared by 2 files: briefings/alpha.yaml, "
          "briefings/beta.yaml (give each file its own id (the file name is the default))" for n in ("alpha", "beta")]),
]
ACCEPTED = {
    "bom": ("\ufeff" + VALID).encode(),
    "crlf": VALID.replace("\n", "\r\n").encode(),
    "bom-crlf": ("\ufeff" + VALID.replace("\n", "\r\n")).encode(),
    "yaml11-words": ("title: NO\nsummary: yes\nsource:\n  outlet: on\n  headline: 010\n  published: 2025-01-01\n"
                     "  genre: news\n  authors: [Off, y]\nevents:\n  - id: e\n    kind: call\n    title: 12:30\n"
                     "    duration: 1:30:00\ndemands:\n  - {party: no, topic: territory, text: 0x1F}\n"
                     "figures:\n  - {indicator: f, label: .inf, value: 010}\n").encode(),
}


def write_project(root: Path, briefings: dict[str, bytes], registries: dict[str, str] | None = None) -> Project:
    (root / "briefings").mkdir(parents=True)
    shutil.copytree(CORPUS / "content", root / "content")
    with (root / "content" / "parties.yaml").open("a", encoding="utf-8") as f:
        f.write("- {id: no, name: Norvège}\n")  # `party: no` is Norway
    for name, text in (registries or {}).items():
        (root / "content" / name).write_text(text, encoding="utf-8")
    for name, data in briefings.items():
        (root / "briefings" / name).write_bytes(data)
    return Project.at(root)


def errors(project: Project) -> list[str]:
    _, problems = check(project)
    return [p.render() for p in problems.errors]


# Cases that once crashed the process itself (libyaml's composer overflows the C stack):
# checked in a child process, so that a regression fails one test instead of killing the run.
IN_CHILD = {"deep-nesting"}


def errors_in_child(root: Path) -> list[str]:
    code = ("import sys; from pathlib import Path; from generator.pipeline import Project, check\n"
            "_, problems = check(Project.at(Path(sys.argv[1])))\n"
            "print('\\n'.join(p.render() for p in problems.errors))")
    result = run([sys.executable, "-c", code, str(root)], root)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    return result.stdout.splitlines()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_mistake_gets_its_exact_report(tmp_path: Path, case: Case) -> None:
    project = write_project(tmp_path, case.files)
    reported = errors_in_child(tmp_path) if case.name in IN_CHILD else errors(project)
    assert reported == case.expected


def test_a_python_tag_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = next(c for c in CASES if c.name == "python-tag")
    project = write_project(tmp_path, case.files)
    monkeypatch.chdir(tmp_path)  # the tag would `touch pwned` in the working directory
    errors(project)
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("name", ACCEPTED)
def test_byte_order_mark_crlf_and_yaml11_words_are_accepted(tmp_path: Path, name: str) -> None:
    project = write_project(tmp_path, {f"{name}.yaml": ACCEPTED[name]})
    index, problems = check(project)
    assert problems.errors == []
    (b,) = index.briefings
    if name != "yaml11-words":
        assert (b.title, b.summary, b.source.outlet) == ("Un titre", "Un résumé.", "Le Journal")
        return
    # YAML 1.1 would read NO/yes/on/Off as booleans, 010 as 8, 12:30 as 750 and 0x1F as 31.
    assert (b.title, b.summary, b.source.outlet, b.source.headline) == ("NO", "yes", "on", "010")
    assert b.source.authors == ["Off", "y"]
    assert (b.events[0].title, b.events[0].duration) == ("12:30", "1:30:00")
    assert (b.demands[0].party, b.demands[0].text) == ("no", "0x1F")
    assert (b.figures[0].label, b.figures[0].value) == (".inf", 10)


def test_a_number_too_long_for_a_float_keeps_its_digits(tmp_path: Path) -> None:
    text = VALID + "figures:\n  - {indicator: f, label: L, value: 12345678901234567}\n"
    index, problems = check(write_project(tmp_path, {"b.yaml": text.encode()}))
    assert problems.errors == [] and index.briefings[0].figures[0].value == 12345678901234567


REGISTRY_CASE = {
    "actors.yaml": "- id: donald-trump\n  name: Donald Trump\n  party: united-state\n- id: Bad Id\n  name: X\n"
                   "- id: sans-nom\n- id: donald-trump\n  name: Autre\n- id: trump-bis\n  name: D. Trump\n"
                   "  aliases: [Donald Trump]\n- juste un texte\n- id: k\n  name: K\n  kind: human\n",
    "topics.yaml": "- {id: territory, name: Territoire\n",
}
REGISTRY_EXPECTED = [
    "content/actors.yaml:3:10: [0].party: unknown party 'united-state' (did you mean 'united-states'?)",
    "content/actors.yaml:4:7: [1].id: 'Bad Id' is not a valid id "
    "(use lowercase letters, digits and single hyphens, e.g. 'bad-id')",
    "content/actors.yaml:6:3: [2].name: required (add `name:`)",
    "content/actors.yaml:7:7: [3].id: duplicate id 'donald-trump' (first defined at [0]) (merge the two entries)",
    "content/actors.yaml:11:13: [4].aliases[0]: 'Donald Trump' already names 'donald-trump' "
    "(an alias must point at one actor only: remove it from one of them)",
    "content/actors.yaml:12:3: [5]: expected an entry with id and name, found the text 'juste un texte'",
    "content/actors.yaml:15:9: [6].kind: 'human' is not allowed here (one of: person, organisation, state, group)",
    "content/topics.yaml:2:1: YAML syntax: did not find expected ',' or '}'",
]


def test_an_invalid_registry_is_reported_entry_by_entry(tmp_path: Path) -> None:
    reported = errors(write_project(tmp_path, {"b.yaml": VALID.encode()}, REGISTRY_CASE))
    assert reported == REGISTRY_EXPECTED


def test_a_missing_registry_is_named(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"b.yaml": VALID.encode()})
    (tmp_path / "content" / "topics.yaml").unlink()
    assert errors(project) == ["content/topics.yaml: registry file is missing "
                               "(create it as a YAML list of entries with id and name)"]


# --- the real commands, every case at once --------------------------------------------------------

def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command with bounded memory and time, as an editor's machine or CI would run it."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=120, preexec_fn=limit)


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real mkdocs.yml and docs/, every bad briefing of CASES side by side, and one good one."""
    root = make_project(tmp_path_factory.mktemp("broken") / "project")
    shutil.rmtree(root / "briefings")
    (root / "briefings").mkdir()
    shutil.copytree(CORPUS / "briefings", root / "briefings", dirs_exist_ok=True)
    with (root / "content" / "parties.yaml").open("a", encoding="utf-8") as f:
        f.write("- {id: no, name: Norvège}\n")
    for case in CASES:
        for name, data in case.files.items():
            (root / "briefings" / name).write_bytes(data)
    return root


ALL_EXPECTED = [line for case in CASES for line in case.expected]


def test_check_reports_every_problem_of_every_file_at_once(broken_project: Path) -> None:
    result = run([str(BIN / "briefings"), "check"], broken_project)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr
    printed = result.stderr.splitlines()
    assert [line for line in ALL_EXPECTED if line not in printed] == []
    assert f": {len(ALL_EXPECTED)} errors" in printed[-1]


def test_mkdocs_build_stops_with_the_same_report(broken_project: Path, tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")], broken_project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert [line for line in ALL_EXPECTED if line not in output.splitlines()] == []
    assert not (tmp_path / "site" / "briefings").exists()


def test_check_reports_an_invalid_registry_and_exits_1(tmp_path: Path) -> None:
    write_project(tmp_path, {"b.yaml": VALID.encode()}, REGISTRY_CASE)
    result = run([str(BIN / "briefings"), "check"], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert [line for line in REGISTRY_EXPECTED if line not in result.stderr.splitlines()] == []


# --- build gates ----------------------------------------------------------------------------------

def make_site(project: Path) -> subprocess.CompletedProcess[str]:
    """`make site` in a copy of the project, using this test run's virtualenv instead of bootstrapping one."""
    stamp = project / ".stamp"
    stamp.touch()  # newer than the copied pyproject.toml: nothing to install
    venv = Path(sys.executable).parent.parent
    return subprocess.run(["make", "--no-print-directory", "site", f"VENV={venv}", f"STAMP={stamp}"], cwd=project,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.mark.slow
def test_a_failed_make_site_leaves_the_previous_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", project / "requirements")
    first = make_site(project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert lint_site(project / "site") == []
    home = (project / "site" / "index.html").read_bytes()
    (project / "site" / "marker").write_text("previous build", encoding="utf-8")

    broken = project / "briefings" / "2025-08-16-quotidien-anchorage.yaml"
    good_text = broken.read_text(encoding="utf-8")
    broken.write_text(good_text.replace("published: 2025-08-16", "published: 2025-02-30"), encoding="utf-8")
    failed = make_site(project)
    assert failed.returncode != 0
    assert "source.published: '2025-02-30' is not a real date" in failed.stdout + failed.stderr
    assert (project / "site" / "marker").read_text(encoding="utf-8") == "previous build"
    assert (project / "site" / "index.html").read_bytes() == home

    broken.write_text(good_text, encoding="utf-8")
    fixed = make_site(project)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert not (project / "site" / "marker").exists() and (project / "site" / "index.html").is_file()
    assert not (project / "site.tmp").exists() and not (project / "site.old").exists()


def test_mkdocs_yml_is_strict() -> None:
    from mkdocs.utils.yaml import yaml_load

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["strict"] is True


def test_no_make_target_passes_flags_that_let_warnings_through() -> None:
    """In MkDocs 1.6, -q or -v on the command line lets a strict build exit 0 despite warnings."""
    recipes = [line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
               if line.startswith("\t") and "mkdocs" in line]
    assert any(" build" in line for line in recipes)
    for line in recipes:
        flags = set(re.findall(r"(?<!\S)(-[a-zA-Z]+|--[a-z-]+)", line))
        assert not flags & {"-q", "-v", "--quiet", "--verbose"}, line
        assert not any(f.startswith("-") and not f.startswith("--") and set(f[1:]) & {"q", "v"} for f in flags), line


# The depth report is the project's own whatever the YAML parser does with deep nesting:
# libyaml builds differ (older ones have no limit, newer ones stop at 1,000 levels while
# reading ahead of the events they hand out), and the pure-Python parser has none.
DEEP = VALID + "topics: " + "[" * 5_000 + "]" * 5_000 + "\n"
DEPTH_REPORT = (7, 58, "values nested more than 50 levels deep")


class _RefusesDeepNestingUpFront(yaml.SafeLoader):
    """A parser that rejects deep nesting before handing out a single event."""

    def check_event(self, *choices):  # type: ignore[no-untyped-def]
        if "[" * 60 in self.buffer:
            raise yaml.parser.ParserError(None, None, "nesting too deep for this parser", self.get_mark())
        return super().check_event(*choices)


@pytest.mark.parametrize("loader", [
    pytest.param(None, id="installed-parser"),
    pytest.param(yaml.SafeLoader, id="parser-without-limit"),
    pytest.param(_RefusesDeepNestingUpFront, id="parser-that-stops-first"),
])
def test_deep_nesting_report_does_not_depend_on_the_parser(loader: type | None, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.reading import yamlread
    if loader is not None:
        monkeypatch.setattr(yamlread, "_Loader", loader)
    with pytest.raises(yamlread.YamlError) as caught:
        yamlread.parse_document(DEEP)
    (finding,) = caught.value.findings
    assert (finding.line, finding.col, finding.message) == DEPTH_REPORT


def test_the_depth_report_holds_when_the_file_also_has_a_control_character() -> None:
    from generator.reading import yamlread
    text = DEEP.replace("\n", "\n# " + "x" * 20_000 + "\n", 1).replace("topics: [", "topics: [", 1)
    text += 'note: "bell \x07"\n'
    with pytest.raises(yamlread.YamlError) as caught:
        yamlread.parse_document(text)
    (finding,) = caught.value.findings
    assert (finding.line, finding.message) == (DEPTH_REPORT[0] + 1, DEPTH_REPORT[2])


def test_a_plain_syntax_error_keeps_the_installed_parser_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback parser is only asked about our own limits: other errors keep their first report."""
    from generator.reading import yamlread
    text = VALID + "topics: [a, b\n"
    try:
        yaml.compose(text, Loader=yamlread._Loader)
    except yaml.MarkedYAMLError as exc:
        expected = (exc.problem_mark.line + 1, exc.problem_mark.column + 1, f"YAML syntax: {exc.problem}")
    with pytest.raises(yamlread.YamlError) as caught:
        yamlread.parse_document(text)
    (finding,) = caught.value.findings
    assert (finding.line, finding.col, finding.message) == expected
