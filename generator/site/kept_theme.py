"""The theme's Jinja environment under a live preview, made once and kept for every rebuild (`KeptTheme`)."""

from __future__ import annotations

import os
import re
import sysconfig
from collections.abc import Callable
from typing import Any

import jinja2


class KeptTheme:
    """The theme's Jinja environment, made once for a preview's every rebuild (its compiled templates are kept),
    `auto_reload` on so that an edited template is read again. Listing the theme's files (MkDocs copies its
    static ones) walks thousands of icons: the folders of installed packages, which do not change while the
    preview runs, are walked once; any other (the project's `custom_dir`, this package's override) every time."""

    def __init__(self) -> None:
        self.env: Any = None
        self.key: tuple | None = None

    def environment(self, make: Callable[[], Any], dirs: list[str], locale: object) -> Any:
        key = (tuple(dirs), str(locale))
        if self.env is None or key != self.key:
            env = make()
            if type(env.loader) is jinja2.FileSystemLoader:
                env.loader = _ListedOnce(list(env.loader.searchpath), env.loader.encoding, env.loader.followlinks)
                env.loader.changed = env.cache.clear if env.cache is not None else (lambda: None)
            env.auto_reload = True
            self.env, self.key = env, key
        return self.env


_HIDDEN = re.compile(r"(?:^|/)\.")  # never copied by MkDocs (`.*`, `*/.*`): Material's 14,000 icons, not listed
_INSTALLED = tuple({os.path.realpath(sysconfig.get_paths()[k]) + os.sep for k in ("purelib", "platlib")})


class _ListedOnce(jinja2.FileSystemLoader):
    """A FileSystemLoader whose listing of a folder inside an installed package is kept (see `KeptTheme`). MkDocs
    lists the files at the start of each build: when they are not those of the last build (a template added to
    the project's folder may now hide the theme's), the compiled templates are dropped (`changed`)."""

    def __init__(self, searchpath: list[str], encoding: str, followlinks: bool) -> None:
        super().__init__(searchpath, encoding, followlinks)
        self.listed: dict[str, list[str]] = {}
        self.last: list[tuple[str, list[str]]] | None = None
        self.changed: Callable[[], None] = lambda: None

    def list_templates(self) -> list[str]:
        each = []
        for folder in self.searchpath:
            names = self.listed.get(folder)
            if names is None:
                names = jinja2.FileSystemLoader(folder, self.encoding, self.followlinks).list_templates()
                if os.path.realpath(folder).startswith(_INSTALLED):  # without what MkDocs never copies
                    self.listed[folder] = names = [n for n in names if not _HIDDEN.search(n)]
            each.append((folder, names))
        if self.last is not None and each != self.last:
            self.changed()
        self.last = each
        return sorted({name for _, names in each for name in names})
