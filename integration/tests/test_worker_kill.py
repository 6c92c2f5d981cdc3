"""A real worker is SIGKILLed in the middle of a conversion: the job is delivered again and finishes
once, with no duplicated package rows and totals that still match.

Runs only with a real broker (CELERY_BROKER_URL) and PostgreSQL (the worker processes share the test
database, so the test commits: transaction=True). The Redis transport hands an unacknowledged
message out again once its visibility timeout has passed; a worker's own sweep for such messages
runs only every ~100 s, so the test runs that same sweep (kombu's ``restore_visible``) itself with a
1-second visibility timeout instead of waiting.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings
from django.db import connection
from kombu import Connection

from integration import services
from integration.models import ConversionDraft, ConversionResult, PackageRow
from integration.publication import publish_draft
from portal.celery import app as celery_app
from portal.jobs import is_interrupted
from portal.models import Job

BASE_DIR = Path(__file__).resolve().parents[2]
# The workers beat every second and a job is interrupted after this long without a beat. In
# production the broker's visibility timeout (30 min) is far longer than the stale time (60 s), so a
# redelivered message always finds the killed job's heartbeat stale; the test keeps that order.
STALE_SECONDS = 3

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs CELERY_BROKER_URL (a real broker)"),
]


def _db_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _worker(queue: str, var_dir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.test_settings",
        "DATABASE_URL": _db_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_VISIBILITY_TIMEOUT": "10",
        "PORTAL_JOB_HEARTBEAT_SECONDS": "1",
        "PORTAL_JOB_STALE_SECONDS": str(STALE_SECONDS),
        "PORTAL_VAR_DIR": str(var_dir),
    }
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", queue, "--pool=solo"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"]
    return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _ledger(rows: int) -> tuple[bytes, int]:
    rng = np.random.default_rng(7)
    centres = np.array(["1010", "1020", "2010", "2020", "2030", "2040"])[rng.integers(0, 6, rows)]
    accounts = rng.integers(4000, 4099, rows)
    cents = rng.integers(-50_000, 5_000_000, rows)
    amounts = [f"{c // 100},{c % 100:02d}" if c >= 0 else f"-{-c // 100},{-c % 100:02d}" for c in cents.tolist()]
    body = "\n".join(f"{a};{b};{c}" for a, b, c in zip(centres.tolist(), accounts.tolist(), amounts, strict=True))
    return ("kp;tili;summa\n" + body + "\n").encode(), int(cents.sum())


@pytest.mark.django_db(transaction=True)
def test_sigkill_mid_conversion_redelivers_and_finishes_once(kuopio, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the worker processes need a shared database server")
    settings.MEDIA_ROOT = tmp_path / "test-media"  # what test_settings gives the workers for PORTAL_VAR_DIR
    queue = f"test-int-{uuid.uuid4().hex[:8]}"
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    data, total_cents = _ledger(400_000)
    first = second = None
    try:
        outcome = services.upload_ledger_bytes(
            data=data, filename="big.csv", organisation=kuopio, year=2020, actor=None
        )
        job = outcome.job
        first = _worker(queue, tmp_path)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status == "running":
                break
            time.sleep(0.02)
        assert job.status == "running", job.status
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        job.refresh_from_db()
        assert job.status == "running" and job.attempts == 1  # killed before it could finish
        assert PackageRow.objects.count() == 0

        settings.PORTAL_JOB_STALE_SECONDS = STALE_SECONDS
        deadline = time.monotonic() + 30
        while not is_interrupted(job) and time.monotonic() < deadline:
            time.sleep(0.2)
            job.refresh_from_db()
        assert is_interrupted(job)  # shown as "interrupted, will be retried"
        with Connection(settings.CELERY_BROKER_URL, transport_options={"visibility_timeout": 1}) as conn:
            time.sleep(1.5)
            conn.default_channel.qos.restore_visible(num=1000, interval=1)
        second = _worker(queue, tmp_path)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status in ("succeeded", "failed"):
                break
            time.sleep(0.2)
    finally:
        celery_app.conf.task_default_queue = previous_queue
        output = ""
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.terminate()
            if worker is not None:
                output += worker.communicate(timeout=30)[0]
    assert job.status == "succeeded", (job.error, output[-3000:])
    assert job.attempts == 2
    # The redelivered run left one draft (the killed one wrote nothing), and nothing is published
    # before a person reviews it.
    draft = ConversionDraft.objects.get(job=job)
    assert ConversionDraft.objects.filter(organisation=kuopio, year=2020).count() == 1
    assert sum(r["source_rows"] for r in draft.rows) == 400_000
    assert PackageRow.objects.count() == 0
    publish_draft(draft, actor=None)
    assert job.output_ref["rows_read"] == 400_000
    expected = (Decimal(total_cents) / 100).quantize(Decimal("0.01"))
    assert Decimal(job.output_ref["input_total"]) == expected
    assert Decimal(job.output_ref["output_total"]) + Decimal(job.output_ref["unallocated_total"]) == expected
    rows = PackageRow.objects.filter(organisation=kuopio, year=2020)
    assert set(rows.values_list("job_id", flat=True)) == {job.pk}
    assert (
        rows.count()
        == rows.values("service_class_code", "client_group_code", "production_mode_code").distinct().count()
    )
    assert sum(r.amount for r in rows) == expected
    assert sum(r.source_rows for r in rows) == 400_000
    assert ConversionResult.objects.get(organisation=kuopio, year=2020).job_id == job.pk
    assert Job.objects.filter(kind=services.CONVERSION_JOB_KIND).count() == 1
