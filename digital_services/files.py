"""Reading the stewards' monthly-figure files (CSV or XLSX) into numbered rows.

Row numbers are the spreadsheet's: the header is row 1, so the first data row is row 2. The core's
safe reader (portal/safe_reader.py) is being built; until it lands this small reader keeps the same
contract: the file was checked by ``portal.uploads.check_upload`` and errors name file, row and column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_ROWS = 50_000


class FileProblem(Exception):
    """The file cannot be read at all (not a row-level problem)."""


@dataclass
class Row:
    number: int
    values: dict[str, str]


def _clean_header(cells) -> list[str]:
    return [str(c or "").strip().lower() for c in cells]


def read_table(content: bytes, filename: str) -> list[Row]:
    """Rows of a CSV (``;`` or ``,``, UTF-8) or XLSX file as text values keyed by the lower-cased header."""
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(content, filename)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(_("%(file)s is not UTF-8 text.") % {"file": filename}) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise FileProblem(_("%(file)s is empty.") % {"file": filename})
    header = _clean_header(rows[0])
    out = []
    for index, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if index > MAX_ROWS:
            raise FileProblem(_("%(file)s has more than %(n)s rows.") % {"file": filename, "n": MAX_ROWS})
        out.append(Row(index, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h}))
    return out


def _read_xlsx(content: bytes, filename: str) -> list[Row]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same user error
        raise FileProblem(_("%(file)s is not a readable XLSX workbook.") % {"file": filename}) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = _clean_header(next(rows))
    except StopIteration as exc:
        raise FileProblem(_("%(file)s is empty.") % {"file": filename}) from exc
    out = []
    for index, cells in enumerate(rows, start=2):
        if index > MAX_ROWS:
            raise FileProblem(_("%(file)s has more than %(n)s rows.") % {"file": filename, "n": MAX_ROWS})
        if not any(c not in (None, "") for c in cells):
            continue
        values = {}
        for i, h in enumerate(header):
            if not h:
                continue
            cell = cells[i] if i < len(cells) else None
            if hasattr(cell, "strftime"):
                cell = cell.strftime("%Y-%m")
            elif isinstance(cell, float) and cell.is_integer():
                cell = int(cell)
            values[h] = "" if cell is None else str(cell).strip()
        out.append(Row(index, values))
    workbook.close()
    return out
