"""The `briefings` command. Exit codes: 0 clean, 1 problems found, 2 usage error."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .reading.dates import PartialDate
from .authoring.draft import MAX_ARTICLE_BYTES, draft_article, render_draft
from .site.export import JSON_FILE, export_tables, render_csv, render_json
from .reading.loader import load_briefing_text, load_registry
from .reading.models import ActorEntry, TopicEntry
from .pipeline import Project, check as run_check
from .project import ProjectError
from .reading.problems import ProblemList, Severity, counted, display_path, visible
from .authoring.format_page import PAGE as FORMAT_PAGE, render_format_page
from .authoring.options import DATE, briefing_out, text_option
from .authoring.scaffold import default_file_name, id_for, render_scaffold, schema_ref
from .authoring.schema import render_schemas
from .site.divergence_export import CSV_FILE as DIVERGENCES_CSV
from .site.divergence_export import JSON_FILE as DIVERGENCES_JSON
from .site.divergence_export import divergence_rows, render_divergences
from .site.divergence_export import render_schema as render_divergence_schema
from .site.urls import EXPORTS_DIR


def say(text: str, err: bool = False) -> None:
    """One report line (or several) for a terminal: control and format characters that came from a file
    name, a briefing or an option are shown as escapes, as in `check`'s report."""
    click.echo("\n".join(visible(line) for line in text.split("\n")), err=err)


def cannot_write(path: Path, project: Project, exc: OSError) -> None:
    """Any failure to write an output is one line and exit 1, never a traceback."""
    say(f"cannot write {display_path(path, project.root)}: {exc.strerror or exc}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".", show_default=True,
              help="Project folder: where mkdocs.yml is. Its `briefings` plugin options (briefings_dir, "
                   "content_dir) and docs_dir say where the files are; without a mkdocs.yml, briefings/, "
                   "content/ and docs/ under this folder.")
@click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path),
              help="The MkDocs configuration to read, as `mkdocs -f`  [default: mkdocs.yml under --root]")
@click.pass_context
def main(ctx: click.Context, root: Path, config_file: Path | None) -> None:
    """Validate, scaffold and export the briefings of a briefing site."""
    if config_file is not None and not config_file.is_file():
        raise click.BadParameter(f"{config_file} is not a file", param_hint="--config-file")
    try:
        ctx.obj = Project.at(root, config_file)
    except ProjectError as exc:
        say(str(exc), err=True)
        sys.exit(1)


@main.command()
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of article texts: verbatim fields are checked against the file named by source.text_file, "
                   "and the notes against what the article says (a figure's number, a day, the author's or "
                   "conditional wording of on-record evidence, scare quotes and intertitles taken as quotes).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one object with errors, warnings and notes, for CI and editors.")
@click.option("--notes", "show_notes", is_flag=True,
              help="Also list editorial notes: unattributed figures and events only one briefing describes.")
@click.pass_obj
def check(project: Project, sources: Path | None, fmt: str, show_notes: bool) -> None:
    """Validate briefings and registries without building the site.

    Errors stop the site from being built; warnings (unknown names, placeholders
    left in) do not but are probably mistakes; notes point an editor at claims
    worth a second source.
    """
    index, problems = run_check(project, sources)
    if fmt == "json":
        click.echo(json.dumps({
            "briefings": len(index.briefings),
            "errors": [p.as_dict() for p in problems.errors],
            "warnings": [p.as_dict() for p in problems.warnings],
            "notes": [p.as_dict() for p in problems.notes],
        }, ensure_ascii=False, indent=2))
    else:
        for p in problems:
            if show_notes or p.severity is not Severity.NOTE:
                say(p.render(), err=p.is_error)
        summary = (f"{counted(len(index.briefings), 'briefing')} checked: {counted(len(problems.errors), 'error')}, "
                   f"{counted(len(problems.warnings), 'warning')}")
        if problems.notes:
            summary += (f", {counted(len(problems.notes), 'editorial note')}"
                        + ("" if show_notes else " (--notes to list)"))
        say(summary, err=bool(problems.errors))
    sys.exit(1 if problems.errors else 0)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the JSON Schemas  [default: schema/ under --root]")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing: exit 1 if a generated file is missing or differs from the models (for CI).")
