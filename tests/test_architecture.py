"""The package's folders show the pipeline, and its imports point one way.

entry points (cli, plugin, macros, pipeline, project)
  → site (pages and files)  → corpus (index, divergences)  → reading (YAML → models)
authoring (tools for writers) uses the reading side and the site's French wording.
Nothing below the entry points imports them, and only the plugin imports MkDocs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "generator"
ROOMS = {"reading", "corpus", "site", "authoring"}
ALLOWED = {
    "reading": {"reading"},
    "corpus": {"reading", "corpus"},
    "site": {"reading", "corpus", "site"},
    "authoring": {"reading", "authoring", "site.wording"},
}
MAX_LINES = 300


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, as an absolute dotted name."""
    package = dotted(path) if path.name == "__init__.py" else dotted(path).rsplit(".", 1)[0]
    return imported(path.read_text(encoding="utf-8"), package)


def imported(source: str, package: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # `from . import wording`
    return found


def room_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "generator" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in ROOMS else "entry"


def test_the_package_has_its_rooms() -> None:
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()} == ROOMS
    entry = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert entry == {"cli", "plugin", "macros", "pipeline", "preview", "project", "sections", "shared_conversion",
                     "stopping", "watching"}


def violations(module: str, targets: set[str]) -> list[str]:
    room = room_of(module)
    if room in (None, "entry"):
        return []
    found = []
    for target in sorted(targets):
        other = room_of(target)
        if other is None:
            continue
        if other == "entry" or not (other in ALLOWED[room] or ".".join(target.split(".")[1:3]) in ALLOWED[room]):
            found.append(f"{module} ({room}) imports {target} ({other})")
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: dotted(p))
def test_imports_point_one_way(path: Path) -> None:
    assert violations(dotted(path), imports(path)) == []


@pytest.mark.parametrize(("source", "package"), [
    ("from ..site.wording import plural", "generator.corpus"),
    ("from ..corpus import index", "generator.reading"),
    ("from ..pipeline import build", "generator.site"),
    ("from generator.corpus.index import CorpusIndex", "generator.authoring"),
])
def test_a_reverse_import_is_caught(source: str, package: str) -> None:
    assert violations(f"{package}.example", imported(source, package))


@pytest.mark.parametrize("path", modules(), ids=lambda p: dotted(p))
def test_only_the_plugin_imports_mkdocs(path: Path) -> None:
    if path.name == "plugin.py" and path.parent == PACKAGE:
        return
    assert not {m for m in imports(path) if m == "mkdocs" or m.startswith("mkdocs.")}, dotted(path)


@pytest.mark.parametrize("path", modules(), ids=lambda p: dotted(p))
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES, dotted(path)


def test_mkdocs_yml_uses_the_extension_points() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "not_in_nav" not in text, "the plugin marks its pages not-in-nav"
    assert "slugify: !!python/name:generator.site.markup.heading_id" in text
