from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from knowledge_mgmt.choices import ValueSource, ValueType
from knowledge_mgmt.models import Indicator, IndicatorValue
from portal.models import Organisation

MUNICIPALITY_CODES = [
    "140", "171", "204", "239", "263", "297", "402", "420", "595", "686",
    "687", "749", "762", "778", "844", "857", "915", "921", "925",
]  # fmt: skip


def make_indicator(code: str = "test-count", **kwargs) -> Indicator:
    defaults = {
        "title_fi": f"Testi {code}",
        "title_sv": f"Test {code}",
        "title_en": f"Test {code}",
        "value_type": ValueType.COUNT,
        "decimals": 0,
        "first_year": 2015,
        "last_year": 2030,
        "source": "Test source",
        "licence": "CC BY 4.0",
    }
    defaults.update(kwargs)
    return Indicator.objects.create(code=code, **defaults)


def put(indicator: Indicator, org_code: str, year: int, value, absolute=None, **kwargs) -> IndicatorValue:
    return IndicatorValue.objects.create(
        indicator=indicator,
        organisation=Organisation.objects.get(code=org_code),
        year=year,
        value=Decimal(str(value)),
        absolute_value=None if absolute is None else Decimal(str(absolute)),
        source_kind=kwargs.pop("source_kind", ValueSource.IMPORT),
        **kwargs,
    )


@pytest.fixture
def count_indicator(reference_data):
    return make_indicator("test-count")


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in English (the msgids); tests of Finnish output override locally."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
