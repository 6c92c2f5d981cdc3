"""The integration API: uploads (202 + job URL), package rows with filters and CSV, mappings, permissions."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from conftest import client_for
from integration import services
from integration.models import CostCentreMapping, MappingVersion, PackageRow, Upload
from portal.choices import JobStatus
from portal.models import Job

LEDGER = b"kp;tili;summa\n1010;4000;1 000,10\n2010;4300;=cmd|' /C calc'!A0\n"
GOOD = b"kp;tili;selite;summa\n1010;4000;=cmd|' /C calc'!A0;1 000,10\n2010;4300;ok;-5,00\n"


def post_upload(
    client, org_code: str, data: bytes = GOOD, year: int = 2020, name: str = "ledger.csv", publish: bool = True
):
    """Upload through the API and, as the steward reviewing it, publish the draft (issue 10)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            "/api/integration/uploads/",
            {"organisation": org_code, "year": year, "file": SimpleUploadedFile(name, data)},
            format="multipart",
        )
    if publish and response.status_code == 202:
        from integration.models import ConversionDraft

        draft = ConversionDraft.objects.filter(job_id=response.json()["job_id"]).first()
        if draft is not None and draft.can_be_published:
            with TestCase.captureOnCommitCallbacks(execute=True):
                assert client.post(f"/api/integration/drafts/{draft.pk}/publish/").status_code == 200
    return response


@pytest.mark.django_db
def test_upload_answers_202_with_the_job_url(kuopio, steward_a):
    response = post_upload(client_for(steward_a), "297")
    assert response.status_code == 202, response.content
    body = response.json()
    job = Job.objects.get(pk=body["job_id"])
    assert body["job_url"] == f"http://testserver/api/portal/jobs/{job.pk}/"
    assert response["Location"] == body["job_url"]
    assert body["upload"]["organisation"] == "297"
    assert body["upload"]["uploaded_by"] == "steward-a"
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.output_ref["input_total"] == "995.10"


@pytest.mark.django_db
def test_steward_cannot_upload_for_another_organisation(kuopio, steward_b):
    response = post_upload(client_for(steward_b), "297")
    assert response.status_code == 403
    assert Upload.objects.count() == 0
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_and_decision_maker_cannot_upload(kuopio, api_client, decision_maker):
    assert post_upload(api_client, "297").status_code in (401, 403)
    assert post_upload(client_for(decision_maker), "297").status_code == 403
    assert Upload.objects.count() == 0


@pytest.mark.django_db
def test_upload_over_the_limit_is_400_and_nothing_stored(kuopio, steward_a, settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 20
    client = client_for(steward_a)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = post_upload(client, "297")
    assert response.status_code == 400
    assert response.json() == {"detail": [f"The file is {len(GOOD)} bytes; the limit is 20 bytes. Nothing was stored."]}
    assert Upload.objects.count() == 0


@pytest.mark.django_db
def test_package_rows_filters_and_csv_neutralises_formulas(
    kuopio, iisalmi, steward_a, steward_b, decision_maker, api_client, django_assert_max_num_queries
):
    assert post_upload(client_for(steward_a), "297").status_code == 202
    assert post_upload(client_for(steward_b), "140", data=GOOD.replace(b"1 000,10", b"7,00")).status_code == 202
    client = client_for(decision_maker)
    with django_assert_max_num_queries(6):
        response = client.get("/api/integration/package-rows/", {"organisation": "297", "year": 2020})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["organisation"], r["package_code"], r["cost_type_code"], r["amount"]) for r in results] == [
        ("297", "ESIM-IAKKAAT", "palvelujen-ostot", "-5.00"),
        ("297", "ESIM-LAPSET", "palkat-ja-palkkiot", "1000.10"),
    ]
    assert results[0]["package_definition_is_example"] is True
    response = client.get(
        "/api/integration/package-rows/", {"package": "ESIM-LAPSET", "cost_type": "palkat-ja-palkkiot"}
    )
    assert [(r["organisation"], r["amount"]) for r in response.json()["results"]] == [
        ("140", "7.00"),
        ("297", "1000.10"),
    ]
    response = client.get("/api/integration/package-rows/", {"service_class": "2201", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["organisation"], r["amount"]) for r in rows] == [("140", "-5.00"), ("297", "-5.00")]
    assert api_client.get("/api/integration/package-rows/").json()["count"] == 0  # anonymous: nothing internal


@pytest.mark.django_db
def test_formula_like_codes_are_neutralised_in_csv(kuopio, decision_maker):
    version = MappingVersion.objects.get(organisation=kuopio)
    CostCentreMapping.objects.filter(version=version, cost_centre="1010").update(client_group_code="=cmd|' /C calc'!A0")
    row = PackageRow(
        organisation=kuopio,
        year=2020,
        package_code="=HYPERLINK(1)",
        service_class_code="@x",
        amount="1.00",
        source_rows=1,
    )
    from integration.api.renderers import CSVRenderer

    text = (
        CSVRenderer()
        .render([{"package_code": row.package_code, "service_class_code": row.service_class_code, "amount": "-1.00"}])
        .decode("utf-8-sig")
    )
    assert text.splitlines() == ["package_code,service_class_code,amount", "'=HYPERLINK(1),'@x,-1.00"]


