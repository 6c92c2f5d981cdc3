"""The municipality reports of all municipalities as one job (issue 17 point 3): a ZIP of the 19
PDFs with progress per municipality, for programme staff only, idempotent on redelivery."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import translation

from knowledge_mgmt import services
from knowledge_mgmt.demo import load_demo
from knowledge_mgmt.tasks import municipality_report_batch
from knowledge_mgmt.tests.conftest import MUNICIPALITY_CODES
from portal import job_kinds
from portal.choices import JobStatus
from portal.jobs import rerun_job
from portal.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_data):
    load_demo()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _zip(job: Job) -> zipfile.ZipFile:
    with job.output_file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_list_page_offers_the_batch_to_programme_staff_only(demo, staff_user, decision_maker, client):
    url = reverse("knowledge_mgmt:municipality-list")
    action = reverse("knowledge_mgmt:municipality-report-batch")
    page = _client(staff_user).get(url).content.decode()
    assert f'action="{action}"' in page
    assert "Reports of all municipalities" in page and "all 19 municipalities" in page
    assert '<option value="2023">2023</option>' in page  # a year of the demo data, no thousands separator
    for other in (_client(decision_maker), client):
        assert action not in other.get(url).content.decode()


def test_staff_start_the_batch_and_get_the_19_pdfs_in_one_zip(demo, staff_user, django_capture_on_commit_callbacks):
    client = _client(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("knowledge_mgmt:municipality-report-batch"), {"language": "sv", "year": "2023"})
    job = Job.objects.get(kind=services.MUNICIPALITY_REPORT_BATCH)
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.started_by == staff_user
    assert job.output_ref["filename"] == "municipality-reports-2023-sv.zip"
    assert job.output_ref["reports"] == 19 and sorted(job.output_ref["organisations"]) == sorted(MUNICIPALITY_CODES)
    archive = _zip(job)
    names = archive.namelist()
    assert len(names) == 19 and len(set(names)) == 19
    assert "297-kuopio-sv.pdf" in names
    assert {name.split("-")[0] for name in names} == set(MUNICIPALITY_CODES)
    for name in names:
        assert archive.read(name)[:5] == b"%PDF-", name
    # Progress: one message per municipality, "n / 19: name", and the bar moving up to 100.
    with translation.override("en"):
        shown = job.display_messages
    steps = [entry["text"] for entry in shown if " / 19: " in entry["text"]]
    assert len(steps) == 19 and steps[0].startswith("1 / 19: ") and steps[-1].startswith("19 / 19: ")
    assert any(t.endswith(": Kuopio") for t in steps)
    progress = [entry["progress"] for entry in shown if " / 19: " in entry["text"]]
    assert progress == sorted(progress) and job.progress == 100
    # The ZIP comes through the job's download, with the kind's label on the job page.
    download = client.get(reverse("portal:job-download", args=[job.pk]))
    assert download.status_code == 200
    assert 'filename="municipality-reports-2023-sv.zip"' in download["Content-Disposition"]
    assert zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist() == names
    detail = client.get(reverse("portal:job-detail", args=[job.pk])).content.decode()
    assert str(job_kinds.label(services.MUNICIPALITY_REPORT_BATCH)) in detail
    assert services.MUNICIPALITY_REPORT_BATCH not in detail
    # The list page links the finished ZIP.
    page = client.get(reverse("knowledge_mgmt:municipality-list")).content.decode()
    assert reverse("portal:job-download", args=[job.pk]) in page
    # A redelivered task of the finished job does nothing: same file, same messages.
    before = (job.output_file.name, len(job.messages))
    assert municipality_report_batch.apply(args=[job.pk]).get() == "already-succeeded"
    job.refresh_from_db()
    assert (job.output_file.name, len(job.messages)) == before


def test_a_rerun_after_a_crash_replaces_the_earlier_zip(demo, staff_user, django_capture_on_commit_callbacks):
    job = Job.objects.create(
        kind=services.MUNICIPALITY_REPORT_BATCH,
        task_name=municipality_report_batch.name,
        status=JobStatus.FAILED,
        error="Unexpected error",
        started_by=staff_user,
        input_ref={"language": "en", "report_language": "fi", "year": None},
    )
    job.output_file.save("municipality-reports-fi.zip", ContentFile(b"half-written"), save=True)
    stale = job.output_file.name
    with django_capture_on_commit_callbacks(execute=True):
        rerun_job(job, actor=staff_user)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert not default_storage.exists(stale) or job.output_file.name == stale
    names = _zip(job).namelist()
    assert len(names) == 19 and "297-kuopio-fi.pdf" in names
    assert Job.objects.filter(kind=services.MUNICIPALITY_REPORT_BATCH).count() == 1


def test_a_decision_maker_gets_403_and_no_job(demo, decision_maker, expert, steward_a):
    url = reverse("knowledge_mgmt:municipality-report-batch")
    for user in (decision_maker, expert, steward_a):
        assert _client(user).post(url, {"language": "fi"}).status_code == 403
    assert not Job.objects.filter(kind=services.MUNICIPALITY_REPORT_BATCH).exists()
    with pytest.raises(PermissionDenied):
        services.start_municipality_report_batch(actor=decision_maker, language="fi")
    assert not Job.objects.exists()


def test_anonymous_is_sent_to_sign_in(demo, client):
    response = client.post(reverse("knowledge_mgmt:municipality-report-batch"), {"language": "fi"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Job.objects.exists()


def test_the_verb_refuses_a_language_the_report_is_not_made_in(demo, staff_user):
    with pytest.raises(ValidationError):
        services.start_municipality_report_batch(actor=staff_user, language="en")
    assert not Job.objects.exists()
