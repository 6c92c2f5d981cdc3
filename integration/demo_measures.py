"""Deterministic DEMO data of measures 3.1, 3.5 and 3.6 over the 19 municipalities and the pre-2023
joint authorities (idempotent: every row is keyed and updated in place).

Facts (classification OIDs, UNA services and their example prices) come from
``integration/reference/integration_facts.csv``; everything else (figures, dates, flows) is made up
for the demonstration and says so in its texts.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from django.db import transaction

from integration.choices_measures import (
    CareSector,
    FlowChannel,
    KantaStage,
    OperatingModelState,
    RolloutStage,
    TrainingTopic,
    UnaModuleKind,
)
from integration.models_measures import (
    ClassificationVersion,
    ClientDataAccess,
    DocumentationReport,
    InformationFlow,
    InformationNeed,
    KantaReadiness,
    NationalClassification,
    OperatingModel,
    OperatingModelAdoption,
    TrainingCourse,
    TrainingParticipation,
    UnaModule,
    UnaReplacedSystem,
    UnaRollout,
    UnaTariff,
)
from integration.services_measures import compute_region_figures
from portal.choices import SystemLifecycle, SystemSector
from portal.models import Concept, DataModel, InformationSystem, Organisation

FACTS = Path(__file__).resolve().parent / "reference" / "integration_facts.csv"
DEMO = "DEMO"
FACTS_SOURCE = "integration/reference/integration_facts.csv"


def facts() -> list[dict[str, str]]:
    with FACTS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


CLASSIFICATIONS = {
    # fact prefix -> (code, names fi/sv/en, sector)
    "social-welfare service task": (
        "palvelutehtava",
        ("Sosiaalihuollon palvelutehtävä", "Socialvårdens serviceuppgift", "Social welfare service task"),
        CareSector.SOCIAL_WELFARE,
    ),
    "primary-care outpatient activities": (
        "spat",
        (
            "Perusterveydenhuollon avohoidon toimintoluokitus (SPAT)",
            "Primärvårdens öppenvårdsåtgärder (SPAT)",
            "Primary-care outpatient activities (SPAT)",
        ),
        CareSector.PRIMARY_CARE,
    ),
    "primary-care service form": (
        "pthavo-palvelumuoto",
        ("Perusterveydenhuollon avohoidon palvelumuoto", "Primärvårdens serviceform", "Primary-care service form"),
        CareSector.PRIMARY_CARE,
    ),
}

TARIFFS = [
    # code, label in the facts, names, module code
    (
        "co-operation-fee",
        "co-operation fee",
        ("UNA-yhteistyömaksu", "UNA-samarbetsavgift", "UNA co-operation fee"),
        None,
    ),
    ("una-lomake", "UNA-lomake", ("UNA-lomake", "UNA-blankett", "UNA forms"), "una-lomake"),
    (
        "una-ydin",
        "ydin/tilannekuva",
        ("UNA-ydin ja tilannekuva", "UNA-kärna och lägesbild", "UNA Core and situational view"),
        "una-ydin",
    ),
    ("una-suostumus", "suostumus", ("UNA-suostumus", "UNA-samtycke", "UNA consent"), "una-suostumus"),
]

MODULES = [
    ("una-lomake", UnaModuleKind.FORMS, ("UNA-lomake", "UNA-blankett", "UNA forms")),
    (
        "una-ydin",
        UnaModuleKind.CORE,
        ("UNA-ydin ja tilannekuva", "UNA-kärna och lägesbild", "UNA Core and situational view"),
    ),
    ("una-suostumus", UnaModuleKind.CONSENT, ("UNA-suostumus", "UNA-samtycke", "UNA consent")),
    (
        "una-tuotannonohjaus",
        UnaModuleKind.PRODUCTION_MANAGEMENT,
        ("UNA-tuotannonohjaus", "UNA-produktionsstyrning", "UNA production management"),
    ),
]


def _org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def _upd(model, lookup: dict, values: dict):
    obj, _created = model.objects.update_or_create(**lookup, defaults=values)
    return obj


def seed() -> dict[str, int]:
    """Create or update the demo rows; return row counts per model."""
    with transaction.atomic():
        _seed_classifications()
        _seed_una()
        _seed_cooperation()
        _seed_documentation()
    compute_region_figures()
    return {
        m.__name__: m.objects.count()
        for m in (
            OperatingModel,
            OperatingModelAdoption,
            InformationFlow,
            TrainingCourse,
            NationalClassification,
            DocumentationReport,
            KantaReadiness,
            UnaModule,
            UnaRollout,
            ClientDataAccess,
            UnaReplacedSystem,
        )
    }


def _seed_classifications() -> None:
    for row in facts():
        for prefix, (code, names, sector) in CLASSIFICATIONS.items():
            if prefix in row["fact"]:
                oid = row["value"].replace("OID", "").strip()
                classification = _upd(
                    NationalClassification,
                    {"code": code},
                    {
                        "oid": oid,
                        "name_fi": names[0],
                        "name_sv": names[1],
                        "name_en": names[2],
                        "sector": sector,
                        "source_url": row["source"],
                    },
                )
                # DEMO versions: the real version history is on the code server.
                _upd(
                    ClassificationVersion,
                    {"classification": classification, "version": "2019"},
                    {"valid_from": dt.date(2019, 1, 1), "valid_to": dt.date(2022, 12, 31)},
                )
                _upd(
                    ClassificationVersion,
                    {"classification": classification, "version": "2023"},
                    {"valid_from": dt.date(2023, 1, 1), "valid_to": None},
                )


def _seed_una() -> None:
    region_source = next((r["source"] for r in facts() if r["fact"].startswith("UNA Oy services")), "")
    modules = {}
    for code, kind, names in MODULES:
        modules[code] = _upd(
            UnaModule,
            {"code": code},
            {
                "kind": kind,
                "name_fi": names[0],
                "name_sv": names[1],
                "name_en": names[2],
                "source": region_source
                if kind != UnaModuleKind.PRODUCTION_MANAGEMENT
                else "seed document, measure 3.6",
            },
        )
    price_row = next(r for r in facts() if r["fact"].startswith("UNA Oy prices"))
    year = int(re.search(r"(20\d\d)", price_row["fact"]).group(1))
    for code, label, names, module_code in TARIFFS:
        match = re.search(re.escape(label) + r"[^0-9]*EUR ([0-9]+[.,][0-9]+)", price_row["value"])
        euros = match.group(1).replace(",", ".")
        whole, _dot, frac = euros.partition(".")
        cents = int(whole) * 100 + int((frac + "00")[:2])
        _upd(
            UnaTariff,
            {"code": code},
            {
                "name_fi": names[0],
                "name_sv": names[1],
                "name_en": names[2],
                "module": modules.get(module_code) if module_code else None,
                "year": year,
                "cents_per_resident": cents,
                "is_example": True,
                "source": f"{price_row['source']} ({FACTS_SOURCE}; {price_row['status']})",
            },
        )
    # DEMO rollouts: UNA Core piloted in Kuopio and Iisalmi, production management piloted in the county.
    pshva = _org("pshva")
    _upd(
        UnaRollout,
        {"module": modules["una-ydin"], "organisation": _org("297")},
        {
            "stage": RolloutStage.PRODUCTION,
            "pilot_start": dt.date(2021, 9, 1),
            "pilot_end": dt.date(2022, 5, 31),
            "production_from": dt.date(2022, 6, 1),
        },
    )
    _upd(
        UnaRollout,
        {"module": modules["una-ydin"], "organisation": _org("140")},
        {
            "stage": RolloutStage.PILOT,
            "pilot_start": dt.date(2022, 3, 1),
            "pilot_end": dt.date(2023, 6, 30),
            "production_from": None,
        },
    )
    _upd(
        UnaRollout,
        {"module": modules["una-tuotannonohjaus"], "organisation": pshva},
        {
            "stage": RolloutStage.PILOT,
            "pilot_start": dt.date(2024, 2, 1),
            "pilot_end": dt.date(2024, 12, 31),
            "production_from": None,
        },
    )
    _upd(
        UnaRollout,
        {"module": modules["una-lomake"], "organisation": pshva},
        {"stage": RolloutStage.PLANNED, "pilot_start": None, "pilot_end": None, "production_from": None},
    )
    # DEMO availability: professionals in the county see the hospital district's and Kuopio's data.
    psshp = _org("psshp")
    for viewer, owner, channel, since, until in (
        ("297", "psshp", FlowChannel.UNA_CORE, dt.date(2022, 6, 1), dt.date(2022, 12, 31)),
        ("140", "psshp", FlowChannel.KANTA, dt.date(2019, 1, 1), dt.date(2022, 12, 31)),
        ("psshp", "297", FlowChannel.UNA_CORE, dt.date(2022, 6, 1), dt.date(2022, 12, 31)),
        ("yla-savon-sote", "psshp", FlowChannel.KANTA, dt.date(2019, 1, 1), dt.date(2022, 12, 31)),
        ("pshva", "pshva", FlowChannel.UNA_CORE, dt.date(2023, 1, 1), None),
        ("297", "pshva", FlowChannel.KANTA, dt.date(2023, 1, 1), None),
    ):
        _upd(
            ClientDataAccess,
            {"viewer": _org(viewer), "data_owner": _org(owner), "channel": channel, "valid_from": since},
            {"valid_to": until, "note": DEMO},
        )
    # DEMO systems in the core register that UNA replaces.
    for code, name, owner, sector, off in (
        (
            "demo-pth-kuopio",
            "DEMO perusterveydenhuollon potilastietojärjestelmä (Kuopio)",
            "297",
            SystemSector.HEALTH,
            dt.date(2025, 6, 30),
        ),
        (
            "demo-sos-iisalmi",
            "DEMO sosiaalihuollon asiakastietojärjestelmä (Iisalmi)",
            "140",
            SystemSector.SOCIAL,
            dt.date(2025, 12, 31),
        ),
        (
            "demo-esh-psshp",
            "DEMO erikoissairaanhoidon potilastietojärjestelmä (PSSHP)",
            "psshp",
            SystemSector.HEALTH,
            dt.date(2026, 3, 31),
        ),
    ):
        system = _upd(
            InformationSystem,
            {"code": code},
            {
                "name": name,
                "owner": _org(owner),
                "sector": sector,
                "lifecycle": SystemLifecycle.IN_USE,
                "replacement_planned_on": off,
            },
        )
        _upd(UnaReplacedSystem, {"system": system}, {"module": modules["una-ydin"], "planned_switch_off": off})
    del psshp


def _seed_cooperation() -> None:
    kys, psshp, pshva, kuopio = _org("kys"), _org("psshp"), _org("pshva"), _org("297")
    data_model, _c = DataModel.objects.get_or_create(
        code="demo-integration-3-1",
        defaults={
            "name_fi": "DEMO: yhteisten toimintamallien tietotarpeet",
            "name_sv": "DEMO: informationsbehov",
            "name_en": "DEMO: information needs of the shared operating models",
        },
    )
    concepts = {}
    for code, fi, sv, en in (
        ("lahete", "Lähete", "Remiss", "Referral"),
        ("hoitopalaute", "Hoitopalaute", "Vårdrespons", "Discharge feedback"),
        ("palvelutarve", "Palvelutarpeen arvio", "Bedömning av servicebehov", "Service needs assessment"),
    ):
        concepts[code], _c = Concept.objects.get_or_create(
            data_model=data_model, code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en}
        )
    referral = _upd(
        OperatingModel,
        {"code": "demo-referral-feedback"},
        {
            "name_fi": "DEMO Lähete–palaute-malli perus- ja erikoistason välillä",
            "name_sv": "DEMO Remiss–respons mellan primär- och specialnivå",
            "name_en": "DEMO referral and feedback model between primary and specialised care",
            "sector": CareSector.CROSS_SECTOR,
            "owner": psshp,
            "description": "DEMO: one referral and feedback practice for the region, chosen from the existing regional solutions.",
            "state": OperatingModelState.SELECTED,
            "decision_reference": "DEMO-PSHVA-AH-2023-§12",
            "decided_on": dt.date(2023, 2, 14),
        },
    )
    discharge = _upd(
        OperatingModel,
        {"code": "demo-discharge-social"},
        {
            "name_fi": "DEMO Kotiutuminen sairaalasta sosiaalihuollon palveluihin",
            "name_sv": "DEMO Utskrivning från sjukhus till socialvården",
            "name_en": "DEMO discharge from hospital to social welfare services",
            "sector": CareSector.CROSS_SECTOR,
            "owner": kuopio,
            "description": "DEMO candidate model.",
            "state": OperatingModelState.CANDIDATE,
            "decision_reference": "",
        },
    )
    _upd(
        OperatingModelAdoption,
        {"operating_model": referral, "organisation": psshp, "valid_from": dt.date(2021, 1, 1)},
        {"valid_to": dt.date(2022, 12, 31)},
    )
    _upd(
        OperatingModelAdoption,
        {"operating_model": referral, "organisation": kuopio, "valid_from": dt.date(2021, 6, 1)},
        {"valid_to": dt.date(2022, 12, 31)},
    )
    _upd(
        OperatingModelAdoption,
        {"operating_model": referral, "organisation": pshva, "valid_from": dt.date(2023, 1, 1)},
        {"valid_to": None},
    )
    _upd(InformationNeed, {"operating_model": referral, "concept": concepts["lahete"]}, {"description": DEMO})
    _upd(InformationNeed, {"operating_model": referral, "concept": concepts["hoitopalaute"]}, {"description": DEMO})
    _upd(InformationNeed, {"operating_model": discharge, "concept": concepts["palvelutarve"]}, {"description": DEMO})
    esh = InformationSystem.objects.filter(code="demo-esh-psshp").first()
    pth = InformationSystem.objects.filter(code="demo-pth-kuopio").first()
    for code, src, ss, dst, ds, data, basis, channel, start, end, model in (
        (
            "demo-discharge-summary-2022",
            psshp,
            CareSector.SPECIALISED_CARE,
            kuopio,
            CareSector.PRIMARY_CARE,
            "Hoitopalaute / epikriisi",
            "Potilaslaki 785/1992 13 §",
            FlowChannel.KANTA,
            dt.date(2019, 1, 1),
            dt.date(2022, 12, 31),
            referral,
        ),
        (
            "demo-discharge-summary-2023",
            pshva,
            CareSector.SPECIALISED_CARE,
            pshva,
            CareSector.PRIMARY_CARE,
            "Hoitopalaute / epikriisi",
            "Potilaslaki 785/1992 13 §",
            FlowChannel.UNA_CORE,
            dt.date(2023, 1, 1),
            None,
            referral,
        ),
        (
            "demo-lab-results-kuopio",
            psshp,
            CareSector.SPECIALISED_CARE,
            kuopio,
            CareSector.PRIMARY_CARE,
            "Laboratoriotulokset",
            "Asiakastietolaki 703/2023",
            FlowChannel.INTEGRATION,
            dt.date(2020, 1, 1),
            dt.date(2024, 6, 30),
            None,
        ),
        (
            "demo-referral",
            kuopio,
            CareSector.PRIMARY_CARE,
            psshp,
            CareSector.SPECIALISED_CARE,
            "Lähete",
            "Terveydenhuoltolaki 1326/2010 52 §",
            FlowChannel.KANTA,
            dt.date(2019, 1, 1),
            dt.date(2022, 12, 31),
            referral,
        ),
        (
            "demo-home-care-need",
            pshva,
            CareSector.SPECIALISED_CARE,
            kuopio,
            CareSector.SOCIAL_WELFARE,
            "Kotihoidon tarve kotiutuessa",
            "Sosiaalihuoltolaki 1301/2014 35 §",
            FlowChannel.MANUAL,
            dt.date(2023, 1, 1),
            None,
            discharge,
        ),
    ):
        _upd(
            InformationFlow,
            {"code": code},
            {
                "from_organisation": src,
                "from_sector": ss,
                "to_organisation": dst,
                "to_sector": ds,
                "from_system": esh if ss == CareSector.SPECIALISED_CARE and src == psshp else None,
                "to_system": pth if dst == kuopio and ds == CareSector.PRIMARY_CARE else None,
                "data": data,
                "legal_basis": basis,
                "channel": channel,
                "valid_from": start,
                "valid_to": end,
                "operating_model": model,
            },
        )
    courses = [
        (
            "demo-kys-reporting",
            "DEMO Toiminta- ja raportointijärjestelmä",
            "DEMO Verksamhets- och rapporteringssystem",
            "DEMO operations and reporting system",
            TrainingTopic.OPERATIONS_REPORTING,
            dt.date(2021, 9, 6),
        ),
        (
            "demo-kys-sote-ict",
            "DEMO Sote-ICT:n perusteet",
            "DEMO Grunderna i social- och hälsovårdens IKT",
            "DEMO basics of social and health care ICT",
            TrainingTopic.SOTE_ICT,
            dt.date(2022, 2, 7),
        ),
    ]
    municipalities = list(Organisation.objects.filter(kind="municipality").order_by("code"))
    for i, (code, fi, sv, en, topic, start) in enumerate(courses):
        course = _upd(
            TrainingCourse,
            {"code": code},
            {
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "topic": topic,
                "organiser": kys,
                "starts_on": start,
                "ends_on": start + dt.timedelta(days=60),
            },
        )
        for j, org in enumerate(municipalities):
            _upd(
                TrainingParticipation,
                {"course": course, "organisation": org},
                {"participants": 1 + (int(org.code) + i * 7 + j) % 6},
            )


def _seed_documentation() -> None:
    """Quarterly figures: municipalities and the pre-2023 joint authorities 2022, municipalities and
    the county from 2023. Kuopio 800/1 000 and Iisalmi 50/200 in 2024 Q1 for SPAT (the issue's example)."""
    spat = NationalClassification.objects.get(code="spat")
    task = NationalClassification.objects.get(code="palvelutehtava")
    v = {(c.code, x.version): x for c in (spat, task) for x in c.versions.all()}
    municipalities = list(Organisation.objects.filter(kind="municipality").order_by("code"))
    joint = [_org("psshp"), _org("yla-savon-sote"), _org("kysteri")]
    periods = [(2022, q) for q in (1, 2, 3, 4)] + [(2023, q) for q in (1, 2, 3, 4)] + [(2024, q) for q in (1, 2)]
    for year, quarter in periods:
        reporters = municipalities + (joint if year <= 2022 else [_org("pshva")])
        version = "2019" if year <= 2022 else "2023"
        for i, org in enumerate(reporters):
            for classification in (spat, task):
                total = 200 + (i * 37 + quarter * 11) % 400
                share = 30 + (i * 13 + quarter * 5 + (year - 2022) * 10 + (17 if classification == task else 0)) % 60
                structured = total * share // 100
                if (year, quarter) == (2024, 1) and classification == spat and org.code == "297":
                    structured, total = 800, 1000
                if (year, quarter) == (2024, 1) and classification == spat and org.code == "140":
                    structured, total = 50, 200
                _upd(
                    DocumentationReport,
                    {"organisation": org, "classification": classification, "year": year, "quarter": quarter},
                    {
                        "classification_version": v[(classification.code, version)],
                        "structured_count": structured,
                        "total_count": total,
                    },
                )
    for code, stage, since in (
        ("297", KantaStage.CERTIFIED_SYSTEM_CHOSEN, dt.date(2021, 3, 1)),
        ("297", KantaStage.DEPLOYMENT_TEST, dt.date(2022, 5, 1)),
        ("297", KantaStage.PRODUCTION, dt.date(2022, 11, 1)),
        ("140", KantaStage.CERTIFIED_SYSTEM_CHOSEN, dt.date(2022, 1, 1)),
        ("140", KantaStage.DEPLOYMENT_TEST, dt.date(2022, 9, 1)),
        ("pshva", KantaStage.PRODUCTION, dt.date(2023, 1, 1)),
    ):
        _upd(KantaReadiness, {"organisation": _org(code), "stage": stage}, {"since": since, "note": DEMO})
    for org in Organisation.objects.filter(kind="municipality").exclude(code__in=["297", "140"]):
        _upd(
            KantaReadiness,
            {"organisation": org, "stage": KantaStage.NOT_STARTED},
            {"since": dt.date(2020, 1, 1), "note": DEMO},
        )
