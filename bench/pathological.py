"""Pathological inputs: does the cost of one file grow with its size, and no faster?

Each shape of bench/shapes.py is written at two sizes, S and 2S, and run through
the real commands, each in its own process, one at a time, in a throw-away
project holding the real mkdocs.yml and docs/, the shipped content/ and the
pathological file. The same commands on the smallest valid input give the
baseline (Python, MkDocs and the theme start in about a second whatever the
input): what a shape costs is its run minus that baseline.

A shape FAILS when, from S to 2S, that cost grows faster than the input (more
than 2.6 times for a doubling, which leaves room for noise; growth is not judged
while the cost stays under 1 s or 64 MB), when a file costs more than 30 s or
1 GB, or when a command crashes. Time is CPU time (user + system) of the command:
the machine may be shared, and wall time would count the others' work; wall time
is recorded too. A run is stopped after `timeout` seconds or above `guard_mb`:
that is a failure, and size 2S is then not tried. The cost of a file at the
2 MB limit is extrapolated linearly from 2S, and reported (at least that much).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from generator.reading.yamlread import MAX_FILE_BYTES

from .run import ENV, ROOT
from .shapes import ARTICLE_FILE, BRIEFING_FILE, BUILD, CHECK, DRAFT, SHAPES, SOURCES, Inputs, Shape, baseline

RESULTS = ROOT / "bench" / "pathological.json"
START_MARK, END_MARK = "<!-- bench:pathological -->", "<!-- /bench:pathological -->"


@dataclass
class Limits:
    growth: float = 2.6      # largest cost ratio allowed when the input doubles
    floor_s: float = 1.0     # growth in time is noise while the cost at 2S stays under this
    floor_mb: float = 64.0   # … and growth in memory while it stays under this
    max_s: float = 30.0      # one file may cost at most this much time…
    max_mb: float = 1024.0   # … and memory (MB are 2^20 bytes)


@dataclass
class Run:
    bytes: int               # the largest file written for this run
    cpu_s: float
    wall_s: float
    rss_mb: float
    exit: int | None
    outcome: str             # ok | problems (reported, exit 1) | error | crash | timeout | memory
    output_bytes: int = 0    # the site, or the draft

    @property
    def stopped(self) -> bool:
        return self.outcome in {"timeout", "memory"}

    @property
    def broken(self) -> bool:
        return self.outcome in {"error", "crash", "timeout", "memory"}


@dataclass
class Verdict:
    passed: bool
    reasons: list[str] = field(default_factory=list)
    time_growth: float | None = None
    rss_growth: float | None = None
    allowed_growth: float | None = None
    judged_time: bool = False
    judged_rss: bool = False
    at_limit_s: float | None = None
    at_limit_mb: float | None = None


def _growth(base: float, small: float, large: float) -> float:
    """How many times more the larger input costs than the smaller, above the baseline."""
    return max(large - base, 0.0) / max(small - base, 0.01)


def judge(base: Run, small: Run, large: Run | None, limits: Limits = Limits()) -> Verdict:
    """PASS or FAIL for one shape and command, from its baseline and its runs at S and 2S (None: not run)."""
    v = Verdict(passed=True)
    for label, run in (("S", small), ("2S", large)):
        if run is None:
            continue
        if run.stopped:
            v.reasons.append(f"stopped at {label} ({run.outcome}: {run.wall_s:.0f} s, {run.rss_mb:.0f} MB)")
        elif run.broken:
            v.reasons.append(f"{run.outcome} at {label} (exit {run.exit})")
        if run.cpu_s > limits.max_s:
            v.reasons.append(f"{run.cpu_s:.0f} s at {label} (limit {limits.max_s:.0f} s)")
        if run.rss_mb > limits.max_mb:
            v.reasons.append(f"{run.rss_mb:.0f} MB at {label} (limit {limits.max_mb:.0f} MB)")
    if large is None:
        if not v.reasons:
            v.reasons.append("2S not measured")
    elif not (small.stopped or large.stopped):
        doubling = math.log(max(large.bytes, 1) / max(small.bytes, 1), 2)
        v.allowed_growth = limits.growth ** doubling
        v.time_growth = _growth(base.cpu_s, small.cpu_s, large.cpu_s)
        v.rss_growth = _growth(base.rss_mb, small.rss_mb, large.rss_mb)
        v.judged_time = large.cpu_s - base.cpu_s >= limits.floor_s
        v.judged_rss = large.rss_mb - base.rss_mb >= limits.floor_mb
        if v.judged_time and v.time_growth > v.allowed_growth:
            v.reasons.append(f"time ×{v.time_growth:.1f} for input ×{2 ** doubling:.1f}")
        if v.judged_rss and v.rss_growth > v.allowed_growth:
            v.reasons.append(f"memory ×{v.rss_growth:.1f} for input ×{2 ** doubling:.1f}")
    last = large if large is not None and not large.stopped else small
    if not last.stopped:
        times = MAX_FILE_BYTES / max(last.bytes, 1)
        v.at_limit_s = base.cpu_s + max(last.cpu_s - base.cpu_s, 0.0) * times
        v.at_limit_mb = base.rss_mb + max(last.rss_mb - base.rss_mb, 0.0) * times
    v.passed = not v.reasons
    return v


def should_stop_after(run: Run, limits: Limits = Limits()) -> bool:
    """After a run at S that already fails, the run at 2S would only take longer."""
    return run.broken or run.cpu_s > limits.max_s or run.rss_mb > limits.max_mb


# ---------------------------------------------------------------- running

# The command's own rusage (see bench/run.py for why a launcher), with a stop after
# `timeout` seconds or above `guard` kB of resident memory (read from /proc where there is one).
_LAUNCHER = """
import json, os, subprocess, sys, time
report, timeout, guard = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
child = subprocess.Popen(sys.argv[4:])
page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
stopped = None
while True:
    pid, status, usage = os.wait4(child.pid, os.WNOHANG)
    if pid:
        break
    try:
        with open(f"/proc/{child.pid}/statm") as f:
            rss_kb = int(f.read().split()[1]) * page_kb
    except (OSError, ValueError, IndexError):
        rss_kb = 0
    if stopped is None and (time.perf_counter() - start > timeout or rss_kb > guard):
        stopped = "timeout" if time.perf_counter() - start > timeout else "memory"
        child.kill()
    time.sleep(0.05)
