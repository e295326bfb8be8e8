"""`python -m bench.instructions`: both builds counted, each process's count read, full / baseline of the totals.

Valgrind is not needed here: a stand-in on PATH runs the command it is given, as valgrind does, and writes
the count file cachegrind would, with a count that tells the two sides apart.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from bench import instructions

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


@pytest.mark.skipif(sys.platform == "win32", reason="a stand-in script on PATH")
def test_both_builds_are_counted_and_compared(tmp_path: Path, monkeypatch, capsys) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    stand_in = tools / "valgrind"
    stand_in.write_text(_STAND_IN.format(python=sys.executable), encoding="utf-8")
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
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
