"""Every command answers --help, is documented in the README, and writes no colour codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(main.commands)
BRIEFINGS = Path(sys.executable).parent / "briefings"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_every_option_described(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    for param in main.commands[command].params:
        if isinstance(param, click.Option):
            assert param.help, f"{command} {param.opts[0]} has no help"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `{command}` |" in readme, f"README's command table lacks `{command}`"


@pytest.mark.skipif(not BRIEFINGS.exists(), reason="the briefings script is not installed next to this Python")
def test_no_colour_codes_even_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    runs = [["--help"], ["--root", str(tmp_path), "schema"], ["--root", str(tmp_path), "new", "--date", "2025"],
            ["--root", str(tmp_path), "check"], ["new", "--date", "2025-13"]]
    for args in runs:
        proc = subprocess.run([str(BRIEFINGS), *args], capture_output=True, text=True, env=env, timeout=60)
        assert "\x1b[" not in proc.stdout + proc.stderr, args
