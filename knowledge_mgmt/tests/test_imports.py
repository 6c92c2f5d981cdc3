from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from knowledge_mgmt.choices import ValueSource, ValueType
from knowledge_mgmt.models import Indicator, IndicatorValue, SotkanetRegion
from knowledge_mgmt.services import start_import
from portal.choices import JobStatus

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture
def run(django_capture_on_commit_callbacks, staff_user):
    def _run(name, *, content=None, publish=True, **kwargs):
        """Import (a draft) and, as the reviewing staff member, publish it (issue 10)."""
        content = content if content is not None else (DATA / name).read_bytes()
        with django_capture_on_commit_callbacks(execute=True):
            job = start_import(actor=staff_user, filename=name, content=content, **kwargs)
        job.refresh_from_db()
        if publish and job.status == JobStatus.SUCCEEDED:
            job = publish_draft_of(job, staff_user, django_capture_on_commit_callbacks)
        return job

    return _run


def publish_draft_of(job, actor, capture):
    from knowledge_mgmt.publication import publish_import

    with capture(execute=True):
        published = publish_import(job.import_draft, actor=actor)
    published.refresh_from_db()
    return published


def cells(indicator_code):
    return list(
        IndicatorValue.objects.filter(indicator__code=indicator_code)
        .order_by("organisation__code", "year", "sex")
        .values_list("organisation__code", "year", "sex", "value", "absolute_value", "source_kind")
    )


def test_sotkanet_metadata_regions_and_json_rows(run):
    meta = run("sotkanet_indicator_186.json")
    assert meta.status == JobStatus.SUCCEEDED, meta.error
    indicator = Indicator.objects.get(sotkanet_id=186)
    assert (indicator.code, indicator.value_type, indicator.decimals, indicator.first_year, indicator.last_year) == (
        "sotkanet-186", ValueType.PER_100000, 1, 1990, 2023
    )  # fmt: skip
    assert indicator.title_sv == "Dödlighet / 100 000 invånare"
    assert str(indicator.source_data_updated) == "2024-05-14"
    assert indicator.source == "Sotkanet / Terveyden ja hyvinvoinnin laitos (THL)"
    regions = run("sotkanet_regions.json")
    assert regions.status == JobStatus.SUCCEEDED, regions.error
    assert SotkanetRegion.objects.count() == 4
    data = run("sotkanet_186.json")
    assert data.status == JobStatus.SUCCEEDED, data.error
    assert cells("sotkanet-186") == [
        ("140", 2022, "total", Decimal("1398.100000"), Decimal("293.000000"), ValueSource.IMPORT),
        ("297", 2022, "male", Decimal("1090.200000"), Decimal("641.000000"), ValueSource.IMPORT),
        ("297", 2022, "total", Decimal("1032.400000"), Decimal("1247.000000"), ValueSource.IMPORT),
        ("pshva", 2023, "total", Decimal("1251.700000"), Decimal("3115.000000"), ValueSource.IMPORT),
    ]
    assert data.output_ref["created"] == 4
    value = IndicatorValue.objects.get(indicator=indicator, organisation__code="297", sex="total")
    assert (value.job_id, value.source_file) == (data.pk, "sotkanet_186.json")


def test_sotkanet_csv_and_reimport_changes_nothing(run):
    run("sotkanet_indicator_186.json")
    run("sotkanet_regions.json")
    first = run("sotkanet_186.csv")
    assert first.status == JobStatus.SUCCEEDED, first.error
    before = list(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "updated_at", "job_id"))
    assert [(v[1]) for v in before] == [Decimal("1032.4"), Decimal("1398.1"), Decimal("1251.7")]
    second = run("sotkanet_186.csv")
    assert second.status == JobStatus.SUCCEEDED
    assert (second.output_ref["created"], second.output_ref["updated"], second.output_ref["unchanged"]) == (0, 0, 3)
    after = list(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "updated_at", "job_id"))
    assert after == before


def test_unmappable_region_fails_naming_the_row_and_stores_nothing(run):
    run("sotkanet_indicator_186.json")
    run("sotkanet_regions.json")
    job = run("sotkanet_186_unknown_region.csv")
    assert job.status == JobStatus.FAILED
    assert job.error == (
        "sotkanet_186_unknown_region.csv line 3: Sotkanet region id '123456' cannot be mapped to an organisation"
    )
    assert IndicatorValue.objects.count() == 0


def test_region_of_another_county_is_an_error_unless_skipped(run):
    rows = b'[{"indicator": 186, "region": 9003, "year": 2022, "gender": "total", "value": 1.0, "absValue": 7}]'
    run("sotkanet_indicator_186.json")
    run("sotkanet_regions.json")
    strict = run("helsinki.json", content=rows, fmt="sotkanet-json")
    lenient = run("helsinki.json", content=rows + b" ", fmt="sotkanet-json", skip_outside=True)
    assert strict.status == JobStatus.FAILED
    assert "row 1: Sotkanet region id 9003 cannot be mapped" in strict.error
    assert lenient.status == JobStatus.FAILED  # nothing left to import
    assert "has no data rows" in lenient.error


