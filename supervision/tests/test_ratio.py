"""The staffing-ratio computation with exact figures across the threshold change of 1.4.2023."""

import datetime as dt
from decimal import Decimal

import pytest

from supervision import selectors
from supervision.models import Contract, StaffingThreshold
from supervision.tests.factories import UnitFactory, add_day

D = dt.date


@pytest.fixture
def unit(reference_data):
    unit = UnitFactory(code="kotirinne")
    add_day(unit, D(2023, 3, 31), 10, {"sairaanhoitaja": "20", "lahihoitaja": "25.96"})  # 0.600 = min 0.60
    add_day(unit, D(2023, 4, 1), 10, {"lahihoitaja": "45.96"})  # 0.600 < min 0.65 from 1.4.
    add_day(unit, D(2023, 4, 2), 10, {"lahihoitaja": "49.79"})  # 0.650 = min 0.65
    add_day(unit, D(2023, 4, 3), 10, {"lahihoitaja": "49.78"})  # 0.64987 (shows 0.650) < 0.65
    # 2023-04-04: no data -> a gap
    add_day(unit, D(2023, 4, 5), 10, {"hoiva-avustaja": "60"})  # only a group that may not work alone
    add_day(
        unit, D(2023, 4, 6), 10, {"lahihoitaja": ("45.96", "8"), "laitoshuoltaja": "20"}
    )  # support work not counted
    return unit


def test_hours_per_person_day_and_thresholds_are_data(db):
    rules = selectors.Rules()
    assert rules.hours_per_person_day_on(D(2023, 4, 1)) == Decimal("7.66")
    assert rules.threshold_on(D(2020, 9, 30)) is None
    assert rules.threshold_on(D(2023, 3, 31)).min_staff_per_client == Decimal("0.60")
    assert rules.threshold_on(D(2023, 4, 1)).min_staff_per_client == Decimal("0.65")
    # Proposals are not used unless an administrator enables them (test_verified_law.py): the last
    # verified minimum carries on.
    in_2025 = rules.threshold_on(D(2025, 6, 1))
    assert (in_2025.min_staff_per_client, in_2025.is_verified) == (Decimal("0.65"), True)
    assert rules.threshold_on(D(2023, 12, 15)).is_verified is True
    assert rules.threshold_on(D(2023, 3, 31)).is_verified is True


def test_daily_ratios_across_the_threshold_change(unit):
    period = selectors.unit_ratio(unit, D(2023, 3, 31), D(2023, 4, 6))
    days = {d.date: d for d in period.days}
    at_min_before = days[D(2023, 3, 31)]
    assert (at_min_before.ratio, at_min_before.legal_minimum, at_min_before.below_legal) == (
        Decimal("0.6"),
        Decimal("0.60"),
        False,
    )
    assert (days[D(2023, 4, 1)].ratio_display, days[D(2023, 4, 1)].legal_minimum, days[D(2023, 4, 1)].below_legal) == (
        Decimal("0.600"),
        Decimal("0.65"),
        True,
    )
    assert (days[D(2023, 4, 2)].ratio, days[D(2023, 4, 2)].below_legal) == (Decimal("0.65"), False)
    just_below = days[D(2023, 4, 3)]
    assert (just_below.ratio_display, just_below.below_legal) == (Decimal("0.650"), True)
    assert just_below.ratio < Decimal("0.65")
    gap = days[D(2023, 4, 4)]
    assert (gap.missing, gap.clients, gap.ratio, gap.below_legal) == (True, None, None, None)
    alone = days[D(2023, 4, 5)]
    assert (alone.only_non_qualifying, alone.ratio_display, alone.below_legal) == (True, Decimal("0.783"), False)
    support = days[D(2023, 4, 6)]
    assert (support.counted_hours, support.all_direct_hours, support.ratio, support.below_legal) == (
        Decimal("45.96"),
        Decimal("65.96"),
        Decimal("0.6"),
        True,
    )
    assert support.only_non_qualifying is False
    assert period.missing_days == 1
    assert period.days_below_legal == 3
    assert period.days_only_non_qualifying == 1
    assert period.is_below is True
    hours = Decimal("45.96") + Decimal("45.96") + Decimal("49.79") + Decimal("49.78") + Decimal("60") + Decimal("45.96")
    assert period.ratio == hours / Decimal("7.66") / 60
    assert period.ratio_display == Decimal("0.647")
    # client-weighted legal minimum: one day at 0.60 and five at 0.65, ten clients each
    assert period.legal_minimum == Decimal("0.642")


