"""Loading code lists and the example package definition (idempotent), and importing code lists.

Shipped data: the verified service classes and JHS 192 income-statement rows from
``portal/reference/`` (the portal's copy of the shared reference folder), and the client groups,
production modes, funding channels and the EXAMPLE package definition from ``integration/data/``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from integration import sources
from integration.models import (
    Code,
    CodeList,
    CodeListKind,
    CodeListVersion,
    Package,
    PackageDefinition,
    PackageMember,
    VersionStatus,
)
from integration.parsing import LedgerError, read_table
from portal.codes import code_problem
from portal.reference_data import REFERENCE_DIR, LoadReport, _upsert

DATA_DIR = Path(__file__).resolve().parent / "data"
EXAMPLE_DEFINITION_CODE = "esimerkki"

SHIPPED_LISTS = [
    # code, kind, fi, sv, en, source
    (
        "palveluluokitus",
        CodeListKind.SERVICE_CLASS,
        "Palveluluokitus (JHS 200)",
        "Tjänsteklassificering (JHS 200)",
        "Service classes (JHS 200)",
        sources.SERVICE_CLASSES,
    ),
    (
        "kustannuslajit-jhs192",
        CodeListKind.COST_TYPE,
        "Tuloslaskelman rivit (JHS 192)",
        "Resultaträkningens rader (JHS 192)",
        "Income-statement rows (JHS 192)",
        sources.INCOME_STATEMENT_ROWS,
    ),
    (
        "asiakasryhmat",
        CodeListKind.CLIENT_GROUP,
        "Asiakasryhmät",
        "Klientgrupper",
        "Client groups",
        sources.CLIENT_GROUPS,
    ),
    (
        "tuotantotavat",
        CodeListKind.PRODUCTION_MODE,
        "Tuotantotavat",
        "Produktionssätt",
        "Production modes",
        sources.PRODUCTION_MODES,
    ),
    (
        "rahoituskanavat",
        CodeListKind.FUNDING_CHANNEL,
        "Rahoituskanavat",
        "Finansieringskanaler",
        "Funding channels",
        sources.FUNDING_CHANNELS,
    ),
]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _service_class_rows() -> list[dict]:
    rows = []
    codes = {r["code"] for r in _read_csv(REFERENCE_DIR / "service_classes_verified.csv")}
    for r in _read_csv(REFERENCE_DIR / "service_classes_verified.csv"):
        parent = r["parent_coarse_code"] if r["parent_coarse_code"] in codes else ""
        note = "; ".join(x for x in (r["level"], r["note"]) if x)
        rows.append(
            {"code": r["code"], "name_fi": r["name_fi"], "level": 2 if parent else 1, "parent": parent, "note": note}
        )
    return rows


def _income_statement_rows() -> list[dict]:
    rows, stack = [], {}
    for r in _read_csv(REFERENCE_DIR / "income_statement_rows_jhs192.csv"):
        level = int(r["level"])
        code = slugify(r["row_fi"])
        stack[level] = code
        parent = stack.get(level - 1, "") if level > 1 else ""
        note = "; ".join(x for x in (f"sign {r['sign']}" if r["sign"] else "", r["note"]) if x)
        rows.append({"code": code, "name_fi": r["row_fi"], "level": level, "parent": parent, "note": note})
    return rows


def _data_rows(name: str) -> list[dict]:
    return [
        {
            "code": r["code"],
            "name_fi": r["name_fi"],
            "name_sv": r.get("name_sv", ""),
            "name_en": r.get("name_en", ""),
            "level": int(r.get("level") or 1),
            "parent": r.get("parent", ""),
            "note": r.get("note", ""),
        }
        for r in _read_csv(DATA_DIR / name)
    ]


def _shipped_rows(code: str) -> list[dict]:
    return {
        "palveluluokitus": _service_class_rows,
        "kustannuslajit-jhs192": _income_statement_rows,
        "asiakasryhmat": lambda: _data_rows("client_groups.csv"),
        "tuotantotavat": lambda: _data_rows("production_modes.csv"),
        "rahoituskanavat": lambda: _data_rows("funding_channels.csv"),
    }[code]()


def _upsert_codes(report: LoadReport, version: CodeListVersion, rows: list[dict]) -> None:
    by_code: dict[str, Code] = {}
    for order, row in enumerate(rows, start=1):
        parent = by_code.get(row.get("parent") or "")
        by_code[row["code"]] = _upsert(
            report,
            "codes",
            Code,
            {"version": version, "code": row["code"]},
            {
                "name_fi": row["name_fi"],
                "name_sv": row.get("name_sv", ""),
                "name_en": row.get("name_en", ""),
                "level": row.get("level", 1),
                "parent": parent,
                "sort_order": order,
                "note": row.get("note", ""),
            },
        )


@transaction.atomic
def load_code_lists() -> LoadReport:
    """Create or update the shipped code lists (version 1 of each) and the example definition."""
    report = LoadReport()
    for code, kind, fi, sv, en, source in SHIPPED_LISTS:
        code_list = _upsert(
            report, "code lists", CodeList, {"code": code}, {"kind": kind, "name_fi": fi, "name_sv": sv, "name_en": en}
        )
        version = _upsert(
            report,
            "code list versions",
            CodeListVersion,
            {"code_list": code_list, "number": 1},
            {"status": VersionStatus.ACTIVE, "source": source, "valid_from_year": 2020},
        )
        _upsert_codes(report, version, _shipped_rows(code))
    _load_example_definition(report)
    return report


def _load_example_definition(report: LoadReport) -> None:
    definition = _upsert(
        report,
        "package definitions",
        PackageDefinition,
        {"code": EXAMPLE_DEFINITION_CODE},
        {
            "name_fi": "Esimerkki: SOTE-tietopakettien määrittely (ei virallinen)",
            "name_sv": "Exempel: definition av SOTE-informationspaketen (inte officiell)",
            "name_en": "Example: SOTE data-package definition (not official)",
            "status": VersionStatus.ACTIVE,
            "is_example": True,
            "source": sources.EXAMPLE_PACKAGES,
        },
    )
    packages: dict[str, Package] = {}
    for order, row in enumerate(_read_csv(DATA_DIR / "example_packages.csv"), start=1):
        if row["package_code"] not in packages:
            packages[row["package_code"]] = _upsert(
                report,
                "packages",
                Package,
                {"definition": definition, "code": row["package_code"]},
                {"name_fi": row["name_fi"], "name_sv": row["name_sv"], "name_en": row["name_en"], "sort_order": order},
            )
        _upsert(
            report,
            "package members",
            PackageMember,
            {
                "package": packages[row["package_code"]],
                "service_class_code": row["service_class_code"],
                "client_group_code": row["client_group_code"],
            },
            {},
        )


@dataclass
class ImportReport:
    version: CodeListVersion | None = None
    created: int = 0
    errors: list[str] = field(default_factory=list)


def import_code_list(
    code_list: CodeList,
    data: bytes,
    *,
    filename: str = "",
    source: str = "",
    activate: bool = True,
    valid_from_year: int | None = None,
    valid_to_year: int | None = None,
) -> ImportReport:
    """Import a CSV/XLSX (columns code, name_fi, [name_sv, name_en, level, parent]) as a new version.

    Refuses the whole file on duplicate codes, unknown parents or missing Finnish names, listing
    every problem with its row.
    """
    report = ImportReport()
    if valid_from_year is not None and valid_to_year is not None and valid_from_year > valid_to_year:
        report.errors.append(
            _("The first valid year %(first)s is after the last valid year %(last)s.")
            % {"first": valid_from_year, "last": valid_to_year}
        )
        return report
    try:
        rows = read_table(data, filename)
    except LedgerError as exc:
        report.errors = exc.messages
        return report
    if rows and ("code" not in rows[0] or "name_fi" not in rows[0]):
        report.errors.append(
            _("The header must have the columns code and name_fi (optional: name_sv, name_en, level, parent).")
        )
        return report
    if not rows:
        report.errors.append(_("The file has a header but no rows."))
        return report
    seen: dict[str, str] = {}
    for row in rows:
        code = row.get("code", "")
        if not code:
            report.errors.append(_("Row %(row)s: the code is empty.") % {"row": row["_row"]})
        elif problem := code_problem(code, what=_("the code")):
            report.errors.append(_("Row %(row)s: %(problem)s.") % {"row": row["_row"], "problem": problem})
        elif code in seen:
            report.errors.append(
                _("Row %(row)s: duplicate code %(code)s (first on row %(first)s).")
                % {"row": row["_row"], "code": code, "first": seen[code]}
            )
        else:
            seen[code] = row["_row"]
        if not row.get("name_fi"):
            report.errors.append(_("Row %(row)s: the Finnish name (name_fi) is missing.") % {"row": row["_row"]})
        level = row.get("level", "") or "1"
        if not level.isdigit():
            report.errors.append(
                _("Row %(row)s: the level must be a whole number; found %(value)s.")
                % {"row": row["_row"], "value": level}
            )
    for row in rows:
        parent = row.get("parent", "")
        if parent and parent not in seen:
            report.errors.append(
                _("Row %(row)s: unknown parent %(parent)s (not a code of this file).")
                % {"row": row["_row"], "parent": parent}
            )
    if report.errors:
        return report
    with transaction.atomic():
        number = (code_list.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        if activate:
            code_list.versions.filter(status=VersionStatus.ACTIVE).update(status=VersionStatus.RETIRED)
        version = CodeListVersion.objects.create(
            code_list=code_list,
            number=number,
            status=VersionStatus.ACTIVE if activate else VersionStatus.DRAFT,
            source=source or filename,
            valid_from_year=valid_from_year,
            valid_to_year=valid_to_year,
        )
        by_code: dict[str, Code] = {}
        for order, row in enumerate(rows, start=1):
            by_code[row["code"]] = Code.objects.create(
                version=version,
                code=row["code"],
                name_fi=row["name_fi"],
                name_sv=row.get("name_sv", ""),
                name_en=row.get("name_en", ""),
                level=int(row.get("level") or 1),
                sort_order=order,
            )
        for row in rows:
            if row.get("parent"):
                Code.objects.filter(pk=by_code[row["code"]].pk).update(parent=by_code[row["parent"]])
    report.version = version
    report.created = len(rows)
    return report
