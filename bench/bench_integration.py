"""Benchmark of the SOTE ledger conversion against DuckDB on the same file, at 100 000 and 1 000 000 rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench DEBUG=1 \
        .venv/bin/python bench/bench_integration.py [--sizes 100000,1000000] [--keep]

For each size it writes a deterministic ledger (CSV, ``;``, decimal comma, UTF-8; 60 cost centres,
400 accounts, one unmapped cost centre so the unallocated line is exercised) and, each in its own
child process so that peak memory is that run's own:

- ours, whole job: the real conversion job (upload stored, parse, validate, map, aggregate, store
  in PostgreSQL in one transaction, totals checked), run in-process (eager Celery);
- ours, transform only: parse + validate + map + aggregate (``parse_ledger`` + ``convert``), best of
  BENCH_REPEAT (default 3) runs in the same process;
- DuckDB: ``read_csv`` + join to the same mapping tables (exact and range account rules) +
  ``GROUP BY`` with the same keys, fetched into Python, best of BENCH_REPEAT runs.

It prints seconds, peak RSS (MB, ``ru_maxrss`` of the child), the ratio ours/DuckDB for the
transform, and how time grows from the smallest to the largest size. It checks that both engines
produce the same totals per key. Figures are whatever this machine measures; nothing is hard-coded.
A scratch database (test_<name>, migrated) is created and dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.test_settings")

CENTRES = 60
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))  # transform and DuckDB: best of REPEAT runs
ACCOUNTS = 400


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_ledger(path: Path, rows: int, seed: int = 2020) -> None:
    """Deterministic ledger: cost centres C000..C059 (+ one unmapped), accounts 3000..4999."""
    rng = random.Random(seed)
    centres = [f"C{i:03d}" for i in range(CENTRES)] + ["UNMAPPED"]
    accounts = [str(3000 + 5 * i) for i in range(ACCOUNTS)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Kustannuspaikka;Tili;Selite;Summa\n")
        chunk = []
        for i in range(rows):
            cents = rng.randint(-100_000, 5_000_000)
            sign = "-" if cents < 0 else ""
            cents = abs(cents)
            chunk.append(f"{rng.choice(centres)};{rng.choice(accounts)};r{i};{sign}{cents // 100},{cents % 100:02d}\n")
            if len(chunk) >= 50_000:
                handle.write("".join(chunk))
                chunk = []
        handle.write("".join(chunk))


def _setup_django():
    import django

    django.setup()


def ensure_mapping(organisation_code: str = "297"):
    """Mapping for the bench ledger: 60 cost centres, account ranges to the JHS 192 cost types."""
    from integration.loaders import load_code_lists
    from integration.models import AccountMapping, CostCentreMapping, MappingVersion, OrganisationSettings
    from portal.models import Organisation
    from portal.reference_data import load_reference_data

    load_reference_data()
    load_code_lists()
    org = Organisation.objects.get(code=organisation_code)
    OrganisationSettings.objects.update_or_create(organisation=org, defaults={"unmapped_policy": "unallocated"})
    if MappingVersion.objects.filter(organisation=org).exists():
        return
    version = MappingVersion.objects.create(organisation=org, number=1, note="benchmark")
    classes = [("2180", "lapset-perheet"), ("2201", "ikaantyneet"), ("2232", "ikaantyneet"), ("2230", "ikaantyneet")]
    modes = ["oma", "osto", "seteli"]
    CostCentreMapping.objects.bulk_create(
        CostCentreMapping(
            version=version,
            cost_centre=f"C{i:03d}",
            service_class_code=classes[i % 4][0],
            client_group_code=classes[i % 4][1],
            production_mode_code=modes[i % 3],
        )
        for i in range(CENTRES)
    )
    ranges = [
        ("3000", "3499", "myyntituotot"),
        ("3500", "3999", "maksutuotot"),
        ("4000", "4199", "palkat-ja-palkkiot"),
        ("4200", "4399", "henkilosivukulut"),
        ("4400", "4699", "palvelujen-ostot"),
        ("4700", "4999", "muut-toimintakulut"),
    ]
    AccountMapping.objects.bulk_create(
        AccountMapping(version=version, account_from=a, account_to=b, cost_type_code=c) for a, b, c in ranges
    )


# --- children ---------------------------------------------------------------------------------------


def child_ours_job(path: str) -> dict:
    _setup_django()
    from django.test import TestCase

    from integration import services
    from portal.models import Organisation

    org = Organisation.objects.get(code="297")
    data = Path(path).read_bytes()
    start = time.perf_counter()
    with TestCase.captureOnCommitCallbacks(execute=True):  # eager Celery: run the job on commit
        outcome = services.upload_ledger_bytes(
            data=data, filename=Path(path).name, organisation=org, year=2020, actor=None
        )
    elapsed = time.perf_counter() - start
    outcome.job.refresh_from_db()
    return {
        "seconds": elapsed,
        "peak_mb": _peak_mb(),
        "status": outcome.job.status,
        "error": outcome.job.error[:500],
        "output": outcome.job.output_ref,
    }


def _tables():
    from integration.conversion import MappingTables
    from integration.models import MappingVersion, PackageDefinition
    from portal.models import Organisation

    version = (
        MappingVersion.objects.filter(organisation=Organisation.objects.get(code="297")).order_by("-number").first()
    )
    return MappingTables.load(version, PackageDefinition.active())


def child_ours_transform(path: str) -> dict:
    _setup_django()
    from integration.conversion import KEYS, convert
    from integration.parsing import parse_ledger

    tables = _tables()
    timings = []
    for _round in range(REPEAT):
        start = time.perf_counter()
        parsed = parse_ledger(Path(path).read_bytes(), filename=Path(path).name, year=2020)
        converted = convert(parsed.frame, tables)
        timings.append(time.perf_counter() - start)
    elapsed = min(timings)
    totals = {"|".join(str(r[k]) for k in KEYS): int(r["cents"]) for r in converted.rows.to_dict("records")}
    return {"seconds": elapsed, "peak_mb": _peak_mb(), "rows": parsed.rows_read, "totals": totals}


def child_duckdb(path: str) -> dict:
    _setup_django()
    import duckdb

    from integration.conversion import KEYS

    tables = _tables()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE cc(cost_centre VARCHAR, service_class_code VARCHAR, client_group_code VARCHAR, production_mode_code VARCHAR)"
    )
    con.executemany("INSERT INTO cc VALUES (?, ?, ?, ?)", [(k, *v) for k, v in tables.cost_centres.items()])
    con.execute("CREATE TABLE acc_exact(account VARCHAR, cost_type_code VARCHAR)")
    if tables.exact_accounts:
        con.executemany("INSERT INTO acc_exact VALUES (?, ?)", list(tables.exact_accounts.items()))
    con.execute("CREATE TABLE acc_range(low BIGINT, high BIGINT, cost_type_code VARCHAR)")
    con.executemany("INSERT INTO acc_range VALUES (?, ?, ?)", tables.ranges)
    con.execute("CREATE TABLE pkg(service_class_code VARCHAR, client_group_code VARCHAR, package_code VARCHAR)")
    con.executemany("INSERT INTO pkg VALUES (?, ?, ?)", [(s, g, p) for (s, g), p in tables.packages.items()])
    sql = """
    WITH ledger AS (
        SELECT "Kustannuspaikka" AS cost_centre, "Tili" AS account, CAST("Summa" AS DECIMAL(18, 2)) AS amount
        FROM read_csv(?, delim=';', header=true, decimal_separator=',',
                      columns={'Kustannuspaikka': 'VARCHAR', 'Tili': 'VARCHAR', 'Selite': 'VARCHAR', 'Summa': 'DECIMAL(18,2)'})
    ), mapped AS (
        SELECT l.amount,
               coalesce(cc.service_class_code, '') AS service_class_code,
               coalesce(cc.client_group_code, '') AS client_group_code,
               coalesce(cc.production_mode_code, '') AS production_mode_code,
               coalesce(e.cost_type_code, r.cost_type_code, '') AS cost_type_code,
               coalesce(p.package_code, p2.package_code, '') AS package_code,
               cc.cost_centre IS NULL AS cc_missing
        FROM ledger l
        LEFT JOIN cc ON cc.cost_centre = l.cost_centre
        LEFT JOIN acc_exact e ON e.account = l.account
        LEFT JOIN acc_range r ON TRY_CAST(l.account AS BIGINT) BETWEEN r.low AND r.high
        LEFT JOIN pkg p ON p.service_class_code = cc.service_class_code AND p.client_group_code = cc.client_group_code
        LEFT JOIN pkg p2 ON p2.service_class_code = cc.service_class_code AND p2.client_group_code = ''
    )
    SELECT CASE WHEN cc_missing OR cost_type_code = '' OR package_code = '' THEN '' ELSE package_code END AS package_code,
           service_class_code, client_group_code, cost_type_code, production_mode_code,
           CAST(round(sum(amount) * 100) AS BIGINT) AS cents, count(*) AS n
    FROM mapped GROUP BY ALL
    """
    timings = []
    for _round in range(REPEAT):
        start = time.perf_counter()
        rows = con.execute(sql, [path]).fetchall()
        timings.append(time.perf_counter() - start)
    elapsed = min(timings)
    totals: dict[str, int] = {}
    for row in rows:
        key = "|".join(str(v) for v in row[: len(KEYS)])
        totals[key] = totals.get(key, 0) + int(row[len(KEYS)])
    return {"seconds": elapsed, "peak_mb": _peak_mb(), "rows": sum(r[-1] for r in rows), "totals": totals}


CHILDREN = {"ours-job": child_ours_job, "ours-transform": child_ours_transform, "duckdb": child_duckdb}


def run_child(kind: str, path: Path, database_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "portal.test_settings"}
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path = args.child
        print(json.dumps(CHILDREN[kind](path), default=str))
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (the store step is measured in PostgreSQL).")
    _setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep)
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    database_url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{test_name}"
    try:
        ensure_mapping()
        connection.close()
        sizes = [int(x) for x in args.sizes.split(",")]
        results = {}
        with tempfile.TemporaryDirectory() as tmp:
            for size in sizes:
                path = Path(tmp) / f"ledger_{size}.csv"
                write_ledger(path, size)
                mb = path.stat().st_size / 1024 / 1024
                job = run_child("ours-job", path, database_url)
                transform = run_child("ours-transform", path, database_url)
                duck = run_child("duckdb", path, database_url)
                same = transform["totals"] == duck["totals"]
                results[size] = (job, transform, duck)
                print(f"\n{size:,} rows ({mb:.1f} MB CSV)")
                print(
                    f"  ours, whole job (parse+validate+map+aggregate+store in PostgreSQL): {job['seconds']:.2f} s, "
                    f"peak RSS {job['peak_mb']:.0f} MB, status {job['status']} {job['error']}"
                )
                out = job["output"]
                print(
                    f"    input {out.get('input_total')} = output {out.get('output_total')} + "
                    f"unallocated {out.get('unallocated_total')}; package rows {out.get('package_rows')}"
                )
                print(
                    f"  ours, transform (parse+validate+map+aggregate): {transform['seconds']:.2f} s, peak RSS {transform['peak_mb']:.0f} MB"
                )
                print(
                    f"  DuckDB (read_csv+map joins+GROUP BY):            {duck['seconds']:.2f} s, peak RSS {duck['peak_mb']:.0f} MB"
                )
                print(
                    f"  ratio ours/DuckDB (transform): {transform['seconds'] / duck['seconds']:.2f}x; same totals per key: {same}"
                )
        if len(sizes) > 1:
            small, large = sizes[0], sizes[-1]
            factor = large / small
            for label, index in (("whole job", 0), ("transform", 1), ("DuckDB", 2)):
                grow = results[large][index]["seconds"] / results[small][index]["seconds"]
                print(
                    f"\n{label}: {large:,} rows took {grow:.1f}x the time of {small:,} rows (rows x{factor:.0f})",
                    end="",
                )
            print()
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()