def test_a_unit_exactly_at_the_minimum_is_not_flagged(reference_data):
    unit = UnitFactory()
    for day in (D(2023, 3, 30), D(2023, 3, 31)):
        add_day(unit, day, 10, {"sairaanhoitaja": "45.96"})
    for day in (D(2023, 4, 1), D(2023, 4, 2)):
        add_day(unit, day, 10, {"sairaanhoitaja": "49.79"})
    period = selectors.unit_ratio(unit, D(2023, 3, 30), D(2023, 4, 2))
    assert [d.below_legal for d in period.days] == [False, False, False, False]
    assert period.is_below is False
    assert period.missing_days == 0


def test_contract_minimum_applies_from_its_start(unit):
    contract = Contract.objects.create(
        number="S-1",
        title="Tehostettu",
        organiser=unit.organiser,
        producer=unit.producer,
        valid_from=D(2023, 4, 5),
        staffing_minimum=Decimal("0.70"),
    )
    contract.units.add(unit)
    period = selectors.unit_ratio(unit, D(2023, 4, 4), D(2023, 4, 6))
    assert [(d.contract_minimum, d.below_contract) for d in period.days] == [
        (None, None),  # before the contract (and a gap)
        (Decimal("0.70"), False),  # 0.783 >= 0.70
        (Decimal("0.70"), True),  # 0.600 < 0.70
    ]
    assert period.days_below_contract == 1


def test_edited_threshold_changes_the_verdict(unit):
    threshold = StaffingThreshold.objects.get(valid_from=D(2023, 4, 1))
    threshold.min_staff_per_client = Decimal("0.60")
    threshold.save()
    period = selectors.unit_ratio(unit, D(2023, 4, 1), D(2023, 4, 1))
    assert period.days[0].below_legal is False


def test_month_and_week_periods(unit):
    assert selectors.month_bounds(2024, 2) == (D(2024, 2, 1), D(2024, 2, 29))
    assert selectors.week_bounds(D(2023, 4, 5)) == (D(2023, 4, 3), D(2023, 4, 9))
    period = selectors.unit_ratio(unit, D(2023, 3, 1), D(2023, 4, 30))
    months = selectors.split_by_month(period)
    assert [(m.start, m.end, len(m.days_with_data), m.missing_days) for m in months] == [
        (D(2023, 3, 1), D(2023, 3, 31), 1, 30),
        (D(2023, 4, 1), D(2023, 4, 30), 5, 25),
    ]
    assert months[0].is_below is False
    assert months[1].days_below_legal == 3


def test_compliance_share_per_municipality(unit, reference_data):
    from portal.models import Organisation

    ok = UnitFactory(municipality=Organisation.objects.get(code="297"))
    add_day(ok, D(2023, 4, 1), 5, {"sairaanhoitaja": "30"})
    UnitFactory(municipality=Organisation.objects.get(code="140"))  # no data
    pairs, municipalities = selectors.compliance(unit.__class__.objects.all(), D(2023, 4, 1), D(2023, 4, 30))
    by_code = {m.municipality.code: (m.units, m.with_data, m.compliant, m.share) for m in municipalities}
    assert by_code == {"297": (2, 2, 1, Decimal("50.0")), "140": (1, 0, 0, None)}
