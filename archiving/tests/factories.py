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


def retiring_system(**kwargs):
    """A retiring (read-only) Kuopio system: the archiving area works on those."""
    from portal.tests.factories import InformationSystemFactory

    return InformationSystemFactory(lifecycle="read_only", **kwargs)


class RetentionRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.RetentionRule

    code = factory.Sequence(lambda n: f"rule-{n}")
    name_fi = factory.Sequence(lambda n: f"Säilytyssääntö {n}")
    domain = "patient"
    period_years = 12
    trigger = "death"
    legal_source = "Laki 703/2023"


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Requirement

    code = factory.Sequence(lambda n: f"ARK-{900 + n % 100:03d}")
    category = "archive_database"
    priority = "must"
    text_fi = "Arkisto säilyttää tiedot muuttumattomina."
    text_sv = "Arkivet bevarar uppgifterna oförändrade."
    text_en = "The archive keeps the data unchanged."


class AccessRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.AccessRule

    role = "professional"
    domain = "patient"
    service_task = factory.Sequence(lambda n: f"Tehtävä {n}")


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PlanItem

    plan = factory.SubFactory(PlanFactory)
    system = factory.LazyFunction(retiring_system)
    method = "migrate"
    target_date = dt.date(2027, 6, 30)


class SimulationFactory(factory.django.DjangoModelFactory):
    """A finished simulation (the upload and its job are the verb's: test_simulation_and_pdfs.py)."""

    class Meta:
        model = m.RetentionSimulation

    system = factory.LazyFunction(retiring_system)
    upload = "archiving/simulations/kit.csv"
    original_name = "kit.csv"
    as_of = dt.date(2026, 1, 1)
    record_count = 10
    permanent_count = 1
    result = factory.LazyFunction(lambda: {"years": [], "rules": [], "switch_off": {}})


class DestructionListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.DestructionList

    simulation = factory.SubFactory(SimulationFactory)
    year = 2026
    line_count = 0
