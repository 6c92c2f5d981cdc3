"""Benchmark: the analytics API over 10 000 000 indicator values (issue 17 point 2).

    .venv/bin/python bench/bench_analytics.py [--quick] [--repeat 20] [--reload] [--in-process]

It needs PostgreSQL, as in production:

* the database ``bench_analytics`` (``bench_analytics_quick`` with ``--quick``) on the server of
  ``BENCH_ANALYTICS_SERVER`` (a database URL of the server, default
  ``postgres://postgres@127.0.0.1:5432/postgres``; `make bench` passes BENCH_DATABASE_URL). It is
  created and migrated when missing and kept afterwards: a re-run finds the values already loaded
  and skips the load (``--reload`` drops and recreates it). Nothing else on the server is touched.
* The values: 2 000 indicators x 20 organisations (the 19 North Savo municipalities and the region,
  maakunta-11, from ``portal.reference_data``) x 25 years (2000-2024) x 10 sex/age cells (``CELLS``:
  sex total by age group 0-17, 18-64, 65- and in all, women and men by age group) = 10 000 000 rows
  (``--quick``: 20 indicators, 100 000 rows). They are written by ``INSERT ... SELECT`` over
  ``generate_series`` in batches of 100 indicators, each batch its own transaction (an interrupted
  load resumes at the first missing batch), with the table's secondary indexes dropped during the load
  and rebuilt after it, then ANALYZE. Every value is "published" in the bank's sense (stored values
  are published ones); every 50th indicator (bench-0007, bench-0057, ...) is restricted
  (``public=False``): the run checks that an anonymous request for one is refused and that the
  anonymous answers hold only the indicators asked for.

Measured, in the same run:

1. A 10 000-row answer (two indicators) through the real API, ``GET /api/knowledge/data/``, served by
   gunicorn (one sync worker, ``portal.settings`` with DEBUG off, as the Dockerfile runs it, behind
   an assumed TLS proxy: ``X-Forwarded-Proto: https``), anonymously, in every format the endpoint
   offers (json, csv, csv-fi, jsonstat), each body read to its end over HTTP on 127.0.0.1; against
   the raw SQL that fetches the same rows and columns into Python (psycopg2, the same server). Each
   is timed ``--repeat`` times after two warm-ups, alternating so that load from other work falls
   on all; printed: best, p50 and p95 in milliseconds and the ratio of the medians (target 1.5x).
2. Answers of 50 000, 100 000 and 200 000 rows (10, 20 and 40 indicators) in csv and json, which
   the endpoint streams (above ``KNOWLEDGE_DATA_STREAM_ROWS``, 20 000 rows): the peak resident
   memory (VmHWM, reset through /proc/<pid>/clear_refs before each request) of the gunicorn worker
   while it serves each (after one unmeasured answer of the same size; every row counted), plus the
   same answers in-process (Django test client) under tracemalloc: the Python heap's peak. Flat peaks across
   the three sizes are "memory that does not grow with the answer".

``--in-process`` times the 10 000-row answers through the Django test client instead of gunicorn.
Figures are whatever this machine measures; nothing is hard-coded.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

import pg_databases  # noqa: E402 - beside this script (bench/ is the script's own folder on sys.path)
import summary  # noqa: E402 - bench/summary.py: the headline figures for bench/run_all.py's table

SERVER = os.environ.get("BENCH_ANALYTICS_SERVER", "postgres://postgres@127.0.0.1:5432/postgres")
YEARS = (2000, 2024)
# (sex, breakdown) cells of each indicator, organisation and year: the total by sex and age group.
CELLS = [
    ("total", ""),
    ("total", "0-17"),
    ("total", "18-64"),
    ("total", "65-"),
    ("female", "0-17"),
    ("female", "18-64"),
    ("female", "65-"),
    ("male", "0-17"),
    ("male", "18-64"),
    ("male", "65-"),
]
BATCH = 100  # indicators per INSERT (1 000 000 rows at full size)
RAW_SQL = """
SELECT i.code, o.code, v.year, v.quarter, v.month, v.sex, v.breakdown, v.value, v.absolute_value,
       v.status, v.updated_at
