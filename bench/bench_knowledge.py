"""Benchmark of the analytics API: /api/knowledge/data/ returning 10 000 rows in each format, against
the raw SQL query that fetches the same rows, with 1 000 000 indicator values in PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench DEBUG=1 \
        .venv/bin/python bench/bench_knowledge.py [--values 1000000] [--rows 10000] [--repeat 15] [--keep]

It creates a scratch database (test_<name>, migrated), loads deterministic values with COPY, times
each request in-process (Django test client: no network, the full view, serialisation and
middleware) and the raw query, and prints median and p95 (milliseconds) and the ratio of the
medians. The scratch database is dropped at the end unless --keep. Nothing is written to the named
database itself. Figures are whatever this machine measures; nothing is hard-coded.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.test_settings")

import django

django.setup()

import summary  # noqa: E402 - bench/summary.py: the headline figures for bench/run_all.py's table
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

RAW_SQL = """
SELECT i.code, o.code, v.year, v.quarter, v.month, v.sex, v.breakdown, v.value, v.absolute_value,
       v.status, v.updated_at
FROM knowledge_mgmt_indicatorvalue v
JOIN knowledge_mgmt_indicator i ON i.id = v.indicator_id
JOIN portal_organisation o ON o.id = v.organisation_id
WHERE i.code IN %s
ORDER BY i.code, o.code, v.year, v.quarter, v.month, v.sex, v.breakdown
LIMIT %s
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def load(total: int) -> list[str]:
    """Deterministic values: indicators x 21 organisations x 40 years x 3 sexes x 2 breakdowns."""
    from knowledge_mgmt.models import Indicator
    from portal.models import Organisation
    from portal.reference_data import load_reference_data

    load_reference_data()
    organisations = list(
        Organisation.objects.filter(kind__in=["municipality", "region", "wellbeing_services_county"]).order_by("code")
    )
    years = list(range(1985, 2025))
    per_indicator = len(organisations) * len(years) * 3 * 2
    count = -(-total // per_indicator)
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                code=f"bench-{n:04d}",
                title_fi=f"Benchmark {n}",
                value_type="percent",
                decimals=1,
                first_year=1985,
                last_year=2024,
                source="benchmark (generated)",
            )
            for n in range(count)
        ]
    )
    written = 0
    buffer = io.StringIO()
    for indicator in indicators:
        for org in organisations:
            for year in years:
                for sex in ("female", "male", "total"):
                    for breakdown in ("", "b1"):
                        if written >= total:
                            break
                        value = (indicator.pk * 7 + org.pk * 13 + year * 3 + len(sex)) % 1000 / 10
                        buffer.write(
                            f"{indicator.pk}\t{org.pk}\t{year}\t0\t0\t{sex}\t{breakdown}\t{value}\t\\N\tfinal\timport\t"
                            "\\N\tbench\t\\N\t2024-06-01 00:00:00+00\n"
                        )
                        written += 1
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            "COPY knowledge_mgmt_indicatorvalue (indicator_id, organisation_id, year, quarter, month, sex, breakdown,"
            " value, absolute_value, status, source_kind, job_id, source_file, entered_by_id, updated_at) FROM STDIN",
            buffer,
        )
        cursor.execute("ANALYZE knowledge_mgmt_indicatorvalue")
    return [i.code for i in indicators]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", action="store_true", help="reuse a scratch database kept with --keep")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("Set DATABASE_URL to a PostgreSQL database: the benchmark needs PostgreSQL.", file=sys.stderr)
        return 2
    setup_test_environment()
    old_name = settings.DATABASES["default"]["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.reuse)
    try:
        from knowledge_mgmt.models import IndicatorValue

        started = time.perf_counter()
        if args.reuse and IndicatorValue.objects.count() == args.values:
            from knowledge_mgmt.models import Indicator

            codes = list(
                Indicator.objects.filter(code__startswith="bench-").order_by("code").values_list("code", flat=True)
            )
            print(f"reusing {args.values} values")
        else:
            codes = load(args.values)
            print(f"loaded {args.values} values in {time.perf_counter() - started:.1f} s")
        per_indicator = 21 * 40 * 3 * 2
        chosen = tuple(codes[: -(-args.rows // per_indicator)])
        client = Client()
        user = _reader()
        client.force_login(user)
        params = {"indicator": ",".join(chosen), "limit": str(args.rows)}
        results = {}
        with connection.cursor() as cursor:
            raw = []
            for attempt in range(args.repeat + 2):
                t0 = time.perf_counter()
                cursor.execute(RAW_SQL, [chosen, args.rows])
                rows = cursor.fetchall()
                if attempt >= 2:
                    raw.append((time.perf_counter() - t0) * 1000)
            assert len(rows) == args.rows, len(rows)
            results["raw SQL"] = raw
        for fmt in ("json", "csv", "csv-fi", "jsonstat"):
            timings = []
            for attempt in range(args.repeat + 2):
                t0 = time.perf_counter()
                response = client.get("/api/knowledge/data/", {**params, "format": fmt})
                body = response.content
                if attempt >= 2:
                    timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
            assert body
            results[f"API {fmt}"] = timings
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            client.get("/api/knowledge/data/", {**params, "format": os.environ["BENCH_PROFILE"]})
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        base = statistics.median(results["raw SQL"])
        print(f"{args.rows} rows of {args.values} values; {args.repeat} timed runs each (after 2 warm-ups)")
        print(f"{'query':<16}{'median ms':>12}{'p95 ms':>12}{'ratio':>10}")
        for name, timings in results.items():
            median = statistics.median(timings)
            print(f"{name:<16}{median:>12.1f}{percentile(timings, 0.95):>12.1f}{median / base:>10.2f}")
            if name != "raw SQL":
                summary.record(
                    benchmark="knowledge",
                    measure=f"{name}, {args.rows:,} of {args.values:,} values (test client, median of {args.repeat})"
                    " vs raw SQL",
                    ours=median,
                    reference=base,
                    unit="ms",
                    target_ratio=3,
                )
    finally:
        if not (args.keep or args.reuse):
            connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


def _reader():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(username="bench-reader")
    return user


if __name__ == "__main__":
    sys.exit(main())
