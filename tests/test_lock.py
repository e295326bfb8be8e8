"""The lock is the environment: every machine runs the versions the tests were made with.

`make serve`, `make test` and `make site` install requirements/lock.txt with hashes;
`make lock` refreshes it on purpose. These tests fail when pyproject.toml asks for
something the lock does not hold, when a pin has no hash, or when the running
environment drifted from the lock (except under `make test-latest`, whose point is
to run the newest versions the ranges allow).
"""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCK = ROOT / "requirements" / "lock.txt"


def locked() -> list[tuple[Requirement, list[str]]]:
    """Each pinned requirement of the lock with its hashes."""
    entries: list[tuple[Requirement, list[str]]] = []
    for block in re.split(r"\n(?=\S)", LOCK.read_text(encoding="utf-8")):
        head, *rest = block.split("\\\n")
        if head.startswith("#") or not head.strip():
            continue
        hashes = [h.split("=", 1)[1].split()[0] for h in rest if h.strip().startswith("--hash=")]
        entries.append((Requirement(head.strip()), hashes))
    return entries


def applicable() -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r, _ in locked() if r.marker is None or r.marker.evaluate()}


def declared() -> list[Requirement]:
    """pyproject's requirements that apply to this interpreter (a `; python_version < ...` one may not)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    return [r for r in requirements if r.marker is None or r.marker.evaluate({"extra": "test"})]


def pinned_version(requirement: Requirement) -> str:
    (spec,) = requirement.specifier
    assert spec.operator == "==", f"{requirement}: the lock pins exact versions"
    return spec.version


def test_every_pin_is_exact_and_hashed() -> None:
    entries = locked()
    assert len(entries) > 20
    for requirement, hashes in entries:
        pinned_version(requirement)
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), requirement


def test_the_lock_satisfies_every_range_of_pyproject() -> None:
    pins = applicable()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is in pyproject.toml but not in the lock: run `make lock`"
        version = pinned_version(pins[name])
        assert requirement.specifier.contains(version, prereleases=True), \
            f"the lock pins {requirement.name}=={version}, outside {requirement.specifier}: run `make lock`"


def test_the_build_backend_is_locked_too() -> None:
    """The editable install runs without build isolation: its backend comes from the lock, not the index."""
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    pins = applicable()
    for requirement in map(Requirement, backend):
        name = canonicalize_name(requirement.name)
        assert name in pins and requirement.specifier.contains(pinned_version(pins[name]))


@pytest.mark.skipif(os.environ.get("BRIEFINGS_UNLOCKED") == "1",
                    reason="`make test-latest` runs the newest versions the ranges allow, not the lock")
def test_the_running_environment_is_the_lock() -> None:
    drift = []
    for name, requirement in sorted(applicable().items()):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            drift.append(f"{name}: locked {pinned_version(requirement)}, not installed")
            continue
        if installed != pinned_version(requirement):
            drift.append(f"{name}: locked {pinned_version(requirement)}, installed {installed}")
    assert drift == [], "the environment is not the lock (delete .venv and run `make test`):\n" + "\n".join(drift)
