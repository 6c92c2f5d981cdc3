"""Benchmark: 19 ledger conversions queued at once, on 1 and on 2 Celery worker processes (issue 17 point 5).

    .venv/bin/python bench/bench_workers.py [--rows 500000] [--repeat 2] [--quick] [--keep]

It needs PostgreSQL and Redis, as in production, so that two worker processes write at once:

* the database ``bench_workers`` on the server of ``BENCH_WORKERS_SERVER`` (a database URL of the
  server, default ``postgres://postgres@127.0.0.1:5432/postgres``; `make bench` passes
  BENCH_DATABASE_URL), created (migrated) at the start and dropped at the end unless ``--keep``;
* the broker ``BENCH_WORKERS_BROKER`` (default ``redis://127.0.0.1:6379/11``) with a queue of its own
  (``bench-workers-<random>``), whose keys are deleted at the end.

The ledgers are integration's demo ledgers (``integration.demo.write_demo_ledgers``) at ``--rows``
rows: the Kuopio layout (semicolons, Windows-1252, decimal comma, trailing minus: the general
parser) and the Varkaus layout (plain UTF-8 CSV: the fast path), given in turn to the 19
municipalities, each with the demo mapping. They are written once and kept under
``/tmp/bench_workers_ledgers/<rows>/``.

Each round starts N workers (``celery -A portal worker --pool=solo --concurrency=1`` with the
suite's settings, as tests/test_worker.py does), waits until they are ready, uploads the 19 files
in one transaction (so the 19 tasks reach the broker together when it commits) and measures from
that moment to the last job's ``finished_at``. Rounds alternate 1, 2, 1, 2 ... so that load from
other work falls on both. After each round it checks the stored results: 19 jobs succeeded on
their first attempt, each task received once by exactly one worker (the workers' logs), one draft
per job whose input total equals the file's own total (summed here independently of the parser),
whose package rows add up to it and have no duplicate keys. After the last round the 19 drafts
are published and the package rows checked the same way (count, totals, no duplicate keys).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

import pg_databases  # noqa: E402 - beside this script (bench/ is the script's own folder on sys.path)
import summary  # noqa: E402 - bench/summary.py: the headline figures for bench/run_all.py's table

DB_NAME = "bench_workers"
SERVER = os.environ.get("BENCH_WORKERS_SERVER", "postgres://postgres@127.0.0.1:5432/postgres")
BROKER = os.environ.get("BENCH_WORKERS_BROKER", "redis://127.0.0.1:6379/11")
QUEUE = f"bench-workers-{uuid.uuid4().hex[:8]}"
YEAR = 2020  # integration.demo.DEMO_YEAR (the ledgers carry it)
RECEIVED = re.compile(r"Task (\S+)\[([0-9a-f-]{36})\] received")


def database_url(name: str = DB_NAME) -> str:
    """The URL of database ``name`` on the server of BENCH_WORKERS_SERVER (whatever database it names)."""
    return pg_databases.database_url(SERVER, name)


def create_database() -> None:
    pg_databases.create_database(SERVER, DB_NAME)


def drop_database() -> None:
    pg_databases.drop_database(SERVER, DB_NAME)


def broker_keys() -> set[bytes]:
    import redis

    return set(redis.Redis.from_url(BROKER).scan_iter("*"))


def purge_queue(before: set[bytes]) -> None:
    """Delete what this run left in the broker: its queue and the keys kombu created (none older)."""
    import redis

    client = redis.Redis.from_url(BROKER)
    for key in client.scan_iter("*"):
        if key not in before or QUEUE.encode() in key:
            client.delete(key)


os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "portal.test_settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
        # Uploads and outputs of this run in a directory of its own (removed at the end).
        "PORTAL_VAR_DIR": tempfile.mkdtemp(prefix="bench_workers_var_"),
    }
)


# --- the ledgers --------------------------------------------------------------------------------------


def ledgers(rows: int) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the two CSV layouts of the demo generator, written once per size."""
    from integration.demo import write_demo_ledgers

    directory = Path(tempfile.gettempdir()) / "bench_workers_ledgers" / str(rows)
    names = [f"demo_kuopio_297_{YEAR}.csv", f"demo_varkaus_915_{YEAR}.csv"]
    if not all((directory / name).exists() for name in names):
        t0 = time.perf_counter()
        write_demo_ledgers(directory, rows=rows)
        print(f"wrote the demo ledgers ({rows} rows each) in {time.perf_counter() - t0:.1f} s")
    return [(name, (directory / name).read_bytes()) for name in names]


