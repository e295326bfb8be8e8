"""The kinds of value a briefing holds, each declared once with how it is read.

Values arrive from :mod:`generator.reading.yamlread` as text or None, so every
type here reads its own spelling: numbers must look like numbers, booleans are
`true` or `false`, dates keep their precision. Each type carries its `Kind`
(text, name, id, date, number, flag, file name): the exports, the JSON Schemas
and the format page ask `kind_of` instead of recognising validators.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, get_args, get_origin

from pydantic import AfterValidator, BeforeValidator, PlainSerializer
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from .dates import DateError, PartialDate
from .names import slugify


class Kind(str, Enum):
    TEXT = "text"
    NAME = "name"
    ID = "id"
    DATE = "date"
    NUMBER = "number"
    FLAG = "flag"
    FILE_NAME = "file-name"


KIND_KEY = "briefings_kind"
MAX_LENGTH_KEY = "briefings_max_length"


@dataclass(frozen=True)
class _Declared:
    """The last item of a value type's `Annotated`: records its kind (and the most characters it may
    hold, if it is limited) on the type and in its core schema, for the JSON Schemas and the format page."""

    kind: Kind
    max_length: int | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema.setdefault("metadata", {})[KIND_KEY] = self.kind
        if self.max_length is not None:
            schema["metadata"][MAX_LENGTH_KEY] = self.max_length
        return schema


def kind_of(field: FieldInfo | Any) -> Kind | None:
    """The kind of a model field (or annotation): the outermost declared one, through `| None` and lists."""
    mark = _declared(field)
    return mark.kind if mark else None


def max_length_of(field: FieldInfo | Any) -> int | None:
    """The most characters a field's values may hold, if its type says (through `| None` and lists)."""
    mark = _declared(field)
    return mark.max_length if mark else None


def _declared(field: FieldInfo | Any) -> _Declared | None:
    if isinstance(field, FieldInfo):
        marks = [m for m in field.metadata if isinstance(m, _Declared)]
        return marks[-1] if marks else _declared(field.annotation)
    if get_origin(field) is Annotated:
        marks = [m for m in get_args(field)[1:] if isinstance(m, _Declared)]
        if marks:
            return marks[-1]
        return _declared(get_args(field)[0])
    for arg in get_args(field):
        found = _declared(arg)
        if found is not None:
            return found
    return None


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# `index` would collide with the section index pages every folder has.
RESERVED_IDS = frozenset({"index"})
# Ids and unregistered names become folder names in the built site (one path component:
# at most 255 bytes on common file systems); longer ones would crash the build.
MAX_ID_LENGTH = 100
MAX_NAME_LENGTH = 200
# Titles, outlets, labels and registry names are printed again wherever their item is cited (a
# briefing's title once or twice per quote on the quotes page, an event's title on each
# participant's page…): a bound on them keeps the site's size proportional to the briefings'.
MAX_TITLE_LENGTH = 300
MAX_FIGURE = 1e18
NUMBER_RE = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")


def _fail(message: str, hint: str = "") -> PydanticCustomError:
    return PydanticCustomError("briefing", "{message}", {"message": message, "hint": hint})


