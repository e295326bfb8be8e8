"""The bench's builds side by side: both sides run at the same time, each kept on its own processor,
the processors swapped from one round to the next, and the ratio cancels either processor's own speed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.__main__ import KEPT_EARLIER, _load, _save, table
from bench.paired import paired_ratio, side_by_side, two_processors
from bench.run import Started, finish_measured, start_measured, stop_measured
from conftest import ROOT

# Says which processors it may run on, and those of a child it starts, with when it ran; then spins until it has
# used argv[1] seconds of CPU (CPU, not wall time: on a busy machine a second of wall time may give half as much).
REPORTER = """
import json, os, subprocess, sys, time
began = time.time()
child = json.loads(subprocess.run([sys.executable, "-c", "import json, os; print(json.dumps(sorted(os.sched_getaffinity(0))))"],
                                  capture_output=True, text=True, check=True).stdout)
while time.process_time() < float(sys.argv[1]):
    pass
print(json.dumps({"cpus": sorted(os.sched_getaffinity(0)), "child": child, "began": began, "ended": time.time()}))
"""


def _starter(tmp_path: Path, side: str, runs: list[Path], cpu_s: float):
    def start(cpu: int) -> Started:
        log = tmp_path / f"{side}-{len(runs)}.log"
        runs.append(log)
        return start_measured([sys.executable, "-c", REPORTER, str(cpu_s)], tmp_path, log, cpu)
    return start


def _said(log: Path) -> dict:
    return json.loads(log.read_text(encoding="utf-8").strip().splitlines()[-1])


@pytest.mark.skipif(two_processors() is None, reason="needs two processors this process may run on (Linux)")
def test_both_sides_run_together_each_on_its_processor_swapped_each_round(tmp_path: Path) -> None:
    processors = two_processors()
    assert processors is not None
    full_logs: list[Path] = []
    baseline_logs: list[Path] = []
    times = side_by_side(2, _starter(tmp_path, "full", full_logs, 1.0),
                         _starter(tmp_path, "baseline", baseline_logs, 0.4), finish_measured, processors)
    assert len(times) == 2 and all(f >= 1.0 and 0.4 <= b < 0.9 for f, b in times)  # each side's own time, in order
    for i, (full_log, baseline_log) in enumerate(zip(full_logs, baseline_logs)):
        full, baseline = _said(full_log), _said(baseline_log)
        mine, other = processors if i % 2 == 0 else processors[::-1]
        assert full["cpus"] == full["child"] == [mine]  # a process the build starts stays on its processor
        assert baseline["cpus"] == baseline["child"] == [other]
        assert full["began"] < baseline["ended"] and baseline["began"] < full["ended"]  # at the same time


@pytest.mark.parametrize(("allowed", "chosen"), [({0, 1}, (0, 1)), ({7, 3, 5}, (3, 5)), ({2}, None)])
def test_the_two_processors_are_two_this_process_may_run_on(monkeypatch: pytest.MonkeyPatch, allowed: set[int],
                                                            chosen: tuple[int, int] | None) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(allowed), raising=False)
    monkeypatch.setattr(os, "sched_setaffinity", lambda pid, cpus: None, raising=False)
    assert two_processors() == chosen


def test_a_failed_start_of_one_side_stops_the_other(tmp_path: Path) -> None:
    stopped: list[Started] = []

    def stop(started: Started) -> None:
        stopped.append(started)
        stop_measured(started)

    def broken(cpu: int) -> Started:
        raise OSError("no such build")

    began = time.monotonic()
    with pytest.raises(OSError, match="no such build"):
        side_by_side(1, lambda cpu: start_measured([sys.executable, "-c", "import time; time.sleep(60)"], tmp_path,
                                                   tmp_path / "f.log"),
                     broken, finish_measured, (0, 0), stop=stop)
    assert len(stopped) == 1 and stopped[0].launcher.returncode is not None  # no launcher left running
    assert time.monotonic() - began < 30  # stopped, not waited for


# Each side starts a child, records both pids (in its own file, argv[1]), then waits: as a build and Pagefind would.
SLEEPER = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
with open(sys.argv[1], "a") as out:
    out.write(f"{os.getpid()} {child.pid}\\n")
time.sleep(120)
"""

