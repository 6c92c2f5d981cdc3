import csv
import io
import json
from decimal import Decimal

import pytest
from pyjstat import pyjstat

from conftest import client_for
from knowledge_mgmt.choices import Sex, ValueStatus
from knowledge_mgmt.tests.conftest import make_indicator, put

pytestmark = pytest.mark.django_db
URL = "/api/knowledge/data/"


@pytest.fixture
def data(reference_data):
    births = make_indicator("births", title_fi="Syntyneet")
    rate = make_indicator("sick-rate", value_type="percent", decimals=1)
    secret = make_indicator("secret", public=False)
    put(births, "297", 2021, 1200, absolute=1200)
    put(births, "297", 2022, 1150, absolute=1150, status=ValueStatus.PROVISIONAL)
    put(births, "140", 2021, 3, absolute=3)  # small: suppressed publicly
    put(births, "140", 2021, 2, absolute=2, sex=Sex.MALE)
    put(rate, "297", 2021, "12.5", absolute=15027)
    put(rate, "140", 2021, "7.25", absolute=4)  # small absolute: suppressed
    put(secret, "297", 2021, 42)
    return births, rate, secret


def test_json_rows_filters_and_suppression_for_anonymous(api_client, data):
    response = api_client.get(URL, {"indicator": "births,sick-rate", "year": "2021"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    flat = [
        (r["indicator"], r["organisation"], r["year"], r["sex"], r["value"], r["absolute_value"])
        for r in body["results"]
    ]
    assert flat == [
        ("births", "140", 2021, "male", None, None),
        ("births", "140", 2021, "total", None, None),
        ("births", "297", 2021, "total", 1200, 1200),
        ("sick-rate", "140", 2021, "total", None, None),
        ("sick-rate", "297", 2021, "total", 12.5, 15027),
    ]
    assert [r["suppressed"] for r in body["results"]] == [True, True, False, True, False]
    assert set(body["results"][0]) == {
        "indicator", "organisation", "year", "quarter", "month", "sex", "breakdown",
        "value", "absolute_value", "status", "suppressed", "updated",
    }  # fmt: skip


def test_signed_in_reader_sees_exact_small_numbers_and_restricted(decision_maker, data):
    client = client_for(decision_maker)
    body = client.get(URL, {"organisation": "140", "sex": "total"}).json()
    assert [(r["indicator"], r["value"]) for r in body["results"]] == [("births", 3), ("sick-rate", 7.25)]
    assert client.get(URL, {"indicator": "secret"}).json()["results"][0]["value"] == 42


def test_restricted_indicator_needs_a_token(api_client, data, decision_maker):
    response = api_client.get(URL, {"indicator": "secret"})
    assert response.status_code == 401
    assert "restricted" in response.json()["detail"]
    assert [r["indicator"] for r in api_client.get(URL).json()["results"]].count("secret") == 0
    from portal.identity.services import issue_token

    # a read-only indicator token is enough (Tableau's case)
    _token, key = issue_token(user=decision_maker, name="tableau", actor=decision_maker)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get(URL, {"indicator": "secret"}).json()["count"] == 1


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"indicator": "nope"}, "indicator: unknown codes nope"),
        ({"organisation": "297,999"}, "organisation: unknown codes 999"),
        ({"year": "20x1"}, "year"),
        ({"year": "2023-2021"}, "reversed"),
        ({"sex": "both"}, "sex: both"),
        ({"indicator": "births,"}, "empty item"),
        ({"format": "xml"}, "format"),
        ({"limit": "many"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"format": "csv", "sep": "tab"}, "sep"),
    ],
)
def test_bad_filters_answer_400_with_the_reason(api_client, data, params, fragment):
    response = api_client.get(URL, params)
    assert response.status_code == 400
    assert fragment in response.json()["detail"]


def test_csv_and_finnish_excel_variant(decision_maker, data):
    client = client_for(decision_maker)
    data[0].code = "=HYPERLINK(1)"
    text = client.get(URL, {"indicator": "sick-rate", "format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:10] == [
        "indicator", "organisation", "year", "quarter", "month", "sex", "breakdown", "value", "absolute_value", "status"
    ]  # fmt: skip
    assert rows[1][:10] == ["sick-rate", "140", "2021", "", "", "total", "", "7.25", "4", "final"]
    fi = client.get(URL, {"indicator": "sick-rate", "format": "csv-fi"}).content.decode("utf-8-sig")
    assert fi.splitlines()[1].split(";")[:10] == ["sick-rate", "140", "2021", "", "", "total", "", "7,25", "4", "final"]
    semicolon = client.get(URL, {"indicator": "sick-rate", "format": "csv", "sep": "semicolon"})
    assert semicolon.content.decode("utf-8-sig") == fi


def test_csv_neutralises_formula_injection(decision_maker, reference_data):
    indicator = make_indicator("inj")
    put(indicator, "297", 2021, 5, breakdown="=cmd|' /C calc'!A0")
    text = client_for(decision_maker).get(URL, {"format": "csv"}).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][6] == "'=cmd|' /C calc'!A0"