FROM knowledge_mgmt_indicatorvalue v
JOIN knowledge_mgmt_indicator i ON i.id = v.indicator_id
JOIN portal_organisation o ON o.id = v.organisation_id
WHERE i.code IN %s AND i.public
ORDER BY i.code, o.code, v.year, v.quarter, v.month, v.sex, v.breakdown
"""


def database_url(name: str) -> str:
    return pg_databases.database_url(SERVER, name)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def ensure_database(name: str, reload: bool) -> bool:
    """Create ``name`` when missing (or with ``reload``); True when it was (re)created."""
    if not reload and pg_databases.database_exists(SERVER, name):
        return False
    pg_databases.create_database(SERVER, name)
    return True


def is_public(n: int) -> bool:
    return n % 50 != 7


def public_codes(start: int, count: int) -> list[str]:
    numbers = [n for n in range(start, start + 2 * count) if is_public(n)]
    return [indicator_code(n) for n in numbers[:count]]


def indicator_code(n: int) -> str:
    return f"bench-{n:04d}"


def load(indicators: int) -> None:
    """Reference organisations, ``indicators`` indicators and their values (resumable, see the module doc)."""
    from django.db import connection, transaction

    from knowledge_mgmt.models import Indicator, IndicatorValue
    from portal.models import Organisation
    from portal.reference_data import load_reference_data

    load_reference_data()
    orgs = list(Organisation.objects.municipalities().order_by("code").values_list("pk", flat=True))
    assert len(orgs) == 19, len(orgs)
    orgs.append(Organisation.objects.get(code="maakunta-11").pk)
    existing = set(Indicator.objects.filter(code__startswith="bench-").values_list("code", flat=True))
    Indicator.objects.bulk_create(
        [
            Indicator(
                code=indicator_code(n),
                title_fi=f"Vertailuindikaattori {n}",
                title_sv=f"Jämförelseindikator {n}",
                title_en=f"Benchmark indicator {n}",
                value_type="count" if n % 10 == 0 else "percent",
                decimals=0 if n % 10 == 0 else 1,
                first_year=YEARS[0],
                last_year=YEARS[1],
                public=is_public(n),
                source="benchmark (generated)",
            )
            for n in range(indicators)
            if indicator_code(n) not in existing
        ]
    )
    restricted = [indicator_code(n) for n in range(indicators) if not is_public(n)]
    Indicator.objects.filter(code__startswith="bench-").exclude(code__in=restricted).filter(public=False).update(
        public=True
    )
    Indicator.objects.filter(code__in=restricted, public=True).update(public=False)
    per_indicator = len(orgs) * (YEARS[1] - YEARS[0] + 1) * len(CELLS)
    ids = list(Indicator.objects.filter(code__startswith="bench-").order_by("code").values_list("pk", flat=True))
    batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indicator_id, count(*) FROM knowledge_mgmt_indicatorvalue WHERE indicator_id = ANY(%s)"
            " GROUP BY indicator_id",
            [[b[0] for b in batches] + [b[-1] for b in batches]],
        )
        present = dict(cursor.fetchall())
    todo = [b for b in batches if present.get(b[0]) != per_indicator or present.get(b[-1]) != per_indicator]
    if not todo:
        return
    table = IndicatorValue._meta.db_table
    cells = ", ".join(f"({n}, '{sex}', '{breakdown}')" for n, (sex, breakdown) in enumerate(CELLS))
    with connection.cursor() as cursor:
        # The secondary indexes (all but the primary key) are dropped for the load and rebuilt after
        # it; their definitions are kept in a table of this database, so that a resumed load rebuilds
        # them too. The unique constraint is one of them (its index).
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_analytics_index (name text PRIMARY KEY, kind text, definition text)"
        )
        cursor.execute(
            """INSERT INTO bench_analytics_index
               SELECT c.conname, 'constraint', pg_get_constraintdef(c.oid) FROM pg_constraint c
               WHERE c.conrelid = %s::regclass AND c.contype = 'u'
               ON CONFLICT DO NOTHING""",
            [table],
        )
        cursor.execute(
            """INSERT INTO bench_analytics_index
               SELECT indexname, 'index', indexdef FROM pg_indexes
               WHERE tablename = %s AND indexname NOT LIKE '%%_pkey'
                 AND indexname NOT IN (SELECT name FROM bench_analytics_index)
               ON CONFLICT DO NOTHING""",
            [table],
        )
        cursor.execute("SELECT name, kind FROM bench_analytics_index")
        for name, kind in cursor.fetchall():
            if kind == "constraint":
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT IF EXISTS "{name}"')
            else:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    started = time.perf_counter()
    for number, batch in enumerate(todo, 1):
        with transaction.atomic(), connection.cursor() as cursor:
            # FK triggers off for the generated rows (every id above exists); session-local.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(f"DELETE FROM {table} WHERE indicator_id = ANY(%s)", [batch])
            cursor.execute(
                f"""INSERT INTO {table} (indicator_id, organisation_id, year, quarter, month, sex, breakdown,
                        value, absolute_value, status, source_kind, job_id, source_file, entered_by_id,
                        updated_at)
                    SELECT i, o, y, 0, 0, c.sex, c.breakdown,
                        ((i * 7 + o * 13 + y * 3 + c.n * 11) %% 10000) / 10.0,
                        CASE WHEN (i + o + y + c.n) %% 97 = 0 THEN 3 ELSE (i * 31 + o * 17 + y + c.n * 7) %% 5000 + 5 END,
                        CASE WHEN y = 2024 THEN 'provisional' ELSE 'final' END, 'import', NULL, 'bench', NULL,
                        timestamptz '2025-06-01 08:00:00+00' + (i %% 7) * interval '1.25 second'
                    FROM unnest(%s::int[]) AS i, unnest(%s::int[]) AS o, generate_series(%s, %s) AS y,
                        (VALUES {cells}) AS c(n, sex, breakdown)""",
                [batch, orgs, YEARS[0], YEARS[1]],
            )
        elapsed = time.perf_counter() - started
        print(f"  loaded batch {number}/{len(todo)} ({number * len(batch) * per_indicator:,} rows, {elapsed:.0f} s)")


def rebuild_indexes() -> None:
    from django.db import connection

    from knowledge_mgmt.models import IndicatorValue

    table = IndicatorValue._meta.db_table
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_analytics_index')")
        if cursor.fetchone()[0] is None:
            return
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SELECT name, kind, definition FROM bench_analytics_index ORDER BY kind DESC, name")
        rebuilt = 0
        for name, kind, definition in cursor.fetchall():
            cursor.execute("SELECT 1 FROM pg_class WHERE relname = %s", [name])
            if cursor.fetchone():
                continue
            rebuilt += 1
            if kind == "constraint":
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            else:
                cursor.execute(definition)
        if not rebuilt:
            return
        cursor.execute("VACUUM (ANALYZE) " + table if connection.get_autocommit() else "ANALYZE " + table)
        # The other tables too (2 000 indicators were inserted), as autovacuum would: without their
        # statistics the planner guessed 55 public indicators of 1 960 and hashed all of them.
        cursor.execute("ANALYZE")
    print(f"  indexes rebuilt and tables analysed in {time.perf_counter() - started:.0f} s")


FORMATS = ("json", "csv", "csv-fi", "jsonstat")
STREAM_FORMATS = ("csv", "json")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """``gunicorn portal.wsgi:application`` with one sync worker on DEBUG-off settings (the Dockerfile's
    command, one worker so that its memory is the answer's)."""

    def __init__(self, name: str):
        self.port = free_port()
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "bench-analytics-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url(name),
            "CACHE_URL": os.environ.get("BENCH_ANALYTICS_CACHE", "redis://127.0.0.1:6379/12"),
            "USE_X_FORWARDED_PROTO": "1",
            "DJANGO_SETTINGS_MODULE": "portal.settings",
        }
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - the server's log, removed in stop()
            prefix="bench_analytics_gunicorn_", suffix=".log", delete=False
        )
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "300",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + 60
        while True:
            try:
                status, _body, _headers = self.get("/api/knowledge/indicators/?limit=1")
                if status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or self.process.poll() is not None:
                raise RuntimeError("gunicorn did not start: " + Path(self.log.name).read_text()[-2000:])
            time.sleep(0.3)
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        self.worker = int(children[0])

    def get(self, path: str, sink=None) -> tuple[int, int, dict]:
        """Status, body length and headers of GET ``path`` (the body read to its end in 64 KiB reads)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        try:
            connection.request("GET", path, headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "identity"})
            response = connection.getresponse()
            size = 0
            while chunk := response.read(65536):
                size += len(chunk)
                if sink is not None:
                    sink(chunk)
            return response.status, size, dict(response.getheaders())
        finally:
            connection.close()

    def rss_kib(self) -> int:
        return self._status("VmRSS")

    def reset_peak(self) -> None:
        Path(f"/proc/{self.worker}/clear_refs").write_text("5")

    def peak_kib(self) -> int:
        return self._status("VmHWM")

    def _status(self, key: str) -> int:
        for line in Path(f"/proc/{self.worker}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        raise KeyError(key)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        Path(self.log.name).unlink(missing_ok=True)


def data_path(codes, fmt: str, limit: int) -> str:
    return "/api/knowledge/data/?" + urlencode({"indicator": ",".join(codes), "format": fmt, "limit": limit})


def time_answers(args, codes, rows: int, server: Gunicorn | None) -> dict[str, list[float]]:
    """Raw SQL and every format, alternating, ``repeat`` timed runs each after two warm-ups."""
    import psycopg2

    raw = psycopg2.connect(os.environ["DATABASE_URL"])
    raw.autocommit = True
    client = None
    if server is None:
        from django.test import Client

        client = Client(HTTP_HOST="localhost")
    timings: dict[str, list[float]] = {"raw SQL": [], **{f"API {fmt}": [] for fmt in FORMATS}}
    sizes: dict[str, int] = {}
    with raw.cursor() as cursor:
        for attempt in range(args.repeat + 2):
            t0 = time.perf_counter()
            cursor.execute(RAW_SQL, [tuple(codes)])
            fetched = cursor.fetchall()
            elapsed = (time.perf_counter() - t0) * 1000
            assert len(fetched) == rows, len(fetched)
            if attempt >= 2:
                timings["raw SQL"].append(elapsed)
            for fmt in FORMATS:
                path = data_path(codes, fmt, rows)
                t0 = time.perf_counter()
                if server is not None:
                    status, size, _headers = server.get(path)
                else:
                    response = client.get(path)
                    status = response.status_code
                    size = len(b"".join(response.streaming_content) if response.streaming else response.content)
                elapsed = (time.perf_counter() - t0) * 1000
                assert status == 200, (fmt, status)
                sizes[fmt] = size
                if attempt >= 2:
                    timings[f"API {fmt}"].append(elapsed)
    raw.close()
    print("answer sizes: " + ", ".join(f"{fmt} {size / 1e6:.2f} MB" for fmt, size in sizes.items()))
    return timings


def check_answer(server: Gunicorn, codes, rows: int) -> None:
    """The JSON answer has the rows asked for, none of a restricted indicator, and a restricted
    indicator asked for anonymously is refused."""
    import json

    body = bytearray()
    status, _size, _headers = server.get(data_path(codes, "json", rows), body.extend)
    data = json.loads(body)
    assert status == 200 and data["count"] == rows and len(data["results"]) == rows, (status, data["count"])
    assert {r["indicator"] for r in data["results"]} == set(codes)
    status, _size, _headers = server.get(data_path([indicator_code(7)], "json", 10))
    assert status == 401, status


class RowCounter:
    """Counts a row marker in a body read in chunks (a marker may straddle two chunks)."""

    def __init__(self, marker: bytes):
        self.marker = marker
        self.count = 0
        self.tail = b""

    def __call__(self, chunk: bytes) -> None:
        data = self.tail + chunk
        self.count += data.count(self.marker)
        keep = len(self.marker) - 1
        self.tail = data[len(data) - keep :] if keep else b""


def stream_memory(server: Gunicorn, sizes: list[tuple[int, list[str]]]) -> list[dict]:
    """Peak RSS of the gunicorn worker while it serves each streamed answer (VmHWM reset before)."""
    results = []
    for rows, codes in sizes:
        for fmt in STREAM_FORMATS:
            server.get(data_path(codes, fmt, rows))  # warm: the first answer of a size allocates caches
            before = server.rss_kib()
            server.reset_peak()
            counter = RowCounter(b"\n" if fmt.startswith("csv") else b'{"indicator":')
            t0 = time.perf_counter()
            status, size, headers = server.get(data_path(codes, fmt, rows), counter)
            elapsed = time.perf_counter() - t0
            results.append(
                {
                    "status": status,
                    "rows": rows,
                    "format": fmt,
                    "seconds": elapsed,
                    "mb": size / 1e6,
                    "rss_before": before / 1024,
                    "peak": server.peak_kib() / 1024,
                    "streamed": "Content-Length" not in headers,
                    "lines": counter.count - (1 if fmt.startswith("csv") else 0),
                }
            )
    return results


def stream_tracemalloc(sizes: list[tuple[int, list[str]]]) -> list[tuple[int, str, float]]:
    """The same answers in-process (Django test client), the Python heap's peak under tracemalloc."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    out = []
    for rows, codes in sizes:
        for fmt in STREAM_FORMATS:
            path = data_path(codes, fmt, rows)
            response = client.get(path)
            if response.status_code != 200:
                out.append((rows, fmt, None))
                continue
            for _chunk in response.streaming_content if response.streaming else [response.content]:
                pass
            tracemalloc.start()
            response = client.get(path)
            total = 0
            for chunk in response.streaming_content if response.streaming else [response.content]:
                total += len(chunk)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            out.append((rows, fmt, peak / 2**20))
    return out


