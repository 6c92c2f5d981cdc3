"""Jobs never hang silently (issue 11, point 3), with a real worker and a broker this test owns.

The test starts its own Redis on a free port (never the shared one), so it can stop it:
1. broker down when the job is created: the API answers 503 JSON, the job is kept (queued, no task
   id), the UI says "queued, the task service is unavailable, it will start automatically";
2. broker back: the sweeper (what Celery beat runs) sends it and a worker runs it to success;
3. worker killed mid-job: its heartbeat stops, the job is "interrupted, will be retried", the
   starter re-runs it and a new worker finishes it.
Needs PostgreSQL (the worker shares the test database) and the redis-server binary.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from portal.celery import app as celery_app
from portal.jobs import job_task
from portal.models import Job
from portal.testing.broker import broker, drop_connections
from tests.test_worker import database_url_of_test_db

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs the redis-server binary"),
]


@job_task
def slow_job(job, reporter):
    """Fifteen seconds of work with progress (long enough to kill its worker in the middle)."""
    for step in range(30):
        reporter.progress(step * 3, "")
        time.sleep(0.5)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_broker(settings):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a shared database server")
    redis = OwnRedis()
    redis.start()
    queue = f"outage-{uuid.uuid4().hex[:8]}"
    previous_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    settings.PORTAL_JOB_DISPATCH_AFTER_SECONDS = 0
    settings.PORTAL_JOB_STALE_SECONDS = 4
    try:
        with broker(redis.url, eager=celery_app.conf.task_always_eager):
            yield redis, queue
    finally:
        redis.stop()
        celery_app.conf.task_default_queue = previous_queue


def start_worker(broker_url: str, queue: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.test_settings",
        "DATABASE_URL": database_url_of_test_db(),
        "CELERY_BROKER_URL": broker_url,
        "PORTAL_JOB_HEARTBEAT_SECONDS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", queue, "-I", "tests.test_job_outage"]
        + ["--pool=solo", "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        + ["--loglevel=INFO"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def stop(worker: subprocess.Popen) -> str:
    if worker.poll() is None:
        worker.terminate()
    output, _ = worker.communicate(timeout=30)
    return output


@pytest.mark.django_db(transaction=True)
def test_broker_outage_then_worker_kill_each_state_is_shown_and_the_job_finishes(
    reference_data, staff_user, own_broker
):
    from portal.jobs import dispatch_pending

    redis, queue = own_broker
    api = client_for(staff_user)
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    ui = client_for(staff_user)
    ui.force_login(staff_user)

    # 1. broker down: the API answers 503 JSON and the job is kept in the outbox
    redis.stop()
    response = api.post("/api/portal/jobs/organisation-export/", {"kinds": ["municipality"]}, format="json")
    assert response.status_code == 503, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["detail"] == "Queued, the task service is unavailable, it will start automatically."
    job = Job.objects.get(pk=body["job"]["id"])
    assert (job.status, job.celery_task_id) == ("queued", "")
    detail = api.get(f"/api/portal/jobs/{job.pk}/").json()
    assert (detail["state"], detail["can_rerun"]) == ("waiting_for_task_service", True)
    with translation.override("en"):
        page = ui.get(reverse("portal:job-detail", args=[job.pk]).replace("/fi/", "/en/")).content.decode()
    assert "Queued, the task service is unavailable, it will start automatically." in page

    # 2. broker back: the sweeper sends it, a worker runs it
    redis.start()
    drop_connections()
    worker = start_worker(redis.url, queue)
    try:
        assert dispatch_pending() == 1
        wait_for(lambda: Job.objects.get(pk=job.pk).status == "succeeded", 90, "the kept job to succeed")
    finally:
        output = stop(worker)
    job.refresh_from_db()
    assert job.celery_task_id and job.attempts == 1, output[-2000:]

    # 3. a worker killed mid-job: heartbeat stops -> interrupted -> the starter re-runs it
    from portal.jobs import start_job

    slow = start_job(slow_job, kind="test_slow", actor=staff_user)
    worker = start_worker(redis.url, queue)
    try:
        wait_for(
            lambda: Job.objects.filter(
                pk=slow.pk, status="running", heartbeat_at__isnull=False, progress__gte=6
            ).exists(),
            90,
            "the slow job to run with a heartbeat",
        )
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        stop(worker)
    running = api.get(f"/api/portal/jobs/{slow.pk}/").json()
    assert running["status"] == "running"
    detail = wait_for(
        lambda: (d := api.get(f"/api/portal/jobs/{slow.pk}/").json())["state"] == "interrupted" and d, 15, "interrupted"
    )
    assert (detail["state_label"], detail["can_rerun"]) == ("Interrupted, will be retried.", True)
    with translation.override("en"):
        page = ui.get(reverse("portal:job-detail", args=[slow.pk]).replace("/fi/", "/en/")).content.decode()
    assert "Interrupted, will be retried." in page
    rerun = api.post(f"/api/portal/jobs/{slow.pk}/rerun/")
    assert rerun.status_code == 202, rerun.content
    worker = start_worker(redis.url, queue)
    try:
        wait_for(lambda: Job.objects.get(pk=slow.pk).status == "succeeded", 120, "the re-run job to succeed")
    finally:
        output = stop(worker)
    slow.refresh_from_db()
    assert slow.attempts >= 2, output[-2000:]
    assert slow.progress == 100