def test_jsonstat_reads_back_with_pyjstat_to_the_same_numbers(decision_maker, data):
    client = client_for(decision_maker)
    params = {"indicator": "births,sick-rate"}
    rows = client.get(URL, params).json()["results"]
    response = client.get(URL, {**params, "format": "jsonstat"})
    assert response.status_code == 200
    dataset = response.json()
    assert dataset["version"] == "2.0" and dataset["class"] == "dataset"
    assert dataset["id"] == ["indicator", "organisation", "year", "sex", "breakdown"]
    frame = pyjstat.Dataset.read(json.dumps(dataset)).write("dataframe", naming="id")
    read_back = {
        (r.indicator, r.organisation, int(r.year), r.sex): r.value for r in frame.itertuples() if r.value == r.value
    }
    expected = {(r["indicator"], r["organisation"], r["year"], r["sex"]): r["value"] for r in rows}
    assert read_back == expected
    assert len(read_back) == 6
    assert dataset["status"] == {str(i): "provisional" for i, v in enumerate(dataset["value"]) if v == 1150}


def test_etag_and_last_modified_give_304_until_data_changes(api_client, data):
    first = api_client.get(URL, {"indicator": "births"})
    etag, modified = first["ETag"], first["Last-Modified"]
    assert api_client.get(URL, {"indicator": "births"}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api_client.get(URL, {"indicator": "births"}, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert api_client.get(URL, {"indicator": "births", "format": "csv"}, HTTP_IF_NONE_MATCH=etag).status_code == 200
    put(data[0], "297", 2023, 1100)
    assert api_client.get(URL, {"indicator": "births"}, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_small_number_threshold_is_a_setting(api_client, data, settings):
    settings.KNOWLEDGE_SMALL_NUMBER_THRESHOLD = 2
    rows = api_client.get(URL, {"indicator": "births", "organisation": "140"}).json()["results"]
    assert [(r["sex"], r["value"]) for r in rows] == [("male", 2), ("total", 3)]
    settings.KNOWLEDGE_SMALL_NUMBER_THRESHOLD = 3
    rows = api_client.get(URL, {"indicator": "births", "organisation": "140"}).json()["results"]
    assert [(r["sex"], r["value"]) for r in rows] == [("male", None), ("total", 3)]


def test_indicator_metadata_filterable_and_restricted_hidden(
    api_client, decision_maker, data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        body = api_client.get("/api/knowledge/indicators/").json()
    assert [i["code"] for i in body["results"]] == ["births", "sick-rate"]
    assert api_client.get("/api/knowledge/indicators/", {"value_type": "percent"}).json()["count"] == 1
    assert api_client.get("/api/knowledge/indicators/secret/").status_code == 404
    signed = client_for(decision_maker).get("/api/knowledge/indicators/", {"code": "secret,births"}).json()
    assert [i["code"] for i in signed["results"]] == ["births", "secret"]


def test_data_query_count_is_fixed(api_client, data, django_assert_max_num_queries):
    for year in range(2015, 2021):
        put(data[0], "297", year, year)
    with django_assert_max_num_queries(5):
        assert api_client.get(URL, {"format": "jsonstat"}).status_code == 200
    with django_assert_max_num_queries(4):
        assert api_client.get(URL).status_code == 200


def test_targets_stewards_edit_only_their_own(steward_a, data):
    client = client_for(steward_a)
    ok = client.post(
        "/api/knowledge/targets/", {"indicator": "births", "organisation": "297", "year": 2025, "value": "1300"}
    )
    assert ok.status_code == 201
    denied = client.post(
        "/api/knowledge/targets/", {"indicator": "births", "organisation": "140", "year": 2025, "value": "1"}
    )
    assert denied.status_code == 403
    from knowledge_mgmt.models import Target

    assert list(Target.objects.values_list("organisation__code", "value")) == [("297", Decimal("1300"))]