def _text(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        kind = "a mapping" if isinstance(value, dict) else "a list"
        raise _fail(f"expected text, found {kind}", "write the value on one line, or quote it")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _non_blank(value: str) -> str:
    if not value.strip():
        raise _fail("must not be empty", "write the text, or leave the key out if it is optional")
    return value


def _slug(value: str) -> str:
    if len(value) > MAX_ID_LENGTH:
        raise _fail(f"an id of {len(value):,} characters is too long (at most {MAX_ID_LENGTH})",
                    "ids become page addresses: keep them short")
    if not SLUG_RE.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-id"
        raise _fail(f"'{value}' is not a valid id",
                    f"use lowercase letters, digits and single hyphens, e.g. '{suggestion}'")
    if value in RESERVED_IDS:
        raise _fail(f"'{value}' is a reserved id", "choose a more specific id")
    return value


def _date(value: Any) -> Any:
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _fail("expected a date", "write YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        return PartialDate.parse(value)
    except DateError as exc:
        message, hint = exc.args
        raise _fail(message, hint) from None


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _fail("expected a number", "write digits only, e.g. 13000000 or 2.5")
    if isinstance(value, str):
        compact = value.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        if not NUMBER_RE.match(value):
            if NUMBER_RE.match(compact.replace(",", ".")):
                raise _fail(f"'{value}' is not a number as YAML reads it",
                            f"write {compact.replace(',', '.')} without spaces or a decimal comma")
            raise _fail(f"'{value}' is not a number", "write digits only, e.g. 13000000 or 2.5")
        number = float(value)
        if not math.isfinite(number) or abs(number) >= MAX_FIGURE:
            # Past this, French number formatting runs out of decimal precision and the build would crash.
            shown = value if len(value) <= 40 else value[:39] + "…"
            raise _fail(f"'{shown}' is too large for a figure", "write it in a larger unit, e.g. billions")
        # An integer is read as one, not through a float: 12345678901234567 keeps its last digit.
        return int(value) if re.fullmatch(r"[-+]?\d+", value) else number
    return value


def _bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    raise _fail(f"'{value}' is not true or false", "write true or false")


def none_as_empty(value: Any) -> Any:
    return [] if value is None else value


def one_or_many(value: Any) -> Any:
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _file_name(value: str) -> str:
    if "/" in value or "\\" in value or value in {".", ".."}:
        raise _fail(f"'{value}' must be a file name, not a path", "write only the name; the folder is given to `check --sources`")
    return value


def _name(value: str) -> str:
    """A name the registry does not know gets a page under a slug of it: that slug must fit in a file name."""
    if max(len(value), len(slugify(value))) > MAX_NAME_LENGTH:
        raise _fail(f"a name of {len(value):,} characters is too long (at most {MAX_NAME_LENGTH})",
                    "write only the name; what the article says of the person goes in `role`")
    return value


def _title(value: str) -> str:
    if len(value) > MAX_TITLE_LENGTH:
        raise _fail(f"a text of {len(value):,} characters is too long here (at most {MAX_TITLE_LENGTH})",
                    "it is printed again wherever the item is cited: keep it short, and put the detail "
                    "in a longer field such as summary, outcome, context or description")
    return value


Text = Annotated[str, BeforeValidator(_text), AfterValidator(_non_blank), _Declared(Kind.TEXT)]
# A title, outlet, label or registry name: text repeated wherever its item is cited.
Title = Annotated[str, BeforeValidator(_text), AfterValidator(_non_blank), AfterValidator(_title),
                  _Declared(Kind.TEXT, MAX_TITLE_LENGTH)]
# A person, organisation or state named in a briefing, resolved through the actors registry.
Name = Annotated[str, BeforeValidator(_text), AfterValidator(_non_blank), AfterValidator(_name),
                 _Declared(Kind.NAME, MAX_NAME_LENGTH)]
Slug = Annotated[str, BeforeValidator(_text), AfterValidator(_slug), _Declared(Kind.ID, MAX_ID_LENGTH)]
DateValue = Annotated[PartialDate, BeforeValidator(_date), PlainSerializer(lambda d: d.iso(), return_type=str),
                      _Declared(Kind.DATE)]
Number = Annotated[int | float, BeforeValidator(_number), _Declared(Kind.NUMBER)]
Flag = Annotated[bool, BeforeValidator(_bool), _Declared(Kind.FLAG)]
FileName = Annotated[Text, AfterValidator(_file_name), _Declared(Kind.FILE_NAME)]


def items(inner: Any) -> Any:
    """A list that may be left empty in YAML (`key:` alone)."""
    return Annotated[list[inner], BeforeValidator(none_as_empty)]


def one_or_more(inner: Any) -> Any:
    """A list that may also be written as one value."""
    return Annotated[list[inner], BeforeValidator(one_or_many)]


