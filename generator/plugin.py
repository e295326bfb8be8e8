"""The MkDocs plugin: the only module that imports mkdocs.

Hooks, in the order MkDocs calls them:

- `on_startup`  notes whether this is `mkdocs serve` (a live preview) or a build.
- `on_config`   makes the Project: where briefings, registries and docs live (relative to mkdocs.yml),
                through `Project.from_options`, the same constructor every other entry point uses.
- `on_files`    runs the pipeline and adds every generated page to the build *in memory*
                (`File.generated`), never writing into `docs/`: a file written there during
                a build would make `mkdocs serve` rebuild forever.
                On `mkdocs build`, any error stops the build with one PluginError listing
                them all. Under `serve`, raising would leave page requests hanging (MkDocs
                1.6), so the preview is built from every readable file, an error page
                lists the problems and every page carries a banner until they are fixed.
- `on_page_markdown`  adds that banner.
- `on_post_build`, `on_build_error`  hand the objects `on_files` set aside back to the garbage collector.
- `on_serve`    watches the briefings and registries folders, which live outside the docs folder.
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
from pathlib import Path
from urllib.parse import quote

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .site import markup, urls, wording
from .site.views import render_problems_page
from .pipeline import Project, Result, cached_build

log = logging.getLogger("mkdocs.plugins.briefings")


def edit_uri(source: Path, docs_root: Path) -> str:
    """The path of a page's YAML file, relative to the docs folder, percent-encoded.

    MkDocs joins it to `repo_url` + `edit_uri` as it is, and the theme prints the result
    inside `href="…"` without escaping: a file or folder name holding `"` or `>` would
    otherwise end the attribute. Only `/` stays as written.
    """
    return quote(Path(os.path.relpath(source.resolve(), docs_root)).as_posix(), safe="/")


class BriefingsConfig(Config):
    briefings_dir = c.Type(str, default="briefings")
    """Folder of briefing YAML files, relative to mkdocs.yml."""
    content_dir = c.Type(str, default="content")
    """Folder of the registries (actors.yaml, parties.yaml, topics.yaml), relative to mkdocs.yml."""


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    serving = False
    result: Result | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        config_file = Path(config.config_file_path)
        self.project = Project.from_options(config_file.parent, briefings_dir=self.config.briefings_dir,
                                            content_dir=self.config.content_dir, docs_dir=config.docs_dir,
                                            config_file=config_file)
        # Briefing text reaches Markdown as ⟦encoded⟧ runs; this extension renders each in one step.
        if not any(isinstance(e, markup.InertTextExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(markup.InertTextExtension())
        return config

    def on_files(self, files: Files, *, config) -> Files:
        result = cached_build(self.project)
        self.result = result
        for problem in result.problems.warnings:
            log.info(problem.render())
        if not result.ok:
            if not self.serving:
                raise PluginError("the briefings have problems:\n" + result.problems.errors_render())
            # INFO, not WARNING/ERROR: strict mode would count it and abort the preview's rebuild.
            log.info("the briefings have problems (see /%s):\n%s", urls.PROBLEMS, result.problems.errors_render())
        pages = dict(result.pages)
        if self.serving:
            pages[urls.PROBLEMS] = render_problems_page(result.problems)
        docs_root = Path(config.docs_dir).resolve()
        for src_uri, content in pages.items():
            if files.get_file_from_path(src_uri) is not None:
                shown = self.project.shown(self.project.docs_dir / src_uri)
                raise PluginError(f"{shown} is a hand-written page in the place of a generated one: rename it")
            inclusion = InclusionLevel.INCLUDED if src_uri in urls.NAV_PAGES else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, src_uri, content=content, inclusion=inclusion)
            source = result.edit_paths.get(src_uri)
            file.edit_uri = edit_uri(source, docs_root) if source else None
            files.append(file)
        # The pipeline's index (every briefing as objects) lives until the build ends, for the
        # home page's macros: set it aside from the cyclic garbage collector, which would
        # otherwise walk it again on every full collection while MkDocs renders the pages
        # (about 3% of a build of a thousand briefings). Put back when the build ends.
        gc.freeze()
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if not (self.serving and self.result and not self.result.ok):
            return markdown
        if page.file.src_uri == urls.PROBLEMS:
            return markdown
        target = posixpath.relpath(urls.PROBLEMS, posixpath.dirname(page.file.src_uri) or ".")
        return wording.preview_banner(len(self.result.problems.errors), target) + markdown

    def on_post_build(self, *, config) -> None:
        gc.unfreeze()

    def on_build_error(self, *, error) -> None:
        gc.unfreeze()

    def on_serve(self, server, *, config, builder):
        for folder in (self.project.briefings_dir, self.project.content_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server
