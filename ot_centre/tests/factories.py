"""factory-boy factories of the OT centre's network rows (cases go through the verbs instead)."""

from __future__ import annotations

import datetime as dt

import factory

from ot_centre.models import Agreement, DemandEstimate, ExpertiseArea


class ExpertiseAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area-{n}")
    name_fi = factory.Sequence(lambda n: f"Alue {n}")
    name_sv = factory.Sequence(lambda n: f"Område {n}")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Sopimus {n}")
    kind = "cooperation"
    valid_from = dt.date(2024, 1, 1)


class DemandEstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemandEstimate

    expertise_area = factory.SubFactory(ExpertiseAreaFactory)
    year = 2025
    estimated_cases = 10
