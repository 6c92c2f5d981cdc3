"""Deadline arithmetic: working days skip weekends and Finnish public holidays.

Public holidays come from the maintained ``holidays`` library (country ``FI``), never from a
hand-written list; the periods themselves are editable ``DeadlineRule`` rows. Arithmetic is done
on the Helsinki wall clock so that a deadline keeps its time of day across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from ot_centre.choices import PeriodUnit

HELSINKI = ZoneInfo("Europe/Helsinki")


@lru_cache(maxsize=64)
def _finnish_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("FI", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _finnish_holidays(day.year)


def add_period(start: dt.datetime, amount: int, unit: str) -> dt.datetime:
    """``start`` plus ``amount`` working or calendar days, at the same Helsinki time of day."""
    local = start.astimezone(HELSINKI).replace(tzinfo=None)
    if unit == PeriodUnit.CALENDAR_DAYS:
        result = local + dt.timedelta(days=amount)
    elif unit == PeriodUnit.WORKING_DAYS:
        result = local
        remaining = amount
        while remaining > 0:
            result += dt.timedelta(days=1)
            if is_working_day(result.date()):
                remaining -= 1
    else:
        raise ValueError(f"unknown period unit {unit!r}")
    return result.replace(tzinfo=HELSINKI)
