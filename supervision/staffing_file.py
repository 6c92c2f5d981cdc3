"""Parsing and validation of a staffing file (CSV or XLSX), one row per unit and day.

Columns (header row 1, codes not display names):
    unit, date, clients, then for any professional group code G: G_direct, G_indirect, G_persons
``date`` is ISO (2023-04-01) or Finnish (1.4.2023); decimals may use a comma. An empty hours cell is
0 hours; an empty persons cell means the count is not given. Errors name the row (as the spreadsheet
shows it) and the column, and all of them are reported at once (up to MAX_ERRORS).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal import safe_reader
from portal.jobs import BadInput, msg

MAX_ERRORS = 50
HOURS_PER_PERSON_DAY_MAX = Decimal(24)
REQUIRED = ("unit", "date", "clients")
SUFFIXES = ("direct", "indirect", "persons")


@dataclass
class ParsedDay:
    row: int
    unit_code: str
    date: dt.date
    clients: int
    hours: dict[str, tuple[Decimal, Decimal, int | None]] = field(default_factory=dict)


def read_rows(content: bytes, filename: str) -> list[list[object]]:
    """All rows of the first sheet / the CSV, as lists of cells (a row's index is its number - 1).

    Read through the core's safe reader: its limits (size, ratio, rows, columns, cells, cell
    length, time) bound what is collected here; formulas are refused with their cell."""
    table = safe_reader.open_table(content, filename)
    return [row.cells for row in table.rows()]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal(value) -> Decimal:
    if isinstance(value, int | float):
        return Decimal(str(value))
    return Decimal(str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if "." in text:
        day, month, year = (int(p) for p in text.split("."))
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def parse(
    rows: list[list[object]],
    *,
    filename: str,
    period_start: dt.date,
    period_end: dt.date,
    group_codes: set[str],
    allowed_units: set[str],
) -> list[ParsedDay]:
    """Validate every row; raise BadInput listing all problems with row numbers, or return the days."""
    errors: list[str] = []

    def error(row: int, message: str) -> None:
        errors.append(_("%(file)s row %(row)s: %(message)s") % {"file": filename, "row": row, "message": message})

    if not rows or all(_blank(c) for c in rows[0]):
        raise BadInput(
            msg(gettext_noop("%(file)s is empty: expected a header row with unit, date, clients."), file=filename)
        )
    header = [str(c).strip().lower() if not _blank(c) else "" for c in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise BadInput(
            msg(
                gettext_noop(
                    "%(file)s row 1: missing column(s) %(columns)s; expected unit, date, clients and <group>_direct columns."
                ),
                file=filename,
                columns=", ".join(missing),
            )
        )
    group_columns: dict[int, tuple[str, str]] = {}
    for index, name in enumerate(header):
        if name in REQUIRED or not name:
            continue
        code, _sep, suffix = name.rpartition("_")
        if suffix not in SUFFIXES or code not in group_codes:
            error(
                1,
                _(
                    "column %(column)s is not <group>_direct, <group>_indirect or <group>_persons of a known group (%(codes)s)"
                )
                % {"column": name, "codes": ", ".join(sorted(group_codes))},
            )
            continue
        group_columns[index] = (code, suffix)
    if errors:
        raise BadInput("\n".join(errors))
    col = {name: header.index(name) for name in REQUIRED}

    days: list[ParsedDay] = []
    seen: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    for row_no, cells in enumerate(rows[1:], start=2):
        if len(errors) >= MAX_ERRORS:
            break
        if all(_blank(c) for c in cells):
            continue
        cells = list(cells) + [None] * (len(header) - len(cells))
        unit_code = "" if _blank(cells[col["unit"]]) else str(cells[col["unit"]]).strip()
        if not unit_code:
            error(row_no, _("column unit is empty"))
            continue
        if unit_code not in allowed_units:
            error(row_no, _("unit %(unit)s is unknown or not one you may report for") % {"unit": unit_code})
            continue
        try:
            day = _date(cells[col["date"]])
        except (TypeError, ValueError):
            error(
                row_no,
                _("column date: %(value)s is not a date (2023-04-01 or 1.4.2023)") % {"value": cells[col["date"]]},
            )
            continue
        if not period_start <= day <= period_end:
            error(
                row_no,
                _("date %(date)s is outside the declared period %(start)s–%(end)s")
                % {"date": day.isoformat(), "start": period_start.isoformat(), "end": period_end.isoformat()},
            )
            continue
        try:
            clients_value = _decimal(cells[col["clients"]])
            if clients_value != clients_value.to_integral_value():
                raise InvalidOperation
            clients = int(clients_value)
        except (InvalidOperation, ValueError, TypeError):
            error(row_no, _("column clients: %(value)s is not a whole number") % {"value": cells[col["clients"]]})
            continue
        if clients < 0:
            error(row_no, _("column clients: %(value)s is negative") % {"value": clients})
            continue
        parsed = ParsedDay(row=row_no, unit_code=unit_code, date=day, clients=clients)
        values: dict[str, dict[str, object]] = defaultdict(dict)
        bad = False
        for index, (code, suffix) in group_columns.items():
            raw = cells[index]
            if _blank(raw):
                continue
            try:
                number = _decimal(raw)
            except (InvalidOperation, ValueError):
                error(
                    row_no, _("column %(column)s: %(value)s is not a number") % {"column": header[index], "value": raw}
                )
                bad = True
                continue
            if number < 0:
                error(row_no, _("column %(column)s: %(value)s is negative") % {"column": header[index], "value": raw})
                bad = True
                continue
            if suffix == "persons" and number != number.to_integral_value():
                error(
                    row_no,
                    _("column %(column)s: %(value)s is not a whole number") % {"column": header[index], "value": raw},
                )
                bad = True
                continue
            values[code][suffix] = number
        for code, parts in values.items():
            direct = parts.get("direct", Decimal(0))
            indirect = parts.get("indirect", Decimal(0))
            persons = int(parts["persons"]) if "persons" in parts else None
            if persons is not None and direct + indirect > HOURS_PER_PERSON_DAY_MAX * persons:
                error(
                    row_no,
                    _("group %(group)s: %(hours)s hours by %(persons)s person(s) is more than 24 hours per person-day")
                    % {"group": code, "hours": direct + indirect, "persons": persons},
                )
                bad = True
                continue
            parsed.hours[code] = (direct, indirect, persons)
        if bad:
            continue
        seen[(unit_code, day)].append(row_no)
        days.append(parsed)
    for (unit_code, day), row_numbers in seen.items():
        if len(row_numbers) > 1:
            errors.append(
                _("%(file)s rows %(rows)s: the same unit-day %(unit)s %(date)s appears more than once")
                % {
                    "file": filename,
                    "rows": ", ".join(str(n) for n in row_numbers),
                    "unit": unit_code,
                    "date": day.isoformat(),
                }
            )
    if errors:
        raise BadInput("\n".join(errors[:MAX_ERRORS]))
    if not days:
        raise BadInput(msg(gettext_noop("%(file)s has no data rows."), file=filename))
    return days
