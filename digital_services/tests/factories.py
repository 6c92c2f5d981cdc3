import datetime as dt

import factory

from digital_services import models
from portal.models import Organisation


class DigitalServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DigitalService

    code = factory.Sequence(lambda n: f"service-{n}")
    name_fi = factory.Sequence(lambda n: f"Palvelu {n}")
    name_sv = factory.Sequence(lambda n: f"Tjänst {n}")


class MonthlyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MonthlyFigure

    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="297"))
    month = dt.date(2025, 1, 1)
    messages_recipients = 7500
    paper_letters = 2500
    assessments_completed = 200
    referred_to_booking = 50


def _kuopio() -> Organisation:
    return Organisation.objects.get(code="297")


class ServiceFeatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceFeature

    service = factory.SubFactory(DigitalServiceFactory)
    code = factory.Sequence(lambda n: f"feature-{n}")
    name_fi = factory.Sequence(lambda n: f"Ominaisuus {n}")


class ServiceChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServiceChannel

    service = factory.SubFactory(DigitalServiceFactory)
    kind = "WebPage"
    name_fi = factory.Sequence(lambda n: f"Kanava {n}")
    address = "https://palvelu.example"


class RolloutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Rollout

    service = factory.SubFactory(DigitalServiceFactory)
    organisation = factory.LazyFunction(_kuopio)
    pilot_from = dt.date(2024, 1, 1)
    live_from = dt.date(2024, 6, 1)


class OfflineRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OfflineRate

    min_age = factory.Sequence(lambda n: 100 + 2 * n)
    max_age = factory.Sequence(lambda n: 101 + 2 * n)
    rate_percent = "12.50"
    source = "Tilastokeskus"
    reference_year = 2024


class AgeStructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgeStructure

    organisation = factory.LazyFunction(_kuopio)
    year = factory.Sequence(lambda n: 2000 + n)
    min_age = 75
    max_age = 84
    residents = 9000
    source = "Tilastokeskus"


class ServicePathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ServicePath

    code = factory.Sequence(lambda n: f"path-{n}")
    name_fi = factory.Sequence(lambda n: f"Polku {n}")


class PathStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PathStep

    path = factory.SubFactory(ServicePathFactory)
    position = factory.Sequence(lambda n: n + 1)
    name_fi = factory.Sequence(lambda n: f"Vaihe {n}")


class StepChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StepChange

    step = factory.SubFactory(PathStepFactory)
    organisation = factory.LazyFunction(_kuopio)
    change = "Ajanvaraus avataan verkossa."


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Pilot

    code = factory.Sequence(lambda n: f"pilot-{n}")
    name_fi = factory.Sequence(lambda n: f"Pilotti {n}")
    goal = "Etävastaanotto kotiin."
    starts_on = dt.date(2025, 1, 1)


class GuidanceContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.GuidanceContact

    code = factory.Sequence(lambda n: f"contact-{n}")
    kind = "phone"
    name_fi = factory.Sequence(lambda n: f"Neuvonta {n}")
    value = "017 123 4567"
    verified_on = dt.date(2026, 1, 1)
    source = "https://palvelu.example"


class ChatIntentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ChatIntent

    code = factory.Sequence(lambda n: f"intent-{n}")
    escalation = 0
    patterns_fi = "aukioloajat"
    answer_fi = "Vastaus"
    answer_sv = "Svar"
    answer_en = "Answer"


class ChatDailyStatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ChatDailyStat

    day = factory.Sequence(lambda n: dt.date(2025, 1, 1) + dt.timedelta(days=n))
    intent_code = "opening-hours"
    count = 3


class CounsellingSegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CounsellingSegment

    code = factory.Sequence(lambda n: f"segment-{n}")
    name_fi = factory.Sequence(lambda n: f"Ryhmä {n}")
    base_year = 2024
    base_persons = 1000
    contact_rate = "2.500"
    growth_percent = "1.50"


class SegmentHistoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SegmentHistory

    segment = factory.SubFactory(CounsellingSegmentFactory)
    year = factory.Sequence(lambda n: 2000 + n)
    persons = 900


class CounsellingChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CounsellingChannel

    code = factory.Sequence(lambda n: f"channel-{n}")
    name_fi = factory.Sequence(lambda n: f"Kanava {n}")
    share_percent = "5.00"


class SystemRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SystemRequirement

    code = factory.Sequence(lambda n: f"req-{n}")
    area = "channels"
    priority = "must"
    text_fi = "Järjestelmä näyttää jonotilanteen."