@click.pass_obj
def schema(project: Project, out: Path | None, check_only: bool) -> None:
    """Write the JSON Schemas and the "Format des briefings" page from the models.

    schema/briefing.schema.json and schema/{actors,parties,topics}.schema.json give
    editors completion and French hover help; format-des-briefings.md in the docs
    folder is the reference page of the site.
    """
    folder = out if out is not None else project.root / "schema"
    targets = {folder / name: text for name, text in render_schemas().items()}
    targets[folder / "divergences.schema.json"] = render_divergence_schema()
    targets[project.docs_dir / FORMAT_PAGE] = render_format_page()
    stale = [path for path, text in targets.items() if _read_or_none(path) != text]
    for path in stale:
        shown = display_path(path, project.root)
        if check_only:
            say(f"{shown}: out of date (run `briefings schema`)", err=True)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(targets[path], encoding="utf-8", newline="\n")
            except OSError as exc:
                cannot_write(path, project, exc)
            say(f"wrote {shown}")
    if not stale:
        say(f"{counted(len(targets), 'file')} up to date")
    sys.exit(1 if check_only and stale else 0)


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


def _ask_date(text: str) -> PartialDate | None:
    return DATE.convert(text, None, None) if text.strip() else None


@main.command()
@click.option("--outlet", callback=text_option, help="The outlet that published the article.")
@click.option("--date", "published", type=DATE, help="Publication date, as precise as the article gives it.")
@click.option("--title", callback=text_option, help="Your title for the briefing (also names the file).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), callback=briefing_out,
              help="File to create  [default: <date>-<outlet>-<title>.yaml in the briefings folder]")
@click.pass_obj
def new(project: Project, outlet: str | None, published: PartialDate | None, title: str | None,
        out: Path | None) -> None:
    """Create a briefing file to fill in.

    Every key is present with its French help; TODO marks what you must write, and
    commented templates show each kind of list item. In a terminal, missing
    --outlet, --date and --title are asked for. An existing file is never overwritten.
    """
    if _stdin_is_tty():
        outlet = outlet or click.prompt("Outlet", default="", show_default=False).strip() or None
        if published is None:
            published = click.prompt("Published (YYYY-MM-DD, YYYY-MM or YYYY; empty if unknown)", default="",
                                     show_default=False, value_proc=_ask_date)
        title = title or click.prompt("Title", default="", show_default=False).strip() or None
    path = out if out is not None else project.briefings_dir / default_file_name(published, outlet, title)
    text = render_scaffold(path=path, schema_file=project.root / "schema" / "briefing.schema.json",
                           outlet=outlet, published=published, title=title, topic_ids=_topic_ids(project))
    _create(project, path, text)
    say(f"created {display_path(path, project.root)}: fill in the TODOs, then run `briefings check`")


def _loads_or_exit(project: Project, path: Path, text: str) -> None:
    """A file `new` or `draft` hands out loads as written, with the texts it was given: checked by the
    real loader before anything is written. Exit 1 with the loader's report otherwise."""
    shown = display_path(path, project.root)
    _, problems = load_briefing_text(text, path.name, shown)
    if problems.errors:
        say(problems.errors_render(), err=True)
        say(f"{shown}: nothing written: the file would not load as written", err=True)
        sys.exit(1)


def _create(project: Project, path: Path, text: str) -> None:
    """Create `path` with `text`, checked first; an existing file is never touched. Exit 1 on any failure."""
    _loads_or_exit(project, path, text)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        cannot_write(path, project, exc)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        say(f"{display_path(path, project.root)} already exists: nothing written (choose another name with --out)",
            err=True)
        sys.exit(1)
    except OSError as exc:
        cannot_write(path, project, exc)


def _topic_ids(project: Project) -> list[str]:
    entries = load_registry(project.content_dir / "topics.yaml", TopicEntry, project.root, ProblemList())
    return [e.model.id for e in entries]


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), required=True,
              help="csv: one file per table (events, demands, figures, quotes, actors); json: briefings.json with the five tables.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into  [default: exports/ under --root]")
