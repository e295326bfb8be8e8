"""The same inputs give the same site, byte for byte, whatever the machine.

Two full `mkdocs build`s of the test corpus, with names that tie (they differ only by case,
accents or script, so any order decided by them alone is left to chance), differ in
everything the inputs do not say: hash seed, locale (French rules vs C, and a plain ASCII
locale), time zone, the folder the project lives in and the order its files were created
in (the order a directory lists them). The sites must be identical. MkDocs writes the
build's date into sitemap.xml unless SOURCE_DATE_EPOCH is set (the reproducible-builds
convention), so both builds get the same one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT
from pagefind_files import varies_between_runs

pytestmark = pytest.mark.slow

TIES_PARTIES = """\
- {id: europe-a, name: Europe}
- {id: europe-b, name: europe}
- {id: europe-c, name: Éurope}
- {id: rossiya, name: Россия}
- {id: ukrayina, name: Україна}
- {id: zhongguo, name: 中国}
"""
TIES_TOPICS = """\
- {id: energie-a, name: Énergie}
- {id: energie-b, name: energie}
- {id: energie-c, name: ENERGIE}
"""
PEOPLE = [("Jean Inconnu", "Président"), ("jean inconnu", "président"), ("Jéan Inconnu", "PRÉSIDENT"),
          ("Зоя Третья", "témoin"), ("第三人", "Témoin")]


def ties_briefing() -> str:
    lines = ["title: Égalités de noms", "summary: Des noms qui ne diffèrent que par la casse, les accents ou l'écriture.",
             "source: {outlet: Le Banc d'essai, published: 2025-10-05, genre: news}", "actors:"]
    lines += [f"  - {{name: {name}, role: {role}}}" for name, role in PEOPLE]
    lines.append("demands:")
    lines += [f"  - {{party: {p}, topic: {t}, text: Exigence {p} {t}.}}"
              for p in ("europe-a", "europe-b", "europe-c", "rossiya", "ukrayina", "zhongguo")
              for t in ("energie-a", "energie-b", "energie-c")]
    lines.append("quotes:")
    lines += [f"  - {{speaker: {name}, text: Parole numéro {i}.}}" for i, (name, _) in enumerate(PEOPLE)]
    lines.append("figures:")
    lines += [f"  - {{indicator: stock-{i % 2}, label: {label}, value: {i + 1}, unit: t, attributed_to: {PEOPLE[i][0]}}}"
              for i, label in enumerate(("Stock", "stock", "Stöck"))]
    return "\n".join(lines) + "\n"


def project(dest: Path, *, reverse: bool) -> Path:
    """The test corpus plus the ties; files created in sorted or reverse order."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(CORPUS / "content", dest / "content")
    with (dest / "content" / "parties.yaml").open("a", encoding="utf-8") as f:
        f.write(TIES_PARTIES)
    with (dest / "content" / "topics.yaml").open("a", encoding="utf-8") as f:
        f.write(TIES_TOPICS)
    files = {p.name: p.read_bytes() for p in (CORPUS / "briefings").iterdir()}
    files["2025-10-05-egalites.yaml"] = ties_briefing().encode("utf-8")
    (dest / "briefings").mkdir()
    for name in sorted(files, reverse=reverse):
        (dest / "briefings" / name).write_bytes(files[name])
    return dest


def french_locale(tmp: Path) -> dict[str, str]:
    """fr_FR.UTF-8: installed, else compiled into a private folder (no root needed), else C.UTF-8 is all there is."""
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    if any(name.lower().replace("-", "") == "fr_fr.utf8" for name in listed):
        return {"LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"}
    if shutil.which("localedef") and Path("/usr/share/i18n/locales/fr_FR").exists():
        done = subprocess.run(["localedef", "-i", "fr_FR", "-f", "UTF-8", str(tmp / "fr_FR.UTF-8")],
                              capture_output=True)
        if (tmp / "fr_FR.UTF-8").is_dir():
            return {"LC_ALL": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8", "LOCPATH": str(tmp)}
        assert done.returncode, "localedef said it worked but wrote nothing"
    pytest.skip("no French locale installed or compilable: the locale would not vary")


def build(root: Path, site: Path, env: dict[str, str]) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHON", "TZ", "LOCPATH"))}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=root,
                          capture_output=True, text=True, timeout=300,
                          env={**base, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764547200", **env})
    assert proc.returncode == 0, proc.stdout + proc.stderr


def tree(site: Path) -> dict[str, bytes]:
    # Less the few search files Pagefind 1.5.2 writes differently on each run (tests/pagefind_files.py).
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not varies_between_runs(p.relative_to(site).as_posix())}


def test_two_builds_on_different_machines_give_the_same_bytes(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    locales.mkdir()
    variants = {
        "a": ({"PYTHONHASHSEED": "1", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"}, False),
        "autre-dossier": ({"PYTHONHASHSEED": "2", "TZ": "Pacific/Kiritimati", **french_locale(locales)}, True),
        # An ASCII locale, with Python told not to switch to UTF-8 on its own.
        "ascii": ({"PYTHONHASHSEED": "3", "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0",
                   "TZ": "America/Anchorage"}, True),
    }
    sites = {}
    for name, (env, reverse) in variants.items():
        root = project(tmp_path / name / "project", reverse=reverse)
        build(root, tmp_path / name / "site", env)
        sites[name] = tree(tmp_path / name / "site")
    first = sites.pop("a")
    assert "revendications/index.html" in first and "sitemap.xml" in first
    for name, other in sites.items():
        assert sorted(other) == sorted(first), name
        differ = [path for path in first if first[path] != other[path]]
        assert differ == [], f"{name}: {differ}"
