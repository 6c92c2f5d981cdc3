"""Every route of measures 3.1, 3.5 and 3.6 once more: details, edit and delete forms, the upload
and correction pages, and the API's detail routes (the URL coverage of the kit)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, client_for
from integration import demo_measures
from integration.models_measures import (
    ClientDataAccess,
    DocumentationReport,
    InformationFlow,
    KantaReadiness,
    NationalClassification,
    OperatingModel,
    OperatingModelAdoption,
    RegionDocumentationFigure,
    TrainingCourse,
    UnaModule,
    UnaRollout,
)
from portal.models import ChangeLog, Organisation


@pytest.fixture
def demo(reference_data):
    demo_measures.seed()


def login(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


def test_staff_adds_edits_and_deletes_a_flow(demo, staff_user):
    c = login(staff_user)
    assert c.get(reverse("integration:flow-create")).status_code == 200
    data = {
        "code": "new-flow",
        "from_organisation": Organisation.objects.get(code="pshva").pk,
        "from_sector": "specialised_care",
        "to_organisation": Organisation.objects.get(code="297").pk,
        "to_sector": "primary_care",
        "data": "Lähete",
        "legal_basis": "Terveydenhuoltolaki",
        "channel": "kanta",
        "valid_from": "2024-01-01",
    }
    assert c.post(reverse("integration:flow-create"), data).status_code == 302
    flow = InformationFlow.objects.get(code="new-flow")
    assert c.get(reverse("integration:flow-edit", args=[flow.pk])).status_code == 200
    assert c.post(reverse("integration:flow-edit", args=[flow.pk]), {**data, "data": "Hoitopalaute"}).status_code == 302
    flow.refresh_from_db()
    assert flow.data == "Hoitopalaute"
    assert c.get(reverse("integration:flow-delete", args=[flow.pk])).status_code == 200
    assert c.post(reverse("integration:flow-delete", args=[flow.pk])).status_code == 302
    assert not InformationFlow.objects.filter(code="new-flow").exists()


def test_steward_cannot_delete_a_flow_of_another_organisation(demo, steward_b):
    flow = InformationFlow.objects.get(code="demo-referral")  # from Kuopio
    logs = ChangeLog.objects.count()
    assert login(steward_b).post(reverse("integration:flow-delete", args=[flow.pk])).status_code == 404
    assert InformationFlow.objects.filter(pk=flow.pk).exists() and ChangeLog.objects.count() == logs


def test_staff_deletes_an_operating_model(demo, staff_user):
    model = OperatingModel.objects.get(code="demo-discharge-social")
    c = login(staff_user)
    assert c.get(reverse("integration:operating-model-delete", args=[model.pk])).status_code == 200
    assert c.post(reverse("integration:operating-model-delete", args=[model.pk])).status_code == 302
    assert not OperatingModel.objects.filter(pk=model.pk).exists()


def test_training_detail_totals_participants(demo, decision_maker):
    course = TrainingCourse.objects.get(code="demo-kys-reporting")
    response = login(decision_maker).get(reverse("integration:training-detail", args=[course.pk]))
    assert response.status_code == 200
    assert response.context["total"] == sum(p.participants for p in course.participations.all())


def test_correction_page_own_organisation_only(demo, steward_a, steward_b):
    report = DocumentationReport.objects.get(
        organisation__code="297", classification__code="spat", year=2024, quarter=1
    )
    url = reverse("integration:report-edit", args=[report.pk])
    assert login(steward_b).post(url, {"structured_count": 1, "total_count": 1}).status_code == 404
    report.refresh_from_db()
    assert (report.structured_count, report.total_count) == (800, 1000)
    c = login(steward_a)
    assert c.get(url).status_code == 200
    bad = c.post(url, {"structured_count": 1001, "total_count": 1000})
    assert bad.status_code == 400
    report.refresh_from_db()
    assert report.structured_count == 800
    assert c.post(url, {"structured_count": 810, "total_count": 1000}).status_code == 302
    report.refresh_from_db()
    assert report.structured_count == 810


def test_upload_page(demo, steward_a, decision_maker):
    assert login(steward_a).get(reverse("integration:report-upload")).status_code == 200
    assert login(decision_maker).get(reverse("integration:report-upload")).status_code == 403


def test_api_detail_routes(demo, decision_maker):
    api = client_for(decision_maker)
    model = OperatingModel.objects.get(code="demo-referral-feedback")
    cases = {
        "operating-model": model.pk,
        "operating-model-adoption": OperatingModelAdoption.objects.first().pk,
        "flow": InformationFlow.objects.first().pk,
        "training-course": TrainingCourse.objects.first().pk,
        "classification": NationalClassification.objects.first().pk,
        "documentation-report": DocumentationReport.objects.first().pk,
        "documentation-figure": RegionDocumentationFigure.objects.first().pk,
        "kanta-readiness": KantaReadiness.objects.first().pk,
        "una-module": UnaModule.objects.first().pk,
        "una-rollout": UnaRollout.objects.first().pk,
        "client-data-access": ClientDataAccess.objects.first().pk,
    }
    for basename, pk in cases.items():
        response = api.get(reverse(f"api-integration:{basename}-detail", args=[pk]))
        assert response.status_code == 200, basename
    history = api.get(reverse("api-integration:operating-model-history", args=[model.pk]))
    assert history.status_code == 200
