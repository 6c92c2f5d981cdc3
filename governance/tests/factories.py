"""factory-boy factories of governance (the test kit's cases and the area's tests)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from governance import models as m
from portal.models import Measure, Organisation


def first_measure() -> Measure:
    return Measure.objects.order_by("number").first()


def kuopio() -> Organisation:
    return Organisation.objects.get(code="297")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Body

    code = factory.Sequence(lambda n: f"body-{n}")
    name_fi = factory.Sequence(lambda n: f"Työryhmä {n}")
    kind = "working_group"
    measure = factory.LazyFunction(first_measure)
    valid_from = dt.date(2026, 1, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Membership

    body = factory.SubFactory(BodyFactory)
    person_name = factory.Sequence(lambda n: f"Jäsen {n}")
    organisation = factory.LazyFunction(kuopio)
    role = "member"
    term_start = dt.date(2026, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Meeting

    body = factory.SubFactory(BodyFactory)
    number = factory.Sequence(lambda n: f"{n + 1}/2026")
    date = dt.date(2026, 3, 10)
    location = "Kuopio"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Asia {n}")
    measure = factory.LazyFunction(first_measure)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Decision

    meeting = factory.SubFactory(MeetingFactory)
    body = factory.LazyAttribute(lambda o: o.meeting.body)
    number = factory.Sequence(lambda n: f"§ {n + 1}")
    date = factory.LazyAttribute(lambda o: o.meeting.date)
    text = "Päätettiin hyväksyä esitys."


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Milestone

    measure = factory.LazyFunction(first_measure)
    title = factory.Sequence(lambda n: f"Välitavoite {n}")
    planned_date = dt.date(2026, 6, 30)
    responsible_organisation = factory.LazyFunction(kuopio)


class BaselineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.MeasureBaseline

    measure = factory.LazyFunction(
        lambda: Measure.objects.exclude(pk__in=m.MeasureBaseline.objects.values("measure")).order_by("number").first()
    )
    start_date = dt.date(2026, 1, 1)
    end_date = dt.date(2027, 12, 31)


class CommunicationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.CommunicationItem

    target_group = "Henkilöstö"
    channel = "website"
    message = factory.Sequence(lambda n: f"Viesti {n}")
    planned_date = dt.date(2026, 4, 1)
    owner = "Viestintä"
    measure = factory.LazyFunction(first_measure)


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.NewsItem

    slug = factory.Sequence(lambda n: f"uutinen-{n}")
    title = factory.Sequence(lambda n: f"Uutinen {n}")
    body = "Valmistelu etenee."
    language = "fi"
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class StakeholderEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.StakeholderEvent

    title = factory.Sequence(lambda n: f"Kuulemistilaisuus {n}")
    date = dt.date(2026, 5, 5)
    participants = 40
    feedback_responses = 0


class LegacyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.LegacyDocument

    title = factory.Sequence(lambda n: f"Selvitys {n}")
    origin = "Aiempi valmistelu"
    topic = "Palveluverkko"
    year = 2019
    measure = factory.LazyFunction(first_measure)


class ServiceEntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ServiceEntity

    code = factory.Sequence(lambda n: f"entity-{n}")
    name_fi = factory.Sequence(lambda n: f"Palvelukokonaisuus {n}")
    client_group = "older_people"
    production_mode = "own"


class TrainingEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TrainingEvent

    topic = factory.Sequence(lambda n: f"Johtamisvalmennus {n}")
    date = dt.date(2026, 9, 1)


class TrainingParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.TrainingParticipation

    training = factory.SubFactory(TrainingEventFactory)
    organisation = factory.LazyFunction(kuopio)
    participants = 3


class PrinciplesVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PrinciplesVersion

    version = factory.Sequence(lambda n: n + 1)
    title = "Johtamisen periaatteet"
    text = "Yhteiset periaatteet."


class StudyStatusEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.StudyStatusEntry

    study = "Johtamisen tutkimus"
    date = dt.date(2026, 2, 1)
    status = "planned"
