"""Pages and API as personas: steward A (own org), steward B (other org: 404, nothing changed),
decision-maker reads, professional sees only own requests, archivist approves, anonymous -> login/401."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from archiving import services
from archiving.models import AccessRequest, ArchivingPlan, DataContent, PlanItem
from archiving.tests.factories import AccessRequestFactory, DataContentFactory, PlanFactory
from conftest import PASSWORD, client_for
from portal.models import AccessLog, ChangeLog


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def content_a(system_a, steward_a):
    return services.save_content(DataContentFactory.build(system=system_a, title="Potilaskertomukset"), actor=steward_a)


def snapshot():
    return (
        DataContent.objects.count(),
        ChangeLog.objects.count(),
        list(DataContent.objects.values_list("title", flat=True)),
    )


@pytest.mark.django_db
def test_steward_b_gets_404_for_other_organisations_content_in_ui_and_api(content_a, steward_b):
    before = snapshot()
    client = login(steward_b)
    assert client.get(reverse("archiving:content-detail", args=[content_a.pk])).status_code == 404
    assert client.get(reverse("archiving:content-edit", args=[content_a.pk])).status_code == 404
    assert client.post(reverse("archiving:content-edit", args=[content_a.pk]), {"title": "Hacked"}).status_code == 404
    assert client.post(reverse("archiving:content-delete", args=[content_a.pk])).status_code == 404
    assert client.get(reverse("archiving:system-detail", args=[content_a.system.pk])).status_code == 404
    api = client_for(steward_b)
    assert api.get(f"/api/archiving/data-contents/{content_a.pk}/").status_code == 404
    assert (
        api.patch(f"/api/archiving/data-contents/{content_a.pk}/", {"title": "Hacked"}, format="json").status_code
        == 404
    )
    assert api.delete(f"/api/archiving/data-contents/{content_a.pk}/").status_code == 404
    assert api.get("/api/archiving/data-contents/").json()["count"] == 0
    assert snapshot() == before


@pytest.mark.django_db
def test_steward_a_creates_and_edits_own_content(system_a, steward_a, rules):
    client = login(steward_a)
    data = {
        "system": system_a.pk,
        "title": "Lokit",
        "domain": "logs",
        "first_year": 2001,
        "last_year": 2020,
        "record_count": 10,
        "size_gb": "1,5",
        "publicity": "confidential",
        "personal_data": "personal",
        "disposition": "kanta_patient",
    }
    refused = client.post(reverse("archiving:content-create"), data)
    assert refused.status_code == 400 and "cannot go to Kanta" in refused.content.decode()
    assert DataContent.objects.count() == 0
    data["disposition"] = "destroy"
    before = ChangeLog.objects.count()
    assert client.post(reverse("archiving:content-create"), data).status_code == 302
    assert DataContent.objects.get().title == "Lokit" and ChangeLog.objects.count() == before + 1
    api = client_for(steward_a)
    response = api.patch(
        f"/api/archiving/data-contents/{DataContent.objects.get().pk}/", {"disposition": "kanta_social"}, format="json"
    )
    assert response.status_code == 400 and "disposition" in response.json()


@pytest.mark.django_db
def test_decision_maker_reads_but_does_not_write(content_a, decision_maker):
    client = login(decision_maker)
    assert client.get(reverse("archiving:content-detail", args=[content_a.pk])).status_code == 200
    assert client.get(reverse("archiving:dashboard")).status_code == 200
    before = snapshot()
    assert client.post(reverse("archiving:content-edit", args=[content_a.pk]), {"title": "x"}).status_code == 404
    api = client_for(decision_maker)
    assert api.get("/api/archiving/data-contents/").json()["count"] == 1
    assert api.patch(f"/api/archiving/data-contents/{content_a.pk}/", {"title": "x"}, format="json").status_code == 404
    assert snapshot() == before


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_and_api_answers_401(content_a):
    assert Client().get(reverse("archiving:content-list")).status_code == 302
    assert Client().get(reverse("archiving:dashboard")).status_code == 302
    assert Client().get(reverse("archiving:index")).status_code == 200  # the overview names the measures only
    from rest_framework.test import APIClient

    assert APIClient().get("/api/archiving/data-contents/").status_code in (401, 403)
    assert APIClient().get("/api/archiving/access-requests/").status_code in (401, 403)


@pytest.mark.django_db
def test_editing_an_approved_plan_answers_409_in_api_and_ui(system_a, staff_user, archivist):
    plan = services.save_plan(PlanFactory.build(), actor=staff_user)
    services.save_plan_item(
        PlanItem(plan=plan, system=system_a, method="regional_archive", target_date=dt.date(2027, 1, 1)),
        actor=staff_user,
    )
    api = client_for(archivist)
    assert api.post(f"/api/archiving/plans/{plan.pk}/approve/").status_code == 200
    before = ChangeLog.objects.count()
    response = client_for(staff_user).patch(f"/api/archiving/plans/{plan.pk}/", {"title": "Changed"}, format="json")
    assert response.status_code == 409
    page = login(staff_user).post(
        reverse("archiving:plan-edit", args=[plan.pk]),
        {
            "code": plan.code,
            "title": "Changed",
            "start_date": "2026-01-01",
            "archive_one_off_cents": "150000",
            "archive_annual_cents": "30000",
        },
    )
    assert page.status_code == 409
    assert ArchivingPlan.objects.get(pk=plan.pk).title == "Plan" and ChangeLog.objects.count() == before
    assert api.post(f"/api/archiving/plans/{plan.pk}/approve/").status_code == 409
    detail = client_for(staff_user).get(f"/api/archiving/plans/{plan.pk}/").json()
    assert detail["cost"]["annual_saving_cents"] == 10_000_000 - 3_000_000


@pytest.mark.django_db
def test_professional_sees_only_own_requests_and_reads_are_logged(system_a, professional, professional2, archivist):
    mine = services.request_access(AccessRequestFactory.build(system=system_a), actor=professional)
    other = services.request_access(
        AccessRequestFactory.build(system=system_a, subject_ref="P-0002"), actor=professional2
    )
    api = client_for(professional)
    listed = api.get("/api/archiving/access-requests/").json()
    assert [row["id"] for row in listed["results"]] == [mine.pk]
    assert api.get(f"/api/archiving/access-requests/{other.pk}/").status_code == 404
    logs = AccessLog.objects.filter(object_id=str(mine.pk))
    assert logs.count() == 1  # the list read; the refused read of the other request logs nothing
    client = login(professional)
    assert client.get(reverse("archiving:request-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("archiving:request-detail", args=[mine.pk])).status_code == 200
    assert AccessLog.objects.filter(object_id=str(mine.pk), actor=professional).count() == 2
    assert not AccessLog.objects.filter(object_id=str(other.pk), actor=professional).exists()
    # the professional cannot decide their own request
    assert (
        api.post(f"/api/archiving/access-requests/{mine.pk}/decide/", {"approve": True}, format="json").status_code
        == 403
    )
    assert AccessRequest.objects.get(pk=mine.pk).status == "pending"
    # the archivist approves; the professional then opens the data (logged with the purpose)
    decided = client_for(archivist).post(
        f"/api/archiving/access-requests/{mine.pk}/decide/", {"approve": True}, format="json"
    )
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert client.get(reverse("archiving:request-data", args=[mine.pk])).status_code == 200
    assert AccessLog.objects.filter(object_id=str(mine.pk), purpose__contains="Continuity of care").count() == 1


@pytest.mark.django_db
def test_person_report_for_staff_only(system_a, professional, archivist, decision_maker):
    request = services.request_access(AccessRequestFactory.build(system=system_a), actor=professional)
    request = services.decide_access_request(request, approve=True, actor=archivist)
    services.read_archived_data(request, actor=professional)
    url = reverse("archiving:person-report")
    assert login(decision_maker).get(url, {"subject_ref": "P-0001"}).status_code == 403
    page = login(archivist).get(url, {"subject_ref": "P-0001"})
    assert page.status_code == 200 and "professional-t" in page.content.decode()
    csv = login(archivist).get(url, {"subject_ref": "P-0001", "export": "csv"})
    assert csv.content.decode("utf-8-sig").count("professional-t") == 1


@pytest.mark.django_db
def test_list_pages_export_and_query_budget(content_a, decision_maker, django_assert_max_num_queries):
    client = login(decision_maker)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("archiving:content-list")).status_code == 200
    csv = client.get(reverse("archiving:content-list"), {"export": "csv"})
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "Potilaskertomukset" in lines[1] and "verified" in lines[1]
    xlsx = client.get(reverse("archiving:dashboard"), {"table": "timeline", "export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    rules_csv = client.get(reverse("archiving:rule-list"), {"export": "csv"}).content.decode("utf-8-sig")
    assert "UNVERIFIED" in rules_csv
    api = client_for(decision_maker)
    with django_assert_max_num_queries(12):
        assert api.get("/api/archiving/rules/").status_code == 200


@pytest.mark.django_db
def test_dashboard_shows_retired_costs_and_past_due(system_a, decision_maker):
    page = login(decision_maker).get(reverse("archiving:dashboard"))
    body = page.content.decode()
    assert 'role="img"' in body and "Kuopio-Old" in body
    assert page.context["retired_total"] == 10_000_000
    assert [r.system.code for r in page.context["past_due"]] == ["kuopio-old"]
