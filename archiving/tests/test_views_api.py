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


HEADER = "record_id,record_type,birth_date,death_date,case_closed_date,created_date\n"
ROWS = (
    "a1,Lapsiperheiden palvelutehtävä,1980-05-03,,2015-06-30,2010-01-01\n"
    "a2,patient-main,1940-02-03,2010-03-15,,2000-01-01\n"
    "a3,patient-other-12y-created,1950-01-17,,,2000-01-01\n"
    "a4,patient-main,1950-01-18,,,2000-01-01\n"
)


def extract(body: str = ROWS, name: str = "ote.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, (HEADER + body).encode(), content_type="text/csv")


def csv_lines(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return response.content.decode("utf-8-sig").strip().splitlines()


@pytest.mark.django_db
def test_simulation_api_refuses_bad_input_and_other_organisations_systems(
    system_a, steward_a, steward_b, django_capture_on_commit_callbacks
):
    from archiving.models import RetentionSimulation
    from portal.models import Job

    def stored():
        return RetentionSimulation.objects.count(), Job.objects.count()

    before = stored()
    other = client_for(steward_b).post(
        "/api/archiving/simulations/", {"system": system_a.code, "upload": extract()}, format="multipart"
    )
    assert other.status_code == 400 and "system" in other.json()  # as if the system did not exist
    with_hetu = extract(ROWS.replace("2000-01-01\n", "2000-01-01,131052-308T\n", 1)).read().decode()
    with_hetu = with_hetu.replace(HEADER.strip(), HEADER.strip() + ",henkilotunnus", 1)
    from django.core.files.uploadedfile import SimpleUploadedFile

    refused = client_for(steward_a).post(
        "/api/archiving/simulations/",
        {
            "system": system_a.code,
            "upload": SimpleUploadedFile("ote.csv", with_hetu.encode(), content_type="text/csv"),
        },
        format="multipart",
    )
    # the API speaks Finnish by default: "column henkilotunnus holds Finnish personal identity codes (rows 3)"
    assert refused.status_code == 400 and "sarake henkilotunnus" in refused.json()["upload"][0]
    assert stored() == before
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client_for(steward_a).post(
            "/api/archiving/simulations/", {"system": system_a.code, "upload": extract()}, format="multipart"
        )
    assert accepted.status_code == 202 and accepted.json()["system"] == system_a.code
    assert client_for(steward_b).get(f"/api/archiving/simulations/{accepted.json()['id']}/").status_code == 404
    listed = client_for(steward_a).get("/api/archiving/simulations/", {"system": system_a.code}).json()
    assert listed["count"] == 1 and listed["results"][0]["record_count"] == 4


@pytest.mark.django_db
def test_api_create_of_content_for_another_organisations_system_stores_nothing(system_a, steward_b):
    before = snapshot()
    response = client_for(steward_b).post(
        "/api/archiving/data-contents/",
        {
            "system": system_a.code,
            "title": "x",
            "domain": "logs",
            "first_year": 2000,
            "last_year": 2010,
            "publicity": "confidential",
            "personal_data": "personal",
            "disposition": "destroy",
        },
        format="json",
    )
    assert response.status_code == 400 and "system" in response.json()
    assert snapshot() == before


@pytest.mark.django_db
def test_api_lists_every_endpoint_of_the_issue_with_filters(content_a, decision_maker, rules):
    api = client_for(decision_maker)
    for path in ("data-contents", "rules", "plans", "simulations", "requirements", "access-requests"):
        assert api.get(f"/api/archiving/{path}/").status_code == 200, path
    assert api.get("/api/archiving/data-contents/", {"domain": "logs"}).json()["count"] == 0
    assert api.get("/api/archiving/data-contents/", {"domain": "patient"}).json()["count"] == 1
    unverified = api.get("/api/archiving/rules/", {"verified": "false"}).json()
    assert unverified["count"] == 4 and all(r["verified"] is False for r in unverified["results"])
    assert api.get("/api/archiving/requirements/", {"category": "logging"}).json()["count"] == 2


@pytest.mark.django_db
def test_every_table_of_the_simulation_system_and_plan_pages_downloads(
    system_a, steward_a, staff_user, decision_maker, archivist, content_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        simulation = services.start_simulation(
            system=system_a, upload=extract(), actor=steward_a, as_of=dt.date(2026, 1, 1)
        )
    client = login(decision_maker)
    url = reverse("archiving:simulation-detail", args=[simulation.pk])
    page = client.get(url).content.decode()
    assert "table=switch-off&amp;export=csv" in page or "table=switch-off&export=csv" in page
    years = csv_lines(client.get(url, {"export": "csv"}))
    assert len(years) > 3 and years[0].startswith("Year")
    switch_off = csv_lines(client.get(url, {"table": "switch-off", "export": "csv"}))
    assert len(switch_off) == 7 and any("2026-01-01" in line for line in switch_off)
    rules_lines = csv_lines(client.get(url, {"table": "rules", "export": "csv"}))
    assert any("patient-other-12y-created" in line and "UNVERIFIED" in line for line in rules_lines)
    xlsx = client.get(url, {"table": "rules", "export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    system_csv = csv_lines(client.get(reverse("archiving:system-detail", args=[system_a.pk]), {"export": "csv"}))
    assert len(system_csv) == 2 and "Potilaskertomukset" in system_csv[1] and ",verified," in system_csv[1]
    assert (
        login(steward_a).get(reverse("archiving:system-detail", args=[system_a.pk]), {"export": "csv"}).status_code
        == 200
    )
    plan = services.save_plan(PlanFactory.build(), actor=staff_user)
    services.save_plan_item(
        PlanItem(plan=plan, system=system_a, method="regional_archive", target_date=dt.date(2027, 1, 1)),
        actor=staff_user,
    )
    cost = csv_lines(client.get(reverse("archiving:plan-detail", args=[plan.pk]), {"table": "cost", "export": "csv"}))
    assert len(cost) == 8 and any("70000" in line for line in cost)
    items = csv_lines(client.get(reverse("archiving:plan-detail", args=[plan.pk]), {"export": "csv"}))
    assert len(items) == 2 and "Kuopio-Old" in items[1]


@pytest.mark.django_db
def test_destruction_list_exports_mark_unverified_rules(system_a, steward_a, django_capture_on_commit_callbacks):
    import io

    from openpyxl import load_workbook

    with django_capture_on_commit_callbacks(execute=True):
        simulation = services.start_simulation(
            system=system_a, upload=extract(), actor=steward_a, as_of=dt.date(2026, 1, 1)
        )
    simulation.refresh_from_db()
    # a3: 12 years from creation (2000-01-01) under the unverified rule -> destroyable in 2012
    destruction = services.create_destruction_list(simulation=simulation, year=2012, actor=steward_a)
    assert list(destruction.lines.values_list("record_id", "destroyable_on")) == [("a3", dt.date(2012, 1, 1))]
    client = login(steward_a)
    url = reverse("archiving:destruction-detail", args=[destruction.pk])
    lines = csv_lines(client.get(url, {"export": "csv"}))
    assert len(lines) == 2 and "a3" in lines[1] and "minilex.fi" in lines[1] and "UNVERIFIED" in lines[1]
    sheet = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "a3" and rows[1][-1] == "UNVERIFIED"
    pdf = client.get(url, {"export": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "a3" in text and "UNVERIFIED" in text
    assert "a3" in login(steward_a).get(url).content.decode()


@pytest.mark.django_db
def test_plan_buttons_answer_refusals_as_messages_and_conflicts_as_the_409_page(system_a, staff_user, archivist):
    """The buttons go through portal.errors: a refused value is a message on the plan page, a
    conflict with the plan's state the conflict page (409) with a link back."""
    plan = services.save_plan(PlanFactory.build(), actor=staff_user)
    client = login(archivist)
    approve = reverse("archiving:plan-action", args=[plan.pk, "approve"])
    empty = client.post(approve, follow=True)
    assert empty.redirect_chain[-1][0] == plan.get_absolute_url()
    assert "A plan without systems cannot be approved." in [str(m) for m in empty.context["messages"]]
    services.save_plan_item(
        PlanItem(plan=plan, system=system_a, method="regional_archive", target_date=dt.date(2027, 1, 1)),
        actor=staff_user,
    )
    assert client.post(approve).status_code == 302
    again = client.post(approve)
    assert again.status_code == 409
    assert "The plan has already been approved." in again.content.decode()
    assert f'href="{plan.get_absolute_url()}"' in again.content.decode()
    staff = login(staff_user)
    new_version = reverse("archiving:plan-action", args=[plan.pk, "new-version"])
    assert staff.post(new_version).status_code == 302
    assert staff.post(new_version).status_code == 409
    assert staff.post(reverse("archiving:plan-action", args=[plan.pk, "unknown"])).status_code == 404


@pytest.mark.django_db
def test_rejecting_a_request_without_a_reason_is_a_message(system_a, professional, archivist):
    request = services.request_access(AccessRequestFactory.build(system=system_a), actor=professional)
    response = login(archivist).post(
        reverse("archiving:request-decide", args=[request.pk]), {"decision": "reject", "decision_note": ""}, follow=True
    )
    assert response.redirect_chain[-1][0] == request.get_absolute_url()
    assert "Give the reason for the rejection." in [str(m) for m in response.context["messages"]]
    assert AccessRequest.objects.get(pk=request.pk).status == "pending"
