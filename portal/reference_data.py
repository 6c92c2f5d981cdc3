"""Loads the reference data shipped in ``portal/reference/`` (see its README for the sources).

Idempotent: every row is matched on its stable key and saved only when a value differs, so a
second run writes nothing (and no change-log rows) and reports "no changes".
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from portal.choices import MunicipalForm, NetworkPole, OrganisationKind, PortalApp
from portal.models import Measure, Organisation, OrganisationMembership, Population, ServiceNetworkCentre

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
POPULATION_SOURCE = "Statistics Finland, population 31.12.2020 (municipalities.csv)"

_KIND_MAP = {
    "region": OrganisationKind.REGION,
    "joint_authority": OrganisationKind.JOINT_AUTHORITY,
    "unit": OrganisationKind.HOSPITAL_DISTRICT_UNIT,
    "wellbeing_services_county": OrganisationKind.WELLBEING_SERVICES_COUNTY,
    "service_producer": OrganisationKind.SERVICE_PRODUCER,
    "other": OrganisationKind.OTHER,
}
_FORM_MAP = {"kaupunki": MunicipalForm.TOWN, "kunta": MunicipalForm.MUNICIPALITY}
_POLE_MAP = {"north": NetworkPole.NORTH, "centre": NetworkPole.CENTRE, "south": NetworkPole.SOUTH}


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))

    def lines(self) -> list[str]:
        labels = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{label}: {self.created[label]} created, {self.updated[label]} updated, {self.unchanged[label]} unchanged"
            for label in labels
        ]


def _read(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        rows = []
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            if None in row:  # more cells than header columns: a quoting error in the file
                raise ValueError(f"{name} line {line_no}: more cells than columns; quote cells that contain commas")
            rows.append({k: (v or "").strip() for k, v in row.items()})
        return rows


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _upsert(report: LoadReport, label: str, model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.created[label] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
        report.updated[label] += 1
    else:
        report.unchanged[label] += 1
    return obj


@transaction.atomic
def load_reference_data() -> LoadReport:
    report = LoadReport()
    orgs: dict[str, Organisation] = {}

    org_rows = _read("organisations.csv")
    # Parents first: rows whose parent is listed earlier (the file is ordered that way) or none.
    for row in org_rows:
        kind = _KIND_MAP[row["kind"]]
        parent = orgs.get(row["parent_key"]) if row["parent_key"] else None
        orgs[row["key"]] = _upsert(
            report,
            "organisations",
            Organisation,
            {"code": row["key"]},
            {
                "official_code": row["official_code"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "kind": kind,
                "parent": parent,
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "source": row["source"],
                "note": row["note"],
            },
        )

    region = orgs["maakunta-11"]
    for row in _read("municipalities.csv"):
        code = row["kuntanumero"]
        orgs[code] = _upsert(
            report,
            "municipalities",
            Organisation,
            {"code": code},
            {
                "official_code": code,
                "name_fi": row["nimi_fi"],
                "name_sv": row["nimi_sv"],
                "kind": OrganisationKind.MUNICIPALITY,
                "municipal_form": _FORM_MAP[row["kuntamuoto"].lower()],
                "parent": region,
                "source": "Statistics Finland municipality code list; municipalities.csv",
                "note": row["notes"],
            },
        )
        _upsert(
            report,
            "populations",
            Population,
            {"organisation": orgs[code], "year": 2020},
            {"count": int(row["vakiluku_2020_12_31"]), "source": POPULATION_SOURCE},
        )

    for row in _read("organisation_successors.csv"):
        _upsert(
            report,
            "successors",
            Organisation,
            {"code": row["key"]},
            {"successor": orgs[row["successor_key"]]},
        )

    exceptions = {(r["organisation_key"], r["member_code"]): r for r in _read("membership_validity.csv")}
    for row in org_rows:
        for member_code in filter(None, row["member_municipality_codes"].split(";")):
            special = exceptions.get((row["key"], member_code))
            org = orgs[row["key"]]
            _upsert(
                report,
                "memberships",
                OrganisationMembership,
                {"organisation": org, "member": orgs[member_code]},
                {
                    "valid_from": _date(special["valid_from"]) if special else org.valid_from,
                    "valid_to": _date(special["valid_to"]) if special else org.valid_to,
                    "note": special["source"] if special else "",
                },
            )

    for row in _read("service_network_centres.csv"):
        pole = next(value for key, value in _POLE_MAP.items() if f"({key}" in row["role"])
        _upsert(
            report,
            "service network centres",
            ServiceNetworkCentre,
            {"organisation": orgs[row["municipality_code"]]},
            {"pole": pole, "description": row["role"], "source": row["source"]},
        )

    swedish = {row["number"]: row["title_sv"] for row in _read("measures_sv.csv")}
    for row in _read("measures.csv"):
        if row["app"] not in PortalApp.values:
            raise ValueError(f"measures.csv: measure {row['number']} names unknown app {row['app']!r}")
        # Only the plan's own facts are reference data; status, dates and progress belong to staff.
        _upsert(
            report,
            "measures",
            Measure,
            {"number": row["number"]},
            {
                "sub_area": int(row["sub_area"]),
                "app": row["app"],
                "title_fi": row["title_fi"],
                "title_sv": swedish.get(row["number"], ""),
                "title_en": row["title_en"],
                "deliverables_fi": row["deliverables_fi"],
                "deliverables_en": row["deliverables_en"],
                "source": "Programme plan (seed document); English and Swedish by the portal team",
            },
        )
    return report
