"""Events, demands, figures, quotes and actors as flat tables, for spreadsheets and reuse.

One row per item of one briefing, each row opening with the briefing id and its
source (outlet, publication date as written with its precision, genre). The
other columns are the keys of the briefing format, in the format's order; a date
adds a `<key>_precision` column (day, month or year), and a name resolved
through the registry adds its actor id. Rows follow the briefings by publication
date, then id, and each briefing's items in the order it lists them.

CSV files are UTF-8 with a byte-order mark (so that Excel opens accents right),
one header row, `\\n` line ends, every field quoted; list cells are joined with
"; ". No cell may start a formula, whichever separator a spreadsheet splits on
(a French Excel or LibreOffice splits .csv files on `;`, which breaks quoting and
ends a record at a line break): in text, a carriage return becomes a line break
and NUL is dropped; a `'` goes before an = + - @ that is the first visible
character of the cell or follows a `;` or a line break (spaces, controls,
invisible characters and `"` in between do not count); a cell starting with a
tab or a line break also gets a leading `'`. JSON keeps every value as it is:
one file holding the five tables, one row per line.
"""

from __future__ import annotations

import functools
import json
import operator
import re
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

from ..reading.fields import Kind, kind_of
from . import urls
from ..reading.dates import PartialDate
from ..corpus.index import CorpusIndex, briefing_sort_key
from ..reading.models import Briefing, Demand, Event, Figure, Quote

TABLES = ("events", "demands", "figures", "quotes", "actors")
SOURCE_COLUMNS = ["briefing_id", "source_outlet", "source_published", "source_published_precision", "source_genre"]
ACTOR_COLUMNS = ["actor_id", "name", "written_as", "role", "mentioned_as", "kind", "party", "registered"]
JSON_FILE = "briefings.json"
FORMULA_CHARS = "=+-@"
# What a spreadsheet may skip before reading a cell as a formula: spaces, controls, invisible
# format characters, and the quote of a field whose quoting broke.
_SKIPPED = '\\s"\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff'
_FORMULA_AT_START = re.compile(f"[{_SKIPPED}]*[{re.escape(FORMULA_CHARS)}]")
_FORMULA_INSIDE = re.compile(f"([;\\n][{_SKIPPED}]*)(?=[{re.escape(FORMULA_CHARS)}])")
LIST_SEPARATOR = "; "

Row = dict[str, Any]
_JSON = json.JSONEncoder(ensure_ascii=False)