def test_template_csv_then_bad_file_lists_every_row(run, count_indicator):
    ok = run("template_ok.csv")
    assert ok.status == JobStatus.SUCCEEDED, ok.error
    assert [c[:4] for c in cells("test-count")] == [
        ("140", 2021, "total", Decimal("310")),
        ("297", 2021, "total", Decimal("1200")),
        ("297", 2022, "female", Decimal("610")),
    ]
    assert IndicatorValue.objects.get(organisation__code="140").status == "provisional"
    bad = run("template_bad.csv")
    assert bad.status == JobStatus.FAILED
    assert bad.error.split("; ") == [
        "template_bad.csv line 3: unknown indicator code 'nope'",
        "template_bad.csv line 4: unknown organisation code '999'",
        "template_bad.csv line 5: year 1999 is outside the range 2015–2030 of indicator test-count",
        "template_bad.csv line 6: value 'lots' is not a number",
        "template_bad.csv line 7: duplicates template_bad.csv line 2",
    ]
    assert len(cells("test-count")) == 3


def test_template_xlsx(run, count_indicator):
    import io

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "organisation", "year", "value", "absolute_value"])
    sheet.append(["test-count", "297", 2023, 17, 17])
    sheet.append(["test-count", "749", 2023, 4.5, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = run("values.xlsx", content=buffer.getvalue())
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert [c[:5] for c in cells("test-count")] == [
        ("297", 2023, "total", Decimal("17"), Decimal("17")),
        ("749", 2023, "total", Decimal("4.5"), None),
    ]


def test_data_before_metadata_names_the_row(run):
    job = run("sotkanet_186.json")
    assert job.status == JobStatus.FAILED
    assert job.error.startswith(
        "sotkanet_186.json row 1: Sotkanet indicator 186 has no indicator here (import its metadata first)"
    )
    assert IndicatorValue.objects.count() == 0


def test_index_type_is_imported_and_metadata_without_range_is_rejected(run):
    """Issue 10: a value type never refuses a file (INDEX is imported); a missing range still does."""
    meta = b'{"id": 5, "title": {"fi": "Indeksi"}, "primaryValueType": {"code": "INDEX"}, "range": {"start": 2000, "end": 2020}}'
    job = run("indicator_5.json", content=meta)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert Indicator.objects.get(sotkanet_id=5).value_type == ValueType.INDEX
    bad = b'{"id": 6, "title": {"fi": "Ilman vuosia"}, "primaryValueType": {"code": "PROS"}}'
    job = run("indicator_6.json", content=bad)
    assert job.status == JobStatus.FAILED
    assert job.error == "indicator 1 (id 6): range start/end missing"
    assert not Indicator.objects.filter(sotkanet_id=6).exists()


def test_template_downloads_read_back(client, staff_user):
    from django.urls import reverse

    from knowledge_mgmt.imports import TEMPLATE_COLUMNS, read_template_csv

    response = client.get(reverse("knowledge_mgmt:import-template", args=["csv"]))
    rows = read_template_csv(response.content, "template.csv")
    assert response.content.decode("utf-8-sig").splitlines()[0] == ";".join(TEMPLATE_COLUMNS)
    assert (rows[0].indicator, rows[0].organisation, rows[0].value) == ("example-indicator", "297", "12.5")
    assert client.get(reverse("knowledge_mgmt:import-template", args=["xlsx"])).status_code == 200


def test_an_import_is_a_draft_invisible_to_decision_makers_and_the_api_until_published(
    run, staff_user, decision_maker, django_capture_on_commit_callbacks
):
    from conftest import client_for

    run("sotkanet_indicator_186.json")
    run("sotkanet_regions.json")
    draft_job = run("sotkanet_186.json", publish=False)
    assert draft_job.status == JobStatus.SUCCEEDED, draft_job.error
    assert draft_job.import_draft.status == "draft"
    counts = draft_job.output_ref["per_indicator"]["sotkanet-186"]
    assert counts["created"] > 0 and counts["updated"] == 0
    assert not IndicatorValue.objects.filter(indicator__code="sotkanet-186").exists()
    api = client_for(decision_maker)
    assert api.get("/api/knowledge/data/", {"indicator": "sotkanet-186"}).json()["count"] == 0
    # The decision-maker cannot publish (nor see) the draft; nothing changes.
    from django.test import Client

    page = Client()
    page.force_login(decision_maker)
    assert page.post(f"/fi/knowledge-mgmt/import/drafts/{draft_job.import_draft.pk}/publish/").status_code == 404
    assert not IndicatorValue.objects.filter(indicator__code="sotkanet-186").exists()
    published = publish_draft_of(draft_job, staff_user, django_capture_on_commit_callbacks)
    assert published.status == JobStatus.SUCCEEDED, published.error
    draft_job.import_draft.refresh_from_db()
    assert draft_job.import_draft.status == "published"
    stored = IndicatorValue.objects.filter(indicator__code="sotkanet-186").count()
    assert stored == counts["created"]
    assert api.get("/api/knowledge/data/", {"indicator": "sotkanet-186"}).json()["count"] >= stored
    # The API says when the data it shows was published, in every format.
    published_at = max(IndicatorValue.objects.values_list("updated_at", flat=True)).isoformat()
    body = api.get("/api/knowledge/data/", {"indicator": "sotkanet-186"})
    assert (body.json()["published"], body["X-Data-Published"]) == (published_at, published_at)
    for fmt in ("csv", "csv-fi", "jsonstat"):
        response = api.get("/api/knowledge/data/", {"indicator": "sotkanet-186", "format": fmt})
        assert response["X-Data-Published"] == published_at, fmt


def test_real_sotkanet_value_types_unknown_ones_as_other_and_html_descriptions_as_text(run, staff_user):
    job = run("sotkanet_indicators_real_types.json")
    assert job.status == JobStatus.SUCCEEDED, job.error
    types = dict(Indicator.objects.filter(sotkanet_id__isnull=False).values_list("code", "value_type"))
    assert types == {"sotkanet-5051": "percent", "sotkanet-3336": "per_10000", "sotkanet-9999001": "other"}
    future = Indicator.objects.get(sotkanet_id=9999001)
    assert future.source_value_type == "MEDIAANI2030"
    assert any("MEDIAANI2030" in m["text"] and "'other'" in m["text"] for m in job.messages)
    assert job.output_ref["per_indicator"] == {
        "sotkanet-3336": {"created": 1, "updated": 0, "unchanged": 0, "skipped": 0},
        "sotkanet-5051": {"created": 1, "updated": 0, "unchanged": 0, "skipped": 0},
        "sotkanet-9999001": {"created": 1, "updated": 0, "unchanged": 0, "skipped": 0},
    }
    indicator = Indicator.objects.get(sotkanet_id=5051)
    assert indicator.description_fi == (
        "Indikaattori ilmaisee kotona asuvien 75 vuotta täyttäneiden osuuden prosentteina.\n"
        'Kotona asuviksi lasketaan myös "tavallisessa" asunnossa asuvat.\n'
        "Lähde: THL."
    )
    assert indicator.description_en == "The indicator shows the proportion living at home."
    again = run("sotkanet_indicators_real_types.json")
    assert again.output_ref["per_indicator"]["sotkanet-5051"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 1,
        "skipped": 0,
    }


def test_sotkanet_api_json_and_csv_in_their_documented_form_with_skipped_rows_per_indicator(run):
    """The data endpoint's JSON (/rest/1.1/json: indicator, region, year, gender, value, absValue; a
    row with primaryValue instead of value as some API versions send) and its CSV export
    (/rest/1.1/csv: `;`, Finnish headers indikaattori;vuosi;alue;sukupuoli;arvo;absoluuttinen arvo,
    decimal comma) import to the same values; the Helsinki row (another county) is skipped and
    reported for its indicator with the reason."""
    run("sotkanet_indicators_real_types.json")
    run("sotkanet_regions.json")
    from_json = run("sotkanet_5051_data.json", skip_outside=True)
    assert from_json.status == JobStatus.SUCCEEDED, from_json.error
    assert cells("sotkanet-5051") == [
        ("140", 2022, "total", Decimal("91.100000"), Decimal("2190.000000"), ValueSource.IMPORT),
        ("297", 2022, "total", Decimal("92.300000"), Decimal("9512.000000"), ValueSource.IMPORT),
        ("297", 2023, "male", Decimal("93.800000"), Decimal("3904.000000"), ValueSource.IMPORT),
    ]
    assert from_json.output_ref["per_indicator"] == {
        "sotkanet-5051": {"created": 3, "updated": 0, "unchanged": 0, "skipped": 1}
    }
    assert from_json.output_ref["skipped_reasons"] == {
        "sotkanet-5051": {"region 9003 (KUNTA 91) is outside the portal": 1}
    }
    assert "sotkanet-5051: rows skipped (1): region 9003 (KUNTA 91) is outside the portal." in [
        m["text"] for m in from_json.messages
    ]
    from_csv = run("sotkanet_5051.csv", skip_outside=True)
    assert from_csv.status == JobStatus.SUCCEEDED, from_csv.error
    assert from_csv.output_ref["format"] == "sotkanet-csv"
    assert from_csv.output_ref["per_indicator"] == {
        "sotkanet-5051": {"created": 0, "updated": 0, "unchanged": 3, "skipped": 1}
    }
    strict = run("sotkanet_5051.csv", content=(DATA / "sotkanet_5051.csv").read_bytes() + b"\r\n")
    assert strict.status == JobStatus.FAILED
    assert "sotkanet_5051.csv line 4: Sotkanet region id '9003' cannot be mapped" in strict.error
