"""Governance API routes that no other test requested (issue 9 point 5: every URL name is requested).

Each record's change history over the API, the area's API root, and the detail of an attachment,
a progress report and a status report (the kit's ``api_detail`` covers the other records).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import client_for
from governance import services
from governance.models import MeetingAttachment, StatusReport
from governance.tests import factories as f
from portal.models import ChangeLog, Measure

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

HISTORIES = [
    ("body", f.BodyFactory),
    ("membership", f.MembershipFactory),
    ("meeting", f.MeetingFactory),
    ("agendaitem", f.AgendaItemFactory),
    ("decision", f.DecisionFactory),
    ("baseline", f.BaselineFactory),
    ("milestone", f.MilestoneFactory),
    ("communication", f.CommunicationItemFactory),
    ("news", f.NewsItemFactory),
    ("event", f.StakeholderEventFactory),
    ("legacydocument", f.LegacyDocumentFactory),
    ("serviceentity", f.ServiceEntityFactory),
    ("training", f.TrainingEventFactory),
    ("participation", f.TrainingParticipationFactory),
    ("principles", f.PrinciplesVersionFactory),
    ("studystatus", f.StudyStatusEntryFactory),
]


def assert_history(user, url_name: str, obj) -> list[dict]:
    """Refused (or empty) for anonymous callers; for a signed-in reader exactly the object's
    change-log rows, newest first."""
    url = reverse(url_name, kwargs={"pk": obj.pk})
    anonymous = APIClient().get(url)
    assert anonymous.status_code in (401, 403, 404) or anonymous.json()["count"] == 0
    response = client_for(user).get(url)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == list(ChangeLog.objects.for_object(obj).values_list("id", flat=True))
    assert {row["object_id"] for row in rows} <= {str(obj.pk)}
    return rows


@pytest.mark.parametrize(("basename", "factory"), HISTORIES, ids=[b for b, _ in HISTORIES])
def test_history_lists_the_records_change_log(basename, factory, staff_user, decision_maker):
    obj = factory()
    rows = assert_history(decision_maker, f"api-governance:{basename}-history", obj)
    assert rows and rows[-1]["action"] == "create"
    assert rows[0]["object_type"] == obj._meta.label_lower


@pytest.fixture
def meeting(reference_data):
    return f.MeetingFactory()


def test_attachment_detail_and_history(staff_user, decision_maker, meeting):
    created = client_for(staff_user).post(
        reverse("api-governance:attachment-list"),
        {"meeting": meeting.pk, "kind": "agenda", "title": "Esityslista", "file": SimpleUploadedFile("el.pdf", PDF)},
        format="multipart",
    )
    assert created.status_code == 201
    attachment = MeetingAttachment.objects.get()
    detail = client_for(decision_maker).get(reverse("api-governance:attachment-detail", args=[attachment.pk]))
    assert detail.status_code == 200
    assert (detail.json()["title"], detail.json()["size"], detail.json()["meeting"]) == (
        "Esityslista",
        len(PDF),
        meeting.pk,
    )
    assert detail.json()["download_url"].endswith(f"/api/governance/attachments/{attachment.pk}/download/")
    rows = assert_history(decision_maker, "api-governance:attachment-history", attachment)
    assert [(row["action"], row["actor"], row["source"]) for row in rows] == [("create", "staff", "api")]


def test_progress_report_detail_shows_its_risks_to_signed_in_readers(staff_user, decision_maker):
    report = services.submit_progress_report(
        Measure.objects.get(number="1.1"),
        percent=40,
        status="on_track",
        note="Puolivälissä.",
        risks=[{"description": "Rekrytointi viivästyy"}],
        actor=staff_user,
    )
    url = reverse("api-governance:progressreport-detail", args=[report.pk])
    assert APIClient().get(url).status_code in (401, 403)
    body = client_for(decision_maker).get(url).json()
    assert (body["measure"], body["percent"], body["progress_status"], body["note"]) == (
        "1.1",
        40,
        "on_track",
        "Puolivälissä.",
    )
    assert [risk["description"] for risk in body["risks"]] == ["Rekrytointi viivästyy"]


def test_status_report_detail(staff_user, decision_maker):
    report = StatusReport.objects.create(
        language="fi", report_date=dt.date(2026, 11, 30), measure_count=16, created_by=staff_user
    )
    report.file.save("tilannekatsaus.pdf", ContentFile(PDF))
    url = reverse("api-governance:statusreport-detail", args=[report.pk])
    assert APIClient().get(url).status_code in (401, 403, 404)
    response = client_for(decision_maker).get(url)
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["report_language"], body["report_date"], body["measure_count"]) == (
        report.pk,
        "fi",
        "2026-11-30",
        16,
    )
    assert body["download_url"].endswith(f"/api/governance/status-reports/{report.pk}/download/")


def test_api_root_lists_the_collections(decision_maker):
    response = client_for(decision_maker).get(reverse("api-governance:api-root"))
    assert response.status_code == 200
    body = response.json()
    assert body["bodies"].endswith("/api/governance/bodies/")
    assert body["status-reports"].endswith("/api/governance/status-reports/")
    assert len(body) == 19  # every collection the router registers
