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
