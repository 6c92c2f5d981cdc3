import pytest

from archiving.costs import cost_model


def test_issue_exact_case_in_integer_cents():
    model = cost_model(
        retiring_annual_cents=12_000_000 + 8_000_000, one_off_cents=15_000_000, new_annual_cents=3_000_000, years=5
    )
    assert model.annual_saving_cents == 17_000_000
    assert model.break_even_month == 11
    assert model.net_cents == 70_000_000
    assert model.monthly_delay_cents == 1_416_667  # 170 000 € / 12, rounded to the cent
    assert all(isinstance(v, int) for v in (model.annual_saving_cents, model.net_cents, model.monthly_delay_cents))


def test_break_even_on_an_exact_month_and_never():
    assert cost_model(retiring_annual_cents=1200, one_off_cents=100, new_annual_cents=0).break_even_month == 1
    assert cost_model(retiring_annual_cents=1200, one_off_cents=1200, new_annual_cents=0).break_even_month == 12
    assert cost_model(retiring_annual_cents=100, one_off_cents=1, new_annual_cents=100).break_even_month is None


def test_refuses_floats_and_negative_costs():
    with pytest.raises(ValueError):
        cost_model(retiring_annual_cents=1.5, one_off_cents=0, new_annual_cents=0)
    with pytest.raises(ValueError):
        cost_model(retiring_annual_cents=100, one_off_cents=-1, new_annual_cents=0)
