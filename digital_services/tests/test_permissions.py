"""Who sees and edits what: anonymous citizens see the catalogue and the chat only."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, client_for
from digital_services.models import DigitalService, Rollout
from portal.models import ChangeLog, Organisation

SIGNED_IN_PAGES = [
    "rollout-list",
    "matrix",
    "figure-list",
    "indicators",
    "inclusion",
    "path-list",
    "pilot-list",
    "intent-list",
    "chat-stats",
    "counselling",
    "requirement-list",
    "report",
    "contact-list",
    "figure-upload",
    "history-upload",
]


@pytest.mark.django_db
def test_anonymous_citizen_sees_catalogue_and_chat_only(ds_demo, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(15):
        catalogue = client.get(reverse("digital_services:service-list"))
    assert catalogue.status_code == 200 and "Omaolo" in catalogue.content.decode()
    service = DigitalService.objects.get(code="omaolo")
    assert client.get(reverse("digital_services:service-detail", args=[service.pk])).status_code == 200
    assert client.get("/sv/digital-services/catalogue/").status_code == 200
    assert client.get(reverse("digital_services:chat")).status_code == 200
    for name in SIGNED_IN_PAGES:
        response = client.get(reverse(f"digital_services:{name}"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    api = Client()
    assert api.get("/api/digital-services/services/").status_code == 200
    for endpoint in ("rollouts", "monthly-figures", "pilots", "chat-statistics", "paths"):
        response = api.get(f"/api/digital-services/{endpoint}/")
        assert response.status_code in (401, 403) or response.json()["count"] == 0, endpoint


@pytest.mark.django_db
def test_catalogue_exports(ds_demo):
    client = Client()
    csv = client.get(reverse("digital_services:service-list") + "?export=csv")
    assert csv.status_code == 200 and "Omaolo" in csv.content.decode("utf-8-sig")
    assert client.get(reverse("digital_services:service-list") + "?export=xlsx").content[:2] == b"PK"
    data = client.get(reverse("digital_services:service-list") + "?export=json").json()
    omaolo = next(s for s in data["services"] if s["code"] == "omaolo")
    assert omaolo["medical_device"] is True and len(omaolo["features"]) == 4
    assert {c["kind"] for c in omaolo["channels"]} == {"EChannel", "Phone"}


@pytest.mark.django_db
def test_staff_edit_catalogue_decision_maker_and_steward_cannot(ds_demo, staff_user, decision_maker, steward_a):
    service = DigitalService.objects.get(code="omaolo")
    url = reverse("digital_services:service-edit", args=[service.pk])
    for user in (decision_maker, steward_a):
        client = Client()
        assert client.login(username=user.username, password=PASSWORD)
        before = ChangeLog.objects.count()
        assert client.post(url, {"code": "omaolo", "name_fi": "X"}).status_code == 404
        assert client.get(reverse("digital_services:service-create")).status_code == 403
        assert (DigitalService.objects.get(pk=service.pk).name_fi, ChangeLog.objects.count()) == ("Omaolo", before)
    client = Client()
    assert client.login(username=staff_user.username, password=PASSWORD)
    before = ChangeLog.objects.count()
    response = client.post(
        url,
        {
            "code": "omaolo",
            "name_fi": "Omaolo",
            "name_sv": "Omaolo",
            "name_en": "Omaolo",
            "funding_type": "PubliclyFunded",
            "charge_type": "Free",
            "languages": "fi,sv,en",
        },
    )
    assert response.status_code == 302
    assert DigitalService.objects.get(pk=service.pk).languages == "fi,sv,en"
    assert ChangeLog.objects.count() == before + 1


@pytest.mark.django_db
def test_rollouts_steward_own_only(ds_demo, steward_a, steward_b, django_assert_max_num_queries):
    rollout = Rollout.objects.get(service__code="omaolo", organisation__code="297")
    before = (Rollout.objects.count(), ChangeLog.objects.count())
    api_b = client_for(steward_b)
    assert (
        api_b.patch(
            f"/api/digital-services/rollouts/{rollout.pk}/", {"ebooking_linked": False}, format="json"
        ).status_code
        == 404
    )
    denied = api_b.post(
        "/api/digital-services/rollouts/", {"service": "terveyskyla", "organisation": "297"}, format="json"
    )
    assert denied.status_code == 403, denied.content
    assert (Rollout.objects.count(), ChangeLog.objects.count()) == before
    rollout.refresh_from_db()
    assert rollout.ebooking_linked is True
    api_a = client_for(steward_a)
    created = api_a.post(
        "/api/digital-services/rollouts/",
        {"service": "terveyskyla", "organisation": "297", "live_from": "2024-01-01"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["state_today"] == "live"
    with django_assert_max_num_queries(12):
        listed = api_a.get("/api/digital-services/rollouts/")
    assert listed.status_code == 200 and listed.json()["count"] == Rollout.objects.count()


@pytest.mark.django_db
def test_region_matrix_follows_the_hierarchy_of_the_day(ds_demo, decision_maker):
    from datetime import date

    from digital_services import selectors

    def cell(day, code):
        matrix = selectors.region_matrix(day, user=decision_maker)
        column = [s.code for s in matrix.services].index("omaolo")
        return next(cells[column] for m, cells in matrix.rows if m.code == code)

    assert (cell(date(2022, 6, 1), "140").state, cell(date(2022, 6, 1), "140").via) == (
        "pilot",
        Organisation.objects.get(code="yla-savon-sote").name,
    )
    assert cell(date(2022, 6, 1), "297").state == "live" and cell(date(2022, 6, 1), "297").via == ""
    assert cell(date(2022, 6, 1), "915").state is None
    late = cell(date(2025, 1, 1), "140")
    assert (late.state, late.via, late.ebooking) == ("live", Organisation.objects.get(code="pshva").name, True)
    assert len(selectors.region_matrix(date(2025, 1, 1), user=decision_maker).rows) == 19
    client = Client()
    assert client.login(username=decision_maker.username, password=PASSWORD)
    html = client.get(reverse("digital_services:matrix") + "?day=2022-06-01").content.decode()
    assert 'role="img"' in html and "<table" in html


@pytest.mark.django_db
def test_api_lists(ds_demo, decision_maker, django_assert_max_num_queries):
    api = client_for(decision_maker)
    for endpoint in ("services", "rollouts", "monthly-figures", "paths", "pilots", "chat-statistics"):
        with django_assert_max_num_queries(14):
            response = api.get(f"/api/digital-services/{endpoint}/")
        assert response.status_code == 200 and response.json()["count"] > 0, endpoint
    indicators = api.get("/api/digital-services/indicators/?organisation=844").json()
    assert len(indicators) == 12
    assert indicators[0]["paperless_share"] is None  # Tervo's demo month with nothing sent
    region = api.get("/api/digital-services/indicators/").json()
    assert {r["scope"] for r in region} == {"region", "organisation"}


@pytest.mark.django_db
def test_demo_is_idempotent_and_covers_19_municipalities(ds_demo):
    from digital_services.demo import seed_digital_services_demo
    from digital_services.models import AgeStructure, MonthlyFigure

    counts = (MonthlyFigure.objects.count(), AgeStructure.objects.count(), Rollout.objects.count())
    seed_digital_services_demo()
    assert (MonthlyFigure.objects.count(), AgeStructure.objects.count(), Rollout.objects.count()) == counts
    assert MonthlyFigure.objects.values("organisation").distinct().count() == 19
    assert AgeStructure.objects.count() == 19
