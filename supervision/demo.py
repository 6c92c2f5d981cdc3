"""Demo content of the supervision app (``manage.py seed_supervision_demo``), all marked as demo.

Deterministic: fixed producers, units and staffing data (1.8.–31.10.2026, seeded random numbers);
only the contract end/option dates are relative to the day of running, so that the dashboard's
reminders have something to show. One unit (demo-koivurinne) dips below the legal minimum in
September; one unit (demo-tammela) is exactly at the minimum on some days and is not flagged.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_CEILING, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from portal.models import Organisation
from supervision import selectors, services
from supervision.choices import ActionStatus, DeviationStatus, Severity, VisitKind, VisitStatus
from supervision.models import (
    Contract,
    ContractPrice,
    CorrectiveAction,
    DeviationReport,
    Finding,
    Producer,
    ProducerAccount,
    ServiceUnit,
    SupervisionVisit,
    SupervisorAssignment,
)

START, END = dt.date(2026, 8, 1), dt.date(2026, 10, 31)
ORGANISER = "pshva"
PRODUCERS = [
    ("Demo Hoivakodit Oy", "9990001-6"),
    ("Demo Palvelutalot Oy", "9990002-4"),
    ("Demo Vanhustenkoti ry", "9990003-2"),
]
# code, name, producer index, municipality code, places, target ratio (None = exactly at the minimum)
UNITS = [
    ("demo-koivurinne", "Demo: Koivurinne", 0, "297", 30, Decimal("0.66")),
    ("demo-tammela", "Demo: Tammela", 0, "297", 20, None),
    ("demo-mantyla", "Demo: Mäntylä", 1, "140", 25, Decimal("0.72")),
    ("demo-pihlajakoti", "Demo: Pihlajakoti", 1, "915", 18, Decimal("0.68")),
    ("demo-kuusikko", "Demo: Kuusikko", 2, "749", 40, Decimal("0.70")),
]
DIP = (dt.date(2026, 9, 8), dt.date(2026, 9, 14))  # Koivurinne below the minimum (too few nurses)
GAP = (dt.date(2026, 10, 20), dt.date(2026, 10, 22))  # Pihlajakoti did not report these days
SHARES = {"sairaanhoitaja": Decimal("0.2"), "lahihoitaja": Decimal("0.7"), "hoiva-avustaja": Decimal("0.1")}


def _hours_for(rules: selectors.Rules, day: dt.date, clients: int, ratio: Decimal | None) -> dict:
    hpd = rules.hours_per_person_day_on(day)
    if ratio is None:  # exactly at the legal minimum: the smallest hundredth that reaches it
        ratio = rules.threshold_on(day).min_staff_per_client
    total = (ratio * clients * hpd).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
    nurses = (total * SHARES["sairaanhoitaja"]).quantize(Decimal("0.01"))
    assistants = (total * SHARES["hoiva-avustaja"]).quantize(Decimal("0.01"))
    practical = total - nurses - assistants
    return {
        "sairaanhoitaja": (nurses, Decimal("4"), None),
        "lahihoitaja": (practical, Decimal("6"), None),
        "hoiva-avustaja": (assistants, Decimal("0"), None),
        "laitoshuoltaja": (Decimal("0"), Decimal("7.5"), 1),
    }


@transaction.atomic
def seed_supervision_demo() -> list[str]:
    organiser = Organisation.objects.get(code=ORGANISER)
    producers = []
    for name, business_id in PRODUCERS:
        producer, _ = Producer.objects.update_or_create(
            business_id=business_id, defaults={"name": name, "contact_email": "demo@example.invalid", "is_demo": True}
        )
        producers.append(producer)
    units = []
    for code, name, producer_index, municipality, places, _ratio in UNITS:
        unit, _ = ServiceUnit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "producer": producers[producer_index],
                "organiser": organiser,
                "municipality": Organisation.objects.get(code=municipality),
                "service_type": "service_housing_24h",
                "places": places,
                "address": "Demokatu 1",
                "is_demo": True,
            },
        )
        units.append(unit)
    today = timezone.localdate()
    contract, _ = Contract.objects.update_or_create(
        number="DEMO-2026-1",
        defaults={
            "title": "Demo: tehostettu palveluasuminen",
            "organiser": organiser,
            "producer": producers[0],
            "services": "Tehostettu palveluasuminen",
            "valid_from": dt.date(2026, 1, 1),
            "valid_to": today + dt.timedelta(days=75),
            "option_description": "1+1 vuotta",
            "option_decision_date": today + dt.timedelta(days=30),
            "staffing_minimum": Decimal("0.65"),
            "obligations": "Toteutunut mitoitus vähintään 0,65; poikkeamat ilmoitetaan viikossa.",
            "is_demo": True,
        },
    )
    contract.units.set(units[:1])
    ContractPrice.objects.update_or_create(
        contract=contract, service="Tehostettu palveluasuminen", unit="per_day", defaults={"price": Decimal("165.00")}
    )
    other, _ = Contract.objects.update_or_create(
        number="DEMO-2026-2",
        defaults={
            "title": "Demo: palveluasuminen",
            "organiser": organiser,
            "producer": producers[1],
            "valid_from": dt.date(2025, 6, 1),
            "valid_to": dt.date(2027, 5, 31),
            "is_demo": True,
        },
    )
    other.units.set(units[2:4])

    rules = selectors.Rules()
    rng = random.Random(2026)  # deterministic demo numbers
    days = []
    day = START
    while day <= END:
        for unit, (_code, _name, _p, _m, places, ratio) in zip(units, UNITS, strict=True):
            if unit.code == "demo-pihlajakoti" and GAP[0] <= day <= GAP[1]:
                continue
            clients = places - rng.randint(0, 2)
            target = ratio
            if unit.code == "demo-koivurinne" and DIP[0] <= day <= DIP[1]:
                target = Decimal("0.55")
            elif ratio is not None:
                target = ratio + Decimal(rng.randint(0, 4)) / 100
            days.append((unit, day, clients, _hours_for(rules, day, clients, target)))
        day += dt.timedelta(days=1)
    written = services.write_days(days)

    lines = [f"supervision demo: {len(producers)} producers, {len(units)} units, {written} staffing days"]
    User = get_user_model()
    supervisor = User.objects.filter(username="supervisor").first()
    if supervisor is not None:
        SupervisorAssignment.objects.get_or_create(user=supervisor, organiser=organiser)
        lines.append("supervision demo: user 'supervisor' supervises pshva")
    producer_user = User.objects.filter(username="producer").first()
    if producer_user is None:
        from portal.demo import DEMO_PASSWORD

        producer_user = User.objects.create_user("producer", email="producer@example.invalid", password=DEMO_PASSWORD)
    ProducerAccount.objects.get_or_create(user=producer_user, producer=producers[0])
    lines.append("supervision demo: user 'producer' is the account of Demo Hoivakodit Oy")

    if not DeviationReport.objects.filter(is_demo=True).exists():
        DeviationReport.objects.create(
            unit=units[0],
            occurred_on=dt.date(2026, 9, 10),
            text="DEMO: Yöllä vain yksi hoitaja paikalla, äitini joutui odottamaan apua pitkään.",
            reporter_contact="demo@example.invalid",
            is_demo=True,
        )
        DeviationReport.objects.create(
            unit=units[2],
            text="DEMO: Lääkkeet jaettiin väärään aikaan kahtena päivänä.",
            status=DeviationStatus.UNDER_INVESTIGATION,
            is_demo=True,
        )
    if not SupervisionVisit.objects.filter(is_demo=True).exists():
        visit = SupervisionVisit.objects.create(
            unit=units[0],
            kind=VisitKind.UNANNOUNCED,
            planned_on=dt.date(2026, 9, 16),
            visited_on=dt.date(2026, 9, 16),
            status=VisitStatus.DONE,
            summary="DEMO: ennalta ilmoittamaton käynti mitoituksen alituksen vuoksi.",
            supervisor=supervisor,
            is_demo=True,
        )
        finding = Finding.objects.create(
            visit=visit, description="DEMO: Yövuorossa yksi hoitaja 30 asiakkaalle.", severity=Severity.SERIOUS
        )
        CorrectiveAction.objects.create(
            finding=finding,
            description="DEMO: Korjaa yövuoron mitoitus ja toimita työvuorolistat.",
            deadline=dt.date(2026, 10, 15),
            status=ActionStatus.OPEN,
        )
    notices = services.notify_below_minimum([u.pk for u in units], START, END)
    lines.append(f"supervision demo: {len(notices)} new below-minimum notices")
    return lines
