"""The outbox and interrupted jobs without a worker (the real worker and broker: tests/test_job_outage.py)."""

import datetime as dt
import socket

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from portal.jobs import can_rerun, dispatch_pending, job_state
from portal.models import Job
from portal.testing.broker import broker


@pytest.fixture
def unreachable_broker(settings):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.PORTAL_JOB_DISPATCH_AFTER_SECONDS = 0
    with broker(f"redis://127.0.0.1:{port}/0"):
        yield


@pytest.mark.django_db(transaction=True)
def test_a_job_created_while_the_broker_is_down_is_kept_and_said_so(reference_data, staff_user, unreachable_broker):
    api = client_for(staff_user)
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = api.post("/api/portal/jobs/organisation-export/", {"kinds": ["municipality"]}, format="json")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["detail"] == "Queued, the task service is unavailable, it will start automatically."
    assert body["code"] == "task_service_unavailable"
    job = Job.objects.get(pk=body["job"]["id"])
    assert (job.status, job.celery_task_id) == ("queued", "")
    assert job_state(job)[0] == "waiting_for_task_service" and can_rerun(job)
    detail = api.get(f"/api/portal/jobs/{job.pk}/").json()
    assert (detail["state"], detail["can_rerun"]) == ("waiting_for_task_service", True)
    # the UI: the job page with the notice
    ui = client_for(staff_user)
    ui.force_login(staff_user)
    response = ui.post("/en/organisations/export/", {"kinds": ["municipality"]}, follow=True)
    assert response.status_code == 200
    assert "Queued, the task service is unavailable, it will start automatically." in response.content.decode()
    # the sweeper keeps it while the broker is still down, and says it once
    assert dispatch_pending() == 0
    job.refresh_from_db()
    assert [m.get("code") for m in job.messages].count("unavailable") == 1


@pytest.mark.django_db
def test_a_running_job_without_heartbeat_is_interrupted_and_may_be_rerun(staff_user, settings):
    settings.PORTAL_JOB_STALE_SECONDS = 60
    now = timezone.now()
    job = Job.objects.create(
        kind="test", task_name="x", status="running", started_by=staff_user, started_at=now, heartbeat_at=now
    )
    assert job_state(job)[0] == "running" and not can_rerun(job)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=now - dt.timedelta(seconds=61))
    job.refresh_from_db()
    assert job_state(job) == ("interrupted", "Keskeytynyt, yritetään uudelleen.")
    assert can_rerun(job)
    ui = client_for(staff_user)
    ui.force_login(staff_user)
    page = ui.get(reverse("portal:job-detail", args=[job.pk])).content.decode()
    assert "Keskeytynyt, yritetään uudelleen." in page
