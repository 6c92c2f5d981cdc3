"""Idempotent loader of the OT centre's reference data (``ot_centre/reference/*.csv``).

Matched on stable keys and saved only when a value differs, so running it again changes nothing.
It adds the pre-2023 erva organisations that the core's ``portal/reference`` does not carry, the
co-operation area with its time-valid memberships, the six pilot expertise areas and the default
deadline rules (which staff then edit in the portal: an existing rule is never overwritten).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from django.db import transaction

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
_KIND = {
    "joint_authority": "joint_authority",
    "other": "other",
    "wellbeing_services_county": "wellbeing_services_county",
}
_SUCCESSORS = {"siun-sote": "pkhva", "kssshp": "kshva", "isshp": "eshva", "essote": "eshva"}


def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _upsert(model, lookup: dict, values: dict, *, overwrite: bool = True) -> tuple[object, str]:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), "created"
    if not overwrite:
        return obj, "unchanged"
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for key in changed:
        setattr(obj, key, values[key])
    if changed:
        obj.save()
        return obj, "updated"
    return obj, "unchanged"


@transaction.atomic
def load_all() -> dict[str, int]:
    """Load everything; returns counts of created/updated rows (for the command's output)."""
    from ot_centre.models import AreaMembership, CooperationArea, DeadlineRule, ExpertiseArea
    from portal.models import Organisation

    counts: dict[str, int] = {"created": 0, "updated": 0, "unchanged": 0}

    def count(result: tuple[object, str]):
        counts[result[1]] += 1
        return result[0]

    for row in _rows("organisations_erva.csv"):
        count(
            _upsert(
                Organisation,
                {"code": row["key"]},
                {
                    "name_fi": row["name_fi"],
                    "name_sv": row["name_sv"],
                    "kind": _KIND[row["kind"]],
                    "valid_from": _date(row["valid_from"]),
                    "valid_to": _date(row["valid_to"]),
                    "source": row["source"],
                    "note": row["note"],
                },
            )
        )
    for code, successor in _SUCCESSORS.items():
        target = Organisation.objects.filter(code=successor).first()
        if target is not None:
            count(_upsert(Organisation, {"code": code}, {"successor": target}))

    rows = _rows("cooperation_areas.csv")
    # The area takes its name from the rows of the current period (no end date).
    areas: dict[str, CooperationArea] = {}
    for row in rows:
        if row["valid_to"] == "" and row["area_key"] not in areas:
            areas[row["area_key"]] = count(
                _upsert(
                    CooperationArea,
                    {"key": row["area_key"]},
                    {"name_fi": row["name_fi"], "name_sv": row["name_sv"], "source": row["source"]},
                )
            )
    last_source = ""
    for row in rows:
        last_source = row["source"] if row["source"] not in ("", "same") else last_source
        count(
            _upsert(
                AreaMembership,
                {
                    "area": areas[row["area_key"]],
                    "organisation": Organisation.objects.get(code=row["member_key"]),
                    "valid_from": _date(row["valid_from"]),
                },
                {
                    "valid_to": _date(row["valid_to"]),
                    "era_name_fi": row["name_fi"],
                    "era_name_sv": row["name_sv"],
                    "source": last_source,
                    "note": row["note"],
                },
            )
        )
    for row in _rows("expertise_areas.csv"):
        count(
            _upsert(
                ExpertiseArea,
                {"code": row["code"]},
                {
                    "name_fi": row["name_fi"],
                    "name_sv": row["name_sv"],
                    "name_en": row["name_en"],
                    "source": row["source"],
                },
            )
        )
    for row in _rows("deadline_rules.csv"):
        count(
            _upsert(
                DeadlineRule,
                {"kind": row["kind"], "urgency": row["urgency"]},
                {
                    "amount": int(row["amount"]),
                    "unit": row["unit"],
                    "remind_before_hours": int(row["remind_before_hours"]),
                    "source": row["source"],
                },
                overwrite=False,
            )
        )
    return counts
