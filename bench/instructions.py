"""Full / baseline counted in instructions: the bench's two builds run under Valgrind's cachegrind.

The cost aim compares CPU times, and CPU time moves with whatever else the machine runs: on a
shared machine the same two builds have given full / baseline anywhere from 1.02 to 1.16 within a
day (see the README's Benchmark section). The number of instructions a build executes does not
move: two counts of the same code and corpus agree to within a few parts in a thousand. So a
change to the generator's cost can be seen here when CPU time hides it.

`python -m bench.instructions --n 1000` writes the bench's two projects for N briefings (as
`make bench` does: the synthetic corpus with the plugin, and the same pages as plain files), then
runs both builds at once, each under cachegrind with every process it starts (the pipeline's
child, Pagefind, git): the full `mkdocs build` with the plugin, and the baseline `mkdocs build`
followed by the same Pagefind run. It prints each side's instructions, process by process, and
full / baseline, and writes them to `<workdir>/instructions-n<N>.json`. With `--results
bench/results.json`, the count also goes into that file's entry for N (under `instructions`, with its own
commit and date, shown in the table's "same, instructions" column), provided the entry measured the same
code: the generator, the site's configuration and the bench's corpus and builds unchanged since its commit.

An instruction is not a unit of time (a cache miss costs more than an addition, Pagefind's Rust
more or less than Python per instruction), so the ratio is a check on the CPU-time ratio, never
the aim's own figure. Slow: a build takes about twenty times its CPU time under cachegrind; at 1,000
briefings, both builds at once took twenty minutes on two processors. Needs `valgrind`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.pipeline import Project, build

from .__main__ import _context, _load, write_results
from .run import _BUILD, BUILD_SETTINGS, ROOT, baseline_project, full_project

VALGRIND = "valgrind"
SIDES = ("full", "baseline")
MEASURED = ("generator", "mkdocs.yml", "docs", "content", "pyproject.toml", "requirements", "bench/corpus.py",
            "bench/run.py")
"""What a results entry's figures depend on: the code and settings of both builds, and the corpus drawn."""


def counted(command: list[str], counts: Path) -> list[str]:
    """`command` under cachegrind, each process it starts counted too, one file per process in `counts`.

    No cache simulation: only the instruction count is wanted, and it is several times faster without."""
    return [VALGRIND, "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes",
            f"--cachegrind-out-file={counts / 'cachegrind.%p'}", *command]


def instructions(counts: Path) -> dict[str, int]:
    """The instructions of each process counted in `counts`, by the name of its file."""
    found: dict[str, int] = {}
    for path in sorted(counts.glob("cachegrind.*")):
        total = None
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("summary:"):
                total = int(line.split()[1])
        if total is None:
            raise RuntimeError(f"{path}: no `summary:` line (the process did not end normally?)")
        found[path.name] = total
    if not found:
        raise RuntimeError(f"{counts}: no count written (did valgrind start?)")
    return found


