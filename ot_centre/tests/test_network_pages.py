"""Network pages and endpoints not covered by the flow tests: the coordinator keeps the network data
(experts, agreements, use cases, demand estimates, deadline rules) under the change log; anyone else
is refused and nothing changes. The API's detail endpoints, the assign action and the report download."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, client_for, make_user
from ot_centre.deadlines import HELSINKI
from ot_centre.models import (
    Agreement,
    ConsultationRequest,
    DeadlineRule,
    DemandEstimate,
    Expert,
    ExpertiseArea,
    Pilot,
    PilotReport,
    UseCase,
)
from portal import roles
from portal.models import ChangeLog, Organisation


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _ui(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def pilot(ot_reference):
    return Pilot.objects.create(
        name="Pilotti", coordinator=Organisation.objects.get(code="kys-lnok"), start=dt.date(2024, 1, 1)
    )


@pytest.mark.django_db
def test_coordinator_keeps_the_network_data_under_the_change_log(coordinator, assigned_expert, pilot):
    client = _ui(coordinator)
    neuro = ExpertiseArea.objects.get(code="neuropsychiatric")
    newcomer = make_user("newcomer", roles.EXPERT)
    pshva = Organisation.objects.get(code="pshva")
    changes = ChangeLog.objects.count()

    assert client.get(reverse("ot_centre:expert-create")).status_code == 200
    created = client.post(
        reverse("ot_centre:expert-create"),
        {
            "user": newcomer.pk,
            "organisation": pshva.pk,
            "title": "Neuropsykologi",
            "expertise_areas": [neuro.pk],
            "capacity_per_month": 6,
            "valid_from": "2025-01-01",
        },
    )
    expert = Expert.objects.get(user=newcomer)
    assert created.status_code == 302 and created["Location"] == expert.get_absolute_url()
    assert list(expert.expertise_areas.values_list("code", flat=True)) == ["neuropsychiatric"]
    edit_url = reverse("ot_centre:expert-edit", args=[expert.pk])
    assert client.get(edit_url).status_code == 200
    too_much = client.post(
        edit_url,
        {"user": newcomer.pk, "organisation": pshva.pk, "title": "x", "expertise_areas": [neuro.pk],
         "capacity_per_month": 201, "valid_from": "2025-01-01"},
    )  # fmt: skip
    assert too_much.status_code == 400
    expert.refresh_from_db()
    assert expert.capacity_per_month == 6

    assert client.get(reverse("ot_centre:agreement-create")).status_code == 200
    made = client.post(
        reverse("ot_centre:agreement-create"),
        {"title": "Yhteistyösopimus", "kind": "cooperation", "parties": [pshva.pk], "valid_from": "2025-01-01"},
    )
    agreement = Agreement.objects.get(title="Yhteistyösopimus")
    assert made.status_code == 302 and list(agreement.parties.all()) == [pshva]
    agreement_edit = reverse("ot_centre:agreement-edit", args=[agreement.pk])
    assert client.get(agreement_edit).status_code == 200
    client.post(
        agreement_edit,
        {"title": "Yhteistyösopimus 2", "kind": "research", "parties": [pshva.pk], "valid_from": "2025-01-01"},
    )
    agreement.refresh_from_db()
    assert (agreement.title, agreement.kind) == ("Yhteistyösopimus 2", "research")

    assert client.get(reverse("ot_centre:usecase-create")).status_code == 200
    client.post(
        reverse("ot_centre:usecase-create"),
        {"pilot": pilot.pk, "title": "Käyttötapaus", "expertise_area": neuro.pk, "description": "Kuvaus"},
    )
    assert UseCase.objects.filter(title="Käyttötapaus").count() == 1

    assert client.get(reverse("ot_centre:demand-create")).status_code == 200
    client.post(
        reverse("ot_centre:demand-create"),
        {"county": pshva.pk, "expertise_area": neuro.pk, "year": 2026, "estimated_cases": 12},
    )
    assert DemandEstimate.objects.get(year=2026).estimated_cases == 12
    assert ChangeLog.objects.count() > changes  # network data is change-logged


@pytest.mark.django_db
def test_deadline_rules_are_edited_in_the_portal_and_apply_to_new_requests(coordinator, submit):
    rule = DeadlineRule.objects.get(kind="acknowledge", urgency="normal")
    url = reverse("ot_centre:rule-edit", args=[rule.pk])
    client = _ui(coordinator)
    assert client.get(url).status_code == 200
    saved = client.post(url, {"amount": 3, "unit": "working_days", "remind_before_hours": 4, "source": "Päätös"})
    assert saved.status_code == 302 and saved["Location"] == reverse("ot_centre:rule-list")
    rule.refresh_from_db()
    assert rule.amount == 3
    # Friday 7.3.2025 10:00 + 3 working days = Wednesday 12.3.2025 10:00.
    case = submit()
    assert case.acknowledge_due.astimezone(HELSINKI) == dt.datetime(2025, 3, 12, 10, 0, tzinfo=HELSINKI)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.EXPERT, roles.PROGRAMME_STAFF, roles.DECISION_MAKER, roles.PROFESSIONAL])
def test_others_cannot_change_the_network_and_nothing_changes(role, ot_reference, pilot):
    user = make_user("outsider", role)
    client = _ui(user)
    rule = DeadlineRule.objects.get(kind="answer", urgency="normal")
    agreement = Agreement.objects.create(title="Sopimus", kind="cooperation")
    before = (
        Expert.objects.count(),
        Agreement.objects.count(),
        UseCase.objects.count(),
        DemandEstimate.objects.count(),
        ChangeLog.objects.count(),
    )
    for name in ("expert-create", "agreement-create", "usecase-create", "demand-create"):
        assert client.get(reverse(f"ot_centre:{name}")).status_code == 403, name
        assert client.post(reverse(f"ot_centre:{name}"), {"title": "x"}).status_code == 403, name
    assert client.post(reverse("ot_centre:rule-edit", args=[rule.pk]), {"amount": 1}).status_code == 404
    assert client.post(reverse("ot_centre:agreement-edit", args=[agreement.pk]), {"title": "y"}).status_code == 404
    rule.refresh_from_db()
    agreement.refresh_from_db()
    assert (rule.amount, agreement.title) == (7, "Sopimus")
    assert before == (
        Expert.objects.count(),
        Agreement.objects.count(),
        UseCase.objects.count(),
        DemandEstimate.objects.count(),
        ChangeLog.objects.count(),
    )


@pytest.mark.django_db
def test_api_detail_endpoints(assigned_expert, ot_reference):
    agreement = Agreement.objects.create(title="Sopimus", kind="consultation", valid_from=dt.date(2024, 1, 1))
    agreement.parties.set([Organisation.objects.get(code="kshva")])
    api = client_for(make_user("decision", roles.DECISION_MAKER))
    got = api.get(f"/api/ot-centre/agreements/{agreement.pk}/").json()
    assert (got["title"], got["kind"], got["parties"]) == ("Sopimus", "consultation", ["kshva"])
    expert = api.get(f"/api/ot-centre/experts/{assigned_expert.pk}/").json()
    assert (expert["organisation"], expert["expertise_areas"]) == ("kys-lnok", ["neuropsychiatric"])
    area = api.get("/api/ot-centre/expertise-areas/barnahus/").json()
    assert area["name_fi"].startswith("Barnahus")
    assert api.get("/api/ot-centre/expertise-areas/cardiology/").status_code == 404
    from rest_framework.test import APIClient

    assert APIClient().get(f"/api/ot-centre/experts/{assigned_expert.pk}/").status_code == 401


@pytest.mark.django_db
def test_api_assign_refuses_an_expert_outside_their_areas(submit, coordinator, assigned_expert, other_expert):
    from ot_centre import services

    case = services.triage_request(submit(), actor=coordinator)
    api = client_for(coordinator)
    url = f"/api/ot-centre/requests/{case.case_code}/assign/"
    refused = api.post(url, {"expert": other_expert.pk}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and "does not cover the expertise area" in refused.json()["expert"][0]
    case.refresh_from_db()
    assert (case.status, case.assigned_expert_id) == ("triaged", None)
    by_expert = client_for(assigned_expert.user).post(url, {"expert": assigned_expert.pk}, format="json")
    assert by_expert.status_code == 404  # not the expert's case yet: not revealed
    done = api.post(url, {"expert": assigned_expert.pk}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "assigned"
    assert done.json()["assigned_expert"] == assigned_expert.pk
    assert ConsultationRequest.objects.get(pk=case.pk).assigned_expert == assigned_expert


@pytest.mark.django_db
def test_pilot_report_download(coordinator, ot_reference):
    report = PilotReport(month=dt.date(2025, 3, 1), language="sv")
    report.file.save("ot-keskus-pilottiraportti-2025-03-sv.pdf", ContentFile(b"%PDF-1.7 demo"), save=False)
    report.save()
    url = reverse("ot_centre:report-download", args=[report.pk])
    response = _ui(make_user("decision", roles.DECISION_MAKER)).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "ot-keskus-pilottiraportti-2025-03-sv" in response["Content-Disposition"]
    assert Client().get(url).status_code == 302
    assert _ui(coordinator).get(reverse("ot_centre:report-download", args=[report.pk + 99])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["²", "٣", "abc", "1999"])
def test_regional_picture_refuses_a_bad_year_with_a_message(coordinator, year):
    response = _ui(coordinator).get(reverse("ot_centre:regional-picture"), {"year": year})
    assert response.status_code == 400 and "choose one of the listed years" in response.content.decode()


@pytest.mark.django_db
def test_network_map_is_an_svg_with_the_same_figures_in_a_table(assigned_expert, other_expert):
    html = _ui(make_user("decision", roles.DECISION_MAKER)).get(reverse("ot_centre:network-map")).content.decode()
    assert html.count("<svg") == 1 and html.count("<circle") == 2  # two organisation x area cells
    assert "<caption>Experts and monthly capacity by organisation and expertise area</caption>" in html
    assert html.count("1 expert, 4/month") == 2