with open(report, "w") as out:
    json.dump({"seconds": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
               "maxrss": usage.ru_maxrss, "returncode": os.waitstatus_to_exitcode(status),
               "stopped": stopped}, out)
"""


def launch(cmd: list[str], cwd: Path, log: Path, timeout: float, guard_mb: float) -> dict[str, Any]:
    report = log.with_suffix(".rusage.json")
    report.unlink(missing_ok=True)
    with log.open("w", encoding="utf-8") as out:
        launcher = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(report), str(timeout),
                                     str(int(guard_mb * 1024)), *cmd],
                                    cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            launcher.wait(timeout=timeout + 120)  # the launcher stops the command itself; this is a safety net
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)  # the launcher's own session: it and the command
            launcher.wait()
            raise RuntimeError(f"{' '.join(cmd)} was not stopped after {timeout:.0f} s (log: {log})") from None
    usage = json.loads(report.read_text(encoding="utf-8"))
    usage["rss_mb"] = (usage["maxrss"] if sys.platform == "darwin" else usage["maxrss"] * 1024) / 2**20
    return usage


def _briefings() -> list[str]:
    script = Path(sys.executable).parent / "briefings"
    return [str(script)] if script.is_file() else [sys.executable, "-c", "from generator.cli import main; main()"]


def write_project(dest: Path, inputs: Inputs) -> None:
    """The real mkdocs.yml and docs/, the shipped content/, and the shape's files."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "content", dest / "content")
    (dest / "briefings").mkdir()
    if inputs.actors:
        with (dest / "content" / "actors.yaml").open("a", encoding="utf-8") as registry:
            registry.write("\n" + inputs.actors)
    if inputs.briefing:
        (dest / "briefings" / BRIEFING_FILE).write_text(inputs.briefing, encoding="utf-8")
    if inputs.article:
        (dest / "sources").mkdir()
        (dest / "sources" / ARTICLE_FILE).write_text(inputs.article, encoding="utf-8")


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def _outcome(command: str, usage: dict[str, Any], log: Path) -> str:
    if usage["stopped"]:
        return usage["stopped"]
    text = log.read_text(encoding="utf-8", errors="replace")
    if "Traceback (most recent call last)" in text:
        return "crash"
    code = usage["returncode"]
    if code == 0:
        return "ok"
    if code == 1 and (command != BUILD or "the briefings have problems" in text):
        return "problems"
    return "error"


