"""Value axes that show change: near the data with round ticks; zero only for shares and counts."""

from decimal import Decimal

from portal.charts import nice_axis


def test_euro_trend_starts_near_the_data_with_round_ticks():
    low, high, ticks = nice_axis([4615, 4700, 4830])
    assert (low, high) == (Decimal("4600"), Decimal("4900"))
    assert ticks == [Decimal(v) for v in ("4600", "4700", "4800", "4900")]


def test_share_keeps_zero():
    low, high, ticks = nice_axis([62.5, 71.0, 75.0], zero_based=True)
    assert (low, high) == (Decimal("0"), Decimal("80"))
    assert ticks == [Decimal(v) for v in ("0", "20", "40", "60", "80")]


def test_flat_series_gets_a_band_and_negative_values_work():
    low, high, _ticks = nice_axis([100, 100])
    assert low < 100 < high
    low, high, _ticks = nice_axis([-30, 20])
    assert low <= -30 and high >= 20


def test_empty_series():
    assert nice_axis([]) == (Decimal(0), Decimal(1), [Decimal(0), Decimal(1)])
