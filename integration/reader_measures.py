"""Reads a quarterly documentation-figures file (CSV or XLSX) into ``ReportRow`` objects.

Columns (header row, any order, Finnish/Swedish/English names): organisation (code), classification
(code or OID), version, year, quarter, structured, total. Row numbers are the file's own (the header
is row 1), so a message "Row 3" points at the third line of the file.

Read through the core safe reader (``portal/safe_reader.py``: size, row, cell and time limits, no
formulas, streamed XLSX), like every other import; its refusals fail the job with their message.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from integration.models_measures import NATIONAL_OID_PATTERN, ClassificationVersion, NationalClassification
from integration.services_measures import ReportRow
from portal import safe_reader
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


def _rows(data: bytes, name: str) -> Iterator[safe_reader.Row]:
    """The file's rows with their own numbers (refused by the safe reader when unsafe to read)."""
    return safe_reader.open_table(data, name, encodings=("utf-8", "cp1252"), delimiters=(";", ",", "\t")).rows()


def _int(value: str) -> int | None:
    value = (value or "").strip().replace("\u00a0", "").replace(" ", "")
    if value.endswith(".0"):
        value = value[:-2]
    try:
        return int(value)
    except ValueError:
        return None


def _off_pattern_oid(value: str) -> bool:
    """A dotted number meant as an OID (a code of ours is a slug) that is not of the national form."""
    looks_like_oid = bool(value) and "." in value and all(part.isdigit() for part in value.split("."))
    return looks_like_oid and not NATIONAL_OID_PATTERN.match(value)


def read_rows(data: bytes, name: str) -> tuple[list[tuple[int, ReportRow]], list[str]]:
    """Rows with their file row numbers, and messages for cells that are not numbers."""
    rows = _rows(data, name)
    header_row = next((r for r in rows if any(safe_reader.cell_text(c).strip() for c in r.cells)), None)
    if header_row is None:
        raise FileProblem(_("%(name)s is empty.") % {"name": name})
    header = [safe_reader.cell_text(h).strip().lower() for h in header_row.cells]
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
    count = 0
    for file_row in rows:
        number = file_row.number
        raw = [safe_reader.cell_text(c) for c in file_row.cells]
        if not any(c.strip() for c in raw):
            continue
        count += 1
        if count > MAX_ROWS:
            raise FileProblem(_("%(name)s has more than %(n)s rows.") % {"name": name, "n": MAX_ROWS})

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
        if classification is None and _off_pattern_oid(cell("classification")):
            messages.append(
                _(
                    "Row %(n)s, column classification: %(code)r is not a national OID "
                    "(expected 1.2.246.537 followed by numbers)."
                )
                % {"n": number, "code": cell("classification")}
            )
        elif classification is None:
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
