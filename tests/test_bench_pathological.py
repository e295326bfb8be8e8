"""The pathological-inputs benchmark, without timing: its files, its verdicts, its table.

The shapes must be what they claim (files the project reads, that double with
their count), and the verdict must tell a cost that grows faster than its input
from noise, from a cost that is merely large, and from a run that was stopped.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench import shapes
from bench.__main__ import HEADING, START_MARK, END_MARK, update_readme
from bench.pathological import (
    END_MARK as P_END,
    START_MARK as P_START,
    Limits,
    Run,
    _outcome,
    judge,
    launch,
    markdown,
    run_command,
    save,
    should_stop_after,
    write_project,
)
from generator.cli import main as cli
from generator.pipeline import Project, check
from generator.reading.fields import MAX_TITLE_LENGTH
from generator.reading.yamlread import MAX_FILE_BYTES

BRIEFING_SHAPES = [s for s in shapes.SHAPES if shapes.CHECK in s.commands]
# How many warnings each briefing shape is made to give, for its count n.
WARNINGS = {
    # each participant is unregistered; past 50, one more warning says the rest get no page
    "event-title-x-participants": lambda n: 10 * n + (10 * n > 50),
    "unknown-related": lambda n: n,                   # each related id is unknown
    "unknown-names": lambda n: n,
    "registry-x-unknown-names": lambda n: max(1, n // 5),
}


def _small(shape: shapes.Shape) -> int:
    return max(10, shape.n // 50)


# ---------------------------------------------------------------- the shapes


@pytest.mark.parametrize("shape", shapes.SHAPES, ids=lambda s: s.name)
def test_every_file_of_a_shape_doubles_with_its_count(shape: shapes.Shape) -> None:
    n = shape.n // 5
    small, large = shape.make(n).sizes(), shape.make(2 * n).sizes()
    assert small.keys() == large.keys() and small
    for role in small:
        assert 1.9 <= large[role] / small[role] <= 2.1, role


@pytest.mark.parametrize("shape", shapes.SHAPES, ids=lambda s: s.name)
def test_at_scale_4_the_largest_file_stays_under_the_file_limit(shape: shapes.Shape) -> None:
    # --scale goes up to 4: 2S is then 8 times the default S.
    assert shape.make(8 * shape.n).largest < MAX_FILE_BYTES
    assert shape.make(2 * shape.n).largest < MAX_FILE_BYTES / 4  # the default run: well under it


@pytest.mark.parametrize("shape", BRIEFING_SHAPES, ids=lambda s: s.name)
def test_briefing_shapes_load_with_no_error_and_their_warnings(tmp_path: Path, shape: shapes.Shape) -> None:
    n = _small(shape)
    write_project(tmp_path, shape.make(n))
    index, problems = check(Project.at(tmp_path))
    assert [p.render() for p in problems.errors] == []
    assert len(index.briefings) == 1
    assert len(problems.warnings) == WARNINGS.get(shape.name, lambda n: 0)(n)


def test_the_f04_title_and_the_f13_summary_are_read_in_full(tmp_path: Path) -> None:
    write_project(tmp_path / "title", shapes.long_title_x_quotes(12))
    write_project(tmp_path / "punct", shapes.punctuation_summary(3))
    (title,) = check(Project.at(tmp_path / "title"))[0].briefings
    (punct,) = check(Project.at(tmp_path / "punct"))[0].briefings
    assert len(title.title) == MAX_TITLE_LENGTH and len(title.quotes) == 20 * 12
    assert len(punct.summary) == 3000 and set(punct.summary) <= set(shapes.PUNCTUATION)


def test_the_missed_quotes_are_each_reported_against_the_article(tmp_path: Path) -> None:
    write_project(tmp_path, shapes.missed_quotes(20))
    _, problems = check(Project.at(tmp_path), tmp_path / "sources")
    assert len(problems.errors) == 2
    assert all(p.key_path.startswith("quotes[") and "not found in the article" in p.message for p in problems.errors)


@pytest.mark.parametrize("command", [shapes.CHECK, shapes.SOURCES])
def test_the_baselines_are_clean(tmp_path: Path, command: str) -> None:
    write_project(tmp_path, shapes.baseline(command))
    _, problems = check(Project.at(tmp_path), tmp_path / "sources" if command == shapes.SOURCES else None)
    assert [p.render() for p in problems] == []


@pytest.mark.parametrize("make", [shapes.dense_article, shapes.quoted_article], ids=lambda f: f.__name__)
def test_draft_shapes_are_articles_draft_reads(tmp_path: Path, make) -> None:
    write_project(tmp_path, make(2) if make is shapes.dense_article else make(20))
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "draft", str(tmp_path / "sources" / shapes.ARTICLE_FILE),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()
    found = re.search(r": (\d+) quotes?, (\d+) dated phrases?, (\d+) figures?, (\d+) actors? to review", result.output)
    assert found is not None, result.output
    quotes, figures = int(found[1]), int(found[3])
    assert (quotes if make is shapes.quoted_article else figures) > 0


def test_unknown_shape_names_are_refused() -> None:
    assert [s.name for s in shapes.by_name(["unknown-names"])] == ["unknown-names"]
    with pytest.raises(ValueError, match="unknown shape"):
        shapes.by_name(["nope"])


# ---------------------------------------------------------------- the verdict


def run(cpu: float, rss: float = 60.0, kb: int = 100, outcome: str = "ok") -> Run:
    return Run(bytes=kb * 1024, cpu_s=cpu, wall_s=cpu, rss_mb=rss, exit=0, outcome=outcome)


BASE = run(1.0, 60.0, kb=1)


def test_linear_growth_passes() -> None:
    v = judge(BASE, run(3.0, 100), run(5.0, 140, kb=200))
    assert v.passed and v.reasons == []
    assert v.time_growth == pytest.approx(2.0) and v.rss_growth == pytest.approx(2.0)
    assert v.judged_time and v.judged_rss
    v = judge(BASE, run(3.0, 90), run(5.0, 120, kb=200))
    assert v.passed and not v.judged_rss  # 60 MB above the baseline: judged from 64 MB on


def test_quadratic_time_fails() -> None:
    v = judge(BASE, run(3.0), run(9.0, kb=200))
    assert not v.passed and v.time_growth == pytest.approx(4.0)
    assert v.reasons == ["time ×4.0 for input ×2.0"]


def test_quadratic_memory_fails() -> None:
    v = judge(BASE, run(1.2, 200.0), run(1.5, 620.0, kb=200))
    assert not v.passed and v.rss_growth == pytest.approx(4.0)
    assert v.reasons == ["memory ×4.0 for input ×2.0"]


def test_growth_under_a_second_or_64_mb_is_noise() -> None:
    v = judge(BASE, run(1.1, 61.0), run(1.9, 110.0, kb=200))
    assert v.passed and v.time_growth == pytest.approx(9.0) and not v.judged_time and not v.judged_rss


def test_growth_is_measured_above_the_baseline() -> None:
    # 3 → 9 s is ×3 in total, but ×4 above a 1 s start-up: the input costs four times as much.
    assert not judge(BASE, run(3.0), run(9.0, kb=200)).passed
    # Without a baseline the same ratio would pass: 2.6 allows it.
    assert judge(run(0.0, 0.0), run(3.0), run(7.5, kb=200)).passed


def test_the_allowed_growth_follows_the_actual_size_ratio() -> None:
    # Input ×3 and cost ×3: linear, passes; input ×1.5 and cost ×2.4: faster than linear, fails.
    assert judge(BASE, run(3.0), run(7.0, kb=300)).passed
    v = judge(BASE, run(3.0), run(5.8, kb=150))
    assert not v.passed and v.allowed_growth == pytest.approx(2.6 ** 0.585, rel=1e-3)


def test_a_file_over_30_s_or_1_gb_fails_even_when_linear() -> None:
    v = judge(BASE, run(16.0, 500.0), run(31.0, 940.0, kb=200))
    assert not v.passed and v.reasons == ["31 s at 2S (limit 30 s)"]
    v = judge(BASE, run(2.0, 560.0), run(3.0, 1060.0, kb=200))
    assert not v.passed and v.reasons == ["1060 MB at 2S (limit 1024 MB)"]


def test_a_stopped_or_crashed_run_fails_and_2s_is_not_tried() -> None:
    stopped = Run(bytes=100 * 1024, cpu_s=55.0, wall_s=60.0, rss_mb=300.0, exit=-9, outcome="timeout")
    assert should_stop_after(stopped)
    v = judge(BASE, stopped, None)
    assert not v.passed and v.reasons[0].startswith("stopped at S (timeout")
    assert v.time_growth is None and v.at_limit_s is None
    assert should_stop_after(run(31.0)) and should_stop_after(run(1.0, 1100.0))
    assert not should_stop_after(run(29.0, 1000.0))
    crash = Run(bytes=200 * 1024, cpu_s=2.0, wall_s=2.0, rss_mb=80.0, exit=1, outcome="crash")
    assert judge(BASE, run(1.5), crash).reasons == ["crash at 2S (exit 1)"]


def test_refusing_a_file_is_a_pass() -> None:
    refused = [run(1.1, outcome="problems"), run(1.2, kb=200, outcome="problems")]
    assert judge(BASE, *refused).passed


def test_the_cost_at_the_file_limit_is_extrapolated_from_2s() -> None:
    v = judge(BASE, run(2.0, 80.0, kb=512), run(3.0, 100.0, kb=1024))
    assert v.at_limit_s == pytest.approx(1.0 + 2.0 * MAX_FILE_BYTES / 2**20)
    assert v.at_limit_mb == pytest.approx(60.0 + 40.0 * MAX_FILE_BYTES / 2**20)


def test_limits_are_the_documented_ones() -> None:
    assert Limits() == Limits(growth=2.6, floor_s=1.0, floor_mb=64.0, max_s=30.0, max_mb=1024.0)


# ---------------------------------------------------------------- running


def test_a_run_is_stopped_at_its_timeout(tmp_path: Path) -> None:
    usage = launch([sys.executable, "-c", "import time; time.sleep(60)"], tmp_path, tmp_path / "t.log",
                   timeout=0.3, guard_mb=1024)
    assert usage["stopped"] == "timeout" and usage["seconds"] < 30


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the memory guard reads /proc")
def test_a_run_is_stopped_above_its_memory_guard(tmp_path: Path) -> None:
    usage = launch([sys.executable, "-c", "import time; x = bytearray(300 * 2**20); time.sleep(60)"], tmp_path,
                   tmp_path / "m.log", timeout=30, guard_mb=100)
    assert usage["stopped"] == "memory" and usage["rss_mb"] > 100


def test_outcomes(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    usage = {"stopped": None, "returncode": 1}
    log.write_text("Traceback (most recent call last):\n  ValueError\n", encoding="utf-8")
    assert _outcome(shapes.CHECK, usage, log) == "crash"
    log.write_text("Error: the briefings have problems:\n", encoding="utf-8")
    assert _outcome(shapes.BUILD, usage, log) == "problems"
    log.write_text("Aborted with 1 warnings in strict mode!\n", encoding="utf-8")
    assert _outcome(shapes.BUILD, usage, log) == "error"  # check passes but the build does not: a bug
    assert _outcome(shapes.CHECK, usage, log) == "problems"
    assert _outcome(shapes.CHECK, {"stopped": None, "returncode": 2}, log) == "error"
    assert _outcome(shapes.CHECK, {"stopped": "memory", "returncode": -9}, log) == "memory"


def test_run_command_runs_the_real_command(tmp_path: Path) -> None:
    ok = run_command(shapes.CHECK, shapes.baseline(shapes.CHECK), tmp_path, "ok", timeout=120, guard_mb=1024)
    assert ok.outcome == "ok" and ok.exit == 0 and ok.rss_mb > 1 and ok.cpu_s > 0
    broken = shapes.Inputs(briefing="title: T\nsummary: S\n")  # no source
    refused = run_command(shapes.CHECK, broken, tmp_path, "refused", timeout=120, guard_mb=1024)
    assert refused.outcome == "problems" and refused.exit == 1
    assert "source" in (tmp_path / "refused.log").read_text(encoding="utf-8")


# ---------------------------------------------------------------- results and README


def _entry(shape: str, command: str, verdict: str = "PASS") -> dict:
    small, large = run(2.0), run(3.0, kb=200)
    v = judge(BASE, small, large)
    return {"shape": shape, "findings": ["F00"], "what": "n things", "command": command, "scale": 1.0,
            "n": [10, 20], "runs": [small.__dict__, large.__dict__], "verdict": verdict,
            **{k: getattr(v, k) for k in ("reasons", "time_growth", "rss_growth", "allowed_growth", "judged_time",
                                            "judged_rss", "at_limit_s", "at_limit_mb")}}


def test_results_of_a_partial_run_replace_only_their_own(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    limits = Limits().__dict__
    save(path, {"baselines": {"check": BASE.__dict__}, "limits": limits,
                "results": [_entry("unknown-names", "build"), _entry("unknown-names", "check"),
                            _entry("long-title-x-quotes", "check")]}, {"commit": "a"})
    save(path, {"baselines": {"build": BASE.__dict__}, "limits": limits,
                "results": [_entry("unknown-names", "build", "FAIL")]}, {"commit": "b"})
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [(e["shape"], e["command"], e["commit"]) for e in data["results"]] == [
        ("long-title-x-quotes", "check", "a"), ("unknown-names", "check", "a"), ("unknown-names", "build", "b")]
    assert set(data["baselines"]) == {"check", "build"}
    text = markdown(path)
    assert text.count("\n| ") == 1 + 3  # the separator line and one row per result
    assert "`check` 1.0 s, 60 MB" in text


def test_the_readme_gets_the_table_between_its_own_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    before = f"# P\n\n{HEADING}\n\n{START_MARK}\nold corpus table\n{END_MARK}\n\ntext\n\n{P_START}\nold\n{P_END}\n\nend\n"
    readme.write_text(before, encoding="utf-8")
    update_readme(readme, "| new |", P_START, P_END)
    after = readme.read_text(encoding="utf-8")
    assert after == before.replace(f"{P_START}\nold\n{P_END}", f"{P_START}\n| new |\n{P_END}")
    readme.write_text(f"# P\n\n{HEADING}\n\n{START_MARK}\n{END_MARK}\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="bench:pathological"):
        update_readme(readme, "| new |", P_START, P_END)
