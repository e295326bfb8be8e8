"""The `briefings` command. Exit codes: 0 clean, 1 problems found, 2 usage error."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .pipeline import Project, check as run_check


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
