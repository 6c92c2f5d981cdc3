"""The jobs frame, with tasks executed in-process (the real-worker test is in tests/test_worker.py)."""

import pytest
from django.db import OperationalError
from django.urls import reverse
from openpyxl import load_workbook

from conftest import client_for
from portal.jobs import BadInput, job_task, rerun_job, start_job
from portal.models import Job
from portal.tasks import export_organisation_register

_calls = {"n": 0}


@job_task
def flaky_job(job, reporter):
    """Fails with a database outage on its first attempt, then succeeds."""
    _calls["n"] += 1
    if _calls["n"] == 1:
        raise OperationalError("server closed the connection unexpectedly")
    reporter.progress(50, "half way")


@job_task
def bad_input_job(job, reporter):
    raise BadInput("ledger.csv row 7, column 'summa': expected a number, got 'abc'")


@pytest.mark.django_db
def test_export_job_runs_to_success_with_progress_and_output(staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            export_organisation_register,
            kind="organisation_register_export",
            actor=staff_user,
            input_ref={"kinds": ["municipality"]},
        )
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts, job.output_ref["rows"]) == ("succeeded", 100, 1, 19)
    statuses = [m["status"] for m in job.messages]
    assert statuses[0] == "queued" and statuses[-1] == "succeeded" and "running" in statuses
    assert any(m["status"] == "running" and 0 < m["progress"] < 100 for m in job.messages)
    assert job.started_at <= job.finished_at
    workbook = load_workbook(job.output_file.path)
    rows = list(workbook["organisations"].iter_rows(values_only=True))
    assert len(rows) == 20 and rows[0][0] == "code"
    assert ("297", 2020, 120210) in list(workbook["populations"].iter_rows(values_only=True))


@pytest.mark.django_db
def test_bad_input_fails_the_job_with_the_message_and_no_retry(staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(bad_input_job, kind="test", actor=staff_user)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", 1)
    assert job.error == "ledger.csv row 7, column 'summa': expected a number, got 'abc'"


@pytest.mark.django_db
def test_transient_error_is_retried_then_succeeds(staff_user, django_capture_on_commit_callbacks):
    _calls["n"] = 0
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(flaky_job, kind="test", actor=staff_user)
    job.refresh_from_db()
    assert (job.status, job.attempts, _calls["n"]) == ("succeeded", 2, 2)
    assert any(m["level"] == "warning" and "server closed the connection" in m["text"] for m in job.messages)


@pytest.mark.django_db
def test_redelivery_of_a_succeeded_job_changes_nothing(staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(export_organisation_register, kind="organisation_register_export", actor=staff_user)
    job.refresh_from_db()
    before = Job.objects.filter(pk=job.pk).values().get()
    assert export_organisation_register.apply(args=[job.pk]).get() == "already-succeeded"
    assert Job.objects.filter(pk=job.pk).values().get() == before
    assert export_organisation_register.apply(args=[999999]).get() == "missing"


@pytest.mark.django_db
def test_failed_job_can_be_rerun_from_the_api(staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            export_organisation_register,
            kind="organisation_register_export",
            actor=staff_user,
            input_ref={"kinds": ["service_producer"]},
        )  # no producers loaded: bad input
    job.refresh_from_db()
    # The job speaks the language it was started in (Finnish here, the default).
    assert (
        job.status == "failed" and job.error == "Valittuja tyyppejä vastaavia organisaatioita ei ole: service_producer."
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff_user).post(f"/api/portal/jobs/{job.pk}/rerun/")
    assert response.status_code == 202
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", 2)  # same input, same clear failure, recorded twice
    with pytest.raises(ValueError):
        rerun_job(Job.objects.create(kind="x", task_name="x", status="succeeded"), actor=staff_user)


@pytest.mark.django_db
def test_job_page_shows_progress_bar_and_download(client, staff_user, django_capture_on_commit_callbacks):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:organisation-export"), {"kinds": ["municipality"]})
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert '<progress id="job-progress" max="100" value="100">' in html
    job = page.context["job"]
    download = client.get(reverse("portal:job-download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_api_starts_an_export_and_answers_202_with_the_job(
    staff_user, decision_maker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff_user).post(
            "/api/portal/jobs/organisation-export/", {"kinds": ["region"]}, format="json"
        )
    assert response.status_code == 202
    job_id = response.json()["id"]
    assert response["Location"].endswith(f"/api/portal/jobs/{job_id}/")
    detail = client_for(staff_user).get(f"/api/portal/jobs/{job_id}/").json()
    assert detail["status"] == "succeeded" and detail["output_ref"]["rows"] == 1
    assert detail["download_url"] == f"/api/portal/jobs/{job_id}/download/"
    assert client_for(decision_maker).get(f"/api/portal/jobs/{job_id}/").status_code == 404


@pytest.mark.django_db
def test_export_job_query_count_does_not_grow_with_organisations(staff_user, django_assert_max_num_queries):
    job = Job.objects.create(kind="organisation_register_export", task_name=export_organisation_register.name)
    # reads: job, organisations, memberships, populations; writes: status/progress updates
    with django_assert_max_num_queries(20):
        export_organisation_register.apply(args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.output_ref["rows"]) == ("succeeded", 33)


@pytest.mark.django_db
def test_others_cannot_download_or_rerun_a_personal_job(client, steward_a, steward_b, decision_maker):
    job = Job.objects.create(
        kind="x", task_name=export_organisation_register.name, status="failed", started_by=steward_a, error="boom"
    )
    for other in (steward_b, decision_maker):
        client.force_login(other)
        assert client.get(reverse("portal:job-detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("portal:job-download", args=[job.pk])).status_code == 404
        assert client.post(reverse("portal:job-rerun", args=[job.pk])).status_code == 404
        job.refresh_from_db()
        assert (job.status, job.attempts, job.error) == ("failed", 0, "boom")