def _row_encoder() -> Callable[[Any], str]:
    """`_JSON.encode`, for the tens of thousands of rows of an export: `encode` makes CPython's C encoder again
    for every value it is given, which took as long as the row's own text. Here it is made once (where there
    is one) with `encode`'s own settings; a row holds no cycle (every row is a tree made here), so none is
    looked for."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return _JSON.encode
    encoder = make(None, _JSON.default, json.encoder.encode_basestring, None, _JSON.key_separator,
                   _JSON.item_separator, _JSON.sort_keys, _JSON.skipkeys, _JSON.allow_nan)
    return lambda row: "".join(encoder(row, 0))


_encode_row = _row_encoder()


def export_tables(index: CorpusIndex) -> dict[str, list[Row]]:
    """The five tables, rows in a stable order, values as JSON would hold them."""
    briefings = sorted(index.briefings, key=briefing_sort_key)
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    # Each row is made in its table's column order (`columns`), every cell present.
    extra: dict[str, dict[str, tuple[str, Callable[[CorpusIndex, Any], Any]]]] = {name: {} for name in TABLES}
    for (table, key), column in _EXTRA_COLUMNS.items():
        extra[table][key] = column
    for b in briefings:
        source = _source_cells(b)
        for name, items in (("events", b.events), ("demands", b.demands), ("figures", b.figures), ("quotes", b.quotes)):
            tables[name] += [_model_cells(index, item, source, extra[name]) for item in items]
        tables["actors"] += [{**source, **row} for row in _actor_rows(index, b)]
    return tables


def columns(table: str) -> list[str]:
    """The header of a table: the same whether or not it has rows."""
    if table == "actors":
        return SOURCE_COLUMNS + ACTOR_COLUMNS
    model = {"events": Event, "demands": Demand, "figures": Figure, "quotes": Quote}[table]
    names: list[str] = []
    for key, field in model.model_fields.items():
        names.append(key)
        if kind_of(field) is Kind.DATE:
            names.append(f"{key}_precision")
        if (table, key) in _EXTRA_COLUMNS:
            names.append(_EXTRA_COLUMNS[table, key][0])
    return SOURCE_COLUMNS + names


_EXTRA_COLUMNS: dict[tuple[str, str], tuple[str, Callable[[CorpusIndex, Any], Any]]] = {
    # (table, field): the column that follows the field, and its cell for an item.
    ("events", "participants"): ("participant_ids", lambda index, e: [index.resolve(n) for n in e.participants]),
    ("demands", "party"): ("party_name", lambda index, d: index.parties.get(d.party)),
    ("demands", "voiced_by"): ("voiced_by_id", lambda index, d: index.resolve(d.voiced_by) if d.voiced_by else None),
    ("demands", "topic"): ("topic_name", lambda index, d: index.topics.get(d.topic)),
    ("quotes", "speaker"): ("speaker_id", lambda index, q: index.resolve(q.speaker)),
}


def render_csv(table: str, rows: list[Row]) -> str:
    """One table as CSV text, byte-order mark included."""
    header = columns(table)
    return csv_text(header, _in_columns(rows, header))


def _in_columns(rows: list[Row], header: list[str]) -> Iterator[Any]:
    """Each row's cells in the header's order, fetched together (`export_tables` gives every row every cell); a
    row that leaves some out has them empty."""
    every = operator.itemgetter(*header) if len(header) > 1 else lambda row: (row[header[0]],)  # one: not a tuple
    for row in rows:
        try:
            yield every(row)
        except KeyError:
            yield [row.get(name) for name in header]


def csv_text(header: list[str], lines: Any) -> str:
    """CSV as every export writes it: BOM, the header as plain identifiers, every cell quoted and
    spreadsheet-safe, `\n` line ends.

    What `csv.writer(quoting=csv.QUOTE_ALL, lineterminator="\n")` writes, line by line: each cell
    between quotes, its quotes doubled. A table of a thousand briefings holds four hundred thousand
    text cells but a few thousand distinct texts (ids, outlets, dates, kinds): each is made safe
    and quoted once."""
    quoted: dict[str | None, str] = {}  # text and empty cells; a number, list or boolean is made each time
    known = quoted.get

    def made(value: Any) -> str:
        cell = '"' + csv_cell(value).replace('"', '""') + '"'
        if value is None or type(value) is str:
            quoted[value] = cell
        return cell

    parts = ["\ufeff", ",".join(header), "\n"]  # the column names: ours, plain identifiers
    for values in lines:
        # A cell is never empty text (it is quoted), so `or` only ever makes a cell not yet known.
        parts.append(",".join([(known(v) if v is None or type(v) is str else None) or made(v) for v in values]))
        parts.append("\n")
    return "".join(parts)


def render_json(tables: dict[str, list[Row]]) -> str:
    """`{"events": [...], ...}` with one row per line: compact to download, readable in a diff.
    Joined once from its pieces: the whole text is tens of megabytes at a few thousand briefings."""
    parts = ["{\n"]
    for i, name in enumerate(TABLES):
        parts += [",\n"] * bool(i) + [f"{json.dumps(name)}: "]
        _json_list(tables[name], parts)
    parts.append("\n}\n")
    return "".join(parts)


def json_list(rows: list[Any]) -> str:
    """A JSON list with one row per line (`[]` when empty)."""
    parts: list[str] = []
    _json_list(rows, parts)
    return "".join(parts)


def _json_list(rows: list[Any], parts: list[str]) -> None:
    if not rows:
        parts.append("[]")
        return
    parts += ["[\n  ", ",\n  ".join(map(_encode_row, rows)), "\n]"]


def csv_cell(value: Any) -> str:
    """A value as spreadsheet-safe text."""
    if type(value) is str:  # most cells: checked first
        return spreadsheet_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return spreadsheet_text(LIST_SEPARATOR.join(str(v) for v in value) if isinstance(value, list) else str(value))


def spreadsheet_text(text: str) -> str:
    """Text no spreadsheet reads as a formula, split on `,` or on `;`."""
    if "\r" in text or "\0" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "")
    if ";" in text or "\n" in text:
        text = _FORMULA_INSIDE.sub(r"\1'", text)
    if text.startswith(("\t", "\n")) or _FORMULA_AT_START.match(text):
        text = "'" + text
    return text


def export_files(index: CorpusIndex) -> dict[str, str]:
    """Every export file as the site publishes it, keyed by its path in the docs tree."""
    tables = export_tables(index)
    files = {f"{urls.EXPORTS_DIR}/{name}.csv": render_csv(name, tables[name]) for name in TABLES}
    files[f"{urls.EXPORTS_DIR}/{JSON_FILE}"] = render_json(tables)
    return files


def _source_cells(b: Briefing) -> Row:
    published = b.source.published
    return {"briefing_id": b.id, "source_outlet": b.source.outlet,
            "source_published": published.iso() if published else None,
            "source_published_precision": published.precision if published else None,
            "source_genre": b.source.genre}


def _model_cells(index: CorpusIndex, item: BaseModel, source: Row,
                 extra: dict[str, tuple[str, Callable[[CorpusIndex, Any], Any]]]) -> Row:
    """The source's cells, then the item's, each field followed by its precision or its extra column."""
    row = dict(source)
    for key, precision in _cell_keys(type(item)):
        value = getattr(item, key)
        if precision:
            dated = isinstance(value, PartialDate)
            row[key] = value.iso() if dated else None
            row[precision] = value.precision if dated else None
        else:
            row[key] = list(value) if isinstance(value, (list, tuple)) else value
        if key in extra:
            column, cell = extra[key]
            row[column] = cell(index, item)
    return row


@functools.cache
def _cell_keys(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """The fields of a model, each with the name of its precision column if it is a date (else ""), found once:
    reading a field's annotation takes longer than the row."""
    return tuple((key, f"{key}_precision" if kind_of(field) is Kind.DATE else "")
                 for key, field in model.model_fields.items())


def _actor_rows(index: CorpusIndex, b: Briefing) -> list[Row]:
    """Who the briefing names, once each: its `actors` first, then speakers, participants and voices."""
    mentions = [(m.name, m.role, "actors") for m in b.actors]
    mentions += [(name, None, "participant") for e in b.events for name in e.participants]
    mentions += [(d.voiced_by, None, "voiced_by") for d in b.demands if d.voiced_by]
    mentions += [(q.speaker, None, "speaker") for q in b.quotes]
    rows: list[Row] = []
    seen: set[str] = set()
    for written, role, how in mentions:
        actor_id = index.resolve(written)
        if actor_id in seen:
            continue
        seen.add(actor_id)
        actor = index.actors.get(actor_id)
        rows.append({"actor_id": actor_id, "name": actor.name if actor else written, "written_as": written,
                     "role": role, "mentioned_as": how, "kind": actor.kind if actor else None,
                     "party": actor.party if actor else None, "registered": bool(actor and actor.registered)})
    return rows