@click.pass_obj
def export(project: Project, fmt: str, out: Path | None) -> None:
    """Export events, demands, figures, quotes and actors as tables.

    Every row carries the briefing id and its source (outlet, publication date
    with its precision, genre). CSV is UTF-8 with a byte-order mark for Excel; a
    text cell starting with = + - @ gets a leading ' so no spreadsheet runs it
    as a formula. The site publishes the same files under exports/. Nothing is
    written while a briefing has errors.
    """
    index, problems = run_check(project)
    if problems.errors:
        say(problems.errors_render(), err=True)
        say(f"{counted(len(problems.errors), 'error')}: nothing exported (run `briefings check`)", err=True)
        sys.exit(1)
    tables = export_tables(index)
    folder = out if out is not None else project.root / EXPORTS_DIR
    if fmt == "csv":
        files = {f"{name}.csv": (render_csv(name, rows), len(rows)) for name, rows in tables.items()}
    else:
        files = {JSON_FILE: (render_json(tables), sum(len(rows) for rows in tables.values()))}
    differences = divergence_rows(index)
    wanted = f"{EXPORTS_DIR}/{DIVERGENCES_CSV if fmt == 'csv' else DIVERGENCES_JSON}"
    files[wanted.rsplit("/", 1)[1]] = (render_divergences(differences)[wanted], len(differences))
    for name, (text, count) in files.items():
        path = folder / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            cannot_write(path, project, exc)
        say(f"wrote {display_path(path, project.root)} ({counted(count, 'row')})")


@main.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", type=DATE,
              help="Publication date  [default: the date written at the top of the article, if any]")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), callback=briefing_out,
              help="File to create (never overwritten)  [default: print to standard output]")
@click.pass_obj
def draft(project: Project, article: Path, published: PartialDate | None, out: Path | None) -> None:
    """Pre-fill a briefing from an article's plain text (UTF-8).

    Finds candidate quotes with the nearest registry name as speaker, dated phrases as events (« le 17
    novembre », « mi-octobre », « le lendemain »…, resolved against the publication date), quantities as
    figures and the registry's actors. Quote texts, date wordings and evidence are exact extracts of the
    article. Format v2: « des centaines » is a figure with value null and amount_text; a year taken from the
    publication date or a day counted from « le lendemain » is date_basis inferred with a date_note; a passage
    in the conditional or in the author's voice gets the basis it suggests, marked TODO. The result is a valid
    briefing with TODO wherever the analyst must decide.
    """
    try:
        with article.open("rb") as handle:
            raw = handle.read(MAX_ARTICLE_BYTES + 1)
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except OSError as exc:
        say(f"{article}: cannot read the article: {exc.strerror or exc}", err=True)
        sys.exit(1)
    except UnicodeDecodeError as exc:
        say(f"{article}: byte {exc.start} is not UTF-8: save the article as UTF-8 text", err=True)
        sys.exit(1)
    if len(raw) > MAX_ARTICLE_BYTES:
        say(f"{article}: more than {MAX_ARTICLE_BYTES:,} bytes: one article's text is far shorter "
            "(give the text of one article, not a whole site or archive)", err=True)
        sys.exit(1)
    registry = load_registry(project.content_dir / "actors.yaml", ActorEntry, project.root, ProblemList())
    names = {spelling: e.model.id for e in registry for spelling in (e.model.id, e.model.name, *e.model.aliases)}
    display = {e.model.id: e.model.name for e in registry}
    found = draft_article(text, names, display, published)
    if found.published is None:
        say("no publication date at the top of the article: dates written without a year are left "
                   "undated (give --published YYYY-MM-DD)", err=True)
    target = out if out is not None else project.briefings_dir / "brouillon.yaml"
    yaml_text = render_draft(found, article_name=article.name, briefing_id=id_for(out) if out else None,
                             schema_ref=schema_ref(target, project.root / "schema" / "briefing.schema.json"),
                             topic_ids=_topic_ids(project))
    if out is None:
        _loads_or_exit(project, target, yaml_text)
        click.echo(yaml_text, nl=False)  # the file itself: its YAML escapes every control character
        return
    _create(project, out, yaml_text)
    say(f"created {display_path(out, project.root)}: {counted(len(found.quotes), 'quote')}, "
        f"{counted(len(found.dates), 'dated phrase')}, {counted(len(found.quantities), 'figure')}, "
        f"{counted(len(found.actors), 'actor')} to review")
