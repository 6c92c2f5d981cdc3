"""Every page and endpoint as requester, assigned expert, other expert, coordinator, staff,
decision-maker and anonymous: cases reach only the first two and the coordinator (404 otherwise)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import PASSWORD, client_for, make_user
from ot_centre.models import Agreement, ConsultationRequest, CooperationArea, Pilot
from portal import roles
from portal.models import AccessLog, Organisation

PERSONAS = ("requester", "assigned", "other_expert", "coordinator", "staff", "decision", "anonymous")
CASE_ALLOWED = {"requester", "assigned", "coordinator"}


@pytest.fixture
def world(assigned_case, requester, assigned_expert, other_expert, coordinator):
    import datetime as dt

    pilot = Pilot.objects.create(
        name="Pilotti", coordinator=Organisation.objects.get(code="kys-lnok"), start=dt.date(2024, 1, 1)
    )
    agreement = Agreement.objects.create(title="Sopimus", kind="cooperation")
    users = {
        "requester": requester,
        "assigned": assigned_expert.user,
        "other_expert": other_expert.user,
        "coordinator": coordinator,
        "staff": make_user("staff", roles.PROGRAMME_STAFF),
        "decision": make_user("decision", roles.DECISION_MAKER),
        "anonymous": None,
    }
    return {"case": assigned_case, "pilot": pilot, "agreement": agreement, "expert": assigned_expert, "users": users}


def _pages(world):
    r = lambda name, *a: reverse(f"ot_centre:{name}", args=a)  # noqa: E731
    return [
        r("index"),
        r("request-list"),
        r("expert-list"),
        r("expert-detail", world["expert"].pk),
        r("network-map"),
        r("expertise-area-list"),
        r("agreement-list"),
        r("agreement-detail", world["agreement"].pk),
        r("working-group-list"),
        r("area-detail", "ita-suomi"),
        r("rule-list"),
        r("pilot-detail", world["pilot"].pk),
        r("experience-create", world["pilot"].pk),
        r("usecase-list"),
        r("regional-picture"),
        r("demand-list"),
        r("report-list"),
    ]


ENDPOINTS = [
    "/api/ot-centre/",
    "/api/ot-centre/areas/",
    "/api/ot-centre/areas/ita-suomi/",
    "/api/ot-centre/areas/ita-suomi/members/",
    "/api/ot-centre/experts/",
    "/api/ot-centre/expertise-areas/",
    "/api/ot-centre/agreements/",
    "/api/ot-centre/requests/",
    "/api/ot-centre/statistics/regional-picture/",
    "/api/ot-centre/statistics/anonymity/",
    "/api/ot-centre/statistics/demand/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_and_endpoint(world, persona):
    user = world["users"][persona]
    case = world["case"]
    ui = Client()
    if user is not None:
        assert ui.login(username=user.username, password=PASSWORD)
    api = client_for(user) if user is not None else APIClient()
    for url in _pages(world):
        status = ui.get(url).status_code
        assert status == (302 if user is None else 200), (persona, url, status)
    for url in ENDPOINTS:
        status = api.get(url).status_code
        assert status == (401 if user is None else 200), (persona, url, status)

    logs = AccessLog.objects.count()
    page = ui.get(case.get_absolute_url())
    detail = api.get(f"/api/ot-centre/requests/{case.case_code}/")
    messages = api.get(f"/api/ot-centre/requests/{case.case_code}/messages/")
    listed = api.get("/api/ot-centre/requests/")
    if persona in CASE_ALLOWED:
        assert (page.status_code, detail.status_code, messages.status_code) == (200, 200, 200)
        assert case.question in page.content.decode() and detail.json()["question"] == case.question
        assert listed.json()["count"] == 1
        assert AccessLog.objects.count() == logs + 4
    elif user is None:
        assert (page.status_code, detail.status_code, messages.status_code, listed.status_code) == (302, 401, 401, 401)
        assert AccessLog.objects.count() == logs
    else:
        assert (page.status_code, detail.status_code, messages.status_code) == (404, 404, 404)
        assert listed.json()["count"] == 0
        assert case.question not in ui.get(reverse("ot_centre:request-list")).content.decode()
        assert AccessLog.objects.count() == logs


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_expert", "staff", "decision", "anonymous"])
def test_outsiders_cannot_act_on_a_case(world, persona):
    user = world["users"][persona]
    case = world["case"]
    api = client_for(user) if user is not None else APIClient()
    expected = 401 if user is None else 404
    for action, body in (("answer", {"answer": "x"}), ("close", {}), ("messages", {"body": "x"}), ("triage", {})):
        assert (
            api.post(f"/api/ot-centre/requests/{case.case_code}/{action}/", body, format="json").status_code == expected
        )
    ui = Client()
    if user is not None:
        ui.login(username=user.username, password=PASSWORD)
    response = ui.post(case.get_absolute_url(), {"action": "message", "message-body": "x"})
    assert response.status_code == (302 if user is None else 404)
    case.refresh_from_db()
    assert (case.status, case.answer, case.messages.count()) == ("assigned", "", 0)


@pytest.mark.django_db
def test_area_members_by_date(world):
    api = client_for(world["users"]["decision"])
    on_2024 = api.get("/api/ot-centre/areas/ita-suomi/members/", {"date": "2024-01-01"}).json()
    on_2022 = api.get("/api/ot-centre/areas/ita-suomi/members/", {"date": "2022-06-30"}).json()
    assert on_2024["members"] == ["eshva", "kshva", "pkhva", "pshva"]
    assert on_2022["members"] == ["essote", "isshp", "kssshp", "psshp", "siun-sote"]
    bad = api.get("/api/ot-centre/areas/ita-suomi/members/", {"date": "2022-13-01"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["date"][0]
    assert api.get("/api/ot-centre/areas/nowhere/members/").status_code == 404
    assert CooperationArea.objects.count() == 1


@pytest.mark.django_db
def test_only_professionals_experts_and_coordinator_may_request(world):
    for persona, expected in (("staff", 403), ("decision", 403), ("requester", 200), ("coordinator", 200)):
        ui = Client()
        ui.login(username=world["users"][persona].username, password=PASSWORD)
        assert ui.get(reverse("ot_centre:request-create")).status_code == expected, persona
    before = ConsultationRequest.objects.count()
    denied = client_for(world["users"]["decision"]).post(
        "/api/ot-centre/requests/",
        {"mode": "anonymous", "county": "kshva", "age_band": "3-6", "expertise_area": "barnahus", "question": "x"},
        format="json",
    )
    assert denied.status_code == 403 and ConsultationRequest.objects.count() == before


@pytest.mark.django_db
def test_list_query_budgets(world, django_assert_max_num_queries):
    api = client_for(world["users"]["coordinator"])
    with django_assert_max_num_queries(14):
        assert api.get("/api/ot-centre/experts/").status_code == 200
    with django_assert_max_num_queries(16):
        assert api.get("/api/ot-centre/requests/").status_code == 200