def measure(args) -> int:
    repeat_note = f"{args.repeat} timed runs each after 2 warm-ups"
    codes = [indicator_code(1), indicator_code(2)]
    per_indicator = 20 * (YEARS[1] - YEARS[0] + 1) * len(CELLS)
    rows = len(codes) * per_indicator
    if args.quick:
        stream_sizes = [(n * per_indicator, public_codes(0, n)) for n in (4, 8, 16)]
    else:
        stream_sizes = [(n * per_indicator, public_codes(100, n)) for n in (10, 20, 40)]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    server = None if args.in_process else Gunicorn(os.environ["DATABASE_URL"].rsplit("/", 1)[1])
    try:
        if server is not None:
            check_answer(server, codes, rows)
        timings = time_answers(args, codes, rows, server)
        where = "in-process (Django test client)" if server is None else "gunicorn, 1 sync worker, over HTTP"
        print(f"\n{rows:,}-row answer, anonymous, {where}; {repeat_note}; load average {os.getloadavg()[0]:.1f}")
        base = statistics.median(timings["raw SQL"])
        print(f"{'query':<16}{'best ms':>10}{'p50 ms':>10}{'p95 ms':>10}{'p50 ratio':>11}")
        for label, values in timings.items():
            p50 = statistics.median(values)
            print(f"{label:<16}{min(values):>10.1f}{p50:>10.1f}{percentile(values, 0.95):>10.1f}{p50 / base:>11.2f}")
            if label != "raw SQL":
                summary.record(
                    benchmark="analytics",
                    measure=f"{label}, {rows:,}-row answer ({where}), p50 of {args.repeat} vs raw SQL",
                    ours=p50,
                    reference=base,
                    unit="ms",
                    target_ratio=1.5,
                )
        if server is None:
            server = Gunicorn(os.environ["DATABASE_URL"].rsplit("/", 1)[1])
        memory = stream_memory(server, stream_sizes)
        print(f"\nstreamed answers, gunicorn worker's resident memory; load average {os.getloadavg()[0]:.1f}")
        print(f"{'rows':>9} {'format':<7}{'MB':>8}{'s':>7}{'RSS before MB':>15}{'peak RSS MB':>13}  streamed")
        for r in memory:
            if r["status"] != 200:
                print(f"{r['rows']:>9,} {r['format']:<7}  HTTP {r['status']}")
                continue
            assert r["lines"] == r["rows"], r
            print(
                f"{r['rows']:>9,} {r['format']:<7}{r['mb']:>8.1f}{r['seconds']:>7.2f}{r['rss_before']:>15.1f}"
                f"{r['peak']:>13.1f}  {'yes' if r['streamed'] else 'no'}"
            )
        for fmt in STREAM_FORMATS:
            mine = [r for r in memory if r["format"] == fmt]
            small, large = mine[0], mine[-1]
            summary.record(
                benchmark="analytics",
                measure=f"streamed {fmt}: gunicorn worker's peak RSS, {large['rows']:,} rows vs {small['rows']:,}",
                ours=large["peak"],
                reference=small["peak"],
                unit="MB",
                target="flat: <= 1.1x, streamed",
                met=all(r["status"] == 200 for r in mine)
                and large["streamed"]
                and large["peak"] <= 1.1 * small["peak"],
            )
    finally:
        if server is not None:
            server.stop()
    heap = stream_tracemalloc(stream_sizes)
    print("\nthe same answers in-process, Python heap peak (tracemalloc)")
    for rows_n, fmt, peak in heap:
        print(f"{rows_n:>9,} {fmt:<7}" + ("  refused" if peak is None else f"{peak:>8.1f} MiB"))
    return 0


def setup(name: str, reload: bool, indicators: int) -> None:
    created = ensure_database(name, reload)
    os.environ["DATABASE_URL"] = database_url(name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench_analytics_"))
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load(indicators)
    rebuild_indexes()
    from knowledge_mgmt.models import IndicatorValue

    total = IndicatorValue.objects.count()
    print(
        f"database {name}: {total:,} indicator values ({'created' if created else 'reused'}; "
        f"ready in {time.perf_counter() - started:.0f} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 000 values, 5 timed runs: a smoke run")
    parser.add_argument("--repeat", type=int, help="timed requests per format (default 20, --quick 5)")
    parser.add_argument("--reload", action="store_true", help="drop and reload the database")
    parser.add_argument("--load-only", action="store_true", help="load the values and stop")
    parser.add_argument("--in-process", action="store_true", help="time through the Django test client")
    args = parser.parse_args()
    if args.repeat is None:
        args.repeat = 5 if args.quick else 20
    name = "bench_analytics_quick" if args.quick else "bench_analytics"
    indicators = 20 if args.quick else 2000
    setup(name, args.reload, indicators)
    if args.load_only:
        return 0
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
