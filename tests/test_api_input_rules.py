"""The input rules the API schema states, held by the API (what schemathesis found, issue 11 point 8).

Each test pins one rule the contract run (tests/test_api_schemathesis.py) found broken, so that a
regression names the rule rather than a generated case.
"""

from __future__ import annotations

import pytest

from conftest import client_for
from governance.models import NewsItem
from portal.models import ChangeLog, Job
from tests.api_contract_data import openapi_schema


@pytest.mark.django_db
def test_a_path_no_route_matches_answers_json_under_the_api(api_client, reference_data):
    response = api_client.get("/api/supervision/contracts/not-a-number/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["detail"]


@pytest.mark.django_db
def test_a_page_no_route_matches_is_still_the_html_page(client, reference_data):
    response = client.get("/fi/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [("limit=abc", "limit"), ("limit=0", "limit"), ("limit=10001", "limit"), ("offset=-1", "offset")],
)
def test_pagination_outside_the_stated_bounds_is_refused(api_client, reference_data, query, parameter):
    response = api_client.get(f"/api/portal/organisations/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


@pytest.mark.django_db
def test_empty_pagination_and_empty_multiple_choice_filters_mean_not_given(api_client, reference_data):
    everything = api_client.get("/api/portal/organisations/", {"limit": 500}).json()["count"]
    response = api_client.get("/api/portal/organisations/?limit=&offset=&kind=")
    assert response.status_code == 200
    assert response.json()["count"] == everything > 19


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["yes", "null", "1"])
def test_a_boolean_filter_takes_true_or_false(api_client, reference_data, value):
    response = api_client.get(f"/api/governance/milestones/?reached={value}")
    assert response.status_code == 400
    assert "reached" in response.json()
    assert api_client.get("/api/governance/milestones/?reached=true").status_code == 200
    assert api_client.get("/api/governance/milestones/?reached=False").status_code == 200


@pytest.mark.django_db
def test_an_error_of_a_csv_download_is_json(staff_user):
    staff = client_for(staff_user)
    response = staff.get("/api/integration/package-rows/987654/?format=csv")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_the_organisation_export_refuses_unknown_kinds_before_a_job_exists(staff_user):
    staff = client_for(staff_user)
    before = Job.objects.count()
    refused = staff.post("/api/portal/jobs/organisation-export/", {"kinds": [1, "planet"]}, format="json")
    assert refused.status_code == 400
    assert "kinds" in refused.json()
    no_body = staff.post("/api/portal/jobs/organisation-export/", "null", content_type="application/json")
    assert no_body.status_code == 400
    assert Job.objects.count() == before
    accepted = staff.post("/api/portal/jobs/organisation-export/", {"kinds": ["municipality"]}, format="json")
    assert accepted.status_code == 202
    assert Job.objects.count() == before + 1


@pytest.mark.django_db
def test_a_news_item_cannot_be_published_outside_the_programme_era(staff_user):
    staff = client_for(staff_user)
    body = {"slug": "vanha", "title": "Vanha", "summary": "s", "body": "b", "language": "fi"}
    before = (NewsItem.objects.count(), ChangeLog.objects.count())
    refused = staff.post("/api/governance/news/", {**body, "published_at": "1419-04-17T16:11:15Z"}, format="json")
    assert refused.status_code == 400
    assert "published_at" in refused.json()
    assert (NewsItem.objects.count(), ChangeLog.objects.count()) == before
    accepted = staff.post("/api/governance/news/", {**body, "published_at": "2026-04-17T16:11:15Z"}, format="json")
    assert accepted.status_code == 201, accepted.json()
    assert NewsItem.objects.count() == before[0] + 1


@pytest.mark.django_db
def test_the_digital_indicators_month_follows_its_pattern(api_client, reference_data):
    assert api_client.get("/api/digital-services/indicators/?month=C").status_code == 400
    assert api_client.get("/api/digital-services/indicators/?month=2024-05").status_code == 200
    assert api_client.get("/api/digital-services/indicators/?month=2024-05-01").status_code == 200


@pytest.mark.django_db
def test_the_schema_states_the_bounds_and_types_the_api_holds():
    schema = openapi_schema()
    parameters = {p["name"]: p for p in schema["paths"]["/api/integration/documentation-reports/"]["get"]["parameters"]}
    assert (parameters["year"]["schema"]["minimum"], parameters["year"]["schema"]["maximum"]) == (1900, 2100)
    download = schema["paths"]["/api/portal/jobs/{id}/download/"]["get"]["responses"]["200"]["content"]
    assert set(download) == {
        "application/pdf",
        "application/zip",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/csv",
    }
    conflict = schema["paths"]["/api/portal/measures/{number}/"]["put"]["responses"]["409"]
    assert conflict["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Conflict"}
    export = schema["paths"]["/api/portal/jobs/organisation-export/"]["post"]["requestBody"]["content"]
    assert set(export) == {"application/json"}


@pytest.mark.django_db
def test_the_indicator_data_reads_empty_parameters_as_not_given(api_client, reference_data):
    response = api_client.get("/api/knowledge/data/?format=&sep=&limit=&offset=")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
