"""The full and the baseline build run side by side, each on a processor of its own.

The CPU time of a build moves with the machine: on a shared two-core machine, the same build took
from 48 to 65 s of CPU within ten minutes, and the fastest of a few builds run one after the other
gave full / baseline anywhere from 1.04 to 1.15 for the same code. Two builds started together, one
per processor, meet the same changes of speed at the same moments: the ratio of their CPU times
moves far less (0.03 where the builds run one after the other moved 0.22, on the same machine).

Each round starts both builds at once, the full build on one processor and the baseline on the
other, every process either starts (the generator's forked child, Pagefind's binary) kept on its
build's processor; the next round swaps the processors, so that neither side always gets the one
the machine favours. `ratio_cpu_paired` is the geometric mean of two medians of the rounds' ratios:
that of the rounds with the full build on the first processor, and that of the rounds with it on the
second. A processor that makes a build cost k times more CPU multiplies the one by k and divides the
other by k: it cancels, whether the rounds are even or odd in number (the median of all five rounds,
three one way and two the other, would be one of the three, and keep the factor whole). The builds are the
ones of `run.measure` (same projects, same commands), into sites of their own.
"""

from __future__ import annotations

import os
import shutil
import statistics
from collections.abc import Callable
from pathlib import Path

from .run import Process, Started, finish_build, start_build, stop_measured


def two_processors() -> tuple[int, int] | None:
    """Two processors this process may run on, or None (one only, or no way to choose: not Linux)."""
    if not hasattr(os, "sched_getaffinity") or not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    return (allowed[0], allowed[1]) if len(allowed) >= 2 else None


def side_by_side(rounds: int, start_full: Callable[[int], Started], start_baseline: Callable[[int], Started],
                 finish: Callable[[Started], Process], processors: tuple[int, int],
                 stop: Callable[[Started], None] = stop_measured) -> list[tuple[float, float]]:
    """Each round's CPU times (full, baseline), both started at once; round i puts the full side on
    `processors[i % 2]` and the baseline on the other. When one side fails to start or to finish, or the
    wait is interrupted (Ctrl-C), the other side is stopped, with every process it started: none is left running."""
    times = []
    for i in range(rounds):
        mine, other = processors if i % 2 == 0 else processors[::-1]
        full = start_full(mine)
        try:
            baseline = start_baseline(other)
        except BaseException:
            stop(full)
            raise
        try:
            full_run = finish(full)
        except BaseException:  # failed, or Ctrl-C: the round is lost, and the other side is not waited for
            stop(baseline)
            raise
        baseline_run = finish(baseline)
        times.append((full_run.cpu_seconds, baseline_run.cpu_seconds))
    return times


def paired_ratio(times: list[tuple[float, float]]) -> float | None:
    """Full / baseline CPU time: the geometric mean of the median ratio of the rounds with the full side on the
    first processor (rounds 0, 2, …) and of those with it on the second (1, 3, …); None without a round."""
    medians = [statistics.median(f / b for f, b in times[start::2]) for start in (0, 1) if times[start::2]]
    return statistics.geometric_mean(medians) if medians else None


def measure_paired(full: Path, baseline: Path, base: Path, rounds: int, say=print) -> list[tuple[float, float]]:
    """`rounds` rounds of the full project's and the baseline's builds side by side (nothing on one processor)."""
    processors = two_processors()
    if processors is None or rounds < 1:
        if rounds >= 1:
            say("builds side by side: skipped, this process may run on one processor only")
        return []
    sites = base / "site-full-paired", base / "site-baseline-paired"
    say(f"builds side by side on processors {processors[0]} and {processors[1]}, {rounds} rounds")
    try:
        return side_by_side(
            rounds,
            lambda cpu: start_build(full, sites[0], base / "full-paired.log", cpu=cpu),
            lambda cpu: start_build(baseline, sites[1], base / "baseline-paired.log", index_search=True, cpu=cpu),
            finish_build, processors)
    finally:
        for site in sites:
            shutil.rmtree(site, ignore_errors=True)
