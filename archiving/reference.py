"""Idempotent loader of the area's reference data (archiving/reference/*.csv).

An existing row (matched on its code) is left as it is: rules and requirements are edited in the
portal after the first load, and a reload must not overwrite those edits.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


def _read(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


@transaction.atomic
def load_archiving_reference() -> dict[str, int]:
    """Create the retention rules, requirements and access rules that do not exist yet."""
    from archiving.models import AccessRule, Requirement, RetentionRule

    created = {"rules": 0, "requirements": 0, "access_rules": 0}
    for row in _read("retention_rules.csv"):
        _, new = RetentionRule.objects.get_or_create(
            code=row["code"],
            defaults={
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "domain": row["domain"],
                "service_task": row["service_task"],
                "permanent": row["permanent"] == "true",
                "period_years": _int(row["period_years"]),
                "trigger": row["trigger"],
                "fallback_years": _int(row["fallback_years"]),
                "fallback_trigger": row["fallback_trigger"],
                "sampling_days": row["sampling_days"],
                "legal_source": row["legal_source"],
                "source_url": row["source_url"],
                "verified": row["verified"] == "true",
                "note": row["note"],
            },
        )
        created["rules"] += new
    for row in _read("requirements.csv"):
        _, new = Requirement.objects.get_or_create(
            code=row["code"], defaults={k: v for k, v in row.items() if k != "code"}
        )
        created["requirements"] += new
    for row in _read("access_rules.csv"):
        _, new = AccessRule.objects.get_or_create(
            role=row["role"],
            domain=row["domain"],
            service_task=row["service_task"],
            defaults={
                "care_relationship_required": row["care_relationship_required"] == "true",
                "purpose_required": row["purpose_required"] == "true",
                "note": row["note"],
            },
        )
        created["access_rules"] += new
    return created
