"""Benchmark: the staffing-ratio computation for all units by month vs one SQL aggregate.

500 units x 365 days x 12 professional groups (2023, which has threshold changes on 1.4. and 1.12.).
In the same run it times (a) ``supervision.selectors.compute_ratios`` for all units over the year,
split into months (the code the dashboard uses), and (b) one SQL statement that computes the same
per unit-month figures (ratio, days below the legal minimum in force on each day), checks that both
agree, and prints the timings and their ratio. Nothing is written anywhere; figures are printed.

Run (SQLite in memory, or PostgreSQL with DATABASE_URL set):
    .venv/bin/python -m pytest bench/bench_supervision.py -s -p no:cacheprovider
Smaller run: BENCH_SUPERVISION_UNITS=50 (default 500).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import defaultdict
from decimal import Decimal

import pytest
import summary  # bench/summary.py: the headline figures for bench/run_all.py's table
from django.db import connection

UNITS = int(os.environ.get("BENCH_SUPERVISION_UNITS", "500"))
START, END = dt.date(2023, 1, 1), dt.date(2023, 12, 31)


def _populate() -> list[int]:
    from portal.models import Organisation
    from portal.reference_data import load_reference_data
    from supervision.models import Producer, ServiceUnit, StaffingDay

    load_reference_data()
    organiser = Organisation.objects.get(code="pshva")
    municipalities = list(Organisation.objects.municipalities().order_by("code"))
    producer = Producer.objects.create(name="Bench Oy", business_id="9990001-6")
    units = ServiceUnit.objects.bulk_create(
        [
            ServiceUnit(
                code=f"bench-{i:04d}",
                name=f"Bench {i}",
                producer=producer,
                organiser=organiser,
                municipality=municipalities[i % len(municipalities)],
                service_type="service_housing_24h",
                places=10 + i % 30,
            )
            for i in range(UNITS)
        ]
    )
    days = (END - START).days + 1
    batch = []
    for unit in units:
        for offset in range(days):
            batch.append(
                StaffingDay(unit=unit, date=START + dt.timedelta(days=offset), clients=unit.places - offset % 3)
            )
            if len(batch) >= 20000:
                StaffingDay.objects.bulk_create(batch)
                batch = []
    StaffingDay.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        # 12 groups per day; hours derived from the ids so that the data is deterministic.
        cursor.execute(
            "INSERT INTO supervision_staffinghours (staffing_day_id, group_id, direct_hours, indirect_hours, persons) "
            "SELECT d.id, g.id, ROUND(d.clients * (44 + ((d.id * 7 + g.id * 13) % 13)) / 100.0, 2), 1, NULL "
            "FROM supervision_staffingday d CROSS JOIN supervision_professionalgroup g"
        )
        # Planner statistics as autovacuum would have them on a live database (both runs use them).
        cursor.execute("ANALYZE")
    return [u.pk for u in units]


def _month_sql() -> str:
    return "strftime('%%Y-%%m', d.date)" if connection.vendor == "sqlite" else "to_char(d.date, 'YYYY-MM')"


def one_sql_aggregate(hours_per_person_day: Decimal) -> dict[tuple[int, str], tuple[Decimal, int, int]]:
    """(unit, month) -> (ratio, days below the legal minimum, days of non-qualifying groups only), in one
    statement: the same figures the dashboard shows."""
    sql = f"""
        WITH day AS (
            SELECT d.unit_id, d.date, {_month_sql()} AS month, d.clients,
                   COALESCE(SUM(CASE WHEN g.counts_in_ratio THEN h.direct_hours ELSE 0 END), 0) AS counted,
                   COALESCE(SUM(CASE WHEN g.counts_in_ratio AND g.qualifies_alone THEN h.direct_hours ELSE 0 END), 0)
                       AS qualifying,
                   COALESCE(SUM(h.direct_hours), 0) AS all_direct
            FROM supervision_staffingday d
            LEFT JOIN supervision_staffinghours h ON h.staffing_day_id = d.id
            LEFT JOIN supervision_professionalgroup g ON g.id = h.group_id
            WHERE d.date BETWEEN %s AND %s
            GROUP BY d.unit_id, d.date, d.clients
        ), ruled AS (
            SELECT day.*, (
                SELECT t.min_staff_per_client FROM supervision_staffingthreshold t
                WHERE t.valid_from <= day.date AND (t.valid_to IS NULL OR t.valid_to >= day.date)
                ORDER BY t.valid_from DESC LIMIT 1
            ) AS minimum
            FROM day
        )
        SELECT unit_id, month,
               SUM(CASE WHEN clients > 0 THEN counted ELSE 0 END) / %s / SUM(clients) AS ratio,
               SUM(CASE WHEN clients > 0 AND counted < minimum * clients * %s THEN 1 ELSE 0 END) AS below,
               SUM(CASE WHEN all_direct > 0 AND qualifying = 0 THEN 1 ELSE 0 END) AS only_non_qualifying
        FROM ruled GROUP BY unit_id, month
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [START, END, hours_per_person_day, hours_per_person_day])
        return {
            (unit_id, month): (Decimal(str(ratio)).quantize(Decimal("0.001")), int(below), int(only))
            for unit_id, month, ratio, below, only in cursor.fetchall()
        }


