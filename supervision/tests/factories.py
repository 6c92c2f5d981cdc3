"""Factories of the supervision tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from portal.models import Organisation
from supervision import models as m
from supervision.validators import business_id_check_digit


def business_id(n: int) -> str:
    """A valid Y-tunnus derived from n (skips bodies without a check digit)."""
    body = n
    while True:
        digits = f"{body:07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"
        body += 1


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Producer

    name = factory.Sequence(lambda n: f"Hoivayritys {n} Oy")
    business_id = factory.Sequence(lambda n: business_id(1000000 + n * 7))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ServiceUnit

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Palvelukoti {n}")
    producer = factory.SubFactory(ProducerFactory)
    organiser = factory.LazyFunction(lambda: Organisation.objects.get(code="pshva"))
    municipality = factory.LazyFunction(lambda: Organisation.objects.get(code="297"))
    service_type = "service_housing_24h"
    places = 20


def add_day(unit, day: dt.date, clients: int, hours: dict[str, str | Decimal | tuple], persons: dict | None = None):
    """hours: group code -> direct hours (or (direct, indirect))."""
    staffing_day = m.StaffingDay.objects.create(unit=unit, date=day, clients=clients)
    for code, value in hours.items():
        direct, indirect = value if isinstance(value, tuple) else (value, "0")
        m.StaffingHours.objects.create(
            staffing_day=staffing_day,
            group=m.ProfessionalGroup.objects.get(code=code),
            direct_hours=Decimal(str(direct)),
            indirect_hours=Decimal(str(indirect)),
            persons=(persons or {}).get(code),
        )
    return staffing_day


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Contract

    number = factory.Sequence(lambda n: f"SOP-{n}")
    title = factory.Sequence(lambda n: f"Palvelusopimus {n}")
    organiser = factory.LazyFunction(lambda: Organisation.objects.get(code="pshva"))
    producer = factory.SubFactory(ProducerFactory)
    valid_from = dt.date(2026, 1, 1)
    staffing_minimum = Decimal("0.60")


class ThresholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.StaffingThreshold

    valid_from = factory.Sequence(lambda n: dt.date(2030 + n, 1, 1))
    valid_to = factory.LazyAttribute(lambda o: dt.date(o.valid_from.year, 12, 31))
    min_staff_per_client = Decimal("0.60")
    legal_basis = "Sosiaalihuoltolaki 1301/2014"
    status = "in_force"


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.SupervisionVisit

    unit = factory.SubFactory(UnitFactory)
    kind = "planned"
    planned_on = dt.date(2026, 5, 1)


def supervisor_of(code: str = "pshva"):
    """A supervisor with a valid assignment to the organiser ``code`` (the persona with rights)."""
    from conftest import make_user
    from portal import roles

    user = make_user(f"kit-supervisor-{code}", roles.SUPERVISOR)
    m.SupervisorAssignment.objects.create(user=user, organiser=Organisation.objects.get(code=code))
    return user
