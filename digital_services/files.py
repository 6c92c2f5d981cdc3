"""Reading the stewards' monthly-figure files and segment-history files (CSV or XLSX) into numbered rows.

Row numbers are the spreadsheet's: the header is row 1, so the first data row is row 2. The file was
checked by ``portal.uploads.check_upload``; it is read through the core's safe reader
(``portal.safe_reader``), whose limits (size, ZIP ratio, rows, columns, cells, cell length, time)
bound what is collected here and which refuses formulas with their cell. Errors name file, row and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal import safe_reader


class FileProblem(Exception):
    """The file cannot be read at all (not a row-level problem)."""


@dataclass
class Row:
    number: int
    values: dict[str, str]


def _text(value) -> str:
    """A cell as text; a date cell (XLSX) becomes its month, ``YYYY-MM``."""
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m")
    return safe_reader.cell_text(value)


def read_table(content: bytes, filename: str) -> list[Row]:
    """Rows of a CSV (``;`` or ``,``, UTF-8) or XLSX file as text values keyed by the lower-cased header;
    empty rows are skipped. A file with a header and no data rows gives no rows."""
    try:
        _header, body = safe_reader.records(content, filename)
        return [Row(number, {name: _text(value) for name, value in cells.items()}) for number, cells in body]
    except safe_reader.FileRefused as exc:
        if exc.code == "header_only":
            return []
        raise FileProblem(str(exc)) from exc
