"""Demo data of the archiving area (``manage.py seed_archiving_demo``), idempotent: a second run
creates nothing new. Six retiring systems over four organisations, among them the Ylä-Savo system
kept only for its data (seed document, measure 3.7); one simulation; an approved plan whose figures
are the issue's exact case; access requests of the demo professional decided by the demo archivist.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from archiving import services
from archiving.models import AccessRequest, ArchivingPlan, DataContent, PlanItem, RetentionRule, RetentionSimulation
from archiving.reference import load_archiving_reference
from portal.models import InformationSystem, Organisation

EUR = 100

# code, name, owner, sector, lifecycle, in use since, read-only since, planned switch-off, licence €, maintenance €
SYSTEMS = [
    (
        "demo-yla-savo-potilas",
        "Ylä-Savon vanha potilastietojärjestelmä (demo)",
        "yla-savon-sote",
        "health",
        "read_only",
        dt.date(2004, 1, 1),
        dt.date(2023, 1, 1),
        dt.date(2026, 6, 30),
        40_000,
        30_000,
    ),
    (
        "demo-kuopio-sosiaali",
        "Kuopion sosiaalihuollon asiakasjärjestelmä (demo)",
        "297",
        "social",
        "replacement_planned",
        dt.date(2008, 1, 1),
        None,
        dt.date(2027, 3, 31),
        30_000,
        20_000,
    ),
    (
        "demo-iisalmi-sosiaali",
        "Iisalmen sosiaalihuollon asiakasjärjestelmä (demo)",
        "140",
        "social",
        "read_only",
        dt.date(2006, 1, 1),
        dt.date(2023, 1, 1),
        dt.date(2027, 12, 31),
        25_000,
        15_000,
    ),
    (
        "demo-pshva-kuva-arkisto",
        "Vanha kuva-arkisto (demo)",
        "pshva",
        "health",
        "replacement_planned",
        dt.date(2010, 1, 1),
        None,
        dt.date(2028, 6, 30),
        25_000,
        15_000,
    ),
    (
        "demo-kuopio-talous",
        "Kuopion sote-talousjärjestelmä (demo)",
        "297",
        "administration",
        "archived",
        dt.date(2001, 1, 1),
        dt.date(2022, 1, 1),
        dt.date(2025, 12, 31),
        0,
        8_000,
    ),
    (
        "demo-iisalmi-ajanvaraus",
        "Iisalmen ajanvarausjärjestelmä (demo)",
        "140",
        "health",
        "decommissioned",
        dt.date(2012, 1, 1),
        dt.date(2023, 1, 1),
        dt.date(2024, 12, 31),
        0,
        0,
    ),
]

# system, title, domain, years, records, GB, rule, publicity, personal data, disposition
CONTENTS = [
    (
        "demo-yla-savo-potilas",
        "Potilaskertomukset",
        "patient",
        (1995, 2022),
        1_200_000,
        850,
        "patient-main",
        "confidential",
        "special",
        "kanta_patient",
    ),
    (
        "demo-yla-savo-potilas",
        "Käyttölokit",
        "logs",
        (2004, 2022),
        90_000_000,
        120,
        None,
        "confidential",
        "personal",
        "destroy",
    ),
    (
        "demo-kuopio-sosiaali",
        "Lapsiperheiden asiakirjat",
        "social",
        (2008, 2025),
        310_000,
        140,
        "social-families-with-children",
        "confidential",
        "special",
        "kanta_social",
    ),
    (
        "demo-kuopio-sosiaali",
        "Iäkkäiden palvelujen asiakirjat",
        "social",
        (2008, 2025),
        420_000,
        160,
        "social-older-people",
        "confidential",
        "special",
        "kanta_social",
    ),
    (
        "demo-iisalmi-sosiaali",
        "Työikäisten palvelujen asiakirjat",
        "social",
        (2006, 2022),
        150_000,
        60,
        "social-working-age",
        "confidential",
        "special",
        "regional_archive",
    ),
    (
        "demo-pshva-kuva-arkisto",
        "Röntgenkuvat",
        "imaging",
        (2010, 2025),
        2_500_000,
        42_000,
        None,
        "confidential",
        "special",
        "migrate",
    ),
    (
        "demo-kuopio-talous",
        "Laskut ja tositteet",
        "administration",
        (2001, 2021),
        800_000,
        30,
        "social-receipts",
        "partly_confidential",
        "personal",
        "regional_archive",
    ),
    (
        "demo-iisalmi-ajanvaraus",
        "Ajanvaraukset",
        "administration",
        (2012, 2022),
        600_000,
        12,
        None,
        "confidential",
        "personal",
        "destroy",
    ),
]

PLAN_SYSTEMS = [
    ("demo-yla-savo-potilas", "kanta_patient", dt.date(2026, 6, 30)),
    ("demo-kuopio-sosiaali", "kanta_social", dt.date(2027, 3, 31)),
    ("demo-iisalmi-sosiaali", "regional_archive", dt.date(2027, 12, 31)),
    ("demo-pshva-kuva-arkisto", "migrate", dt.date(2028, 6, 30)),
]

SIMULATION_FILE = "demo-yla-savo-extract.csv"


def extract_csv(rows: int = 600, seed: int = 37) -> bytes:
    """A deterministic metadata-only extract (no names, no identity codes)."""
    rng = random.Random(seed)
    types = ["patient-main"] * 6 + [
        "Lapsiperheiden palvelutehtävä",
        "social-older-people",
        "social-client-relationship",
    ]
    lines = ["record_id,record_type,birth_date,death_date,case_closed_date,created_date"]
    for i in range(rows):
        kind = rng.choice(types)
        birth = dt.date(1925, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 80))
        death = birth + dt.timedelta(days=rng.randrange(365 * 40, 365 * 95)) if rng.random() < 0.45 else None
        if death and death > dt.date(2025, 12, 31):
            death = None
        created = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 27))
        closed = created + dt.timedelta(days=rng.randrange(30, 2000)) if not kind.startswith("patient") else None
        if closed and closed > dt.date(2025, 12, 31):
            closed = dt.date(2025, 12, 31)
        if kind == "social-client-relationship" and death is None:
            death = max(birth + dt.timedelta(days=365 * 70), dt.date(2000, 1, 1))
            if death > dt.date(2025, 12, 31):
                death = dt.date(2020, 5, 5)
        lines.append(
            ",".join(
                [
                    f"YS-{i + 1:06d}",
                    kind,
                    birth.isoformat(),
                    death.isoformat() if death else "",
                    closed.isoformat() if closed else "",
                    created.isoformat(),
                ]
            )
        )
    return ("\n".join(lines) + "\n").encode()


def seed_archiving_demo() -> list[str]:
    User = get_user_model()
    lines: list[str] = []
    loaded = load_archiving_reference()
    lines.append(f"reference rows created: {loaded}")
    staff = User.objects.get(username="staff")
    archivist = User.objects.get(username="archivist")
    professional = User.objects.get(username="professional")
    rules = {r.code: r for r in RetentionRule.objects.all()}
    with transaction.atomic():
        systems = {}
        for code, name, owner, sector, lifecycle, since, ro, planned, licence, maintenance in SYSTEMS:
            system, created = InformationSystem.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "owner": Organisation.objects.get(code=owner),
                    "sector": sector,
                    "lifecycle": lifecycle,
                    "in_use_since": since,
                    "read_only_since": ro,
                    "replacement_planned_on": planned,
                    "annual_licence_cents": licence * EUR,
                    "annual_maintenance_cents": maintenance * EUR,
                    "purpose": "Demo: kept only for the data it holds." if owner == "yla-savon-sote" else "Demo.",
                    "decommissioned_on": planned if lifecycle == "decommissioned" else None,
                },
            )
            systems[code] = system
            lines.append(f"system {code}: {'created' if created else 'exists'}")
        for code, title, domain, (first, last), count, gb, rule, publicity, personal, disposition in CONTENTS:
            _, created = DataContent.objects.get_or_create(
                system=systems[code],
                title=title,
                defaults={
                    "domain": domain,
                    "first_year": first,
                    "last_year": last,
                    "record_count": count,
                    "size_gb": gb,
                    "retention_rule": rules.get(rule) if rule else None,
                    "publicity": publicity,
                    "personal_data": personal,
                    "disposition": disposition,
                },
            )
            lines.append(f"content {code}/{title}: {'created' if created else 'exists'}")
        plan, created = ArchivingPlan.objects.get_or_create(
            code="alueellinen-arkisto",
            version=1,
            defaults={
                "title": "Alueellinen arkistointisuunnitelma",
                "start_date": dt.date(2026, 1, 1),
                "archive_one_off_cents": 150_000 * EUR,
                "archive_annual_cents": 30_000 * EUR,
                "scope": "Korvattavat sote-järjestelmät ja niiden tietosisällöt (toimenpide 3.7).",
            },
        )
        lines.append(f"plan: {'created' if created else 'exists'}")
        if created:
            for code, method, day in PLAN_SYSTEMS:
                PlanItem.objects.create(plan=plan, system=systems[code], method=method, target_date=day)
    if plan.status != "approved":
        services.approve_plan(plan, actor=archivist)
        lines.append("plan approved by archivist")
    system = systems["demo-yla-savo-potilas"]
    simulation = RetentionSimulation.objects.filter(system=system, original_name=SIMULATION_FILE).first()
    if simulation is None:
        upload = SimpleUploadedFile(SIMULATION_FILE, extract_csv(), content_type="text/csv")
        simulation = services.start_simulation(system=system, upload=upload, actor=staff, as_of=dt.date(2026, 1, 1))
        simulation.refresh_from_db()
        lines.append(f"simulation created: {simulation.record_count} records")
    else:
        lines.append("simulation exists")
    if simulation.done and not simulation.destruction_lists.exists():
        year = next((r["year"] for r in simulation.result["years"] if r["year"] >= 2026 and r["destroyable"]), None)
        if year:
            services.create_destruction_list(simulation=simulation, year=year, actor=staff)
            lines.append(f"destruction list {year} created")
    if not AccessRequest.objects.filter(requester=professional).exists():
        today = timezone.localdate()
        approved = services.request_access(
            AccessRequest(
                system=system,
                domain="patient",
                subject_ref="YS-000042",
                purpose="Hoidon jatkuvuus: aiemmat leikkauskertomukset.",
                care_relationship=True,
                period_start=today,
                period_end=today + dt.timedelta(days=30),
            ),
            actor=professional,
        )
        approved = services.decide_access_request(approved, approve=True, note="Hoitosuhde todettu.", actor=archivist)
        services.read_archived_data(approved, actor=professional)
        services.request_access(
            AccessRequest(
                system=systems["demo-kuopio-sosiaali"],
                domain="social",
                subject_ref="KS-001234",
                purpose="Asiakkaan aiemmat päätökset palvelutarpeen arviointia varten.",
                care_relationship=True,
                period_start=today,
                period_end=today + dt.timedelta(days=14),
            ),
            actor=professional,
        )
        lines.append("access requests created")
    return lines
