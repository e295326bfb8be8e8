"""The MkDocs plugin: the only module that imports mkdocs. Hooks, in the order MkDocs calls them:

- `on_startup`  notes whether this is `mkdocs serve` (a live preview) or a build; SIGTERM stops it as Ctrl-C (stopping.py).
- `on_config`   makes the Project (`Project.from_options`, as every entry point does: where briefings,
                registries and docs live) and puts the theme override (site/theme/) ahead of the theme's.
- `on_files`    runs the pipeline and adds every generated page *in memory* (`File.generated`), never
                writing into `docs/` (`mkdocs serve` would rebuild forever). On `mkdocs build`, any error
                stops the build with one PluginError listing them all, never a traceback. Under `serve`,
                raising would leave requests hanging (MkDocs 1.6): the preview is built from every readable
                file, an error page lists the problems and every page carries a banner (`on_page_markdown`)
                until they are fixed. `on_pre_page`: a preview converts a generated page in sections, and keeps
                what a hand-written page's conversion gave while it holds (sections.py).
- `on_env`      gives the theme the search box, rendered once for every page; on `mkdocs build`, drops the index.
- `on_post_page`, `on_post_template`  fill in each page's Content-Security-Policy (site/csp.py).
- `on_post_build`  indexes the site for the search (site/search_index.py: Pagefind, once over the whole folder);
                a failure stops the build. Under `serve`, the first build is indexed before the preview opens and
                every rebuild in a background thread after the page is served (`BackgroundIndexer`); a failure
                there is logged and the preview goes on. `on_build_error` gives the collector back its objects.
- `on_serve`    watches the briefings and registries folders (generator/watching.py, until `on_shutdown`) and wraps
                the preview's rebuild: when anything else fails (a macro, strict mode), the error page shows.

Under `serve` only, a rebuild after the first is incremental (`Preview`): it runs as MkDocs' own `--dirty`
build and tells MkDocs which generated files changed; generated pages whose inputs did not change are not
rendered again (site/page_cache.py, site/page_memo.py), nor are their feeds and head data; a second process
converts about half of the changed pages (`SharedConversion`), with an inline pass that skips the patterns a
text cannot match (site/quick_inline.py); the exports are written after the pages are served, by a child
process. The garbage collector is off while `on_files` runs."""

from __future__ import annotations

import functools
import gc
import logging
import os
import posixpath
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import _populate_page
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure import pages
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import stopping
from .site import csp, markup, quick_inline, search_index, urls, wording
from .site.page_store import Pages, decompress, write_decompressed
from .pipeline import Project, Result, cached_build, collector_paused, failed_build, forget, showing
from .preview import NoDirtyWarning, Preview, published_failed, warning_lines
from .reading.problems import Problem, ProblemList

log = logging.getLogger("mkdocs.plugins.briefings")

THEME_DIR = Path(__file__).resolve().parent / "site" / "theme"


class StoredPage(File):
    """A generated file kept compressed (site/page_store.py) until read or written; `once` (a published build): then freed."""
    once = False

    @property
    def content_string(self) -> str:
        text, self._content = decompress(self._content), b"" if self.once else self._content  # b"": not on disk
        return text

    content_bytes = property(lambda self: self.content_string.encode("utf-8"))

    def copy_file(self, dirty: bool = False) -> None:  # a generated file is always written anew
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        write_decompressed(self._content, self.abs_dest_path)