DRIVER = """
import signal, sys
from pathlib import Path
from bench.paired import side_by_side
from bench.run import finish_measured, start_measured
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, whatever started this test
tmp = Path(sys.argv[1])
side = lambda name: lambda cpu: start_measured([sys.executable, "-c", sys.argv[2], str(tmp / f"{name}.pids")], tmp,
                                               tmp / f"{name}.log")
def finish(started):  # as bench.run.finish_build: a build that failed raises
    run = finish_measured(started)
    if run.returncode != 0:
        raise RuntimeError(f"exit {run.returncode}")
    return run
side_by_side(1, side("full"), side("baseline"), finish, (0, 0))
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has stopped: its parent may be gone
    except OSError:
        return False


def _ended_within(proc: subprocess.Popen, seconds: float) -> bool:
    try:
        proc.wait(timeout=seconds)
        return True
    except subprocess.TimeoutExpired:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["interrupted", "failed"])
def test_a_round_interrupted_or_failed_leaves_no_process_running(tmp_path: Path, how: str) -> None:
    def started() -> list[int]:
        return [int(pid) for side in ("full", "baseline") if (tmp_path / f"{side}.pids").exists()
                for pid in (tmp_path / f"{side}.pids").read_text().split()]

    with (tmp_path / "driver.log").open("w") as log:
        driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(tmp_path), SLEEPER], cwd=ROOT,
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(started()) < 4:
            time.sleep(0.05)
        assert len(started()) == 4  # both sides and their children under way
        if how == "interrupted":
            driver.send_signal(signal.SIGINT)  # Ctrl-C
        else:
            os.kill(started()[0], signal.SIGKILL)  # the full side's build dies; the baseline is still running
        assert _ended_within(driver, 20)  # not after the other side's two minutes
        assert [pid for pid in started() if _running(pid)] == []
    finally:
        if driver.poll() is None:
            driver.kill()
            driver.wait()
        for pid in started():
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_processors_own_speed_cancels_out_whatever_the_number_of_rounds() -> None:
    # The full side costs 1.05 times more on the first processor (rounds 0, 2, 4) and 1.05 times less on the
    # second (rounds 1, 3): the median of the five rounds' ratios would be 1.1 × 1.05, the first processor's.
    times = [(1.1 * 1.05 if i % 2 == 0 else 1.1 / 1.05, 1.0) for i in range(5)]
    assert paired_ratio(times) == pytest.approx(1.1)
    assert paired_ratio(times[:4]) == pytest.approx(1.1)
    assert paired_ratio(times[:1]) == pytest.approx(1.1 * 1.05)  # one round: its ratio
    assert paired_ratio([]) is None


def test_the_ratio_takes_a_median_on_either_processor() -> None:
    # Not the mean nor the ratio of the sums: an odd round (60 / 40) does not move it, nor does a round slow on
    # both sides weigh more.
    assert paired_ratio([(11.0, 10.0), (110.0, 100.0), (60.0, 40.0), (11.0, 10.0), (11.0, 10.0)]) == pytest.approx(1.1)


def test_a_new_run_keeps_the_runs_it_replaces_newest_first(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    row = {"pipeline_s": 1.0, "full_s": 10.0, "baseline_s": 9.0, "ratio": 1.11, "ratio_cpu": 1.1,
           "site_bytes_per_briefing": 1024}
    _save(results, {"n": 10, **row, "commit": "other"})
    for i in range(KEPT_EARLIER + 2):
        _save(results, {"n": 100, **row, "commit": f"c{i}"})
    by_n = {r["n"]: r for r in _load(results)}
    latest = by_n[100]
    assert latest["commit"] == f"c{KEPT_EARLIER + 1}"
    assert [r["commit"] for r in latest["earlier"]] == [f"c{i}" for i in range(KEPT_EARLIER, KEPT_EARLIER - 3, -1)]
    assert all("earlier" not in r for r in latest["earlier"])  # one level: no run nested in a kept one
    assert "earlier" not in by_n[10]  # another N's run is left as it was
    assert table(_load(results)).count("\n| 100 |") == 1  # the table shows the latest run only


def test_measure_paired_indexes_the_baseline_only_and_removes_its_sites(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import bench.paired

    calls: list[tuple[Path, Path, bool, int | None]] = []

    def start_build(project: Path, site: Path, log: Path, *, index_search: bool = False,
                    cpu: int | None = None) -> Started:
        calls.append((project, site, index_search, cpu))
        site.mkdir(parents=True, exist_ok=True)
        return start_measured([sys.executable, "-c", "pass"], tmp_path, log, cpu)

    monkeypatch.setattr(bench.paired, "two_processors", lambda: (0, 1))
    monkeypatch.setattr(bench.paired, "start_build", start_build)
    monkeypatch.setattr(bench.paired, "finish_build", finish_measured)
    times = bench.paired.measure_paired(tmp_path / "full", tmp_path / "baseline", tmp_path, 2, say=lambda m: None)
    assert len(times) == 2
    assert [(p.name, i, c) for p, _, i, c in calls] == [("full", False, 0), ("baseline", True, 1),
                                                          ("full", False, 1), ("baseline", True, 0)]
    assert len({site for _, site, _, _ in calls}) == 2 and not any(site.exists() for _, site, _, _ in calls)


def test_the_table_shows_the_side_by_side_ratio() -> None:
    row = {"n": 10, "pipeline_s": 1.0, "full_s": 10.0, "baseline_s": 9.0, "ratio": 1.11, "ratio_cpu": 1.1,
           "site_bytes_per_briefing": 1024}
    assert "| 1.11 | 1.10 | 1.040 |" in table([{**row, "ratio_cpu_paired": 1.04}])
    assert "| 1.11 | 1.10 | 1.085 |" in table([{**row, "ratio_cpu_paired": 1.085}])  # not 1.08
    assert "| 1.11 | 1.10 | — |" in table([row])  # a run without it


def test_main_stores_the_side_by_side_rounds_of_the_paired_size_only(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import bench.__main__ as bench_main

    row = {"pipeline_s": 1.0, "full_s": 10.0, "baseline_s": 9.0, "ratio": 1.11, "ratio_cpu": 1.1,
           "site_bytes_per_briefing": 1024}
    asked: list[tuple[Path, Path, int]] = []

    def measure_paired(full: Path, baseline: Path, base: Path, rounds: int, say=print) -> list[tuple[float, float]]:
        asked.append((full, baseline, rounds))
        return [(11.0, 10.0), (10.8, 10.0), (11.4, 10.0)]

    monkeypatch.setattr(bench_main, "measure", lambda n, workdir, **kwargs: {"n": n, **row})
    monkeypatch.setattr(bench_main.paired, "measure_paired", measure_paired)
    results = tmp_path / "results.json"
    assert bench_main.main(["--n", "10,20", "--paired-at", "20", "--pairs", "3", "--workdir", str(tmp_path / "w"),
                            "--results", str(results)]) == 0
    assert asked == [(tmp_path / "w" / "n20" / "full", tmp_path / "w" / "n20" / "baseline", 3)]
    by_n = {r["n"]: r for r in _load(results)}
    assert "paired_cpu_s" not in by_n[10] and "ratio_cpu_paired" not in by_n[10]
    assert by_n[20]["paired_cpu_s"] == [[11.0, 10.0], [10.8, 10.0], [11.4, 10.0]]
    assert by_n[20]["ratio_cpu_paired"] == pytest.approx(paired_ratio([(11.0, 10.0), (10.8, 10.0), (11.4, 10.0)]),
                                                         abs=1e-3)
