import pytest

from conftest import client_for
from governance import services
from governance.models import StatusReport
from governance.tests.conftest import en
from governance.tests.pdftext import extract_text
from portal.models import Job, Measure

TITLES = {"fi": "Ohjelman tilannekatsaus", "sv": "Programmets lägesrapport"}
# Text of the timeline chart's legend (drawn inside the SVG, so its words come without spaces).
CHART_LEGEND = {"fi": "Välitavoite,suunniteltu", "sv": "Delmål,planerat"}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_status_report_pdf_shows_every_measure(
    client, staff_user, meeting, language, django_capture_on_commit_callbacks
):
    services.record_decision(
        body=meeting.body, meeting=meeting, number="2026/7", date=meeting.date, text="Päätös X", actor=staff_user
    )
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(en("governance:report-list"), {"language": language})
    job = Job.objects.get()
    assert response["Location"] == en("portal:job-detail", job.pk)
    assert job.status == "succeeded", job.error
    report = StatusReport.objects.get()
    assert (report.language, report.measure_count, report.job_id) == (language, 16, job.pk)
    pdf = report.file.read()
    assert pdf.startswith(b"%PDF-")
    text = extract_text(pdf)
    assert TITLES[language] in text
    assert CHART_LEGEND[language] in text.replace(" ", "")
    for number in Measure.objects.values_list("number", flat=True):
        assert f"{number} " in text, number
    download = client.get(en("governance:report-download", report.pk))
    assert b"".join(download.streaming_content) == pdf
    assert job.output_ref["status_report"] == report.pk


@pytest.mark.django_db
def test_only_staff_generate_reports_decision_makers_read_them(
    staff_user, decision_maker, django_capture_on_commit_callbacks
):
    response = client_for(decision_maker).post(
        "/api/governance/status-reports/generate/", {"report_language": "fi"}, format="json"
    )
    assert response.status_code == 403
    assert Job.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff_user).post(
            "/api/governance/status-reports/generate/", {"report_language": "sv"}, format="json"
        )
    assert response.status_code == 202
    listing = client_for(decision_maker).get("/api/governance/status-reports/").json()
    assert [row["report_language"] for row in listing["results"]] == ["sv"]
    assert client_for(decision_maker).get(listing["results"][0]["download_url"]).status_code == 200
    # Re-running the task for the same job does not make a second record (idempotent by job id).
    from governance.tasks import generate_status_report

    job = Job.objects.get()
    job.status = "running"
    job.save(update_fields=["status"])
    generate_status_report.apply(args=[job.pk])
    assert StatusReport.objects.count() == 1
