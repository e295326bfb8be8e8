"""The measurements of one benchmark run, for one corpus size N.

Three builds of the same synthetic corpus:

1. the pipeline alone (load + index + render), in this process;
2. the full `mkdocs build` with the briefings plugin, in a subprocess, from a
   throw-away project holding the real mkdocs.yml and docs/;
3. the baseline: `mkdocs build` of the very same generated Markdown written out
   as plain files in docs/, with the briefings plugin removed from a copy of
   mkdocs.yml (theme, search, tags, macros and Markdown extensions unchanged),
   so full / baseline isolates what the generator itself costs. The plugin ends its build by
   indexing the site with Pagefind; the baseline build runs the same indexing, in its own process
   (it then counts in its time and memory), so that the search index is not counted as the
   generator's cost.

What a reader downloads for a first search (`first_query_bytes`) is measured on the full site,
in Chromium (bench/search_payload.py).

Wall time is what the benchmark reports; the CPU time of each build is recorded
too, as a check when other work shares the machine. Peak memory is measured three ways,
by a small launcher (RUSAGE_CHILDREN would keep the maximum over every child so far, and a
child forked straight from the benchmark would count the benchmark's memory):

- the build process's own `ru_maxrss`, read with `os.wait4` for that one process;
- its process tree, sampled every 20 ms or so: the sum of the memory (Pss) of the build process and of
  every descendant alive at that moment, its peak over the build (`tree_peak_rss_mb`), and the same
  without Pagefind's binary (`tree_rss_mb`). `ratio_rss`, the memory aim, compares the latter
  with the baseline's: work moved into a child process still counts, and the search indexing,
  the same in both builds, does not dilute the generator's share;
- `peak_rss_mb`, the largest `ru_maxrss` of the build and its children (Pagefind's binary, mostly).
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import jinja2

from generator.pipeline import Project, build
from generator.site import urls

from .corpus import SyntheticCorpus, dump_briefing, write_briefing, write_corpus

ROOT = Path(__file__).resolve().parent.parent
BUILD_SETTINGS = {"NO_MKDOCS_2_WARNING": "1"}  # what every build of the bench runs with, over the environment
ENV = {**os.environ, **BUILD_SETTINGS}


@dataclass
class Process:
    seconds: float
    cpu_seconds: float  # user + system: less sensitive than wall time to other work on the machine
    returncode: int
    peak_rss_mb: float
    """The build and every process it started (Pagefind's binary among them): the largest of their peaks."""
    log: Path
    own_rss_mb: float | None = None
    """The build's Python process alone: MkDocs and the generator, without the Pagefind binary."""
    tree_mb: float | None = None
    """The build's process tree, sampled: the peak of the sum of its processes' memory (Pss) at one moment."""
    tree_without_indexer_mb: float | None = None
    """The same, every process but Pagefind's binary: MkDocs, the generator and any process it starts."""


# Started by a small launcher process, not by the benchmark itself: a process's peak RSS
# includes the memory of whatever it was forked from (the copy before exec), and the benchmark
# holds a whole corpus in memory. The launcher reports its child's rusage as JSON, and samples the
# memory of the whole process tree the child heads (itself and every descendant alive at that
# moment) every 20 ms, less often when reading it takes long (large processes: Pss is counted page by
# page), so as to use a tenth of a core at most: a build that moved work into a child process would
# hide it from its own ru_maxrss. Each process counts its proportional set size (Pss, /proc/<pid>/smaps_rollup): a page
# shared by a parent and its forked child counts once in the sum, not twice. The tree's peak is
# kept twice: every process, and every process but Pagefind's binary (the same search indexing in
# both builds, whose memory would otherwise drown the generator's).
_LAUNCHER = """
import json, os, subprocess, sys, threading, time

def children(pid):
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return found

def resident_kb(pid):
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as f:
                for line in f:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            pass
    return 0

def is_indexer(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip().startswith("pagefind")
    except OSError:
        return False

peak = {"tree": 0, "tree_without_indexer": 0}
done = threading.Event()

def sample(root):
    while not done.is_set():
        began = time.perf_counter()
        total = without = 0
        todo = [root]
        while todo:
            pid = todo.pop()
            todo += children(pid)
            kb = resident_kb(pid)
            total += kb
            if not is_indexer(pid):
                without += kb
        peak["tree"] = max(peak["tree"], total)
        peak["tree_without_indexer"] = max(peak["tree_without_indexer"], without)
        done.wait(max(0.02, 9 * (time.perf_counter() - began)))  # at most a tenth of a core: it shares the machine

start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
sampler = threading.Thread(target=sample, args=(child.pid,), daemon=True)
sampler.start()
# Reaped only once the sampler has stopped: until then the child's /proc entry stays readable.
os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
done.set()
sampler.join()
_, status, usage = os.wait4(child.pid, 0)
child.returncode = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
               "maxrss": usage.ru_maxrss, "returncode": child.returncode,
               "tree_kb": peak["tree"], "tree_without_indexer_kb": peak["tree_without_indexer"]}, out)
"""


@dataclass
class Started:
    """A measured command under way (`start_measured`); `finish_measured` waits for it."""
    launcher: subprocess.Popen
    cwd: Path
    report: Path
    log: Path
    out: Any


def start_measured(cmd: list[str], cwd: Path, log: Path, cpu: int | None = None) -> Started:
    """`cmd` started under the launcher; with `cpu`, it and every process it starts run on that processor only."""
    report = log.with_suffix(".rusage.json")
    report.unlink(missing_ok=True)
    out = log.open("w", encoding="utf-8")
    pin = None if cpu is None else (lambda: os.sched_setaffinity(0, {cpu}))  # inherited by every descendant
    try:
        launcher = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(report), *cmd], cwd=cwd, env=ENV,
                                    stdout=out, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=pin)
    except BaseException:
        out.close()
        raise
    return Started(launcher, cwd, report, log, out)


