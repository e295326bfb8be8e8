"""`python -m bench.instructions`: both builds counted, each process's count read, full / baseline of the totals.

Valgrind is not needed here: a stand-in on PATH runs the command it is given, as valgrind does, and writes
the count file cachegrind would, with a count that tells the two sides apart.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bench import instructions
from bench.__main__ import _load, table, write_results

# Runs the command after valgrind's options in the same folder, then writes one count file for its process.
_STAND_IN = """#!{python}
import os, subprocess, sys
args = sys.argv[1:]
options = [a for a in args if a.startswith("--")]
command = args[len(options):]
assert "--tool=cachegrind" in options and "--trace-children=yes" in options, options
pattern = next(a.split("=", 1)[1] for a in options if a.startswith("--cachegrind-out-file="))
code = subprocess.call(command)
count = 1000 if "baseline" in os.getcwd() else 1150
with open(pattern.replace("%p", str(os.getpid())), "w") as out:
    out.write("desc: --cache-sim=no\\ncmd: python\\nevents: Ir\\nsummary: %d\\n" % count)
sys.exit(code)
"""


def test_the_command_counts_every_process_without_cache_simulation(tmp_path: Path) -> None:
    command = instructions.counted(["python", "-c", "pass"], tmp_path)
    assert command[0] == "valgrind" and command[-3:] == ["python", "-c", "pass"]
    assert "--trace-children=yes" in command and "--cache-sim=no" in command
    assert f"--cachegrind-out-file={tmp_path / 'cachegrind.%p'}" in command


def test_counts_are_read_per_process(tmp_path: Path) -> None:
    (tmp_path / "cachegrind.101").write_text("events: Ir\nfl=x\n1 5\nsummary: 123456789\n", encoding="utf-8")
    (tmp_path / "cachegrind.102").write_text("events: Ir\nsummary: 11\n", encoding="utf-8")
    (tmp_path / "own.json").write_text("{}", encoding="utf-8")
    assert instructions.instructions(tmp_path) == {"cachegrind.101": 123456789, "cachegrind.102": 11}


def test_a_process_without_its_total_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "cachegrind.7").write_text("events: Ir\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="cachegrind.7"):
        instructions.instructions(tmp_path)
    (tmp_path / "cachegrind.7").unlink()
    with pytest.raises(RuntimeError, match="no count"):
        instructions.instructions(tmp_path)


def test_without_valgrind_it_says_so(monkeypatch, capsys) -> None:
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert instructions.main(["--n", "3"]) == 2
    assert "Valgrind" in capsys.readouterr().err


def _valgrind_stand_in(tmp_path: Path, monkeypatch) -> None:
    """`_STAND_IN` on PATH as `valgrind`."""
    tools = tmp_path / "tools"
    tools.mkdir()
    stand_in = tools / "valgrind"
    stand_in.write_text(_STAND_IN.format(python=sys.executable), encoding="utf-8")
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.skipif(sys.platform == "win32", reason="a stand-in script on PATH")
def test_both_builds_are_counted_and_compared(tmp_path: Path, monkeypatch, capsys) -> None:
    _valgrind_stand_in(tmp_path, monkeypatch)
    work = tmp_path / "work"
    assert instructions.main(["--n", "3", "--workdir", str(work)]) == 0
    row = (work / "instructions-n3.json").read_text(encoding="utf-8")
    assert '"ratio_instructions": 1.15' in row
    assert '"full_instructions": 1150' in row and '"baseline_instructions": 1000' in row
    # Each side's build really ran, in its own project: the site with its search index.
    for side in ("full", "baseline"):
        site = work / "n3" / f"site-{side}-counted"
        assert (site / "index.html").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
    assert "= 1.15" in capsys.readouterr().out


@pytest.mark.skipif(sys.platform == "win32", reason="a stand-in script on PATH")
def test_a_relative_workdir_is_taken_from_where_the_command_runs(tmp_path: Path, monkeypatch) -> None:
    # Each build runs in its own project: a count file or a site given as a relative path would land there.
    _valgrind_stand_in(tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)
    assert instructions.main(["--n", "3", "--workdir", "work"]) == 0
    assert json.loads((tmp_path / "work" / "instructions-n3.json").read_text(encoding="utf-8"))["ratio_instructions"] == 1.15
    assert (tmp_path / "work" / "n3" / "site-full-counted" / "index.html").is_file()


def _repository(root: Path) -> str:
    """A git repository holding a generator module; its commit, abbreviated as the bench records it."""
    (root / "generator").mkdir(parents=True)
    (root / "generator" / "pipeline.py").write_text("cost = 1\n", encoding="utf-8")
    (root / "README.md").write_text("notes\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "c"], cwd=root, check=True)
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                          check=True).stdout.strip()


_ROW = {"n": 7, "seed": 0, "full_instructions": 1150, "baseline_instructions": 1000, "ratio_instructions": 1.15,
        "processes": {"full": {"cachegrind.1": 1000, "cachegrind.2": 150}, "baseline": {"cachegrind.3": 1000}}}


def test_the_count_joins_the_entry_that_measured_the_same_code(tmp_path: Path) -> None:
    commit = _repository(tmp_path)
    results = tmp_path / "results.json"
    figures = {"pipeline_s": 1.0, "full_s": 10.0, "baseline_s": 9.0, "ratio": 1.11, "ratio_cpu": 1.2,
               "site_bytes_per_briefing": 1024}
    write_results(results, [{"n": 7, "seed": 0, "commit": commit, **figures}, {"n": 3, "commit": commit, **figures}])
    (tmp_path / "README.md").write_text("other notes\n", encoding="utf-8")  # not what the builds run
    instructions.attach(results, _ROW, {"commit": "later", "measured": "2026-12-04"}, root=tmp_path)
    entry = next(r for r in json.loads(results.read_text(encoding="utf-8")) if r["n"] == 7)
    assert entry["ratio_cpu"] == 1.2  # the entry's own figures stay
    assert entry["instructions"] == {"full": 1150, "baseline": 1000, "ratio": 1.15,
                                     "processes": {"full": [1000, 150], "baseline": [1000]},
                                     "commit": "later", "measured": "2026-12-04"}
    shown = table(_load(results))
    assert "| 1.20 | — | 1.150 |" in shown.split("\n| 7 |")[1]  # after the side-by-side column
    assert "| 1.20 | — | — |" in shown.split("\n| 3 |")[1]  # an entry without a count


@pytest.mark.parametrize("case", ["no entry", "other seed", "code changed", "module added", "unknown commit"])
def test_the_count_never_joins_an_entry_of_other_code_or_corpus(tmp_path: Path, case: str) -> None:
    commit = _repository(tmp_path)
    entry = {"n": 7, "seed": 0, "commit": commit}
    if case == "no entry":
        entry["n"] = 8
    elif case == "other seed":
        entry["seed"] = 3
    elif case == "code changed":
        (tmp_path / "generator" / "pipeline.py").write_text("cost = 2\n", encoding="utf-8")
    elif case == "module added":
        (tmp_path / "generator" / "faster.py").write_text("cost = 0\n", encoding="utf-8")
    else:
        entry["commit"] = "0000000"
    results = tmp_path / "results.json"
    write_results(results, [entry])
    before = results.read_bytes()
    with pytest.raises(ValueError) as refused:
        instructions.attach(results, _ROW, {"commit": commit, "measured": "2026-12-04"}, root=tmp_path)
    assert results.read_bytes() == before
    expected = {"no entry": "no entry for N=7", "other seed": "seed 3", "code changed": "generator/pipeline.py",
                "module added": "generator/faster.py", "unknown commit": "unknown here"}[case]
    assert expected in str(refused.value)


def test_an_entry_that_cannot_take_the_count_is_refused_before_counting(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(instructions.shutil, "which", lambda name: "/usr/bin/valgrind")
    monkeypatch.setattr(instructions, "measure", lambda *a, **k: pytest.fail("counted anyway"))
    results = tmp_path / "results.json"
    write_results(results, [{"n": 100, "seed": 0, "commit": "abc"}])
    assert instructions.main(["--n", "1000", "--results", str(results), "--workdir", str(tmp_path)]) == 2
    assert "no entry for N=1000" in capsys.readouterr().err


def test_without_git_the_entry_is_refused_with_a_reason(tmp_path: Path, monkeypatch) -> None:
    def no_git(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", "git")

    monkeypatch.setattr(instructions.subprocess, "run", no_git)
    with pytest.raises(ValueError, match="git, which tells what code"):
        instructions.same_code_entry([{"n": 7, "seed": 0, "commit": "abc"}], 7, 0, root=tmp_path)
