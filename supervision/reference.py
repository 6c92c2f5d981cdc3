"""Loads the supervision code lists: thresholds, professional groups and the person-day rule.

Idempotent (matched on stable keys, saved only when a value differs). The functions take the model
classes so that the data migration can call them with historical models.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.conf import settings

THRESHOLDS_CSV = Path(settings.BASE_DIR) / "portal" / "reference" / "staffing_ratio_minimums.csv"
GROUPS_CSV = Path(__file__).resolve().parent / "reference" / "professional_groups.csv"
RULES_CSV = Path(__file__).resolve().parent / "reference" / "person_day_rules.csv"
NOTES_CSV = Path(__file__).resolve().parent / "reference" / "staffing_threshold_notes.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _upsert(model, lookup: dict, values: dict) -> str:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        return "created"
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, values[k])
    if changed:
        obj.save()
        return "updated"
    return "unchanged"


def load_thresholds(model) -> list[str]:
    return [
        _upsert(
            model,
            {"valid_from": _date(row["valid_from"])},
            {
                "valid_to": _date(row["valid_to"]),
                "min_staff_per_client": Decimal(row["min_staff_per_client"]),
                "legal_basis": row["legal_basis"][:300],
                "status": row["status"][:200],
                "source": row["source"],
            },
        )
        for row in _rows(THRESHOLDS_CSV)
    ]


def load_threshold_notes(model) -> list[str]:
    """The translated source notes of the thresholds; a row whose threshold is missing is skipped."""
    results = []
    for row in _rows(NOTES_CSV):
        if not model.objects.filter(valid_from=_date(row["valid_from"])).exists():
            results.append("skipped")
            continue
        results.append(
            _upsert(
                model,
                {"valid_from": _date(row["valid_from"])},
                {"note_fi": row["note_fi"], "note_sv": row["note_sv"], "note_en": row["note_en"]},
            )
        )
    return results


def load_groups(model) -> list[str]:
    return [
        _upsert(
            model,
            {"code": row["code"]},
            {
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "counts_in_ratio": row["counts_in_ratio"] == "yes",
                "qualifies_alone": row["qualifies_alone"] == "yes",
                "sort_order": int(row["sort_order"]),
                "note": row["note"],
            },
        )
        for row in _rows(GROUPS_CSV)
    ]


def load_person_day_rules(model) -> list[str]:
    return [
        _upsert(
            model,
            {"valid_from": _date(row["valid_from"]), "valid_to": _date(row["valid_to"])},
            {
                "hours_per_person_day": Decimal(row["hours_per_person_day"]),
                "basis": row["basis"][:300],
                "status": row["status"][:200],
            },
        )
        for row in _rows(RULES_CSV)
    ]


def load_all() -> dict[str, list[str]]:
    from supervision.models import PersonDayRule, ProfessionalGroup, StaffingThreshold

    return {
        "thresholds": load_thresholds(StaffingThreshold),
        "threshold_notes": load_threshold_notes(StaffingThreshold),
        "groups": load_groups(ProfessionalGroup),
        "person_day_rules": load_person_day_rules(PersonDayRule),
    }
