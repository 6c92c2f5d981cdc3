"""factory-boy factories of the core's models (used by the test kit and the core's tests)."""

from __future__ import annotations

import factory

from portal.models import DataModel, InformationSystem, Measure, Organisation


class InformationSystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationSystem

    code = factory.Sequence(lambda n: f"system-{n}")
    name = factory.Sequence(lambda n: f"Järjestelmä {n}")
    owner = factory.LazyFunction(lambda: Organisation.objects.get(code="297"))
    sector = "health"


class DataModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataModel

    code = factory.Sequence(lambda n: f"model-{n}")
    name_fi = factory.Sequence(lambda n: f"Tietomalli {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    sub_area = 4
    number = factory.Sequence(lambda n: f"9.{n}")
    app = "governance"
    title_fi = factory.Sequence(lambda n: f"Toimenpide {n}")
