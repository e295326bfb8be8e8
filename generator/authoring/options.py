"""The options of `new` and `draft` that name what they write: the date, the texts, the file.

Each is refused at once, as a usage error (exit 2), when the file it leads to could not
be read back as written: a date that cannot exist, text that is not UTF-8, a file name
the briefings folder would skip or refuse.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..reading.dates import DateError, PartialDate
from ..reading.files import is_briefing_name
from ..reading.loader import file_name_problem
from ..reading.problems import visible
from .scaffold import id_for


class DateParam(click.ParamType):
    """A date as the briefing format writes it, keeping its precision."""

    name = "YYYY-MM-DD|YYYY-MM|YYYY"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, PartialDate):
            return value
        try:
            return PartialDate.parse(str(value))
        except DateError as exc:
            message, hint = exc.args
            self.fail(visible(f"{message} ({hint})"), param, ctx)


DATE = DateParam()


def briefing_out(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """`--out` of `new` and `draft`: a name the briefings folder would read, that loads as written."""
    if value is None:
        return None
    if not is_briefing_name(value.name):
        raise click.BadParameter(visible(f"'{value.name}' is not read from a briefings folder: name it "
                                         f"'{value.name.split('.')[0] or 'briefing'}.yaml'"))
    problem = file_name_problem(value.name, value.name, id_for(value))
    if problem is not None:
        raise click.BadParameter(visible(f"{problem.message} ({problem.hint})"))
    return value


def text_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A text given on the command line; bytes that are not UTF-8 cannot be written to a YAML file."""
    if value is not None and any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise click.BadParameter("is not valid UTF-8 text")
    return value