def finish_measured(started: Started, timeout: float = 3600) -> Process:
    """The started command, once it has ended: its wall time, CPU time and peak resident memory, that process alone."""
    launcher = started.launcher
    try:
        _wait_unreaped(launcher.pid, timeout)
    except subprocess.TimeoutExpired:
        stop_measured(started)
        raise RuntimeError(f"{' '.join(map(str, launcher.args[4:]))} did not finish within {timeout:.0f} s "
                           f"(log: {started.log})") from None
    except BaseException:  # Ctrl-C: the launcher has a session of its own, the terminal's signal never reached it
        stop_measured(started)
        raise
    finally:
        started.out.close()
    stop_measured(started)  # what a build that died left running (its Pagefind, its forked child) is stopped too
    usage = json.loads(started.report.read_text(encoding="utf-8"))
    return Process(usage["seconds"], usage["cpu"], usage["returncode"], _megabytes(usage["maxrss"]), started.log,
                   tree_mb=usage["tree_kb"] / 1024, tree_without_indexer_mb=usage["tree_without_indexer_kb"] / 1024)


def _wait_unreaped(pid: int, timeout: float) -> None:
    """Until the launcher `pid` has ended, left unreaped: its process group's id cannot go to another process."""
    deadline, delay = time.monotonic() + timeout, 0.001
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is None:
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(str(pid), timeout)
        time.sleep(delay)
        delay = min(2 * delay, 0.05)


