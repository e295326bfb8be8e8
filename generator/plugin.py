"""The MkDocs plugin: the only module that imports mkdocs.

Hooks, in the order MkDocs calls them:

- `on_config`   resolves where briefings and registries live (relative to mkdocs.yml).
- `on_files`    runs the pipeline and adds every generated page to the build *in memory*
                (`File.generated`), never writing into `docs/` — a file written there during
                a build would trigger `mkdocs serve` to rebuild forever. Problems stop
                `mkdocs build` with one PluginError that lists them all.
- `on_page_context`  nothing to do: edit links are set through `File.edit_uri`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .pipeline import Project, build

log = logging.getLogger("mkdocs.plugins.briefings")


class BriefingsConfig(Config):
    briefings_dir = c.Type(str, default="briefings")
    """Folder of briefing YAML files, relative to mkdocs.yml."""
    content_dir = c.Type(str, default="content")
    """Folder of the registries (actors.yaml, parties.yaml, topics.yaml), relative to mkdocs.yml."""


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.project = Project.at(root, self.config.briefings_dir, self.config.content_dir)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        result = build(self.project)
        for problem in result.problems.warnings:
            log.info(problem.render())
        if not result.ok:
            raise PluginError("the briefings have problems:\n" + result.problems.errors_render())
        docs_root = Path(config.docs_dir).resolve()
        for src_uri, markdown in result.pages.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} is a hand-written page in the place of a generated one: rename it")
            file = File.generated(config, src_uri, content=markdown)
            source = result.sources.get(src_uri)
            file.edit_uri = _relative_posix(source, docs_root) if source else None
            files.append(file)
        return files


def _relative_posix(path: Path, start: Path) -> str:
    import os

    return Path(os.path.relpath(path.resolve(), start)).as_posix()
