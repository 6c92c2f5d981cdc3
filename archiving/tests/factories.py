"""factory-boy factories of the archiving area."""

import datetime as dt

import factory

from archiving import models as m


class DataContentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.DataContent

    title = factory.Sequence(lambda n: f"Content {n}")
    domain = "patient"
    first_year = 2000
    last_year = 2020
    record_count = 1000
    retention_rule = factory.LazyFunction(lambda: m.RetentionRule.objects.get(code="patient-main"))
    publicity = "confidential"
    personal_data = "special"
    disposition = "kanta_patient"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ArchivingPlan

    code = factory.Sequence(lambda n: f"plan-{n}")
    title = "Plan"
    start_date = dt.date(2026, 1, 1)
    archive_one_off_cents = 15_000_000
    archive_annual_cents = 3_000_000


class AccessRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.AccessRequest

    domain = "patient"
    subject_ref = "P-0001"
    purpose = "Continuity of care: earlier operations."
    care_relationship = True
    period_start = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=1))
    period_end = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))