def ours(unit_ids) -> dict[tuple[int, str], tuple[Decimal, int, int]]:
    from supervision import selectors

    result = {}
    for unit_id, period in selectors.compute_ratios(unit_ids, START, END).items():
        for month in selectors.split_by_month(period):
            result[(unit_id, month.start.strftime("%Y-%m"))] = (
                month.ratio_display,
                month.days_below_legal,
                month.days_only_non_qualifying,
            )
    return result


@pytest.mark.django_db
def test_ratio_computation_vs_single_sql():
    from supervision.models import PersonDayRule, StaffingHours

    t0 = time.perf_counter()
    unit_ids = _populate()
    populate_seconds = time.perf_counter() - t0
    rows = StaffingHours.objects.count()
    (rule,) = PersonDayRule.objects.all()  # one rule in force all year: the SQL takes it as a parameter

    timings: dict[str, list[float]] = defaultdict(list)
    for _ in range(3):
        t = time.perf_counter()
        python_result = ours(unit_ids)
        timings["ours"].append(time.perf_counter() - t)
        t = time.perf_counter()
        sql_result = one_sql_aggregate(rule.hours_per_person_day)
        timings["sql"].append(time.perf_counter() - t)

    # Equivalence: the same ratio (3 decimals) and the same count of days below, per unit-month.
    mismatches = [key for key in python_result if python_result[key] != sql_result.get(key)]
    assert len(python_result) == UNITS * 12
    assert not mismatches, f"{len(mismatches)} unit-months differ, e.g. {mismatches[:3]}"

    best_ours, best_sql = min(timings["ours"]), min(timings["sql"])
    below = sum(1 for _ratio, days, _only in python_result.values() if days)
    print(
        f"\n[bench_supervision] {connection.vendor}: {UNITS} units x 365 days x 12 groups = {rows} hour rows "
        f"(populated in {populate_seconds:.1f} s); {below} of {len(python_result)} unit-months have days below.\n"
        f"[bench_supervision] ours (compute_ratios + split_by_month), best of 3: {best_ours:.2f} s; "
        f"one SQL aggregate, best of 3: {best_sql:.2f} s; ratio ours/SQL = {best_ours / best_sql:.2f}"
    )
    summary.record(
        benchmark="supervision",
        measure=f"monthly staffing ratios, {UNITS} units x 365 days x 12 groups ({connection.vendor}, best of 3)"
        " vs one SQL aggregate",
        ours=best_ours,
        reference=best_sql,
        unit="s",
        target_ratio=2,
    )
