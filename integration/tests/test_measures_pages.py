"""Measures 3.1, 3.5 and 3.6 pages and API as personas: who reads, who writes, nothing changes on
a denied write."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import PASSWORD, client_for
from integration import demo_measures
from integration.models_measures import (
    ClassificationVersion,
    DocumentationReport,
    InformationFlow,
    NationalClassification,
    OperatingModel,
)
from portal.models import ChangeLog

PAGES = [
    "integration:index",
    "integration:operating-model-list",
    "integration:flow-map",
    "integration:training-list",
    "integration:classification-list",
    "integration:documentation",
    "integration:report-list",
    "integration:readiness",
    "integration:una",
    "integration:una-rollouts",
    "integration:availability",
]


@pytest.fixture
def demo(reference_data):
    demo_measures.seed()


def login(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


def test_decision_maker_reads_every_page(demo, decision_maker):
    c = login(decision_maker)
    for name in PAGES:
        response = c.get(reverse(name))
        assert response.status_code == 200, name
    model = OperatingModel.objects.get(code="demo-referral-feedback")
    assert c.get(model.get_absolute_url()).status_code == 200
    flow = InformationFlow.objects.first()
    assert c.get(flow.get_absolute_url()).status_code == 200


def test_index_links_every_new_page(demo, decision_maker):
    html = login(decision_maker).get(reverse("integration:index")).content.decode()
    for name in PAGES[1:]:
        assert f'href="{reverse(name)}"' in html, name


def test_anonymous_is_sent_to_login(demo, client):
    for name in PAGES[1:]:
        assert client.get(reverse(name)).status_code == 302, name


def test_flow_map_answers_primary_care_sees_specialised_care_in_kuopio_2024(demo, decision_maker):
    url = reverse("integration:flow-map") + "?from=specialised_care&to=primary_care&organisation=297&year=2024"
    response = login(decision_maker).get(url)
    codes = [f.code for f in response.context["flows"]]
    assert codes == ["demo-lab-results-kuopio"]
    html = response.content.decode()
    assert 'role="img"' in html and "Laboratoriotulokset" in html
    api = client_for(decision_maker).get(
        "/api/integration/flows/?from_sector=specialised_care&to_sector=primary_care&organisation=297&year=2024"
    )
    assert [r["code"] for r in api.json()["results"]] == ["demo-lab-results-kuopio"]


def test_documentation_page_shows_weighted_region_and_successor(demo, decision_maker):
    response = login(decision_maker).get(
        reverse("integration:documentation") + "?year=2023&quarter=1&classification=spat"
    )
    figures = response.context["figures"]
    assert "yla-savon-sote" in [o.code for o in figures.ended]
    assert "yla-savon-sote" not in [r.organisation.code for r in figures.rows]
    html = response.content.decode()
    assert "Pohjois-Savon hyvinvointialue" in html


def test_una_page_labels_example_prices_and_gives_the_cost(demo, decision_maker):
    c = login(decision_maker)
    response = c.get(reverse("integration:una") + "?tariff=co-operation-fee")
    assert response.context["costs"]["total_cents"] == 7_447_950
    assert "Example prices" in response.content.decode()
    response = c.get(reverse("integration:una"))
    assert response.context["costs"]["total_cents"] == 42_701_580
    api = client_for(decision_maker).get("/api/integration/una-modules/cost/?tariff=una-ydin&tariff=una-suostumus")
    assert api.json()["total_cents"] == 25_323_030
    assert api.json()["is_example"] is True


def test_matrix_xlsx(demo, decision_maker):
    response = login(decision_maker).get(reverse("integration:documentation-matrix") + "?year=2024&quarter=1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def _post_report(c, org, version, s=1, t=2, year=2024, quarter=1):
    return c.post(
        reverse("integration:report-create"),
        {
            "organisation": org.pk,
            "classification_version": version.pk,
            "year": year,
            "quarter": quarter,
            "structured_count": s,
            "total_count": t,
        },
    )


def test_steward_reports_own_figures_and_gets_404_for_another(demo, steward_a):
    from portal.models import Organisation

    DocumentationReport.objects.filter(year=2024, quarter=1).delete()
    c = login(steward_a)
    version = ClassificationVersion.objects.get(classification__code="spat", version="2023")
    before, logs = DocumentationReport.objects.count(), ChangeLog.objects.count()
    response = _post_report(c, Organisation.objects.get(code="140"), version)
    assert response.status_code == 404
    assert (DocumentationReport.objects.count(), ChangeLog.objects.count()) == (before, logs)
    response = _post_report(c, Organisation.objects.get(code="297"), version, s=5, t=4)
    assert response.status_code == 400
    assert "cannot exceed all entries" in response.content.decode()
    assert DocumentationReport.objects.count() == before
    response = _post_report(c, Organisation.objects.get(code="297"), version, s=800, t=1000)
    assert response.status_code == 302
    assert DocumentationReport.objects.count() == before + 1
    assert ChangeLog.objects.count() == logs + 1


def test_decision_maker_cannot_report(demo, decision_maker):
    assert login(decision_maker).get(reverse("integration:report-create")).status_code == 403
    api = client_for(decision_maker).post("/api/integration/documentation-reports/", {}, format="json")
    assert api.status_code == 403


def test_api_reports_as_steward(demo, steward_a):
    DocumentationReport.objects.filter(year=2024, quarter=2).delete()
    api = client_for(steward_a)
    api.credentials(HTTP_ACCEPT_LANGUAGE="en")
    before = DocumentationReport.objects.count()
    body = {
        "organisation": "140",
        "classification": "spat",
        "version": "2023",
        "year": 2024,
        "quarter": 2,
        "structured_count": 1,
        "total_count": 2,
    }
    assert api.post("/api/integration/documentation-reports/", body, format="json").status_code == 404
    body["organisation"] = "297"
    bad = api.post("/api/integration/documentation-reports/", {**body, "structured_count": -1}, format="json")
    assert bad.status_code == 400
    assert "cannot be negative" in str(bad.json())
    assert DocumentationReport.objects.count() == before
    ok = api.post("/api/integration/documentation-reports/", body, format="json")
    assert ok.status_code == 201, ok.json()
    assert ok.json()["share"] == "50.0"
    dup = api.post("/api/integration/documentation-reports/", body, format="json")
    assert dup.status_code == 400
    assert "already reported" in str(dup.json())
    other = DocumentationReport.objects.filter(organisation__code="140").first()
    patch = api.patch(f"/api/integration/documentation-reports/{other.pk}/", {"total_count": 5}, format="json")
    assert patch.status_code == 404
    other.refresh_from_db()
    assert other.total_count != 5


@pytest.mark.parametrize(
    "path",
    [
        "operating-models",
        "operating-model-adoptions",
        "flows",
        "training-courses",
        "classifications",
        "documentation-reports",
        "documentation-figures",
        "kanta-readiness",
        "una-modules",
        "una-rollouts",
        "client-data-access",
    ],
)
def test_api_lists_within_query_budget(demo, decision_maker, django_assert_max_num_queries, path):
    api = client_for(decision_maker)
    with django_assert_max_num_queries(12):
        response = api.get(f"/api/integration/{path}/")
    assert response.status_code == 200
    assert response.json()["count"] > 0
    anonymous = APIClient().get(f"/api/integration/{path}/")
    public = path in ("classifications", "training-courses", "una-modules")
    assert anonymous.status_code == 200
    assert (anonymous.json()["count"] > 0) is public


def test_api_filters(demo, decision_maker):
    api = client_for(decision_maker)
    r = api.get("/api/integration/documentation-figures/?classification=spat&year=2024&quarter=1").json()
    assert r["count"] == 1
    assert api.get("/api/integration/classifications/?oid=1.2.246.537.6.128").json()["results"][0]["code"] == "spat"
    assert api.get("/api/integration/una-rollouts/?organisation=297").json()["count"] == 1
    assert api.get("/api/integration/operating-models/?state=selected").json()["count"] == 1


def test_staff_creates_operating_model_and_steward_of_other_cannot_edit(demo, staff_user, steward_b):
    c = login(staff_user)
    before = OperatingModel.objects.count()
    from portal.models import Organisation

    response = c.post(
        reverse("integration:operating-model-create"),
        {
            "code": "new-model",
            "name_fi": "Uusi",
            "sector": "primary_care",
            "owner": Organisation.objects.get(code="297").pk,
            "state": "candidate",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert OperatingModel.objects.count() == before + 1
    model = OperatingModel.objects.get(code="new-model")
    logs = ChangeLog.objects.count()
    assert (
        login(steward_b).post(reverse("integration:operating-model-edit", args=[model.pk]), {"code": "x"}).status_code
        == 404
    )
    model.refresh_from_db()
    assert model.code == "new-model" and ChangeLog.objects.count() == logs
    bad = c.post(
        reverse("integration:operating-model-edit", args=[model.pk]),
        {
            "code": "new-model",
            "name_fi": "Uusi",
            "sector": "primary_care",
            "owner": model.owner_id,
            "state": "selected",
        },
    )
    assert bad.status_code == 400
    assert "needs the decision reference" in bad.content.decode()


def test_pdf_job_fi_and_sv(demo, decision_maker, django_capture_on_commit_callbacks, settings, tmp_path):
    from portal.models import Job, Organisation

    settings.MEDIA_ROOT = tmp_path
    c = login(decision_maker)
    for language in ("fi", "sv"):
        with django_capture_on_commit_callbacks(execute=True):
            response = c.post(
                reverse("integration:documentation-pdf"),
                {"organisation": Organisation.objects.get(code="297").pk, "language": language},
            )
        assert response.status_code == 302
        job = Job.objects.filter(kind="integration.documentation_pdf").first()
        assert job.status == "succeeded", job.error
        assert job.output_file.read(5) == b"%PDF-"
        assert job.output_ref["language"] == language


def test_classification_detail(demo, decision_maker):
    c = NationalClassification.objects.get(code="spat")
    html = login(decision_maker).get(c.get_absolute_url()).content.decode()
    assert "1.2.246.537.6.128" in html
