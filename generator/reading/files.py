"""Which files are a project's inputs: the briefing files of their folder, the names they may have,
and symbolic links, refused anywhere under the inputs.

A link in `briefings/` or `content/` (or one of those folders being a link) would make a
build read, and its messages print, any file the builder can read: a key, a password
file. Git commits links as easily as files, so a pull request could add one.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .fields import MAX_ID_LENGTH, SLUG_RE
from .names import slugify

BRIEFING_SUFFIXES = (".yaml", ".yml")
# What a briefing file may be called, even when it writes its own `id:`: its name ends up in
# paths and links (the page's "edit" button), so it holds no space, quote, bracket or percent.
FILE_STEM_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")


def is_briefing_name(name: str) -> bool:
    """`x.yaml`, `x.yml`, `x.YAML`: the suffix, whatever its case."""
    return name.lower().endswith(BRIEFING_SUFFIXES) and not name.startswith(".")


def scan_briefing_folder(folder: Path) -> tuple[list[Path], list[Path]]:
    """(briefing files, entries skipped), both sorted.

    Briefing files are the entries with a YAML suffix that are files (or links, which the
    loader refuses with a message). Skipped is everything else the analyst can see: a
    backup `x.yaml~`, a `notes.txt`, a folder. Hidden entries (`.gitkeep`, an editor's
    `.x.yaml.swp`, `.DS_Store`) are neither: tools put them there, and they stay unmentioned.
    """
    if not folder.is_dir():
        return [], []
    files: list[Path] = []
    skipped: list[Path] = []
    for entry in folder.iterdir():
        if entry.name.startswith("."):
            continue  # hidden on purpose: see the docstring
        if is_briefing_name(entry.name) and (entry.is_symlink() or entry.is_file()):
            files.append(entry)
        else:
            skipped.append(entry)
    return sorted(files), sorted(skipped)


def find_briefing_files(folder: Path) -> list[Path]:
    return scan_briefing_folder(folder)[0]


def skipped_reason(entry: Path) -> tuple[str, str]:
    """Why an entry of the briefings folder is not read, and what to do if it is meant to be."""
    if entry.is_dir():
        return ("is a folder: only files directly in the briefings folder are read",
                "move its briefings up one level if they are meant to be published")
    if is_briefing_name(entry.name):
        return "is not a regular file: it is not read", "save the briefing as an ordinary file"
    return ("is not read: a briefing's file name ends in .yaml or .yml",
            f"rename it '{entry.name.split('.')[0] or 'briefing'}.yaml' if it is a briefing; "
            "otherwise keep it out of this folder")


def linked_part(path: Path, root: Path | None) -> Path | None:
    """The first symbolic link on the way from `root` down to `path` (both included but `root`), or None.

    A path outside `root` (a folder configured elsewhere) is checked on its own.
    """
    target = Path(os.path.normpath(path.absolute()))
    parts = [target]
    if root is not None:
        base = Path(os.path.normpath(root.absolute()))
        try:
            relative = target.relative_to(base)
        except ValueError:
            pass
        else:
            parts = [base.joinpath(*relative.parts[:i]) for i in range(1, len(relative.parts) + 1)]
    return next((p for p in parts if p.is_symlink()), None)


def file_stem_suggestion(stem: str, declared_id: object) -> str:
    """A name to suggest for a file whose name cannot be used: its own id when it has a good one."""
    if isinstance(declared_id, str) and SLUG_RE.match(declared_id):
        return declared_id
    return slugify(stem)[:MAX_ID_LENGTH].strip("-") or "briefing"


def file_digest(path: Path) -> bytes | tuple[int, int] | None:
    """A hash of a regular file's bytes (None when unreadable); for anything else, `file_stat`. Within `read_once`,
    the bytes are kept for the file's next reader (`bytes_read`)."""
    if path.is_symlink() or not path.is_file():
        return file_stat(path)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    kept = getattr(_reads, "kept", None)
    if kept is not None:
        kept[path] = data
    return hashlib.blake2b(data, digest_size=16).digest()


_reads = threading.local()


@contextmanager
def read_once() -> Iterator[None]:
    """While it lasts (in this thread), a file hashed by `file_digest` is not read again: its reader takes the
    bytes hashed (`bytes_read`). A preview's rebuild hashes every briefing to see what changed, then loads them:
    at a thousand briefings, a second reading of each file is a tenth of a second. The text loaded is then also
    the very text whose hash says whether the build is still current."""
    before = getattr(_reads, "kept", None)
    _reads.kept = {}
    try:
        yield
    finally:
        _reads.kept = before


def bytes_read(path: Path) -> bytes | None:
    """The bytes `file_digest` read of `path` within `read_once`, handed over once; None: read the file."""
    kept = getattr(_reads, "kept", None)
    return kept.pop(path, None) if kept else None


def file_stat(path: Path) -> tuple[int, int]:
    """Modification time and size, not following a link; (-1, -1) when it is gone."""
    try:
        st = path.lstat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)
