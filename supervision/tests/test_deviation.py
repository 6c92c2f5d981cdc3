"""Client deviation reports: the public form, the status lookup and the confidential queue."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse

from conftest import client_for, make_user
from portal import roles
from portal.models import AccessLog
from supervision import services
from supervision.choices import DeviationStatus
from supervision.models import DeviationReport
from supervision.tests.conftest import ui_client
from supervision.tests.factories import UnitFactory

SCRIPT = '<script>alert("x")</script> Hoitaja ei tullut & vaippa vaihtamatta'


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unit(organiser):
    return UnitFactory(code="kotirinne", name="Kotirinne")


@pytest.fixture
def other_unit(other_organiser):
    return UnitFactory(code="muualla", name="Muualla", organiser=other_organiser)


def access_rows(report):
    return list(
        AccessLog.objects.filter(
            content_type=ContentType.objects.get_for_model(DeviationReport), object_id=str(report.pk)
        ).values_list("actor_repr", "purpose")
    )


def test_anonymous_report_through_the_public_form(client, unit, assigned_supervisor):
    form_page = client.get(reverse("supervision:report-create"))
    assert form_page.status_code == 200
    assert "Kotirinne" in form_page.content.decode()
    response = client.post(reverse("supervision:report-create"), {"unit": unit.pk, "text": SCRIPT})
    assert response.status_code == 302
    report = DeviationReport.objects.get()
    assert report.text == SCRIPT  # stored as given, as text
    assert (report.status, report.reporter_name, report.reporter_contact) == (DeviationStatus.RECEIVED, "", "")
    received = client.get(response["Location"])
    assert report.reference_code in received.content.decode()
    status = client.get(reverse("supervision:report-status"), {"code": report.reference_code.lower()})
    body = status.content.decode()
    assert "Vastaanotettu" in body or "Received" in body
    assert "Hoitaja ei tullut" not in body  # the status page never shows the content
    # the supervisor's queue shows it and escapes the script
    supervisor_client = ui_client(assigned_supervisor)
    detail = supervisor_client.get(reverse("supervision:deviation-detail", args=[report.reference_code]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")</script>' not in html


def test_form_rejects_too_long_text_and_unknown_unit(client, unit):
    too_long = client.post(reverse("supervision:report-create"), {"unit": unit.pk, "text": "x" * 5001})
    assert too_long.status_code == 400
    no_unit = client.post(reverse("supervision:report-create"), {"unit": 999999, "text": "x"})
    assert no_unit.status_code == 400
    assert DeviationReport.objects.count() == 0


def test_rate_limit_per_address(client, unit, settings):
    from supervision import views

    limit, _window = views.REPORT_RATE
    for _ in range(limit):
        assert client.post(reverse("supervision:report-create"), {"unit": unit.pk, "text": "t"}).status_code == 302
    blocked = client.post(reverse("supervision:report-create"), {"unit": unit.pk, "text": "t"})
    assert blocked.status_code == 429
    assert DeviationReport.objects.count() == limit
    other_address = client.post(
        reverse("supervision:report-create"), {"unit": unit.pk, "text": "t"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_address.status_code == 302


def test_queue_read_writes_access_log(unit, assigned_supervisor):
    report = services.submit_deviation_report(unit=unit, text="Hoito laiminlyöty", occurred_on=None)
    ui = ui_client(assigned_supervisor)
    listing = ui.get(reverse("supervision:deviation-list"))
    assert listing.status_code == 200
    assert report.reference_code in listing.content.decode()
    ui.get(reverse("supervision:deviation-detail", args=[report.reference_code]))
    client = client_for(assigned_supervisor)
    api_list = client.get("/api/supervision/deviation-reports/")
    assert [r["reference_code"] for r in api_list.json()["results"]] == [report.reference_code]
    client.get(f"/api/supervision/deviation-reports/{report.reference_code}/")
    assert access_rows(report) == [
        ("supervisor-pshva", "deviation report (API detail)"),
        ("supervisor-pshva", "deviation report (API list)"),
        ("supervisor-pshva", "deviation report (detail)"),
        ("supervisor-pshva", "deviation report queue (list)"),
    ]


def test_another_organisers_supervisor_sees_nothing(unit, other_unit, assigned_supervisor, other_supervisor):
    report = services.submit_deviation_report(unit=unit, text="Salainen kuvaus", occurred_on=None)
    ui = ui_client(other_supervisor)
    client = client_for(other_supervisor)
    listing = ui.get(reverse("supervision:deviation-list"))
    assert listing.status_code == 200
    assert report.reference_code not in listing.content.decode()
    detail = ui.get(reverse("supervision:deviation-detail", args=[report.reference_code]))
    assert detail.status_code == 404
    assert "Salainen kuvaus" not in detail.content.decode()
    api_detail = client.get(f"/api/supervision/deviation-reports/{report.reference_code}/")
    assert api_detail.status_code == 404
    assert "Salainen" not in api_detail.content.decode()
    assert client.get("/api/supervision/deviation-reports/").json()["results"] == []
    # triage by the wrong supervisor changes nothing
    post = ui.post(
        reverse("supervision:deviation-detail", args=[report.reference_code]),
        {"status": DeviationStatus.CLOSED, "findings": "x"},
    )
    assert post.status_code == 404
    report.refresh_from_db()
    assert (report.status, report.findings) == (DeviationStatus.RECEIVED, "")
    assert access_rows(report) == []


@pytest.mark.parametrize("persona", ["admin", "supervisor-without-assignment", "producer"])
def test_nobody_else_sees_reports(unit, persona, reference_data):
    from supervision.models import ProducerAccount

    if persona == "admin":
        user = make_user("admin-x", roles.ADMINISTRATOR, superuser=True)
    elif persona == "producer":
        user = make_user("producer-x")
        ProducerAccount.objects.create(user=user, producer=unit.producer)
    else:
        user = make_user("lonely", roles.SUPERVISOR)
    report = services.submit_deviation_report(unit=unit, text="Salainen", occurred_on=None)
    assert ui_client(user).get(reverse("supervision:deviation-detail", args=[report.reference_code])).status_code == 404
    assert client_for(user).get("/api/supervision/deviation-reports/").json()["results"] == []
    assert access_rows(report) == []


def test_triage_to_closed_requires_findings(unit, assigned_supervisor):
    report = services.submit_deviation_report(unit=unit, text="t", occurred_on=None)
    client = ui_client(assigned_supervisor)
    url = reverse("supervision:deviation-detail", args=[report.reference_code])
    assert client.post(url, {"status": DeviationStatus.CLOSED, "findings": ""}).status_code == 400
    report.refresh_from_db()
    assert report.status == DeviationStatus.RECEIVED
    assert client.post(url, {"status": DeviationStatus.UNDER_INVESTIGATION, "findings": ""}).status_code == 302
    assert client.post(url, {"status": DeviationStatus.CLOSED, "findings": "Korjattu."}).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.findings, report.handled_by) == (
        DeviationStatus.CLOSED,
        "Korjattu.",
        assigned_supervisor,
    )


def test_reference_codes_are_unique_and_readable(unit):
    codes = {services.submit_deviation_report(unit=unit, text="t", occurred_on=None).reference_code for _ in range(20)}
    assert len(codes) == 20
    assert all(len(c) == 14 and c.startswith("PM-") and not set(c) & set("01IO") for c in codes)


def test_api_list_query_budget(unit, assigned_supervisor, django_assert_max_num_queries):
    for _ in range(3):
        services.submit_deviation_report(unit=unit, text="t", occurred_on=None)
    client = client_for(assigned_supervisor)
    with django_assert_max_num_queries(12):  # 3 access-log inserts included
        response = client.get("/api/supervision/deviation-reports/")
    assert response.json()["count"] == 3
    assert AccessLog.objects.count() == 3