def file_total_cents(name: str, data: bytes) -> tuple[int, int]:
    """(rows, total in cents) of a demo ledger, read here without the project's parser."""
    if "kuopio" in name:
        lines = data.decode("cp1252").splitlines()[1:]  # a title row, then the header
        reader = csv.DictReader(lines, delimiter=";")
        column = "Summa"
    else:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
        column = "euro"
    rows = total = 0
    for row in reader:
        text = row[column].replace(" ", "").replace("\xa0", "").replace(",", ".")
        negative = text.endswith("-")
        cents = int((Decimal(text.rstrip("-")) * 100).to_integral_value())
        total += -cents if negative else cents
        rows += 1
    return rows, total


# --- the workers ---------------------------------------------------------------------------------------


class Worker:
    """One ``celery worker`` subprocess; its log is collected by a thread."""

    def __init__(self, number: int):
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "-Q",
                QUEUE,
                "-n",
                f"bench{number}-{QUEUE}@%h",
                "--pool=solo",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=BASE_DIR,
            env={**os.environ, "DEBUG": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            # A session of its own, as a worker service has: with the kernel's autogroup scheduling
            # (sched_autogroup_enabled) all processes of one session share one session's CPU share,
            # so two workers started in the benchmark's session could never use more than one would.
            start_new_session=True,
        )
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)
            if " ready." in line:
                self.ready.set()

    def cpu_seconds(self) -> float:
        """User + system CPU time of the worker process so far (``/proc/<pid>/stat``)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def received(self) -> list[str]:
        return [m.group(2) for line in self.lines if (m := RECEIVED.search(line))]

    def stop(self) -> None:
        self.process.terminate()  # warm shutdown: finishes nothing new, acks what it finished
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.thread.join(timeout=10)


# --- one round -----------------------------------------------------------------------------------------


def queue_conversions(files, municipalities) -> list[int]:
    """Upload the 19 files in one transaction: the 19 tasks are sent when it commits."""
    from django.db import transaction

    from integration import services

    with transaction.atomic():
        jobs = []
        for index, organisation in enumerate(municipalities):
            name, data = files[index % len(files)]
            outcome = services.upload_ledger_bytes(
                data=data,
                filename=f"{organisation.code}_{name}",
                organisation=organisation,
                year=YEAR,
                actor=None,
            )
            jobs.append(outcome.job.pk)
    return jobs


def wait_for(job_ids: list[int], workers: list[Worker], timeout: float) -> None:
    from portal.models import Job

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = Job.objects.filter(pk__in=job_ids).exclude(status__in=["succeeded", "failed"]).count()
        if not pending:
            return
        if any(w.process.poll() is not None for w in workers):
            raise RuntimeError("a worker stopped:\n" + "".join(workers[0].lines[-40:]))
        time.sleep(0.1)
    raise RuntimeError(f"the jobs did not finish in {timeout:.0f} s")


def check_round(job_ids: list[int], expected: dict[str, tuple[int, int]], workers: list[Worker]) -> dict:
    """The stored results of one round: nothing lost, nothing done twice, totals equal to the files."""
    from integration.conversion import KEYS
    from integration.models import ConversionDraft
    from portal.models import Job

    jobs = list(Job.objects.filter(pk__in=job_ids).select_related("organisation"))
    problems = []
    if len(jobs) != 19:
        problems.append(f"{len(jobs)} jobs instead of 19")
    for job in jobs:
        if job.status != "succeeded" or job.attempts != 1:
            problems.append(f"job {job.pk}: {job.status}, {job.attempts} attempts {job.error[:200]}")
    received = [task_id for worker in workers for task_id in worker.received()]
    task_ids = {job.celery_task_id for job in jobs}
    if sorted(received) != sorted(task_ids) or len(received) != len(set(received)):
        problems.append(f"tasks received {len(received)} times ({len(set(received))} distinct) for {len(task_ids)}")
    drafts = list(ConversionDraft.objects.filter(job_id__in=job_ids).select_related("organisation"))
    if len(drafts) != 19 or len({d.job_id for d in drafts}) != 19 or len({d.organisation_id for d in drafts}) != 19:
        problems.append(f"{len(drafts)} drafts for the 19 jobs")
    for draft in drafts:
        rows, cents = expected[draft.organisation.code]
        keys = [tuple(r[k] for k in KEYS) + (r["is_unallocated"],) for r in draft.rows]
        if draft.rows_read != rows:
            problems.append(f"{draft.organisation.code}: {draft.rows_read} rows read, the file has {rows}")
        if int(draft.input_total * 100) != cents or sum(r["cents"] for r in draft.rows) != cents:
            problems.append(f"{draft.organisation.code}: input {draft.input_total} != file {Decimal(cents) / 100}")
        if len(keys) != len(set(keys)):
            problems.append(f"{draft.organisation.code}: duplicate package rows in the draft")
        if sum(r["source_rows"] for r in draft.rows) != rows:
            problems.append(f"{draft.organisation.code}: the package rows count other than {rows} source rows")
    per_worker = [len(worker.received()) for worker in workers]
    durations = [(job.finished_at - job.started_at).total_seconds() for job in jobs if job.finished_at]
    return {"problems": problems, "per_worker": per_worker, "durations": durations, "drafts": drafts}


def check_published(drafts, expected: dict[str, tuple[int, int]]) -> list[str]:
    from django.db.models import Count, Sum

    from integration.conversion import KEYS
    from integration.models import PackageRow
    from integration.publication import publish_draft

    for draft in drafts:
        publish_draft(draft, actor=None)
    problems = []
    rows = PackageRow.objects.filter(year=YEAR)
    duplicates = rows.values("organisation_id", *KEYS, "is_unallocated").annotate(n=Count("id")).filter(n__gt=1)
    if duplicates.exists():
        problems.append(f"{duplicates.count()} duplicate package row keys")
    totals = {
        r["organisation__code"]: (r["n"], r["total"], r["source"])
        for r in rows.values("organisation__code").annotate(
            n=Count("id"), total=Sum("amount"), source=Sum("source_rows")
        )
    }
    if len(totals) != 19:
        problems.append(f"package rows for {len(totals)} organisations instead of 19")
    for draft in drafts:
        code = draft.organisation.code
        n, total, source = totals.get(code, (0, Decimal(0), 0))
        if n != len(draft.rows) or int(total * 100) != expected[code][1] or source != expected[code][0]:
            problems.append(f"{code}: {n} package rows, total {total}, {source} source rows")
    return problems


def run_round(workers_n: int, files, municipalities, expected) -> dict:
    from django.utils import timezone

    from portal.models import Job

    workers = [Worker(n) for n in range(workers_n)]
    try:
        for worker in workers:
            started = time.monotonic()
            while not worker.ready.wait(0.2):
                if worker.process.poll() is not None or time.monotonic() - started > 120:
                    worker.thread.join(timeout=5)
                    raise RuntimeError("a worker did not start:\n" + "".join(worker.lines[-40:]))
        cpu_before = sum(w.cpu_seconds() for w in workers)
        job_ids = queue_conversions(files, municipalities)
        queued_at = timezone.now()
        wait_for(job_ids, workers, timeout=1800)
        cpu = sum(w.cpu_seconds() for w in workers) - cpu_before
    finally:
        for worker in workers:
            worker.stop()
    last = max(Job.objects.filter(pk__in=job_ids).values_list("finished_at", flat=True))
    result = check_round(job_ids, expected, workers)
    result["wall"] = (last - queued_at).total_seconds()
    result["workers"] = workers_n
    result["cpu"] = cpu
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=500_000, help="rows per ledger (default 500 000)")
    parser.add_argument("--repeat", type=int, default=2, help="rounds per worker count (default 2)")
    parser.add_argument("--quick", action="store_true", help="20 000 rows, one round each: a smoke run")
    parser.add_argument("--keep", action="store_true", help="keep the bench_workers database")
    args = parser.parse_args()
    rows = 20_000 if args.quick else args.rows
    repeat = 1 if args.quick else args.repeat

    create_database()
    keys_before = broker_keys()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from portal.celery import app as celery_app

    celery_app.conf.task_always_eager = False  # the suite's settings run tasks in-process; not here
    try:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        from integration.demo import ensure_demo_mapping
        from integration.loaders import load_code_lists
        from portal.models import Organisation
        from portal.reference_data import load_reference_data

        load_reference_data()
        load_code_lists()
        municipalities = list(Organisation.objects.municipalities().order_by("code"))
        assert len(municipalities) == 19, len(municipalities)
        for organisation in municipalities:
            ensure_demo_mapping(organisation, unallocated=True)
        files = ledgers(rows)
        totals = [file_total_cents(name, data) for name, data in files]
        expected = {org.code: totals[i % len(files)] for i, org in enumerate(municipalities)}
        print(f"database {DB_NAME} migrated and seeded in {time.perf_counter() - t0:.1f} s; queue {QUEUE}")
        print(
            f"19 ledgers of {rows} rows ({', '.join(f'{n}: {len(d) / 1e6:.1f} MB' for n, d in files)}); "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        results = []
        for round_number in range(repeat):
            for workers_n in (1, 2):
                result = run_round(workers_n, files, municipalities, expected)
                results.append(result)
                state = "ok" if not result["problems"] else "PROBLEMS: " + "; ".join(result["problems"][:5])
                print(
                    f"round {round_number + 1}, {workers_n} worker(s): 19 conversions in {result['wall']:.1f} s "
                    f"(jobs {statistics.median(result['durations']):.2f} s median, workers' CPU "
                    f"{result['cpu']:.1f} s, per worker "
                    f"{'/'.join(map(str, result['per_worker']))}; load average {os.getloadavg()[0]:.1f}); {state}"
                )
        problems = check_published(results[-1]["drafts"], expected)
        print("published the last round's 19 drafts: " + ("package rows ok" if not problems else "; ".join(problems)))
        best = {n: min(r["wall"] for r in results if r["workers"] == n) for n in (1, 2)}
        print(f"{'workers':<10}{'best s':>9}{'median s':>10}{'per conversion s':>18}")
        for n in (1, 2):
            walls = [r["wall"] for r in results if r["workers"] == n]
            print(f"{n:<10}{best[n]:>9.1f}{statistics.median(walls):>10.1f}{best[n] / 19:>18.2f}")
        print(
            f"2 workers take {best[2] / best[1]:.2f} of the time of 1 (best of {repeat}; speed-up {best[1] / best[2]:.2f}x)"
        )
        failed = problems or any(r["problems"] for r in results)
        summary.record(
            benchmark="workers",
            measure=f"19 conversions of {rows:,} rows queued at once: 2 workers vs 1 (best of {repeat})",
            ours=best[2],
            reference=best[1],
            unit="s",
            target="<= 0.6x (about half)",
            met=best[2] / best[1] <= 0.6,
        )
        lost = len(problems) + sum(len(r["problems"]) for r in results)
        summary.record(
            benchmark="workers",
            measure=f"work lost or done twice ({len(results)} rounds and the published drafts): problems found",
            ours=lost,
            target="0",
            met=not failed,
        )
    finally:
        connection.close()
        purge_queue(keys_before)
        if not args.keep:
            drop_database()
            shutil.rmtree(os.environ["PORTAL_VAR_DIR"], ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
