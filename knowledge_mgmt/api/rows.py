"""The data endpoint's rows as text, chunk by chunk, for answers of any size (issue 17 point 2).

On PostgreSQL the rows come from the compiled SQL of ``DataQuery.values`` - the same
permission-aware queryset, filters, order, offset and limit as ``DataQuery.tuples`` - with the
small-number suppression computed by the database, and numeric and timestamp columns received as the
server's text (no Decimal or datetime per cell: those conversions cost as much as the query); the
text is put together here with per-answer caches of the repeating parts (codes, timestamps). Large
answers are read through a server-side cursor ``CHUNK_ROWS`` rows at a time, so the serving process
holds one chunk, not the answer. Elsewhere (SQLite in development and tests) the rows go through
``DataQuery.suppress`` and ``knowledge_mgmt.outputs`` chunk by chunk. Both give what ``outputs``
gives for the whole list: the same bytes for CSV, and for JSON the same document (a number may be
spelt differently - ``0.00001`` where Python writes ``1e-05`` - and reads back to the same value).
knowledge_mgmt/tests/test_api_streaming.py holds both paths to that on PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import zip_longest

from django.db import connection, transaction

from knowledge_mgmt import outputs
from knowledge_mgmt.aggregation import small_number_threshold
from knowledge_mgmt.choices import ADDITIVE_TYPES
from knowledge_mgmt.selectors import DataQuery
from portal.exports import safe_cell

CHUNK_ROWS = 2000
COLUMNS = "code, org, year, quarter, month, sex, breakdown, value, absolute, status, updated, value_type"
NUMERIC_OID, TIMESTAMPTZ_OID = 1700, 1184


def in_database() -> bool:
    return connection.vendor == "postgresql"


def _hidden(query: DataQuery) -> str:
    """SQL of ``aggregation.suppressed`` for public outputs (``false`` for signed-in readers)."""
    if not query.public:
        return "false"
    threshold = int(small_number_threshold())
    additive = ", ".join(f"'{t}'" for t in sorted(ADDITIVE_TYPES))

    def small(column: str) -> str:
        return f"({column} <> 0 AND abs({column}) < {threshold})"

    return (
        "COALESCE(CASE WHEN d.absolute IS NOT NULL THEN "
        f"{small('d.absolute')} ELSE d.value_type IN ({additive}) AND {small('d.value')} END, false)"
    )


def _as_text(raw_cursor) -> None:
    """This cursor returns numeric and timestamptz columns as the server's text: no Decimal or
    datetime per cell (the conversions that cost as much as the query)."""
    import psycopg2.extensions

    for oid, name in ((NUMERIC_OID, "NUMERIC_TEXT"), (TIMESTAMPTZ_OID, "TIMESTAMPTZ_TEXT")):
        psycopg2.extensions.register_type(psycopg2.extensions.new_type((oid,), name, lambda v, c: v), raw_cursor)


def _database_chunks(query: DataQuery, offset: int, limit: int, stream: bool):
    """Chunks of ``ROW_FIELDS``-like tuples (value and absolute value as text, the last item
    ``suppressed`` computed by the database) from the compiled SQL of ``DataQuery.values``."""
    inner, params = query.values(offset=offset, limit=limit).query.sql_with_params()
    sql = (
        "SELECT d.code, d.org, d.year, d.quarter, d.month, d.sex, d.breakdown, d.value, d.absolute, d.status,"  # noqa: S608
        f" d.updated, {_hidden(query)} FROM ({inner}) AS d({COLUMNS})"
    )  # every piece put in is a constant of this module or an integer; the request's values are params
    if not stream:
        with connection.cursor() as cursor:
            _as_text(cursor.cursor)
            cursor.execute(sql, params)
            yield cursor.fetchall()
        return
    # A server-side cursor inside a transaction (not WITH HOLD, which would make the server
    # materialise the whole answer at once); the generator runs while the response is sent.
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        _as_text(cursor.cursor)
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(CHUNK_ROWS):
            yield chunk


class _Cache(dict):
    """text -> its formatted form, computed once per distinct text (codes, timestamps repeat)."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


def _iso(text: str) -> str:
    return datetime.fromisoformat(text).astimezone(UTC).isoformat()