def stop_measured(started: Started) -> None:
    """The started command stopped, with every process it started (the launcher's session), and waited for."""
    if started.launcher.returncode is None:  # not reaped yet: the group's id is still the launcher's
        try:
            os.killpg(started.launcher.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    started.launcher.wait()
    started.out.close()


def run_measured(cmd: list[str], cwd: Path, log: Path, timeout: float = 3600) -> Process:
    """Run `cmd` to completion: its wall time, CPU time and peak resident memory, that process alone."""
    return finish_measured(start_measured(cmd, cwd, log), timeout)


def _megabytes(maxrss: int) -> float:
    """ru_maxrss in MB: it is in kilobytes on Linux, in bytes on macOS."""
    return (maxrss if sys.platform == "darwin" else maxrss * 1024) / 2**20


# A build: `mkdocs build` in this one Python process, then (baseline only) the same Pagefind run over the
# built site as the plugin's `on_post_build`, so that full / baseline leaves the search index out. The
# process writes its own peak memory (RUSAGE_SELF: MkDocs and the generator, not the Pagefind binary,
# a child process whose peak the launcher's figure includes) to the file named by its second argument.
_BUILD = """
import json, resource, sys
from pathlib import Path
from mkdocs.__main__ import cli
site, report, index_search = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
code = 0
try:
    cli.main(args=["build", "--site-dir", site], prog_name="mkdocs")
except SystemExit as stop:
    code = stop.code if isinstance(stop.code, int) else (1 if stop.code else 0)
if not code and index_search:
    from generator.site.search_index import build_index
    build_index(Path(site))
with open(report, "w") as out:
    json.dump({"maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, out)
sys.exit(code)
"""


def mkdocs_build(project: Path, site: Path, log: Path, *, index_search: bool = False) -> Process:
    """`mkdocs build` of `project` into `site`; with `index_search`, followed by the site's Pagefind run
    (what the plugin does at the end of a build) in the same process."""
    return finish_build(start_build(project, site, log, index_search=index_search))


def start_build(project: Path, site: Path, log: Path, *, index_search: bool = False, cpu: int | None = None) -> Started:
    """`mkdocs_build` started (on processor `cpu` only, when given); `finish_build` waits for it."""
    shutil.rmtree(site, ignore_errors=True)
    own = log.with_suffix(".own.json")
    own.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", _BUILD, str(site), str(own), "1" if index_search else "0"]
    return start_measured(cmd, project, log, cpu)


def finish_build(started: Started) -> Process:
    run = finish_measured(started)
    if run.returncode != 0:
        tail = started.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"mkdocs build failed in {started.cwd} (exit {run.returncode}):\n{tail}")
    run.own_rss_mb = _megabytes(json.loads(started.log.with_suffix(".own.json").read_text(encoding="utf-8"))["maxrss"])
    return run


# ---------------------------------------------------------------- projects


