import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from portal.choices import JobStatus
from portal.models import Job, Organisation


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_municipality_pdf_job_renders(ds_demo, decision_maker, language, django_capture_on_commit_callbacks):
    client = Client()
    assert client.login(username=decision_maker.username, password=PASSWORD)
    kuopio = Organisation.objects.get(code="297")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("digital_services:report"), {"organisation": kuopio.pk, "language": language})
    job = Job.objects.get()
    assert response.status_code == 302
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.output_ref["pages"] >= 1
    with job.output_file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    from digital_services.reports import render_municipality_html

    html = render_municipality_html(kuopio, language=language)
    assert ("Digitaaliset palvelut" if language == "fi" else "Digitala tjänster") in html
    assert "75–89" in html