def _trim(text: str) -> str:
    """The server's numeric text without trailing zeros (as ``outputs`` writes a Decimal)."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def _json_objects(rows: list[tuple]) -> str:
    """Rows of ``_database_chunks`` as the JSON objects of ``outputs.json_rows``, comma-separated.
    The parts that repeat from row to row (codes, period, sex and breakdown, status and timestamp)
    are written once per distinct combination."""

    def string(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    head = _Cache(lambda k: f'{{"indicator":{string(k[0])},"organisation":{string(k[1])},"year":')
    middle = _Cache(
        lambda k: (
            f',"quarter":{k[0] or "null"},"month":{k[1] or "null"},"sex":{string(k[2])},"breakdown":{string(k[3])},'
        )
    )
    tail = _Cache(
        lambda k: f',"status":{string(k[0])},"suppressed":{"true" if k[1] else "false"},"updated":"{_iso(k[2])}"}}'
    )
    hidden = '"value":null,"absolute_value":null'
    out = []
    for code, org, year, quarter, month, sex, breakdown, value, absolute, status, updated, hide in rows:
        if hide:
            shown = hidden
        else:
            if value is None:
                value = "null"
            elif "." in value:
                value = value.rstrip("0").rstrip(".")
            if absolute is None:
                absolute = "null"
            elif "." in absolute:
                absolute = absolute.rstrip("0").rstrip(".")
            shown = f'"value":{value},"absolute_value":{absolute}'
        out.append(
            f"{head[code, org]}{year}{middle[quarter, month, sex, breakdown]}{shown}{tail[status, hide, updated]}"
        )
    return ",".join(out)


def _csv_cell(delimiter: str):
    def cell(text: str) -> str:
        if not text:
            return text
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerow([safe_cell(text), ""])
        return buffer.getvalue()[:-2]

    return cell


def _csv_lines(rows: list[tuple], semicolon: bool) -> str:
    """Rows of ``_database_chunks`` as the lines ``outputs.csv_text`` writes (the repeating parts
    written once per distinct combination, as in ``_json_objects``)."""
    d = ";" if semicolon else ","
    cell = _csv_cell(d)
    head = _Cache(lambda k: f"{cell(k[0])}{d}{cell(k[1])}{d}")
    middle = _Cache(lambda k: f"{d}{k[0] or ''}{d}{k[1] or ''}{d}{cell(k[2])}{d}{cell(k[3])}{d}")
    tail = _Cache(lambda k: f"{d}{cell(k[0])}{d}{'1' if k[1] else '0'}{d}{_iso(k[2])}\r\n")
    out = []
    for code, org, year, quarter, month, sex, breakdown, value, absolute, status, updated, hide in rows:
        if hide:
            shown = d
        else:
            if value is None:
                value = ""
            elif "." in value:
                value = value.rstrip("0").rstrip(".")
                if semicolon:
                    value = value.replace(".", ",")
            if absolute is None:
                absolute = ""
            elif "." in absolute:
                absolute = absolute.rstrip("0").rstrip(".")
                if semicolon:
                    absolute = absolute.replace(".", ",")
            shown = f"{value}{d}{absolute}"
        out.append(
            f"{head[code, org]}{year}{middle[quarter, month, sex, breakdown]}{shown}{tail[status, hide, updated]}"
        )
    return "".join(out)


def _python_chunks(query: DataQuery, offset: int, limit: int, stream: bool) -> Iterator[list[tuple]]:
    values = query.values(offset=offset, limit=limit)
    if not stream:
        yield query.tuples(offset=offset, limit=limit)
        return
    chunk: list[tuple] = []
    for row in values.iterator(chunk_size=CHUNK_ROWS):
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            yield query.suppress(chunk)
            chunk = []
    if chunk:
        yield query.suppress(chunk)


def csv_header(semicolon: bool) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";" if semicolon else ",", lineterminator="\r\n").writerow(outputs.CSV_COLUMNS)
    return "\ufeff" + buffer.getvalue()


def csv_chunks(
    query: DataQuery, *, semicolon: bool, offset: int, limit: int, stream: bool, database: bool | None = None
) -> Iterator[str]:
    """The CSV answer (BOM and header first) in pieces; ``"".join`` of them is ``outputs.csv_text``."""
    yield csv_header(semicolon)
    if in_database() if database is None else database:
        for rows in _database_chunks(query, offset, limit, stream):
            yield _csv_lines(rows, semicolon)
    else:
        skip = len(csv_header(semicolon))
        for tuples in _python_chunks(query, offset, limit, stream):
            yield outputs.csv_text(tuples, semicolon=semicolon)[skip:]


def json_chunks(
    query: DataQuery, head: dict, *, offset: int, limit: int, stream: bool, database: bool | None = None
) -> Iterator[str]:
    """``outputs.dumps({**head, "results": rows})`` in pieces."""
    yield outputs.dumps(head)[:-1] + ',"results":['
    first = True
    if in_database() if database is None else database:
        for rows in _database_chunks(query, offset, limit, stream):
            if rows:
                yield ("" if first else ",") + _json_objects(rows)
                first = False
    else:
        for tuples in _python_chunks(query, offset, limit, stream):
            if tuples:
                yield ("" if first else ",") + outputs.dumps(outputs.json_rows(tuples))[1:-1]
                first = False
    yield "]}"


def jsonstat_text(
    query: DataQuery, *, labels_for, updated, lang: str, offset: int, limit: int, database: bool | None = None
) -> str:
    """``outputs.dumps(outputs.jsonstat(rows, ...))`` for the rows of the request, with the cells'
    values written as text (from the database, or ``outputs``' JSON numbers) and only the keys of
    each cell read in Python. ``labels_for(pairs)`` gives the labels from ``[{"indicator",
    "organisation"}]``."""
    if in_database() if database is None else database:
        fetched = [row for chunk in _database_chunks(query, offset, limit, False) for row in chunk]
        columns = list(zip(*fetched, strict=True)) or [()] * 12
        period = _Cache(lambda ymq: outputs.period_id({"year": ymq[0], "quarter": ymq[1], "month": ymq[2]}))
        periods = [period[ymq] for ymq in zip(columns[2], columns[3], columns[4], strict=True)]
        texts = [
            None if hide or value is None else (value.rstrip("0").rstrip(".") if "." in value else value)
            for value, hide in zip(columns[7], columns[11], strict=True)
        ]
        hides, states = columns[11], columns[9]
    else:
        number = outputs._number
        tuples = query.tuples(offset=offset, limit=limit)
        columns = list(zip(*tuples, strict=True)) or [()] * 12
        periods = [
            outputs.period_id({"year": y, "quarter": q, "month": m})
            for y, q, m in zip(columns[2], columns[3], columns[4], strict=True)
        ]
        texts = [None if value is None else outputs.dumps(number(value)) for value in columns[7]]
        hides, states = columns[11], columns[9]
    total_code = outputs.BREAKDOWN_TOTAL
    keys = [columns[0], columns[1], periods, columns[5], [b or total_code for b in columns[6]]]
    categories: list[list[str]] = [list(dict.fromkeys(keys[0]))]
    categories += [sorted(set(k)) for k in keys[1:]]
    index = [{c: i for i, c in enumerate(cats)} for cats in categories]
    size = [len(c) for c in categories]
    total = size[0] * size[1] * size[2] * size[3] * size[4]
    values: list[str | None] = [None] * (total if texts else 0)
    status: dict[str, str] = {}
    i0, i1, i2, i3, i4 = index
    s1, s2, s3, s4 = size[1:]
    for a, b, c, d, e, text, hide, state in zip(*keys, texts, hides, states, strict=True):
        position = (((i0[a] * s1 + i1[b]) * s2 + i2[c]) * s3 + i3[d]) * s4 + i4[e]
        values[position] = text
        if hide:
            status[str(position)] = "suppressed"
        elif state == "provisional":
            status[str(position)] = "provisional"
    codes, orgs = categories[0], categories[1]  # both empty or both not
    labels = labels_for(
        [{"indicator": code or codes[0], "organisation": org or orgs[0]} for code, org in zip_longest(codes, orgs)]
    )
    mark = uuid.uuid4().hex
    dataset = outputs.jsonstat_dataset(categories, mark, status, labels=labels, updated=updated)
    text = outputs.dumps(dataset)
    array = "[" + ",".join(["null" if v is None else v for v in values]) + "]"
    return text.replace(f'"{mark}"', array, 1)
