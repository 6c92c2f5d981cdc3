"""The API frame: schema validity, the organisations contract, pagination and query budgets."""

import pytest
from django.core.management import call_command

from conftest import client_for


@pytest.mark.django_db
def test_openapi_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    # --fail-on-warn turns every drf-spectacular warning (unresolvable type, missing annotation) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "openapi: 3" in text
    assert "/api/portal/organisations/" in text and "/api/portal/jobs/{id}/" in text


@pytest.mark.django_db
def test_municipalities_endpoint_returns_exactly_the_19_with_codes_names_and_populations(api_client, reference_data):
    response = api_client.get("/api/portal/organisations/", {"kind": "municipality", "limit": 100})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 19
    by_code = {row["code"]: row for row in data["results"]}
    assert len(by_code) == 19
    kuopio = by_code["297"]
    assert (kuopio["name_fi"], kuopio["name_sv"], kuopio["kind"], kuopio["parent"]) == (
        "Kuopio",
        "Kuopio",
        "municipality",
        "maakunta-11",
    )
    assert kuopio["populations"] == [{"year": 2020, "count": 120210}]
    assert by_code["140"]["name_sv"] == "Idensalmi"
    assert {"code", "name_fi", "name_sv", "kind", "parent", "valid_from", "valid_to", "populations"} <= set(kuopio)


@pytest.mark.django_db
def test_organisation_filters(api_client, reference_data):
    def codes(**params):
        return sorted(
            r["code"] for r in api_client.get("/api/portal/organisations/", {**params, "limit": 100}).json()["results"]
        )

    assert codes(code="297,140") == ["140", "297"]
    assert codes(parent="kysteri") == ["kysteri-koillis-savo", "kysteri-leppavirta", "kysteri-nilakka"]
    on_2022 = codes(valid_on="2022-06-01", kind="joint_authority")
    on_2024 = codes(valid_on="2024-06-01", kind="joint_authority")
    assert on_2022 == ["psshp", "yla-savon-sote"] and on_2024 == []
    assert codes(member_of="yla-savon-sote") == ["140", "263", "762", "925"]
    bad = api_client.get("/api/portal/organisations/", {"valid_on": "not-a-date"})
    assert bad.status_code == 400 and "valid_on" in bad.json()


@pytest.mark.django_db
def test_sixteen_measures_and_pagination(api_client, reference_data):
    data = api_client.get("/api/portal/measures/").json()
    assert data["count"] == 16
    assert [m["number"] for m in data["results"]][:4] == ["1.1", "1.2", "1.3", "2.1"]
    page = api_client.get("/api/portal/measures/", {"limit": 5, "offset": 5}).json()
    assert [m["number"] for m in page["results"]] == ["2.3", "3.1", "3.2", "3.3", "3.4"]
    assert page["next"] and page["previous"]


@pytest.mark.django_db
def test_list_endpoints_have_query_budgets(api_client, staff_user, reference_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert api_client.get("/api/portal/organisations/", {"limit": 100}).status_code == 200
    with django_assert_max_num_queries(4):
        assert api_client.get("/api/portal/measures/").status_code == 200
    api = client_for(staff_user)
    with django_assert_max_num_queries(8):
        assert api.get("/api/portal/jobs/").status_code == 200


@pytest.mark.django_db
def test_token_endpoint_issues_a_token(api_client, staff_user):
    from conftest import PASSWORD

    response = api_client.post("/api/auth/token/", {"username": "staff", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/portal/jobs/").status_code == 200
    bad = api_client.post("/api/auth/token/", {"username": "staff", "password": "wrong"}, format="json")
    assert bad.status_code == 400


@pytest.mark.django_db
def test_api_docs_are_served_from_local_static_files(client):
    html = client.get("/api/docs/").content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok" and body["status"] == "ok"
    from django.conf import settings

    assert body["broker"] == ("ok" if settings.CELERY_BROKER_URL else "eager (no broker configured)")


@pytest.mark.django_db
def test_root_redirects_to_finnish_by_default_and_honours_the_browser_language(client):
    assert client.get("/")["Location"] == "/fi/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9")["Location"] == "/sv/"
    for lang in ("fi", "sv", "en"):
        response = client.get(f"/{lang}/")
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
def test_schema_states_errors_nullable_fields_blank_enums_and_public_reads():
    from tests.api_contract_data import openapi_schema

    schema = openapi_schema()
    paths, components = schema["paths"], schema["components"]["schemas"]
    job = paths["/api/portal/jobs/{id}/"]["get"]
    assert {"200", "400", "401", "403", "404"} <= set(job["responses"])
    assert {} in job["security"]  # the queryset answers anonymous reads (public rows only)
    delete = paths["/api/portal/data-models/{code}/"]["delete"]
    assert delete["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/Conflict")
    assert {} not in delete["security"]
    rerun = paths["/api/portal/jobs/{id}/rerun/"]["post"]["responses"]
    assert "503" in rerun and "Retry-After" in rerun["503"]["headers"]
    assert components["Job"]["properties"]["organisation"]["nullable"] is True
    assert components["Organisation"]["properties"]["parent"]["nullable"] is True
    form = components["Organisation"]["properties"]["municipal_form"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in form["oneOf"]
    limit = next(p for p in paths["/api/portal/organisations/"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 10000)
    code = next(p for p in paths["/api/portal/organisations/"]["get"]["parameters"] if p["name"] == "code")
    assert code["allowEmptyValue"] is True and code["schema"]["items"]["maxLength"] == 2000
    year = next(p for p in paths["/api/ot-centre/statistics/demand/"]["get"]["parameters"] if p["name"] == "year")
    assert (year["schema"]["minimum"], year["schema"]["maximum"]) == (1900, 2100)
