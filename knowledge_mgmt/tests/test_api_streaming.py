"""Large answers of the data endpoint (issue 17 point 2): streamed above a number of rows, the same
rows and text as the answer built whole and as its pages, never a restricted indicator's row or an
unsuppressed small number for anonymous readers; and on PostgreSQL the database path of
knowledge_mgmt/api/rows.py gives what ``knowledge_mgmt.outputs`` gives for the same rows."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.db import connection

from conftest import client_for
from knowledge_mgmt.api import rows as answer_rows
from knowledge_mgmt.api.views import MAX_LIMIT, MAX_STREAMED_LIMIT
from knowledge_mgmt.choices import Sex, ValueStatus
from knowledge_mgmt.models import IndicatorValue
from knowledge_mgmt.selectors import build_data_query
from knowledge_mgmt.tests.conftest import make_indicator, put

pytestmark = pytest.mark.django_db
URL = "/api/knowledge/data/"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def data(reference_data):
    births = make_indicator("births")
    rate = make_indicator("sick-rate", value_type="percent", decimals=1)
    secret = make_indicator("secret", public=False)
    for year in range(2015, 2023):
        for org in ("140", "297", "686"):
            put(births, org, year, 1000 + year, absolute=1000 + year)
            put(births, org, year, 2, absolute=2, sex=Sex.MALE)  # small: suppressed publicly
            put(rate, org, year, "12.25", absolute=4 if org == "686" else 1500, status=ValueStatus.PROVISIONAL)
            put(secret, org, year, 42)
    return births, rate, secret


@pytest.fixture
def small_chunks(settings, monkeypatch):
    """Stream every answer above 5 rows, 4 rows a chunk: many chunks from a few rows."""
    settings.KNOWLEDGE_DATA_STREAM_ROWS = 5
    monkeypatch.setattr(answer_rows, "CHUNK_ROWS", 4)


@pytest.mark.parametrize("fmt", ["json", "csv", "csv-fi"])
def test_streamed_answer_equals_the_answer_built_whole(api_client, decision_maker, data, settings, fmt):
    for client in (api_client, client_for(decision_maker)):
        whole = client.get(URL, {"format": fmt})
        assert not whole.streaming
        settings.KNOWLEDGE_DATA_STREAM_ROWS = 5
        streamed = client.get(URL, {"format": fmt})
        settings.KNOWLEDGE_DATA_STREAM_ROWS = 20_000
        assert streamed.streaming and streamed.status_code == 200
        assert body(streamed) == whole.content
        assert streamed["ETag"] == whole["ETag"] and streamed["Content-Type"] == whole["Content-Type"]


def test_streamed_pages_add_up_to_the_whole_answer(decision_maker, data, small_chunks):
    client = client_for(decision_maker)
    whole = json.loads(body(client.get(URL)))
    assert whole["count"] == 8 * 3 * 4 and len(whole["results"]) == whole["count"]
    pages, url = [], f"{URL}?limit=17"
    while url:
        page = json.loads(body(client.get(url)))
        assert page["count"] == whole["count"]
        pages.extend(page["results"])
        url = page["next"]
    assert pages == whole["results"]
    ordered = [(r["indicator"], r["organisation"], r["year"], r["sex"]) for r in whole["results"]]
    assert ordered == sorted(ordered)


def test_anonymous_streamed_answers_hold_no_restricted_rows_and_no_small_numbers(api_client, data, small_chunks):
    response = api_client.get(URL, {"limit": MAX_STREAMED_LIMIT})
    assert response.streaming
    results = json.loads(body(response))["results"]
    assert len(results) == 8 * 3 * 3
    assert {r["indicator"] for r in results} == {"births", "sick-rate"}
    small = [r for r in results if r["sex"] == "male" or (r["indicator"] == "sick-rate" and r["organisation"] == "686")]
    assert len(small) == 8 * 3 + 8 and all(r["suppressed"] and r["value"] is None for r in small)
    assert all(r["absolute_value"] is None for r in small)
    table = list(csv.reader(io.StringIO(body(api_client.get(URL, {"format": "csv"})).decode("utf-8-sig"))))
    assert len(table) == 1 + 8 * 3 * 3 and "secret" not in {row[0] for row in table[1:]}
    assert {row[7] for row in table[1:] if row[5] == "male"} == {""}
    assert api_client.get(URL, {"indicator": "secret", "limit": MAX_STREAMED_LIMIT}).status_code == 401


def test_streamed_csv_still_neutralises_formula_injection(decision_maker, reference_data, small_chunks):
    indicator = make_indicator("inj")
    for year in range(2015, 2025):
        put(indicator, "297", year, 5, breakdown="=cmd|' /C calc'!A0")
    response = client_for(decision_maker).get(URL, {"format": "csv"})
    assert response.streaming
    table = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert len(table) == 11 and {row[6] for row in table[1:]} == {"'=cmd|' /C calc'!A0"}


def test_limits_above_the_old_maximum_only_for_streamed_formats(api_client, data):
    assert api_client.get(URL, {"limit": MAX_LIMIT + 1}).status_code == 200
    assert api_client.get(URL, {"limit": MAX_STREAMED_LIMIT, "format": "csv"}).status_code == 200
    assert api_client.get(URL, {"limit": MAX_STREAMED_LIMIT + 1}).status_code == 400
    refused = api_client.get(URL, {"limit": MAX_LIMIT + 1, "format": "jsonstat"})
    assert refused.status_code == 400 and str(MAX_LIMIT) in refused.json()["detail"]


# --- the database path against outputs.py (PostgreSQL only) ---------------------------------------


@pytest.fixture
def awkward(reference_data):
    """Values whose text is easy to get wrong: quoting, formula prefixes, tiny and long numbers,
    negative ones, quarters and months, timestamps with and without microseconds."""
    indicator = make_indicator("awkward", value_type="percent", decimals=6)
    count = make_indicator("counts")
    cells = [
        ("297", 2021, {"breakdown": 'a,b;"c"\nd', "value": "0.00001"}),
        ("297", 2021, {"breakdown": "-12", "value": "-3.5"}),
        ("297", 2021, {"breakdown": "+x", "value": "12345678901234.123456"}),
        ("297", 2021, {"breakdown": "@sum", "value": "0", "absolute": "0"}),
        ("297", 2022, {"quarter": 3, "value": "1.10", "absolute": "3"}),
        ("297", 2022, {"month": 7, "value": "100"}),
        ("140", 2020, {"breakdown": "ääkköset", "value": "7.25", "status": ValueStatus.PROVISIONAL}),
    ]
    for org, year, spec in cells:
        spec = dict(spec)
        put(indicator, org, year, spec.pop("value"), absolute=spec.pop("absolute", None), **spec)
    put(count, "297", 2021, 4)  # a count of 4 without an absolute value: suppressed publicly
    put(count, "140", 2021, 40)
    IndicatorValue.objects.filter(indicator=indicator, year=2022).update(
        updated_at=datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    )
    IndicatorValue.objects.filter(indicator=count).update(updated_at=datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database path runs on PostgreSQL")
@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("stream", [False, True])
def test_database_path_gives_what_outputs_gives(awkward, decision_maker, signed_in, stream, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    monkeypatch.setattr(answer_rows, "CHUNK_ROWS", 3)
    query = build_data_query({}, decision_maker if signed_in else AnonymousUser())
    kwargs = {"offset": 0, "limit": 1000, "stream": stream}
    for semicolon in (False, True):
        python = "".join(answer_rows.csv_chunks(query, semicolon=semicolon, database=False, **kwargs))
        database = "".join(answer_rows.csv_chunks(query, semicolon=semicolon, database=True, **kwargs))
        assert database == python
        assert len(list(csv.reader(io.StringIO(database.lstrip("\ufeff")), delimiter=";" if semicolon else ","))) == 10
    head = {"count": 9, "next": None, "published": None}
    python = "".join(answer_rows.json_chunks(query, head, database=False, **kwargs))
    database = "".join(answer_rows.json_chunks(query, head, database=True, **kwargs))
    assert json.loads(database) == json.loads(python)
    assert len(json.loads(database)["results"]) == 9
    suppressed = [r for r in json.loads(database)["results"] if r["suppressed"]]
    assert len(suppressed) == (0 if signed_in else 2)

    def jsonstat(database: bool) -> dict:
        return json.loads(
            answer_rows.jsonstat_text(
                query,
                labels_for=lambda pairs: {"indicator": {p["indicator"]: p["indicator"].upper() for p in pairs}},
                updated=None,
                lang="fi",
                offset=0,
                limit=1000,
                database=database,
            )
        )

    assert jsonstat(True) == jsonstat(False)


@pytest.mark.parametrize("fixture", ["data", "awkward"])
def test_jsonstat_text_is_outputs_jsonstat(request, fixture, decision_maker):
    from django.contrib.auth.models import AnonymousUser

    from knowledge_mgmt import outputs
    from knowledge_mgmt.selectors import tuple_to_row

    request.getfixturevalue(fixture)
    updated = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    for user in (AnonymousUser(), decision_maker):
        query = build_data_query({}, user)

        def labels(pairs):
            return {"indicator": {p["indicator"]: p["indicator"].upper() for p in pairs}, "_title": "T"}

        rows = [tuple_to_row(t) for t in query.tuples()]
        expected = outputs.jsonstat(rows, labels=labels(rows), updated=updated, lang="fi")
        text = answer_rows.jsonstat_text(query, labels_for=labels, updated=updated, lang="fi", offset=0, limit=1000)
        assert json.loads(text) == json.loads(outputs.dumps(expected))
