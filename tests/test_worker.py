"""A real Celery worker against the real broker: queued -> running (with progress) -> succeeded.

Runs when CELERY_BROKER_URL is set and the database is PostgreSQL (CI); the worker process and
this test share the test database, so the test commits its data (transaction=True).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from conftest import client_for
from portal.celery import app as celery_app
from portal.jobs import start_job
from portal.tasks import export_organisation_register

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs CELERY_BROKER_URL (a real broker)"),
]


def database_url_of_test_db() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker_queue():
    queue = f"test-{uuid.uuid4().hex[:8]}"
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    yield queue
    celery_app.conf.task_default_queue = previous


def start_worker(queue: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.test_settings",
        "DATABASE_URL": database_url_of_test_db(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "-Q",
            queue,
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_job_goes_queued_running_succeeded_on_a_real_worker(staff_user, worker_queue):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a shared database server")
    api = client_for(staff_user)
    job = start_job(
        export_organisation_register,
        kind="organisation_register_export",
        actor=staff_user,
        input_ref={"kinds": ["municipality"]},
    )
    # No worker yet: the job waits in the queue.
    assert api.get(f"/api/portal/jobs/{job.pk}/").json()["status"] == "queued"

    worker = start_worker(worker_queue)
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            data = api.get(f"/api/portal/jobs/{job.pk}/").json()
            if not seen or seen[-1] != data["status"]:
                seen.append(data["status"])
            if data["status"] in ("succeeded", "failed"):
                break
            time.sleep(0.2)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)

    assert data["status"] == "succeeded", (data, output[-3000:])
    assert seen[0] == "queued" and seen[-1] == "succeeded"
    history = [(m["status"], m["progress"]) for m in data["messages"]]
    assert history[0] == ("queued", 0)
    assert any(status == "running" and 0 < progress < 100 for status, progress in history), history
    assert history[-1] == ("succeeded", 100)
    assert (data["progress"], data["attempts"], data["output_ref"]["rows"]) == (100, 1, 19)
    assert "portal.tasks.export_organisation_register[" in output
