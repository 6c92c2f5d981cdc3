"""Aggregation of municipal values to regions and wellbeing services counties, and small-number
suppression.

Rules (tested with exact figures in tests/test_aggregation.py):
- Members are the organisation's memberships valid on the last day of the period (31 December for a
  year): Joroinen (171) joined Pohjois-Savo on 2021-01-01, so it counts in 2021 but not in 2020.
- Counts and euros are summed. Every other value type is a rate: the population-weighted mean of
  the members' values, with the members' populations of the same year (or, when a year has no
  population figure, the nearest year that has one; earlier wins a tie).
- An aggregate is produced only when every member has a value: a partial sum would be wrong.
- The absolute value is the sum of the members' absolute values when all of them have one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from knowledge_mgmt.choices import ADDITIVE_TYPES, NON_AGGREGATED_TYPES
from portal.models import OrganisationMembership, Population
from portal.models.base import validity_q

SIX_PLACES = Decimal("0.000001")


def small_number_threshold() -> int:
    return int(getattr(settings, "KNOWLEDGE_SMALL_NUMBER_THRESHOLD", 5))


def is_small(number: Decimal | int | None, threshold: int | None = None) -> bool:
    """A count of 1..threshold-1 is suppressed in public outputs; 0 and missing are not small."""
    if number is None:
        return False
    limit = small_number_threshold() if threshold is None else threshold
    return 0 < abs(Decimal(number)) < limit


def suppressed(value, absolute_value, *, additive: bool, threshold: int | None = None) -> bool:
    """Should a cell be hidden publicly: its absolute value (or, for a count, the value) is small."""
    if absolute_value is not None:
        return is_small(absolute_value, threshold)
    return additive and is_small(value, threshold)


@dataclass(frozen=True)
class Part:
    member_id: int
    value: Decimal | None
    absolute_value: Decimal | None
    population: int | None


@dataclass(frozen=True)
class Aggregate:
    value: Decimal
    absolute_value: Decimal | None
    members: int


def combine(value_type: str, parts: list[Part]) -> Aggregate | None:
    """Combine member values; None when any member lacks a value (or a rate lacks a population)."""
    if not parts or any(p.value is None for p in parts) or value_type in NON_AGGREGATED_TYPES:
        return None
    if value_type in ADDITIVE_TYPES:
        total = sum((p.value for p in parts), Decimal(0))
    else:
        if any(not p.population for p in parts):
            return None
        weight = sum(p.population for p in parts)
        total = sum((p.value * p.population for p in parts), Decimal(0)) / Decimal(weight)
    absolute = None
    if all(p.absolute_value is not None for p in parts):
        absolute = sum((p.absolute_value for p in parts), Decimal(0))
    return Aggregate(value=total.quantize(SIX_PLACES, ROUND_HALF_UP), absolute_value=absolute, members=len(parts))


def period_end(year: int, quarter: int = 0, month: int = 0) -> dt.date:
    if month:
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if quarter:
        return period_end(year, 0, quarter * 3)
    return dt.date(year, 12, 31)


def members_on(organisation_ids: Iterable[int], day: dt.date) -> dict[int, list[int]]:
    """Member organisation ids per organisation, memberships and members valid on ``day``."""
    rows = (
        OrganisationMembership.objects.filter(organisation_id__in=list(organisation_ids))
        .filter(validity_q(day))
        .filter(validity_q(day, prefix="member__"))
        .values_list("organisation_id", "member_id")
    )
    result: dict[int, list[int]] = defaultdict(list)
    for organisation_id, member_id in rows:
        result[organisation_id].append(member_id)
    return dict(result)


class PopulationTable:
    """Populations by organisation and year, with the nearest-year fallback."""

    def __init__(self, organisation_ids: Iterable[int]):
        self._by_org: dict[int, dict[int, int]] = defaultdict(dict)
        for org_id, year, count in Population.objects.filter(organisation_id__in=list(organisation_ids)).values_list(
            "organisation_id", "year", "count"
        ):
            self._by_org[org_id][year] = count

    def get(self, organisation_id: int, year: int) -> int | None:
        years = self._by_org.get(organisation_id)
        if not years:
            return None
        if year in years:
            return years[year]
        nearest = min(years, key=lambda y: (abs(y - year), y))
        return years[nearest]
