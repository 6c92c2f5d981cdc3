"""factory-boy factories of the indicator bank (used by the test kit, knowledge_mgmt/tests/kit_cases.py).

The indicator's defaults are those of ``conftest.make_indicator`` (a yearly count, 2015-2030).
"""

from __future__ import annotations

from decimal import Decimal

import factory

from knowledge_mgmt import models as m
from knowledge_mgmt.choices import ValueSource, ValueType
from portal.models import Organisation


def organisation(code: str = "297") -> Organisation:
    return Organisation.objects.get(code=code)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Indicator

    code = factory.Sequence(lambda n: f"kit-indicator-{n}")
    title_fi = factory.Sequence(lambda n: f"Testi-indikaattori {n}")
    title_sv = factory.Sequence(lambda n: f"Testindikator {n}")
    title_en = factory.Sequence(lambda n: f"Test indicator {n}")
    value_type = ValueType.COUNT
    decimals = 0
    first_year = 2015
    last_year = 2030
    source = "Test source"
    licence = "CC BY 4.0"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    """A Kuopio value of one year."""

    class Meta:
        model = m.IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    organisation = factory.LazyFunction(organisation)
    year = 2024
    value = Decimal("12")
    source_kind = ValueSource.IMPORT


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Target

    indicator = factory.SubFactory(IndicatorFactory)
    organisation = factory.LazyFunction(organisation)
    year = 2027
    value = Decimal("10")


class IndicatorSetFactory(factory.django.DjangoModelFactory):
    """A public curated set with one indicator."""

    class Meta:
        model = m.IndicatorSet

    code = factory.Sequence(lambda n: f"kit-set-{n}")
    name_fi = factory.Sequence(lambda n: f"Mittaristo {n}")

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if create:
            m.IndicatorSetItem.objects.create(indicator_set=self, indicator=IndicatorFactory(), order=1)


class SurveyFactory(factory.django.DjangoModelFactory):
    """A maturity survey with two areas (no answers: the results page shows none yet)."""

    class Meta:
        model = m.MaturitySurvey

    code = factory.Sequence(lambda n: f"kit-survey-{n}")
    name_fi = factory.Sequence(lambda n: f"Kypsyystasokysely {n}")
    year = 2025

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            for order, code in enumerate(("data", "leadership"), start=1):
                m.MaturityArea.objects.create(survey=self, code=code, name_fi=code.title(), order=order)
