"""What the live preview last wrote, so that a rebuild under `mkdocs serve` renders only what changed.

The plugin marks MkDocs' files as modified or not from this record (MkDocs' own `File` objects are
used through their attributes only: this module does not import MkDocs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .pipeline import _stat


class Preview:
    """What the live preview last wrote, so that a rebuild renders only what changed.

    A generated file keeps the output of the previous build when its content is the same and nothing
    every page shows has changed: the banner (the number of errors), the hand-written pages and their nav,
    mkdocs.yml. Hand-written pages are always rendered again (the home page's macros read the corpus).
    The output of a generated page that is gone is deleted; after a failed build, every page is rendered.
    """

    def __init__(self) -> None:
        self.written: dict[str, tuple[int, str]] = {}  # src_uri → (hash of its content, output path)
        self.pending: dict[str, tuple[int, str]] = {}
        self.context: tuple | None = None
        self.pending_context: tuple | None = None

    def plan(self, files: Any, config: Any, pages: dict[str, str], errors: int) -> None:
        context = (errors, _stat(Path(config.config_file_path or ".")),
                   tuple((f.src_uri, _stat(Path(f.abs_src_path))) for f in files if f.abs_src_path))
        same, self.pending, self.pending_context = context == self.context, {}, context
        for file in files:
            if file.src_uri not in pages:
                if file.is_documentation_page():
                    file.is_modified = lambda: True  # type: ignore[method-assign]
                continue
            digest = hash(pages[file.src_uri])
            self.pending[file.src_uri] = (digest, file.abs_dest_path)
            if same and self.written.get(file.src_uri, (None,))[0] == digest:
                file.is_modified = lambda: False  # type: ignore[method-assign]
        for src_uri, (_, dest) in self.written.items():
            if src_uri not in self.pending:
                _remove(Path(dest))

    def built(self) -> None:
        self.written, self.context = self.pending, self.pending_context

    def failed(self) -> None:
        self.written, self.context = {}, None


def _remove(dest: Path) -> None:
    dest.unlink(missing_ok=True)
    try:
        dest.parent.rmdir()  # a page's own folder (`briefings/x/index.html`), when now empty
    except OSError:
        pass