def measure(n: int, workdir: Path, seed: int = 0, say=print) -> dict:
    """Both builds of N briefings, counted at once; full / baseline of their totals."""
    base = workdir.resolve() / f"n{n}"  # each build runs in its project: the paths it is given must not be relative
    full = base / "full"
    say(f"N={n}: writing the synthetic corpus and the baseline's pages")
    full_project(full, n, seed)
    result = build(Project.at(full))
    if not result.ok:
        raise RuntimeError(f"the synthetic corpus has errors:\n{result.problems.errors_render()}")
    baseline_project(base / "baseline", full, result.pages)
    del result
    # One hash seed for both: the order of sets and dictionaries of strings, and so the work, is the same each run.
    # The environment of the moment, not run.ENV (made when the bench was imported): PATH may have changed since.
    env = {**os.environ, **BUILD_SETTINGS, "PYTHONHASHSEED": "0"}
    started = {}
    for side, project, index_search in (("full", full, "0"), ("baseline", base / "baseline", "1")):
        counts, site = base / f"instructions-{side}", base / f"site-{side}-counted"
        shutil.rmtree(counts, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        counts.mkdir(parents=True)
        log = (base / f"instructions-{side}.log").open("w", encoding="utf-8")
        command = counted([sys.executable, "-c", _BUILD, str(site), str(counts / "own.json"), index_search], counts)
        say(f"N={n}: {side} build under cachegrind")
        started[side] = (subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT), log)
    for side, (process, log) in started.items():
        code = process.wait()
        log.close()
        if code != 0:
            raise RuntimeError(f"the {side} build failed under cachegrind (exit {code}): see {log.name}")
    processes = {side: instructions(base / f"instructions-{side}") for side in SIDES}
    totals = {side: sum(processes[side].values()) for side in SIDES}
    return {"n": n, "seed": seed, "full_instructions": totals["full"], "baseline_instructions": totals["baseline"],
            "ratio_instructions": round(totals["full"] / totals["baseline"], 4), "processes": processes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out",
                        help="where the projects go (default bench/out)")
    parser.add_argument("--results", type=Path, default=None,
                        help="also add the count to this results file's entry for N (e.g. bench/results.json), "
                             "if that entry measured the same code")
    args = parser.parse_args(argv)
    if shutil.which(VALGRIND) is None:
        print("bench.instructions needs Valgrind (`valgrind` on PATH), e.g. `apt install valgrind`", file=sys.stderr)
        return 2
    if args.results is not None:  # before the minutes of counting, not after
        try:
            same_code_entry(_load(args.results), args.n, args.seed)
        except ValueError as refused:
            print(f"cannot add the count to {args.results}: {refused}", file=sys.stderr)
            return 2
    row = measure(args.n, args.workdir, args.seed)
    for side in SIDES:
        for name, count in row["processes"][side].items():
            print(f"{side:9} {name:24} {count:>18,}")
    print(f"full {row['full_instructions']:,} / baseline {row['baseline_instructions']:,} "
          f"= {row['ratio_instructions']}")
    out = args.workdir / f"instructions-n{args.n}.json"
    out.write_text(json.dumps(row, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out}")
    if args.results is not None:
        try:
            attach(args.results, row, _context())
        except ValueError as refused:
            print(f"not added to {args.results}: {refused}", file=sys.stderr)
            return 1
        print(f"added to the entry for N={args.n} in {args.results}")
    return 0


def same_code_entry(runs: list[dict], n: int, seed: int, root: Path = ROOT) -> dict:
    """The results entry for N, if it measured this corpus and the code of the working tree (`MEASURED`);
    else ValueError, saying what to run."""
    entry = next((r for r in runs if r["n"] == n), None)
    if entry is None:
        raise ValueError(f"it has no entry for N={n}: run `python -m bench --n {n}` first")
    if entry.get("seed", 0) != seed:
        raise ValueError(f"its entry for N={n} measured the corpus of seed {entry.get('seed', 0)}, not {seed}")
    try:
        changed = subprocess.run(["git", "diff", "--name-only", entry.get("commit") or "unknown", "--", *MEASURED],
                                 cwd=root, capture_output=True, text=True)
        added = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "--", *MEASURED],
                               cwd=root, capture_output=True, text=True)  # new files git does not track yet
    except OSError as exc:
        raise ValueError(f"git, which tells what code its entry for N={n} measured, could not run ({exc})") from None
    if changed.returncode != 0 or changed.stdout.strip() or added.stdout.strip():
        what = (", ".join((changed.stdout + added.stdout).split()[:5]) if changed.returncode == 0
                else "its commit is unknown here")
        raise ValueError(f"its entry for N={n} measured other code (commit {entry.get('commit') or '?'}; "
                         f"{what}): run `python -m bench --n {n}` at this code first")
    return entry


def attach(results: Path, row: dict, context: dict[str, str], root: Path = ROOT) -> None:
    """`row`'s count added to the entry for its N in `results`, under `instructions`; ValueError when there is no
    such entry, or when it measured another corpus or other code than the working tree's (`MEASURED`)."""
    runs = _load(results)
    entry = same_code_entry(runs, row["n"], row["seed"], root)
    entry["instructions"] = {"full": row["full_instructions"], "baseline": row["baseline_instructions"],
                             "ratio": row["ratio_instructions"],
                             "processes": {side: sorted(row["processes"][side].values(), reverse=True)
                                           for side in SIDES},
                             "commit": context["commit"], "measured": context["measured"]}
    write_results(results, runs)


if __name__ == "__main__":
    sys.exit(main())