class BriefingsConfig(Config):
    briefings_dir = c.Type(str, default="briefings")
    """Folder of briefing YAML files, relative to mkdocs.yml."""
    content_dir = c.Type(str, default="content")
    """Folder of the registries (actors.yaml, parties.yaml, topics.yaml), relative to mkdocs.yml."""


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    serving = False
    rebuilding = False  # under `serve`, once the first build is done: search indexing moves to the background
    problems: ProblemList = ProblemList()
    result: Result | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving, self.rebuilding = command == "serve", False  # MkDocs keeps a plugin with this hook
        stopping.handle_as_interrupt()

    def on_config(self, config):
        # The theme override (the CSP placeholder), part of the package: after a project's custom_dir, before the theme's.
        theme = config.theme
        theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
        if self.serving and self.rebuilding:  # no garbage collection while a rebuild runs (preview.Collector)
            self.preview.collector.hold()
        if self.serving and callable(getattr(theme, "get_env", None)):  # one Jinja environment for every rebuild
            theme.get_env = functools.partial(self.preview.theme.environment, theme.get_env, theme.dirs, theme.locale)
        config_file = Path(config.config_file_path)
        self.project = Project.from_options(config_file.parent, briefings_dir=self.config.briefings_dir, config_file=config_file,
                                            content_dir=self.config.content_dir, docs_dir=config.docs_dir)
        for ext in (markup.InertTextExtension, quick_inline.QuickInlineExtension)[:1 + self.serving]:  # ⟦text⟧ in one step
            config.markdown_extensions += [] if any(isinstance(e, ext) for e in config.markdown_extensions) else [ext()]
        return config

    def on_files(self, files: Files, *, config) -> Files:  # never raises for the input: failures come back as problems
        with collector_paused():  # what it makes lives to the end of the build: see gc.freeze below
            return self._files(files, config)

    def _files(self, files: Files, config) -> Files:
        later = self.serving and self.rebuilding and bool(self.preview.published)  # exports written after (`write_later`)
        result = cached_build(self.project, live=self.serving, later=later)
        self.result = result  # what this build's pages, and the home page's macros, are made from
        for trace in result.crashes:
            log.debug("the generator failed:\n%s", trace)  # shown with `mkdocs … -v`
        problems = ProblemList(result.problems)
        pages = Pages(result.pages) if self.serving else result.pages.handed_over() if result.ok else Pages()  # compressed
        for src_uri in list(pages):
            if files.get_file_from_path(src_uri) is not None:
                shown = self.project.shown(self.project.docs_dir / src_uri)
                problems.append(Problem(shown, 0, 0, "", "is a hand-written page in the place of a generated one",
                                        "rename it"))
                del pages[src_uri]
        self.problems = problems = problems.sorted()
        for line in warning_lines(problems.warnings, self.preview if self.serving else None):
            log.info(line)  # a preview logs those its last build did not (its error page lists them all)
        if problems.errors:
            if not self.serving:
                # One line per problem, no traceback: the input, not the build, needs fixing.
                raise PluginError("the briefings have problems:\n" + problems.errors_render())
            # INFO, not WARNING/ERROR: strict mode would count it and abort the preview's rebuild.
            log.info("the briefings have problems (see /%s):\n%s", urls.page_url(urls.PROBLEMS),
                     problems.errors_render())
        if self.serving:
            report = self.preview.report(problems)
            pages[urls.PROBLEMS] = report
            # Pages in the nav must exist even when none could be generated, or the strict rebuild fails
            # and MkDocs leaves the preview hanging: they show the report instead.
            for src_uri in sorted(urls.NAV_PAGES - pages.keys()):
                if files.get_file_from_path(src_uri) is None:
                    pages[src_uri] = report
        kept = frozenset(self.preview.published - pages.keys()) if result.later is not None else frozenset()
        pages.update(dict.fromkeys(kept, ""))  # MkDocs keeps their output; written after the build
        docs_root = Path(config.docs_dir).resolve()
        for src_uri in pages:
            inclusion = InclusionLevel.INCLUDED if src_uri in urls.NAV_PAGES else InclusionLevel.NOT_IN_NAV
            if src_uri.endswith(".md") or not self.serving:  # kept compressed until read, or written
                file = StoredPage.generated(config, src_uri, content=pages.compressed(src_uri), inclusion=inclusion)
                file.once = not self.serving
            else:  # CSV, JSON, SVG: copied as they are
                file = File.generated(config, src_uri, content=pages[src_uri].encode("utf-8"), inclusion=inclusion)
            source = result.edit_paths.get(src_uri)
            file.edit_uri = urls.edit_uri(source, docs_root) if source else None
            files.append(file)
        if self.serving:
            self.preview.sections.keep(pages.keys(), config)
            self.preview.plan(files, config, pages, len(problems.errors), kept)
            if self.rebuilding:  # half the changed pages converted by a second process (shared_conversion.py)
                self.preview.shared.start([files.get_file_from_path(p) for p in self.preview.changed],
                                          lambda file: self.preview.changed[file.src_uri],
                                          functools.partial(_convert, config=config, files=files), files)
        # Under `serve`, the index lives until the build ends: set aside from the cyclic garbage collector, which would
        # walk it again on every full collection (3% of a build of a thousand briefings). Put back at the end.
        gc.freeze()
        return files

    def on_pre_page(self, page, *, config, files):  # a preview converts a generated page in sections (sections.py)
        if self.serving and isinstance(page.file, StoredPage):
            page.render = functools.partial(self.preview.sections.render, page, _steps, get_toc, Page.render)
        elif self.serving:  # a hand-written page: what its conversion gave is kept while it holds
            page.render = functools.partial(self.preview.sections.whole_page, page, Page.render)
        return page

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if not (self.serving and self.problems.errors) or page.file.src_uri == urls.PROBLEMS:
            return markdown
        target = posixpath.relpath(urls.PROBLEMS, posixpath.dirname(page.file.src_uri) or ".")
        return wording.preview_banner(len(self.problems.errors), target) + markdown

    def on_post_page(self, output: str, *, page, config) -> str:
        return self._with_policy(output, page.content or "", page.file.src_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        html = template_name.endswith(".html")  # not sitemap.xml
        return self._with_policy(output_content, "", template_name) if html else output_content

    def _with_policy(self, html: str, content: str, name: str) -> str:
        done = csp.with_policy(html, content, live_reload=self.serving)
        if done is not None:
            return done
        message = (f"{name} has no Content-Security-Policy placeholder: a theme override replaced the "
                   f"`site_meta` block of {THEME_DIR / 'main.html'} without calling super()")
        if not self.serving:
            raise PluginError(message)
        log.info(message)  # INFO: a warning would abort the preview's strict rebuild
        return html

    def on_env(self, env, *, config, files):
        self.preview.shared.finish() if self.serving else None  # the pages the second process converted
        env.globals["briefings_search"] = search_index.search_box(env.get_template)  # the header's search, in French
        # Every page is rendered (macros too): a build needs its result no more; a preview keeps it for the next.
        if not self.serving:
            self.result = None
            forget()
        return env

    def on_post_build(self, *, config) -> None:
        gc.unfreeze()
        if self.serving:
            self.preview.built()
            if self.rebuilding:  # the rebuilt pages are served now; the search catches up in the background
                if self.result is not None and self.result.later is not None:
                    self.preview.write_later(self.result.later, config.site_dir)
                self.indexer.submit(Path(config.site_dir))
                return self.preview.collector.later()
            try:  # the first build: the preview opens with its search working
                search_index.build_index(Path(config.site_dir))
            except Exception as exc:  # noqa: BLE001 - reported; the preview works without its search
                search_index.preview_failed(exc)
            return
        try:
            search_index.build_index(Path(config.site_dir))
        except search_index.SearchIndexError as exc:
            raise PluginError(f"the search index could not be built: {exc}") from exc

    @functools.cached_property
    def indexer(self) -> search_index.BackgroundIndexer:
        return search_index.BackgroundIndexer(report=search_index.preview_failed)

    def on_shutdown(self) -> None:  # the preview's watch stopped, and what its threads write to the site finished:
        for worker in ("indexer", "preview"):  # MkDocs removes the site's folder next (a second Ctrl-C: left)
            getattr(self, worker).close(stopping.WAIT_S) if worker in self.__dict__ else None
        stopping.restore()
        stopping.no_collection_at_exit() if self.serving else None  # a build ends as MkDocs alone does

    def on_build_error(self, *, error) -> None:
        gc.unfreeze()
        if self.serving:
            self.preview.failed()

    def on_serve(self, server, *, config, builder):
        self.preview.watch(server, [f for f in (self.project.briefings_dir, self.project.content_dir) if f.is_dir()])
        server.builder = functools.partial(self._build_or_show_failure, server.builder)
        self.rebuilding = True
        return server

    @functools.cached_property
    def preview(self) -> "Preview":
        return Preview(report=published_failed)

    def _build_or_show_failure(self, builder) -> None:
        """A rebuild, and when anything in it raises (a macro, a Markdown extension, strict mode's
        warnings), a second one showing an empty site, the error page and the banner: MkDocs 1.6
        leaves every request hanging until a rebuild succeeds. If that one fails too (a hand-written
        page at fault), MkDocs reports it as usual. SystemExit counts: the macros plugin exits on a
        failing macro, which would end the preview's build thread for good."""
        try:
            with dirty_builds():
                builder()
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - the preview must answer whatever failed
            cause: BaseException = exc
            while isinstance(cause, SystemExit) and (cause.__cause__ or cause.__context__):
                cause = cause.__cause__ or cause.__context__  # what made the plugin exit
            failure = f"{type(cause).__name__}: {cause}".strip().rstrip(":")
            log.info("the site could not be built (%s): the preview shows the error page", failure)
            log.debug("the build failed:\n%s", "".join(traceback.format_exception(exc)))
            with showing(failed_build(self.project, failure)), dirty_builds():
                builder()


def _convert(file: File, *, config, files: Files) -> None:  # as MkDocs' build loop does, the page made if need be
    _populate_page(file.page or Page(None, file, config), config, files, dirty=True)


def _steps(page: Page, files: Files, config) -> tuple:  # what `Page.render` adds to a page's converter (sections.py)
    return (pages._RawHTMLPreprocessor(), pages._ExtractAnchorsTreeprocessor(page.file, files, config),
            pages._RelativePathTreeprocessor(page.file, files, config), pages._ExtractTitleTreeprocessor())


@contextmanager
def dirty_builds() -> Iterator[None]:
    """While it lasts, `mkdocs serve` rebuilds as `--dirty` does: unmodified files keep their output."""
    import mkdocs.commands.serve as serve_command

    original = serve_command.build
    serve_command.build = functools.partial(lambda build, config, **o: build(config, **{**o, "dirty": True}), original)
    quiet = NoDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        yield
    finally:
        serve_command.build = original
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