def run_command(command: str, inputs: Inputs, workdir: Path, tag: str, timeout: float, guard_mb: float) -> Run:
    """`command` on a fresh project holding `inputs`; its log is kept in workdir as <tag>.log."""
    # draft writes only a name the briefings folder reads: a .yaml file
    project, output = workdir / "project", workdir / ("output.yaml" if command == DRAFT else "output")
    write_project(project, inputs)
    shutil.rmtree(output, ignore_errors=True)
    output.unlink(missing_ok=True)
    cli = [*_briefings(), "--root", "."]
    cmd = {
        CHECK: [*cli, "check"],
        BUILD: [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(output)],
        DRAFT: [*cli, "draft", f"sources/{ARTICLE_FILE}", "--out", str(output)],
        SOURCES: [*cli, "check", "--sources", "sources"],
    }[command]
    log = workdir / f"{tag}.log"
    usage = launch(cmd, project, log, timeout, guard_mb)
    run = Run(bytes=inputs.largest, cpu_s=round(usage["cpu"], 3), wall_s=round(usage["seconds"], 3),
              rss_mb=round(usage["rss_mb"], 1), exit=usage["returncode"], outcome=_outcome(command, usage, log),
              output_bytes=_size(output))
    shutil.rmtree(output, ignore_errors=True)  # a pathological site can take hundreds of MB
    output.unlink(missing_ok=True)
    return run


def measure(shapes: list[Shape], scale: float, workdir: Path, timeout: float, guard_mb: float,
            limits: Limits = Limits(), say: Callable[[str], None] = print) -> dict[str, Any]:
    """Baselines, then every shape and command at S and 2S."""
    workdir.mkdir(parents=True, exist_ok=True)
    commands = list(dict.fromkeys(c for s in shapes for c in s.commands))
    bases: dict[str, Run] = {}
    for command in commands:
        say(f"baseline: {command}")
        tag = f"baseline-{command.replace(' ', '')}"
        bases[command] = run_command(command, baseline(command), workdir, tag, timeout, guard_mb)
        if bases[command].outcome != "ok":
            # Every shape is measured above its baseline: one that does not run would hide everything.
            raise RuntimeError(f"the baseline of `{command}` does not run ({bases[command].outcome}): "
                               f"see {workdir / (tag + '.log')}")
    entries = []
    for shape in shapes:
        n = max(1, round(shape.n * scale))
        for command in shape.commands:
            runs: list[Run | None] = []
            for size in (n, 2 * n):
                if runs and runs[-1] is not None and should_stop_after(runs[-1], limits):
                    say(f"{shape.name}, {command}, n={size}: not run, n={n} already fails")
                    runs.append(None)
                    continue
                say(f"{shape.name}, {command}, n={size}")
                tag = f"{shape.name}-{command.replace(' ', '')}-{size}"
                runs.append(run_command(command, shape.make(size), workdir, tag, timeout, guard_mb))
                r = runs[-1]
                say(f"  {r.outcome}: {r.bytes / 1024:.0f} KB, {r.cpu_s:.1f} s CPU, {r.wall_s:.1f} s, {r.rss_mb:.0f} MB")
            small, large = runs
            assert small is not None
            verdict = judge(bases[command], small, large, limits)
            entries.append({
                "shape": shape.name, "findings": list(shape.findings), "what": shape.what, "command": command,
                "scale": scale, "n": [n, 2 * n], "runs": [asdict(r) if r else None for r in runs],
                "verdict": "PASS" if verdict.passed else "FAIL",
                **{k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(verdict).items()},
            })
            say(f"  {entries[-1]['verdict']} {'; '.join(verdict.reasons)}")
    return {"baselines": {c: asdict(r) for c, r in bases.items()}, "limits": asdict(limits), "results": entries}


