"""The switch-off plan's cost model, in integer cents (pure functions, exact arithmetic).

Annual saving = what the retiring systems cost a year (licence + maintenance) - what the archive
and the kept systems cost a year after the switch-off. Break-even month = the first month whose
accumulated saving covers the one-off costs: ceil(12 * one_off / annual_saving), in integers.
Net over N years = N * annual_saving - one_off. A month's delay costs the monthly saving
(rounded half up to a cent).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CostModel:
    retiring_annual_cents: int
    new_annual_cents: int
    one_off_cents: int
    annual_saving_cents: int
    break_even_month: int | None  # None: the plan never pays back
    net_cents: int
    years: int
    monthly_delay_cents: int


def cost_model(*, retiring_annual_cents: int, one_off_cents: int, new_annual_cents: int, years: int = 5) -> CostModel:
    for name, value in (("retiring", retiring_annual_cents), ("one-off", one_off_cents), ("new", new_annual_cents)):
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} cost must be a non-negative integer number of cents")
    saving = retiring_annual_cents - new_annual_cents
    break_even = max(1, -(-12 * one_off_cents // saving)) if saving > 0 else None  # ceiling division
    monthly = (saving * 2 + 12) // 24 if saving >= 0 else -((-saving * 2 + 12) // 24)
    return CostModel(
        retiring_annual_cents=retiring_annual_cents,
        new_annual_cents=new_annual_cents,
        one_off_cents=one_off_cents,
        annual_saving_cents=saving,
        break_even_month=break_even,
        net_cents=years * saving - one_off_cents,
        years=years,
        monthly_delay_cents=monthly,
    )
