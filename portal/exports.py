"""Helpers for CSV/XLSX downloads shared by every app."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?$")


def safe_cell(value):
    """Neutralise spreadsheet formula injection: text starting with = + - @ gets a leading quote.

    Numbers stay numbers, including negative amounts that arrive as text ("-1234.50"): only text a
    spreadsheet could run as a formula is touched (OWASP "CSV injection").
    """
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence], *, delimiter: str = ",") -> str:
    """CSV text with formula-neutralised cells and a BOM (so that Excel opens UTF-8 correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence], *, delimiter: str = ","
) -> HttpResponse:
    response = HttpResponse(csv_text(header, rows, delimiter=delimiter), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_value(value):
    """A value a workbook cell can hold: XLSX has no time zones (an aware time is written in the
    portal's local time, Europe/Helsinki), and lazy translations or other objects become their text.
    Without this openpyxl refuses the cell and the download is a server error."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, str | int | float | Decimal | bool | dt.date | dt.time | dt.timedelta):
        return value
    return str(value)


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence], *, sheet_title: str = "data"
) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append([safe_cell(xlsx_value(v)) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def history_response(entries: Iterable, fmt: str, name: str) -> HttpResponse:
    """A change history (``ChangeLog`` rows the reader may see) as CSV or XLSX, in people's words:
    the local time, who, the action and the channel by their labels, each change as
    "Field: before -> after"."""
    from django.utils.translation import gettext as _

    header = [_("Time"), _("Who"), _("Action"), _("Via"), _("Changes")]
    rows = (
        [
            timezone.localtime(entry.timestamp).replace(tzinfo=None, microsecond=0),
            entry.actor_repr or _("system"),
            entry.get_action_display(),
            entry.get_source_display(),
            "; ".join(
                f"{field}: {'–' if before is None else before} → {'–' if after is None else after}"
                for field, before, after in entry.readable_changes()
            ),
        ]
        for entry in entries
    )
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", header, rows, sheet_title=name)
    return csv_response(f"{name}.csv", header, rows)