# ---------------------------------------------------------------- results


def load(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"baselines": {}, "results": []}


def save(path: Path, measured: dict[str, Any], context: dict[str, str]) -> list[dict[str, Any]]:
    """Write the new results over the older ones of the same shape and command; returns them all."""
    old = load(path)
    new = {(e["shape"], e["command"]): {**e, **context} for e in measured["results"]}
    kept = [e for e in old["results"] if (e["shape"], e["command"]) not in new]
    order = {(s.name, c): i for i, s in enumerate(SHAPES) for c in s.commands}
    results = sorted(kept + list(new.values()), key=lambda e: order.get((e["shape"], e["command"]), len(order)))
    baselines = {**old["baselines"], **measured["baselines"]}
    path.write_text(json.dumps({"baselines": baselines, "limits": measured["limits"], "results": results},
                               indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f}"


def _pair(small: dict | None, large: dict | None, key: str, fmt: str) -> str:
    def one(run: dict | None) -> str:
        if run is None:
            return "—"
        value = format(run[key], fmt)
        return f"≥ {value}" if run["outcome"] in {"timeout", "memory"} else value
    return f"{one(small)} → {one(large)}"


def _growth_cell(value: float | None, judged: bool) -> str:
    return f"×{value:.1f}" if value is not None and judged else "—"


def _verdict_cell(e: dict[str, Any]) -> str:
    outcomes = {r["outcome"] for r in e["runs"] if r}
    note = " (refused)" if outcomes == {"problems"} and e["command"] != SOURCES else ""
    if e["verdict"] == "PASS":
        return "PASS" + note
    return "**FAIL**: " + "; ".join(e["reasons"])


def table(results: list[dict[str, Any]]) -> str:
    """One row per shape and command."""
    rows = ["| shape | finding | command | input KB, S → 2S | CPU s | growth | peak RSS MB | growth "
            "| output MB | at 2 MB (s, MB) | verdict |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for e in results:
        small, large = e["runs"]
        inputs = f"{_kb(small['bytes'])} → {_kb(large['bytes']) if large else _kb(small['bytes'] * 2)}"
        output = (" → ".join("—" if r is None or r["outcome"] in {"timeout", "memory"}
                             else f"{r['output_bytes'] / 2**20:,.1f}" for r in (small, large))
                  if e["command"] in {BUILD, DRAFT} else "—")
        at_limit = (f"{e['at_limit_s']:,.0f}, {e['at_limit_mb']:,.0f}" if e["at_limit_s"] is not None else "—")
        rows.append(
            f"| {e['shape']} ({e['what']}) | {', '.join(e['findings'])} | `{e['command']}` | {inputs} "
            f"| {_pair(small, large, 'cpu_s', '.1f')} | {_growth_cell(e['time_growth'], e['judged_time'])} "
            f"| {_pair(small, large, 'rss_mb', '.0f')} | {_growth_cell(e['rss_growth'], e['judged_rss'])} "
            f"| {output} | {at_limit} | {_verdict_cell(e)} |")
    return "\n".join(rows)


def markdown(path: Path) -> str:
    """The table of the results file, with its baselines and how to read it: what README.md shows."""
    data = json.loads(path.read_text(encoding="utf-8"))
    base = "; ".join(f"`{c}` {r['cpu_s']:.1f} s, {r['rss_mb']:.0f} MB" for c, r in data["baselines"].items())
    limits = Limits(**data["limits"])
    return (table(data["results"]) + "\n\n"
            f"CPU s and peak RSS at S → 2S; growth is their increase above the baseline ({base}), "
            f"2S over S, not judged (—) while it stays under {limits.floor_s:.0f} s or {limits.floor_mb:.0f} MB. "
            f"≥: stopped there. *At 2 MB*: extrapolated linearly from 2S to a "
            f"{MAX_FILE_BYTES / 2**20:.0f} MB file.")
