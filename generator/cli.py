"""The `briefings` command. Exit codes: 0 clean, 1 problems found, 2 usage error."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .pipeline import Project, check as run_check
from .problems import display_path
from .reference import PAGE as FORMAT_PAGE, render_format_page
from .schema import render_schemas


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="Project folder holding briefings/ and content/.")
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """Validate, scaffold and export the briefings of a briefing site."""
    ctx.obj = Project.at(root)


@main.command()
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of article texts: verbatim fields are checked against the file named by source.text_file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one object with errors and warnings, for CI and editors.")
@click.pass_obj
def check(project: Project, sources: Path | None, fmt: str) -> None:
    """Validate briefings and registries without building the site."""
    index, problems = run_check(project, sources)
    if fmt == "json":
        click.echo(json.dumps({
            "briefings": len(index.briefings),
            "errors": [p.as_dict() for p in problems.errors],
            "warnings": [p.as_dict() for p in problems.warnings],
        }, ensure_ascii=False, indent=2))
    else:
        for p in problems:
            click.echo(p.render(), err=p.is_error)
        summary = (f"{len(index.briefings)} briefing(s) checked: {len(problems.errors)} error(s), "
                   f"{len(problems.warnings)} warning(s)")
        click.echo(summary, err=bool(problems.errors))
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
    editors completion and French hover help; docs/format-des-briefings.md is the
    reference page of the site.
    """
    folder = out if out is not None else project.root / "schema"
    targets = {folder / name: text for name, text in render_schemas().items()}
    targets[project.root / "docs" / FORMAT_PAGE] = render_format_page()
    stale = [path for path, text in targets.items() if _read_or_none(path) != text]
    for path in stale:
        shown = display_path(path, project.root)
        if check_only:
            click.echo(f"{shown}: out of date (run `briefings schema`)", err=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(targets[path], encoding="utf-8", newline="\n")
            click.echo(f"wrote {shown}")
    if not stale:
        click.echo(f"{len(targets)} file(s) up to date")
    sys.exit(1 if check_only and stale else 0)


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