@pytest.mark.django_db
def test_code_lists_and_example_definition_are_public(code_lists, api_client):
    response = api_client.get("/api/integration/code-lists/")
    assert [c["code"] for c in response.json()["results"]] == [
        "asiakasryhmat",
        "kustannuslajit-jhs192",
        "palveluluokitus",
        "rahoituskanavat",
        "tuotantotavat",
    ]
    codes = api_client.get("/api/integration/codes/", {"code_list": "palveluluokitus"}).json()["results"]
    assert [(c["code"], c["parent"]) for c in codes] == [
        ("2180", None),
        ("2201", None),
        ("2230", None),
        ("2232", "2230"),
    ]
    definition = api_client.get("/api/integration/package-definitions/esimerkki/").json()
    assert (definition["is_example"], definition["label"]) == (True, "example")
    assert definition["name_fi"].startswith("Esimerkki")
    assert definition["name_sv"].startswith("Exempel")


@pytest.mark.django_db
def test_steward_cannot_change_another_organisations_mapping(kuopio, iisalmi, steward_a, steward_b):
    version = MappingVersion.objects.get(organisation=kuopio)
    rule = CostCentreMapping.objects.get(version=version, cost_centre="1010")
    client = client_for(steward_b)
    response = client.patch(
        f"/api/integration/cost-centre-mappings/{rule.pk}/", {"service_class_code": "2201"}, format="json"
    )
    assert response.status_code == 404
    response = client.post(
        "/api/integration/cost-centre-mappings/",
        {
            "version": version.pk,
            "cost_centre": "5555",
            "service_class_code": "2201",
            "client_group_code": "ikaantyneet",
            "production_mode_code": "oma",
        },
        format="json",
    )
    assert response.status_code == 403
    response = client.post("/api/integration/mapping-versions/", {"organisation_code": "297"}, format="json")
    assert response.status_code == 403
    rule.refresh_from_db()
    assert rule.service_class_code == "2180"
    assert CostCentreMapping.objects.filter(version=version).count() == 6
    assert MappingVersion.objects.filter(organisation=kuopio).count() == 1
    # the own steward can
    response = client_for(steward_a).patch(
        f"/api/integration/cost-centre-mappings/{rule.pk}/", {"service_class_code": "2201"}, format="json"
    )
    assert response.status_code == 200, response.content
    client = client_for(steward_a)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "sv"
    response = client.patch(
        f"/api/integration/cost-centre-mappings/{rule.pk}/", {"service_class_code": "9999"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": ["okänd kod 9999 (tjänsteklass)."]}


@pytest.mark.django_db
def test_frozen_rules_are_not_editable_via_api(kuopio, steward_a):
    assert post_upload(client_for(steward_a), "297").status_code == 202
    version = MappingVersion.objects.get(organisation=kuopio)
    assert version.is_frozen
    rule = CostCentreMapping.objects.get(version=version, cost_centre="1010")
    response = client_for(steward_a).delete(f"/api/integration/cost-centre-mappings/{rule.pk}/")
    assert response.status_code == 404
    assert CostCentreMapping.objects.filter(pk=rule.pk).exists()
    response = client_for(steward_a).post(
        "/api/integration/mapping-versions/", {"organisation_code": "297"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["number"] == 2
    assert services.editable_version(kuopio, actor=steward_a).number == 2


@pytest.mark.django_db
def test_anonymous_gets_nothing_internal(kuopio, steward_a, api_client):
    assert post_upload(client_for(steward_a), "297").status_code == 202
    for url in (
        "/api/integration/uploads/",
        "/api/integration/package-rows/",
        "/api/integration/mapping-versions/",
        "/api/integration/cost-centre-mappings/",
        "/api/integration/account-mappings/",
    ):
        response = api_client.get(url)
        assert response.status_code == 200, url
        assert response.json()["count"] == 0, url


@pytest.mark.django_db
def test_uploads_are_visible_to_own_steward_not_to_others(
    kuopio, steward_a, steward_b, decision_maker, django_assert_max_num_queries
):
    for _ in range(3):
        assert post_upload(client_for(steward_a), "297").status_code == 202
    with django_assert_max_num_queries(8):
        response = client_for(steward_a).get("/api/integration/uploads/")
    body = response.json()
    assert body["count"] == 3
    assert [u["duplicate_of"] for u in body["results"]] == [body["results"][2]["id"]] * 2 + [None]
    assert client_for(steward_b).get("/api/integration/uploads/").json()["count"] == 0
    assert client_for(decision_maker).get("/api/integration/uploads/").json()["count"] == 0
    # ... but decision-makers read the results
    assert client_for(decision_maker).get("/api/integration/package-rows/").json()["count"] == 2


@pytest.mark.django_db
def test_unknown_organisation_is_400_and_nothing_stored(kuopio, admin_user):
    client = client_for(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = post_upload(client, "nope")
    assert response.status_code == 400
    assert response.json() == {"organisation": ["Unknown organisation."]}
    assert Upload.objects.count() == 0
    assert Job.objects.count() == 0
