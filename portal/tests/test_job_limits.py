"""Bounded job messages (issue 11, point 5): 50 error lines and the total; the full list as CSV."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from portal.jobs import MAX_ERROR_LINES, BadInput, job_task, start_job
from portal.models import Job


def signed_in(user):
    client = client_for(user)
    client.force_login(user)
    return client


@job_task
def many_errors_job(job, reporter):
    lines = [f"staffing.csv row {n}: the same unit-day appears more than once" for n in range(2, 5002)]
    lines[3] = "=cmd|' /C calc'!A0"  # a line a spreadsheet would run
    lines[4] = "x" * 100_000  # one huge line
    raise BadInput("\n".join(lines))


@pytest.mark.django_db
def test_a_failed_job_keeps_50_lines_and_the_count_and_serves_the_full_csv_to_its_readers(
    steward_a, steward_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        job = start_job(many_errors_job, kind="test", actor=steward_a)
    job.refresh_from_db()
    assert job.status == "failed"
    lines = job.error.splitlines()
    assert len(lines) == MAX_ERROR_LINES + 1
    assert lines[0] == "staffing.csv row 2: the same unit-day appears more than once"
    assert lines[-1] == "50 of 5000 error lines are shown; download the full list (CSV) from the job's page."
    assert len(lines[4]) == 500 and lines[4].endswith("…")
    assert len(job.error) < 30_000
    assert job.messages[-1]["text"] == job.error
    assert job.output_ref["error_count"] == 5000

    for url in (reverse("portal:job-errors", args=[job.pk]), f"/api/portal/jobs/{job.pk}/errors/"):
        response = signed_in(steward_a).get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert rows[0] == ["number", "error"]
        assert len(rows) == 5001
        assert rows[4] == ["4", "'=cmd|' /C calc'!A0"]  # neutralised
        assert len(rows[5][1]) == 100_000  # the full line, not clipped
        # a personal job: nobody else reads its errors
        assert signed_in(steward_b).get(url).status_code == 404
    assert Job.objects.get(pk=job.pk).error == job.error  # nothing changed by the reads


@pytest.mark.django_db
def test_a_short_error_is_kept_whole_and_has_no_csv(staff_user, django_capture_on_commit_callbacks):
    @job_task
    def short_job(job, reporter):
        raise BadInput("one\ntwo")

    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(short_job, kind="test", actor=staff_user)
    job.refresh_from_db()
    assert job.error == "one\ntwo"
    assert "errors_file" not in job.output_ref
    assert signed_in(staff_user).get(reverse("portal:job-errors", args=[job.pk])).status_code == 404
