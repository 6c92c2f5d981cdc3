"""Shared chart arithmetic: value axes that start near the data with round ticks.

A trend of 4 600 -> 4 830 EUR drawn from 0 looks flat; drawn from 4 500 with ticks every 100 it
shows the change. Zero is kept only where the measure is a share or a count that starts at zero.
"""

from __future__ import annotations

import math
from decimal import Decimal


def _nice_step(raw: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) nearest above ``raw``."""
    if raw <= 0:
        return 1.0
    exponent = math.floor(math.log10(raw))
    base = 10**exponent
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * base:
            return multiple * base
    return 10 * base


def nice_axis(
    values: list[Decimal | float | int], *, zero_based: bool = False, target_ticks: int = 5
) -> tuple[Decimal, Decimal, list[Decimal]]:
    """(axis minimum, axis maximum, ticks) for ``values``.

    ``zero_based`` keeps 0 on the axis (shares, counts); otherwise the axis starts at the round
    value just below the data. A flat series gets a band around its value.
    """
    numbers = [float(v) for v in values if v is not None]
    if not numbers:
        return Decimal(0), Decimal(1), [Decimal(0), Decimal(1)]
    low, high = min(numbers), max(numbers)
    if zero_based:
        low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = (low if zero_based and low == 0 else low - pad), high + pad
    step = _nice_step((high - low) / max(target_ticks - 1, 1))
    axis_low = math.floor(low / step) * step
    axis_high = math.ceil(high / step) * step
    if axis_high == axis_low:
        axis_high = axis_low + step
    count = round((axis_high - axis_low) / step)
    ticks = [Decimal(str(round(axis_low + i * step, 10))) for i in range(count + 1)]
    return ticks[0], ticks[-1], ticks
