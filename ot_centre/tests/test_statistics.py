"""The regional picture: "<5" in every output (API, page, XLSX, PDF); the PDF renders (WeasyPrint)."""

import datetime as dt
import io
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, client_for, make_user
from ot_centre import services, tasks
from ot_centre.deadlines import HELSINKI
from ot_centre.models import PilotReport
from portal import roles


@pytest.fixture
def closed_cases(submit, coordinator, assigned_expert, requester):
    """Six closed neuropsychiatric cases in Keski-Suomi 2025 (one needed the identity) and three
    in Pohjois-Karjala (a small cell)."""
    for i in range(9):
        county = "kshva" if i < 6 else "pkhva"
        start = dt.datetime(2025, 3, 3 + i, 9, tzinfo=HELSINKI)
        case = submit(county=county, now=start)
        case = services.triage_request(case, actor=coordinator, now=start + dt.timedelta(hours=4))
        case = services.assign_expert(
            case, actor=coordinator, expert=assigned_expert, now=start + dt.timedelta(hours=5)
        )
        case = services.answer_request(
            case, actor=assigned_expert.user, answer="ok", now=start + dt.timedelta(hours=24 + i)
        )
        services.close_request(
            case,
            actor=requester,
            survey={"usefulness": 4, "plan_changed": True, "referral_avoided": False, "identity_needed": i == 0},
            now=start + dt.timedelta(days=2),
        )


@pytest.mark.django_db
def test_api_suppresses_small_numbers(closed_cases):
    decision = make_user("decision", roles.DECISION_MAKER)
    rows = client_for(decision).get("/api/ot-centre/statistics/regional-picture/", {"year": 2025}).json()
    by_county = {r["county"]: r for r in rows}
    assert by_county["kshva"]["cases"] == 6 and by_county["kshva"]["surveys"] == 6
    assert by_county["kshva"]["median_hours_to_acknowledge"] == 4.0
    assert by_county["kshva"]["median_hours_to_answer"] == 26.5
    assert by_county["kshva"]["share_answered_on_time"] == 100.0
    # 1 of 6 needed the identity: the share would give the one person away, so it is hidden.
    assert by_county["kshva"]["share_identity_needed"] is None
    assert by_county["pkhva"]["cases"] == "<5" and by_county["pkhva"]["surveys"] == "<5"
    assert by_county["pkhva"]["median_hours_to_answer"] is None and by_county["pkhva"]["share_identity_needed"] is None
    anonymity = client_for(decision).get("/api/ot-centre/statistics/anonymity/").json()
    assert anonymity == {
        "surveys": 9,
        "identity_needed": "<5",
        # 11.1 % of 9 would reveal the one survey "<5" hides, and 88.9 % the same: both hidden.
        "share_identity_needed": None,
        "share_answered_without_identity": None,
    }


@pytest.mark.django_db
def test_page_and_xlsx_show_lt5(closed_cases, coordinator):
    from openpyxl import load_workbook

    client = Client()
    client.login(username=coordinator.username, password=PASSWORD)
    html = client.get(reverse("ot_centre:regional-picture"), {"year": "2025"}).content.decode()
    assert "&lt;5" in html and "2025" in html and "2 025" not in html
    xlsx = client.get(reverse("ot_centre:regional-picture"), {"year": "2025", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    pkhva = [row for row in values if row[0] == "Pohjois-Karjalan hyvinvointialue"][0]
    assert pkhva[3] == "<5" and pkhva[5] == "–"
    bad = client.get(reverse("ot_centre:regional-picture"), {"year": "1999"})
    assert bad.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_monthly_pilot_report_pdf(closed_cases, coordinator, language, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_pilot_report(actor=coordinator, month=dt.date(2025, 3, 15), language=language)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    report = PilotReport.objects.get(month=dt.date(2025, 3, 1), language=language)
    data = report.file.read()
    assert data.startswith(b"%PDF") and report.pages >= 1
    text = subprocess.run(
        ["pdftotext", "-layout", report.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "<5" in text  # the small Pohjois-Karjala cell
    assert {"fi": "OT-keskuksen pilottiraportti", "sv": "OT-centrets pilotrapport"}[language] in text


@pytest.mark.django_db
def test_monthly_beat_queues_each_language_once(closed_cases, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.queue_monthly_pilot_reports() == 2
    assert tasks.queue_monthly_pilot_reports() == 0
    assert PilotReport.objects.count() == 2


@pytest.mark.django_db
def test_pilot_report_job_kind_is_registered_for_everyone_signed_in(coordinator, django_capture_on_commit_callbacks):
    from portal import job_kinds
    from portal.models import Job

    kind = job_kinds.get(tasks.PILOT_REPORT_JOB)
    assert kind.code == tasks.PILOT_REPORT_JOB and kind is not job_kinds.UNKNOWN
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_pilot_report(actor=coordinator, month=dt.date(2025, 3, 1), language="fi")
    decision = make_user("decision", roles.DECISION_MAKER)
    assert Job.objects.visible_to(decision).filter(pk=job.pk).exists()
    assert kind.rerun(coordinator) is not None and kind.rerun(decision) is None
