"""Reads a quarterly documentation-figures file (CSV or XLSX) into ``ReportRow`` objects.

Columns (header row, any order, Finnish/Swedish/English names): organisation (code), classification
(code or OID), version, year, quarter, structured, total. Row numbers are the file's own (the header
is row 1), so a message "Row 3" points at the third line of the file.

A small reader of its own: the core safe reader (portal/safe_reader.py) was not on main when this
was written; switch to it when it lands.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from integration.models_measures import ClassificationVersion, NationalClassification
from integration.services_measures import ReportRow
from portal.models import Organisation

MAX_ROWS = 20_000
ALIASES = {
    "organisation": {"organisation", "organization", "organisaatio", "organisation_code", "organisaatio_koodi"},
    "classification": {"classification", "luokitus", "klassificering", "oid"},
    "version": {"version", "versio"},
    "year": {"year", "vuosi", "år", "ar"},
    "quarter": {"quarter", "neljännes", "kvartal", "q"},
    "structured": {"structured", "rakenteiset", "strukturerade", "structured_count"},
    "total": {"total", "kaikki", "alla", "total_count"},
}


class FileProblem(Exception):
    """The file cannot be read at all (wrong columns, encoding)."""


def _cells(data: bytes, name: str) -> list[list[str]]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file problem
            raise FileProblem(_("%(name)s is not a readable XLSX workbook.") % {"name": name}) from exc
        sheet = wb.worksheets[0]
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        wb.close()
        return rows
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _int(value: str) -> int | None:
    value = (value or "").strip().replace("\u00a0", "").replace(" ", "")
    if value.endswith(".0"):
        value = value[:-2]
    try:
        return int(value)
    except ValueError:
        return None


def read_rows(data: bytes, name: str) -> tuple[list[tuple[int, ReportRow]], list[str]]:
    """Rows with their file row numbers, and messages for cells that are not numbers."""
    cells = _cells(data, name)
    if not cells:
        raise FileProblem(_("%(name)s is empty.") % {"name": name})
    header = [h.strip().lower() for h in cells[0]]
    index: dict[str, int] = {}
    for key, names in ALIASES.items():
        for i, h in enumerate(header):
            if h in names:
                index[key] = i
                break
    missing = [k for k in ALIASES if k not in index]
    if missing:
        raise FileProblem(
            _("%(name)s is missing the columns: %(cols)s (expected: %(expected)s).")
            % {"name": name, "cols": ", ".join(missing), "expected": ", ".join(ALIASES)}
        )
    if len(cells) - 1 > MAX_ROWS:
        raise FileProblem(_("%(name)s has more than %(n)s rows.") % {"name": name, "n": MAX_ROWS})
    orgs = {o.code: o for o in Organisation.objects.select_related("successor")}
    classes = {}
    for c in NationalClassification.objects.all():
        classes[c.code] = c
        classes[c.oid] = c
    versions = {
        (v.classification_id, v.version): v for v in ClassificationVersion.objects.select_related("classification")
    }
    out: list[tuple[int, ReportRow]] = []
    messages: list[str] = []
    for number, raw in enumerate(cells[1:], start=2):
        if not any((c or "").strip() for c in raw):
            continue

        def cell(key: str, raw=raw) -> str:
            i = index[key]
            return raw[i].strip() if i < len(raw) and raw[i] is not None else ""

        values = {}
        for key in ("year", "quarter", "structured", "total"):
            values[key] = _int(cell(key))
            if values[key] is None:
                messages.append(
                    _("Row %(n)s, column %(col)s: %(value)r is not a whole number.")
                    % {"n": number, "col": key, "value": cell(key)}
                )
        org = orgs.get(cell("organisation"))
        if org is None:
            messages.append(
                _("Row %(n)s, column organisation: unknown organisation code %(code)r.")
                % {"n": number, "code": cell("organisation")}
            )
        classification = classes.get(cell("classification"))
        if classification is None:
            messages.append(
                _("Row %(n)s, column classification: unknown classification %(code)r.")
                % {"n": number, "code": cell("classification")}
            )
        version = versions.get((classification.pk, cell("version"))) if classification else None
        if classification is not None and version is None:
            messages.append(
                _("Row %(n)s, column version: %(c)s has no version %(v)r.")
                % {"n": number, "c": classification.name, "v": cell("version")}
            )
        if org is None or classification is None or version is None or None in values.values():
            continue
        out.append(
            (
                number,
                ReportRow(
                    org,
                    classification,
                    version,
                    values["year"],
                    values["quarter"],
                    values["structured"],
                    values["total"],
                ),
            )
        )
    return out, messages