def full_project(dest: Path, n: int, seed: int) -> SyntheticCorpus:
    """The real mkdocs.yml and docs/, and a synthetic corpus of n briefings."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    return write_corpus(dest, n, seed)


def baseline_config(text: str, pages: dict[str, str] | None = None) -> str:
    """mkdocs.yml without the briefings plugin, every other line as written (tags like !!python/name stay).

    The plugin marks the generated pages that the nav does not list as not-in-nav;
    written out as plain files, they get the same mark through `not_in_nav`.
    """
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    in_plugins = dropping = False
    item_indent = 0
    for line in lines:
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not line.strip() or stripped.startswith("#"):
            if not dropping:
                out.append(line)
            continue
        if indent == 0:
            in_plugins = stripped.startswith("plugins:")
            dropping = False
        elif in_plugins and stripped.startswith("- "):
            dropping = stripped[2:].strip() in {"briefings", "briefings:"}
            item_indent = indent
        elif dropping and indent <= item_indent:
            dropping = False
        if not dropping:
            out.append(line)
    result = "".join(out)
    if result == text:
        raise RuntimeError("mkdocs.yml lists no `briefings` plugin to remove")
    return result + not_in_nav(pages or {})


def not_in_nav(pages: dict[str, str]) -> str:
    """A `not_in_nav` setting covering the generated pages the plugin keeps out of the nav: one pattern per folder."""
    patterns = sorted({f"/{page.rsplit('/', 1)[0]}/*.md" if "/" in page else f"/{page}"
                       for page in pages if page.endswith(".md") and page not in urls.NAV_PAGES})
    return "\nnot_in_nav: |\n" + "".join(f"  {p}\n" for p in patterns) if patterns else ""


def baseline_project(dest: Path, full: Path, pages: dict[str, str]) -> None:
    """The generated pages as plain files, hand-written pages with their macros already expanded."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(baseline_config((full / "mkdocs.yml").read_text(encoding="utf-8"), pages),
                                     encoding="utf-8")
    shutil.copytree(full / "docs", dest / "docs")
    for src_uri, content in pages.items():
        path = dest / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    # No briefings/ here: pages that call macros would run the whole pipeline through
    # the macros module. Write them out with the values the full build shows instead.
    for page in (dest / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---") and "render_macros: true" in text.split("---", 2)[1]:
            page.write_text(expand_macros(text, full, page.relative_to(dest / "docs").as_posix()), encoding="utf-8")


class _MacrosEnv:
    """Just enough of mkdocs-macros' `env` for generator.macros.define_env."""

    def __init__(self, config_file: Path, src_uri: str):
        self.conf = {"plugins": {}, "config_file_path": str(config_file), "docs_dir": str(config_file.parent / "docs")}
        self.page = type("Page", (), {"file": type("File", (), {"src_uri": src_uri})()})()
        self.macros: dict[str, Any] = {}

    def macro(self, fn):
        self.macros[fn.__name__] = fn
        return fn


def expand_macros(text: str, full: Path, src_uri: str) -> str:
    from generator.macros import define_env

    env = _MacrosEnv(full / "mkdocs.yml", src_uri)
    define_env(env)
    _, front, body = text.split("---", 2)
    front = "\n".join(line for line in front.splitlines() if not line.startswith("render_macros:"))
    return f"---{front}\n---{jinja2.Environment().from_string(body).render(**env.macros)}"


# ---------------------------------------------------------------- measures


@dataclass
class SiteStats:
    total_bytes: int
    html_bytes: int
    html_pages: int
    search_index_bytes: int
    search_index_gzip_bytes: int
    largest_page: tuple[str, int]


def site_stats(site: Path) -> SiteStats:
    total = html = pages = 0
    largest = ("", 0)
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            html += size
            pages += 1
            if size > largest[1]:
                largest = (path.relative_to(site).as_posix(), size)
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    return SiteStats(total, html, pages, len(raw), len(gzip.compress(raw, compresslevel=6)), largest)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0


def _wait_until_served(url: str, timeout: float, proc: subprocess.Popen, pause: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if _status(url) == 200:
            return True
        time.sleep(pause)
    return False


def _wait_for_text(url: str, texts: tuple[str, ...], timeout: float, proc: subprocess.Popen,
                   present: bool = True) -> bool:
    """Until the page holds every one of `texts` (with `present=False`: none of them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8", errors="replace")
            if all((t in body) == present for t in texts):
                return True
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.05)
    return False


SERVE_ROUNDS = 3
"""Drops and edits measured in one `mkdocs serve` session: the median counts (a file watcher's latency and the
search indexing still running from the round before make single timings spread by a few tenths of a second).
`--serve-rounds 30` makes it a long session, whose memory per round shows whether the preview grows."""


SERVE_SETTLE_S = 15.0
"""Seconds the preview is left alone after a round is undone, its exports written: its search indexing ends."""


class ServeTimes(NamedTuple):
    drops: list[float]
    edits: list[float]
    resident_mb: list[float]
    """The server's resident memory after each round, once settled (empty where /proc is missing)."""


def serve_times(project: Path, corpus: SyntheticCorpus, log: Path, cross_page: str, timeout: float = 900,
                rounds: int = SERVE_ROUNDS) -> ServeTimes:
    """Under a running `mkdocs serve`, `rounds` times: seconds from dropping one new briefing into `briefings/` to
    its page being served (drop), then from rewriting an existing briefing's title to the new title being shown on
    its page and on `cross_page`, the page of the sources listing it (edit); then both undone, and the preview
    left to settle, its memory read. Empty lists when the server never answered; a round that timed out ends
    the measure."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    briefings = Project.at(project).briefings_dir
    drops: list[float] = []
    edits: list[float] = []
    resident: list[float] = []
    name, data = corpus.briefing(0)
    edited = briefings / name
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        try:
            if not _wait_until_served(base, timeout, proc, pause=0.5):
                return ServeTimes(drops, edits, resident)
            for round_ in range(rounds):
                path = write_briefing(corpus, corpus.n, briefings)  # one more than the corpus holds
                start = time.perf_counter()
                if not _wait_until_served(f"{base}briefings/{path.stem}/", timeout, proc, pause=0.05):
                    break
                drops.append(time.perf_counter() - start)
                time.sleep(2)  # let the reload settle: the edit is a change of its own
                marker = f"Retouche {round_ + 1} mesurée par le banc"
                changed = dump_briefing({**data, "title": f"{marker} — {data['title']}"})
                start = time.perf_counter()
                edited.write_text(changed, encoding="utf-8")
                if not (_wait_for_text(f"{base}briefings/{edited.stem}/", (marker,), timeout, proc)
                        and _wait_for_text(f"{base}{cross_page}", (marker,), timeout, proc)):
                    break
                edits.append(time.perf_counter() - start)
                path.unlink()
                write_briefing(corpus, 0, briefings)
                # Settled: the undone round's exports written, and time for its search index (Pagefind, at a lower
                # priority, still takes the other core: on a machine of two, the next drop would be slower).
                if not (_wait_for_text(f"{base}briefings/{edited.stem}/", (marker,), timeout, proc, present=False)
                        and _wait_for_text(f"{base}exports/briefings.json", (marker,), timeout, proc, present=False)):
                    break
                time.sleep(SERVE_SETTLE_S)
                mb = resident_mb(proc.pid)
                if mb is not None:
                    resident.append(mb)
            return ServeTimes(drops, edits, resident)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            write_briefing(corpus, 0, briefings)  # the corpus as it was


def resident_mb(pid: int) -> float | None:
    """A process's resident memory (VmRSS) in MB; None where the system does not show it."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def page_listing(site: Path, folder: str, target: str) -> str:
    """The URL path of the page under `folder` (the sources page, or one of its slices) that links to `target`."""
    for page in sorted((site / folder).rglob("index.html")):
        if f"{target}" in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    return folder + "/"


def first_query_bytes(site: Path) -> int | None:
    """What a reader's browser downloads before its first search result (bench/search_payload.py: Chromium
    types a query in the search dialog of the served site); None where Chromium or Playwright is missing."""
    from . import search_payload

    if not search_payload.CHROMIUM.exists():
        return None
    try:
        return search_payload.first_query_bytes(site).total
    except ImportError:  # Playwright not installed
        return None


def measure(n: int, workdir: Path, seed: int = 0, repeat: int = 1, serve: bool = False,
            say=print, serve_rounds: int = SERVE_ROUNDS) -> dict[str, Any]:
    """Every measure for one N. Builds are repeated `repeat` times; the fastest run counts
    (for wall time and for CPU time separately)."""
    base = workdir / f"n{n}"
    full = base / "full"
    say(f"N={n}: writing the synthetic corpus")
    corpus = full_project(full, n, seed)

    say(f"N={n}: pipeline alone")
    pipeline_s = pipeline_cpu_s = float("inf")
    result = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = build(Project.at(full))
        pipeline_s = min(pipeline_s, time.perf_counter() - start)
        pipeline_cpu_s = min(pipeline_cpu_s, time.process_time() - start_cpu)
    assert result is not None
    if not result.ok:
        raise RuntimeError(f"the synthetic corpus has errors:\n{result.problems.errors_render()}")
    warnings = len(result.problems.warnings)
    largest_md = max(result.pages.items(), key=lambda kv: len(kv[1].encode("utf-8")))

    say(f"N={n}: baseline project (plain Markdown, no plugin)")
    baseline_project(base / "baseline", full, result.pages)

    runs: dict[str, list[Process]] = {"full": [], "baseline": []}
    for i in range(repeat):
        say(f"N={n}: mkdocs build with the plugin ({i + 1}/{repeat})")
        runs["full"].append(mkdocs_build(full, base / "site-full", base / "full-build.log"))
        say(f"N={n}: mkdocs build of the plain pages ({i + 1}/{repeat})")
        runs["baseline"].append(mkdocs_build(base / "baseline", base / "site-baseline", base / "baseline-build.log",
                                             index_search=True))
    full_run = min(runs["full"], key=lambda p: p.seconds)
    baseline_run = min(runs["baseline"], key=lambda p: p.seconds)
    full_cpu = min(p.cpu_seconds for p in runs["full"])
    baseline_cpu = min(p.cpu_seconds for p in runs["baseline"])
    full_tree = min(p.tree_without_indexer_mb or 0 for p in runs["full"])
    baseline_tree = min(p.tree_without_indexer_mb or 0 for p in runs["baseline"])
    stats = site_stats(base / "site-full")
    baseline_stats = site_stats(base / "site-baseline")

    drops: list[float] = []
    edits: list[float] = []
    resident: list[float] = []
    if serve:
        say(f"N={n}: mkdocs serve, then {serve_rounds} times one briefing added and one edited")
        stem = Path(corpus.briefing(0)[0]).stem
        cross = page_listing(base / "site-full", urls.SOURCES.removesuffix(".md"), f"briefings/{stem}/")
        drops, edits, resident = serve_times(full, corpus, base / "serve.log", cross, rounds=serve_rounds)
        (Project.at(full).briefings_dir / f"{corpus.briefing(n)[0]}").unlink(missing_ok=True)
    drop_s = statistics.median(drops) if drops else None
    edit_s = statistics.median(edits) if edits else None

    return {
        "n": n,
        "pipeline_s": round(pipeline_s, 3),
        "full_s": round(full_run.seconds, 3),
        "baseline_s": round(baseline_run.seconds, 3),
        "ratio": round(full_run.seconds / baseline_run.seconds, 3),
        "site_bytes_per_briefing": round(stats.total_bytes / n),
        "search_index_bytes": stats.search_index_bytes,
        "peak_rss_mb": round(full_run.peak_rss_mb, 1),
        "serve_rebuild_s": round(drop_s, 2) if drop_s is not None else None,
        "serve_drop_s": round(drop_s, 2) if drop_s is not None else None,
        "serve_edit_s": round(edit_s, 2) if edit_s is not None else None,
        "serve_drop_samples_s": [round(x, 2) for x in drops],
        "serve_edit_samples_s": [round(x, 2) for x in edits],
        "serve_rounds": serve_rounds if serve else None,
        "serve_rss_mb_samples": resident,
        "largest_page_bytes": stats.largest_page[1],
        "largest_page_path": stats.largest_page[0],
        "first_query_bytes": first_query_bytes(base / "site-full"),
        # Details behind the headline numbers.
        "pipeline_cpu_s": round(pipeline_cpu_s, 3),
        "full_cpu_s": round(full_cpu, 3),
        "baseline_cpu_s": round(baseline_cpu, 3),
        "ratio_cpu": round(full_cpu / baseline_cpu, 3),
        # Every build's CPU time, in the order run (full, baseline, full, …): the spread the fastest hides.
        "full_cpu_samples_s": [round(p.cpu_seconds, 3) for p in runs["full"]],
        "baseline_cpu_samples_s": [round(p.cpu_seconds, 3) for p in runs["baseline"]],
        "full_ms_per_briefing": round(full_run.seconds / n * 1000, 2),
        "baseline_ms_per_briefing": round(baseline_run.seconds / n * 1000, 2),
        "pipeline_ms_per_briefing": round(pipeline_s / n * 1000, 2),
        "html_bytes_per_briefing": round(stats.html_bytes / n),
        "site_bytes": stats.total_bytes,
        "html_pages": stats.html_pages,
        "generated_pages": len(result.pages),
        "search_index_gzip_bytes": stats.search_index_gzip_bytes,
        "baseline_site_bytes": baseline_stats.total_bytes,
        "baseline_peak_rss_mb": round(baseline_run.peak_rss_mb, 1),
        # The Python process alone (MkDocs and the generator), without Pagefind's binary, whose own peak
        # is often the largest of the build's processes and so hides the generator's in peak_rss_mb.
        "build_rss_mb": round(min(p.own_rss_mb or 0 for p in runs["full"]), 1),
        "baseline_build_rss_mb": round(min(p.own_rss_mb or 0 for p in runs["baseline"]), 1),
        # The whole process tree, sampled (Pss summed over the processes alive at one moment): what a
        # build holds even when it moves work into child processes, which its own ru_maxrss would hide.
        # `ratio_rss` compares these sums without Pagefind's binary (the same indexing in both builds).
        "tree_peak_rss_mb": round(min(p.tree_mb or 0 for p in runs["full"]), 1),
        "baseline_tree_peak_rss_mb": round(min(p.tree_mb or 0 for p in runs["baseline"]), 1),
        "tree_rss_mb": round(full_tree, 1),
        "baseline_tree_rss_mb": round(baseline_tree, 1),
        "ratio_rss": round(full_tree / baseline_tree, 3) if baseline_tree else None,
        "largest_html_page": {"path": stats.largest_page[0], "bytes": stats.largest_page[1]},
        "largest_generated_page": {"path": largest_md[0], "bytes": len(largest_md[1].encode("utf-8"))},
        "corpus_warnings": warnings,
        "repeat": repeat,
        "seed": seed,
    }
