from decimal import Decimal

import pytest

from knowledge_mgmt.aggregation import Part, combine
from knowledge_mgmt.choices import ValueSource, ValueType
from knowledge_mgmt.models import IndicatorValue
from knowledge_mgmt.services import store_aggregates
from knowledge_mgmt.tests.conftest import MUNICIPALITY_CODES, make_indicator, put

pytestmark = pytest.mark.django_db


def region_value(indicator, code, year):
    return IndicatorValue.objects.filter(indicator=indicator, organisation__code=code, year=year).first()


def test_counts_sum_members_valid_in_the_year_joroinen_from_2021(count_indicator):
    for year in (2020, 2021):
        for code in MUNICIPALITY_CODES:
            put(count_indicator, code, year, int(code), absolute=int(code))
    report = store_aggregates(count_indicator, [2020, 2021])

    # Joroinen (171) joined Pohjois-Savo on 2021-01-01: 10 855 - 171 in 2020, all 19 in 2021.
    assert region_value(count_indicator, "maakunta-11", 2020).value == Decimal("10684")
    assert region_value(count_indicator, "maakunta-11", 2021).value == Decimal("10855")
    assert region_value(count_indicator, "maakunta-11", 2021).absolute_value == Decimal("10855")
    assert region_value(count_indicator, "maakunta-11", 2021).source_kind == ValueSource.AGGREGATION
    # The wellbeing services county exists from 2023 only.
    assert region_value(count_indicator, "pshva", 2021) is None
    assert report.created == 2

    again = store_aggregates(count_indicator, [2020, 2021])
    assert (again.created, again.updated, again.unchanged, again.deleted) == (0, 0, 2, 0)


def test_rates_are_population_weighted(reference_data):
    rate = make_indicator("test-rate", value_type=ValueType.PERCENT, decimals=1)
    for year in (2020, 2021, 2023):
        for code in MUNICIPALITY_CODES:
            put(rate, code, year, 10 if code == "297" else 20)
    store_aggregates(rate, [2020, 2021, 2023])
    # Populations of 31.12.2020 (the nearest year): region 248 265, without Joroinen 243 576, Kuopio 120 210.
    assert region_value(rate, "maakunta-11", 2020).value == Decimal("15.064785")
    assert region_value(rate, "maakunta-11", 2021).value == Decimal("15.157996")
    assert region_value(rate, "pshva", 2023).value == Decimal("15.157996")
    assert region_value(rate, "pshva", 2021) is None


def test_no_aggregate_when_a_member_is_missing_and_own_values_are_kept(count_indicator):
    for code in MUNICIPALITY_CODES[:-1]:
        put(count_indicator, code, 2021, 1)
    assert store_aggregates(count_indicator, [2021]).created == 0
    put(count_indicator, MUNICIPALITY_CODES[-1], 2021, 1)
    put(count_indicator, "maakunta-11", 2021, 999, source_kind=ValueSource.IMPORT)
    assert store_aggregates(count_indicator, [2021]).created == 0
    assert region_value(count_indicator, "maakunta-11", 2021).value == Decimal("999")


def test_combine_exact_figures():
    parts = [
        Part(member_id=1, value=Decimal("2.5"), absolute_value=Decimal("5"), population=200),
        Part(member_id=2, value=Decimal("1"), absolute_value=Decimal("8"), population=800),
    ]
    assert combine(ValueType.PER_1000, parts).value == Decimal("1.300000")
    assert combine(ValueType.PER_1000, parts).absolute_value == Decimal("13")
    assert combine(ValueType.EUROS, parts).value == Decimal("3.500000")
    assert combine(ValueType.COUNT, [*parts, Part(3, None, None, 5)]) is None
