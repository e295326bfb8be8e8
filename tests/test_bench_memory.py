"""The bench's memory measure counts what a build moves into child processes (bench/run.py: the launcher
samples the process tree): a build cannot lower its figure by forking."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.run import run_measured

# A parent that stays small while a forked child holds 200 MB for a while, then exits.
FORKING = """
import os, time
pid = os.fork()
if pid == 0:
    block = bytearray(200 * 2**20)
    for i in range(0, len(block), 4096):
        block[i] = 1
    time.sleep(0.5)
    os._exit(0)
os.waitpid(pid, 0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_memory_held_by_a_child_process_counts(tmp_path: Path) -> None:
    run = run_measured([sys.executable, "-c", FORKING], tmp_path, tmp_path / "run.log")
    assert run.returncode == 0
    assert run.tree_mb is not None and run.tree_without_indexer_mb is not None
    # The parent alone holds a few megabytes: only the child's block brings the sum past 200 MB. Pages the
    # child shares with its parent count once (Pss): the sum stays well under twice the block.
    assert 200 <= run.tree_without_indexer_mb < 300
    assert run.tree_mb == run.tree_without_indexer_mb  # no Pagefind here
