"""factory-boy factories of the OT centre's network rows (cases go through the verbs instead)."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from ot_centre.choices import DeadlineKind, RuleUrgency
from ot_centre.models import (
    Agreement,
    CooperationArea,
    DeadlineRule,
    DemandEstimate,
    Expert,
    ExpertiseArea,
    Pilot,
    UseCase,
    WorkingGroup,
)
from portal.models import Organisation


def _organisation(code: str = "297") -> Organisation:
    return Organisation.objects.get(code=code)


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

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create:
            self.parties.set(extracted or [_organisation()])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"ot-user-{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.invalid")


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyFunction(_organisation)
    title = "Psykologi"
    capacity_per_month = 4
    valid_from = dt.date(2020, 1, 1)

    @factory.post_generation
    def expertise_areas(self, create, extracted, **kwargs):
        if create:
            self.expertise_areas.set(extracted or [ExpertiseAreaFactory()])


class CooperationAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationArea

    key = factory.Sequence(lambda n: f"coop-{n}")
    name_fi = factory.Sequence(lambda n: f"Yhteistyöalue {n}")


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Työryhmä {n}")
    valid_from = dt.date(2024, 1, 1)


def deadline_rule() -> DeadlineRule:
    """A rule of a kind and urgency not yet taken (the pair is unique; reference data may hold some)."""
    for kind in DeadlineKind.values:
        for urgency in RuleUrgency.values:
            if not DeadlineRule.objects.filter(kind=kind, urgency=urgency).exists():
                return DeadlineRule.objects.create(kind=kind, urgency=urgency, amount=5, unit="working_days")
    return DeadlineRule.objects.order_by("pk").first()


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot

    name = factory.Sequence(lambda n: f"Pilotti {n}")
    coordinator = factory.LazyFunction(_organisation)
    start = dt.date(2025, 1, 1)


class UseCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UseCase

    pilot = factory.SubFactory(PilotFactory)
    title = factory.Sequence(lambda n: f"Käyttötapaus {n}")
    expertise_area = factory.SubFactory(ExpertiseAreaFactory)
    description = "Konsultaatio ennen sijoitusta."


class DemandEstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemandEstimate

    county = factory.LazyFunction(lambda: _organisation("pshva"))
    expertise_area = factory.SubFactory(ExpertiseAreaFactory)
    year = 2025
    estimated_cases = 10
