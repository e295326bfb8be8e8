"""The bench's live-preview measure (`bench.run.serve_times`): a real `mkdocs serve` on a small synthetic corpus,
as many rounds as asked, each timed and followed by the server's memory; the corpus left as it was."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import bench.__main__ as bench_main
from bench import run

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's memory from /proc (Linux)")
def test_each_round_of_a_serve_session_is_timed_and_its_memory_read(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "SERVE_SETTLE_S", 0.0)  # nothing to wait for at four briefings
    project = tmp_path / "project"
    corpus = run.full_project(project, 4, seed=0)
    briefings = project / "briefings"
    before = {path.name: path.read_bytes() for path in briefings.iterdir()}

    times = run.serve_times(project, corpus, tmp_path / "serve.log", "sources/", timeout=180, rounds=2)

    assert len(times.drops) == len(times.edits) == len(times.resident_mb) == 2, (tmp_path / "serve.log").read_text()
    assert all(0 < seconds < 180 for seconds in times.drops + times.edits)
    assert all(30 < mb < 4096 for mb in times.resident_mb)  # a Python process holding MkDocs, not a stray pid
    assert {path.name: path.read_bytes() for path in briefings.iterdir()} == before


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_a_process_memory_is_read_in_megabytes() -> None:
    import resource

    mb = run.resident_mb(os.getpid())
    assert mb is not None and 1 < mb <= resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 + 1
    assert run.resident_mb(2**22 + 1) is None  # above the kernel's largest pid: no such process


def test_main_asks_for_the_serve_rounds_at_the_serve_size_only(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    asked: dict[int, dict] = {}

    def measure(n: int, workdir: Path, **kwargs) -> dict:
        asked[n] = kwargs
        return {"n": n, "pipeline_s": 1.0, "full_s": 10.0, "baseline_s": 9.0, "ratio": 1.11, "ratio_cpu": 1.1,
                "site_bytes_per_briefing": 1024}

    monkeypatch.setattr(bench_main, "measure", measure)
    assert bench_main.main(["--n", "10,20", "--serve-at", "20", "--serve-rounds", "30", "--paired-at", "0",
                            "--workdir", str(tmp_path / "w"), "--results", str(tmp_path / "results.json")]) == 0
    assert (asked[10]["serve"], asked[20]["serve"]) == (False, True)
    assert asked[20]["serve_rounds"] == 30


@pytest.mark.parametrize("rounds", ["0", "-3", "many"])
def test_a_session_without_rounds_is_refused(rounds: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        bench_main.main(["--serve-rounds", rounds])
    assert stopped.value.code == 2
    assert "--serve-rounds" in capsys.readouterr().err
