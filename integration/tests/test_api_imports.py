"""API parity with the UI: code-list import, mapping export/import and the coverage view."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from conftest import client_for
from integration import services
from integration.models import AccountMapping, Code, CodeList, CodeListVersion, CostCentreMapping, MappingVersion
from portal.models import Job

CODE_LIST_URL = "/api/integration/code-lists/import/"
MAPPING_IMPORT_URL = "/api/integration/mapping-versions/import/"
COVERAGE_URL = "/api/integration/coverage/"
GOOD_CODES = b"code;name_fi;name_sv;level;parent\nA;Aa;Aa sv;1;\nB;Bb;;2;A\n"
BAD_CODES = b"code;name_fi;parent\nA;Aa;\nA;;\nB;Bb;Z\n"
BAD_CODES_ERRORS = [
    "Row 3: duplicate code A (first on row 2).",
    "Row 3: the Finnish name (name_fi) is missing.",
    "Row 4: unknown parent Z (not a code of this file).",
]
MAPPING_HEADER = b"rule;cost_centre;service_class;client_group;production_mode;account_from;account_to;cost_type\n"
BAD_MAPPING = MAPPING_HEADER + b"cost_centre;1;9999;ikaantyneet;oma;;;\naccount;;;;;5000;4000;avustukset\nfoo;;;;;;;\n"
BAD_MAPPING_ERRORS = [
    "Row 2: unknown service class code 9999.",
    "Row 3: the range ends before it starts.",
    'Row 4: the rule must be "cost_centre" or "account"; found "foo".',
]
COVERAGE_LEDGER = b"kp;tili;summa\n1010;4000;1 000,10\n9990;4000;5,00\n9990;4300;2,50\n2010;5000;-7,25\n"


def english(user):
    client = client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def post_codes(client, data: bytes, name: str = "c.csv", **fields):
    """The import answers 202 with its job; the job runs when the request's transaction commits."""
    payload = {"code_list": "asiakasryhmat", "file": SimpleUploadedFile(name, data), **fields}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(CODE_LIST_URL, payload, format="multipart")


def post_mapping(client, data: bytes, organisation: str = "297", name: str = "m.csv"):
    payload = {"organisation": organisation, "file": SimpleUploadedFile(name, data)}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(MAPPING_IMPORT_URL, payload, format="multipart")


def job_of(response) -> Job:
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["id"])
    assert response["Location"] == f"http://testserver/api/portal/jobs/{job.pk}/"
    return job


def version_numbers(code: str = "asiakasryhmat") -> list[tuple[int, str]]:
    return list(CodeListVersion.objects.filter(code_list__code=code).order_by("number").values_list("number", "status"))


def rules(version: MappingVersion) -> tuple[list[tuple], list[tuple]]:
    centres = list(
        version.cost_centres.order_by("cost_centre").values_list(
            "cost_centre", "service_class_code", "client_group_code", "production_mode_code"
        )
    )
    accounts = list(
        version.accounts.order_by("account_from").values_list("account_from", "account_to", "cost_type_code")
    )
    return centres, accounts


# --- code-list import ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_code_list_import_creates_the_active_version(code_lists, staff_user):
    assert version_numbers() == [(1, "active")]
    response = post_codes(english(staff_user), GOOD_CODES, source="THL 2024", valid_from_year=2024, valid_to_year=2025)
    job = job_of(response)
    assert (job.kind, job.status) == ("code_list_import", "succeeded")
    assert job.output_ref == {"code_list": "asiakasryhmat", "version": 2, "created": 2}
    version = CodeListVersion.objects.get(code_list__code="asiakasryhmat", number=2)
    assert (version.status, version.valid_from_year, version.valid_to_year, version.source) == (
        "active",
        2024,
        2025,
        "THL 2024",
    )
    assert version_numbers() == [(1, "retired"), (2, "active")]
    codes = client_for(staff_user).get("/api/integration/codes/?code_list=asiakasryhmat&version=2").json()["results"]
    assert [(c["code"], c["name_sv"], c["level"], c["parent"]) for c in codes] == [
        ("A", "Aa sv", 1, None),
        ("B", "", 2, "A"),
    ]


@pytest.mark.django_db
def test_code_list_import_from_xlsx_as_draft_keeps_the_active_version(code_lists, admin_user):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "name_fi", "name_en"])
    sheet.append(["X1", "Ensimmäinen", "First"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = post_codes(english(admin_user), buffer.getvalue(), name="c.xlsx", draft="true")
    assert job_of(response).status == "succeeded"
    version = CodeListVersion.objects.get(code_list__code="asiakasryhmat", number=2)
    assert (version.status, version.source) == ("draft", "c.xlsx")
    assert version_numbers() == [(1, "active"), (2, "draft")]
    assert list(
        Code.objects.filter(version__number=2, version__code_list__code="asiakasryhmat").values_list("code", "name_en")
    ) == [("X1", "First")]


@pytest.mark.django_db
def test_code_list_import_refuses_bad_rows_with_row_numbers_and_stores_nothing(code_lists, staff_user):
    codes_before = Code.objects.count()
    response = post_codes(english(staff_user), BAD_CODES)
    job = job_of(response)
    assert job.status == "failed"
    assert job.error.splitlines() == ["Nothing was imported.", *BAD_CODES_ERRORS]
    assert version_numbers() == [(1, "active")]
    assert Code.objects.count() == codes_before
    response = post_codes(english(staff_user), GOOD_CODES, valid_from_year=2026, valid_to_year=2025)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Nothing was imported.",
        "errors": ["The first valid year 2026 is after the last valid year 2025."],
    }
    response = english(staff_user).post(
        CODE_LIST_URL, {"code_list": "nope", "file": SimpleUploadedFile("c.csv", GOOD_CODES)}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json() == {"code_list": ["Unknown code list nope."]}
    assert version_numbers() == [(1, "active")]


@pytest.mark.django_db
def test_code_list_import_in_finnish_and_swedish(code_lists, staff_user):
    client = client_for(staff_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fi"
    assert job_of(post_codes(client, BAD_CODES)).error.splitlines()[0] == "Mitään ei tuotu."
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "sv"
    assert job_of(post_codes(client, BAD_CODES)).error.splitlines()[0] == "Ingenting importerades."


@pytest.mark.django_db
def test_only_programme_staff_and_administrators_import_code_lists(
    code_lists, api_client, steward_a, decision_maker, expert
):
    codes_before = Code.objects.count()
    assert post_codes(api_client, GOOD_CODES).status_code in (401, 403)
    for user in (steward_a, decision_maker, expert):
        response = post_codes(english(user), GOOD_CODES)
        assert response.status_code == 403, user
        assert response.json() == {"detail": "Only programme staff and administrators import code lists."}
    assert version_numbers() == [(1, "active")]
    assert Code.objects.count() == codes_before
    assert CodeList.objects.get(code="asiakasryhmat").current_version().number == 1


# --- mapping export and import ---------------------------------------------------------------------


@pytest.mark.django_db
def test_mapping_export_csv_and_xlsx_neutralise_formulas(kuopio, steward_b, api_client):
    version = MappingVersion.objects.get(organisation=kuopio)
    CostCentreMapping.objects.filter(version=version, cost_centre="1010").update(cost_centre="=HYPERLINK(1)")
    url = f"/api/integration/mapping-versions/{version.pk}/export/"
    client = client_for(steward_b)  # every signed-in user reads mappings, as in the UI
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mapping-297-v1.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(services.MAPPING_COLUMNS)
    assert "cost_centre,'=HYPERLINK(1),2180,lapset-perheet,oma,,," in lines
    assert "account,,,,,4300,4399,palvelujen-ostot" in lines
    assert len(lines) == 1 + 6 + 8
    assert client.get(url, {"format": "csv"}).content == response.content
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"] == 'attachment; filename="mapping-297-v1.xlsx"'
    values = [row[1] for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)]
    assert "'=HYPERLINK(1)" in values
    assert "=HYPERLINK(1)" not in values
    assert client.get(url, {"format": "pdf"}).status_code == 404
    assert api_client.get(url).status_code == 404


@pytest.mark.django_db
def test_mapping_import_round_trip_makes_a_new_version_and_leaves_the_frozen_one(kuopio, steward_a):
    v1 = MappingVersion.objects.get(organisation=kuopio)
    MappingVersion.objects.filter(pk=v1.pk).update(frozen_at=timezone.now())
    before = rules(v1)
    client = english(steward_a)
    exported = client.get(f"/api/integration/mapping-versions/{v1.pk}/export/").content
    edited = exported.replace(b"cost_centre,1020,2180,lapset-perheet,osto", b"cost_centre,1020,2201,ikaantyneet,osto")
    assert edited != exported
    response = post_mapping(client, edited)
    job = job_of(response)
    v2 = MappingVersion.objects.get(organisation=kuopio, number=2)
    assert (job.kind, job.status, job.output_ref) == (
        "mapping_import",
        "succeeded",
        {"mapping_version": 2, "mapping_version_id": v2.pk},
    )
    assert (v2.is_frozen, v2.note) == (False, "Imported from m.csv")
    assert rules(v1) == before  # the frozen version is never modified
    centres, accounts = rules(v2)
    assert ("1020", "2201", "ikaantyneet", "osto") in centres
    assert len(centres) == 6
    assert accounts == before[1]
    xlsx = client.get(f"/api/integration/mapping-versions/{v2.pk}/export/", {"format": "xlsx"}).content
    response = post_mapping(client, xlsx, name="m.xlsx")
    assert job_of(response).status == "succeeded"
    assert rules(MappingVersion.objects.get(organisation=kuopio, number=3)) == rules(v2)


@pytest.mark.django_db
def test_mapping_import_refuses_bad_rows_with_row_numbers_and_creates_nothing(kuopio, steward_a, settings):
    client = english(steward_a)
    response = post_mapping(client, BAD_MAPPING)
    job = job_of(response)
    assert (job.status, job.error.splitlines()) == ("failed", BAD_MAPPING_ERRORS)
    response = post_mapping(client, b"a;b\n1;2\n")
    assert job_of(response).error.splitlines() == [
        "The header must have the columns: rule, cost_centre, service_class, client_group, production_mode, "
        "account_from, account_to, cost_type."
    ]
    response = post_mapping(client, BAD_MAPPING, organisation="nope")
    assert response.status_code == 400
    assert response.json() == {"organisation": ["Unknown organisation."]}
    settings.PORTAL_MAX_UPLOAD_BYTES = 10
    response = post_mapping(client, BAD_MAPPING)
    assert response.status_code == 400
    assert response.json() == {"detail": "Nothing was imported.", "errors": ["The file is too large."]}
    assert list(MappingVersion.objects.filter(organisation=kuopio).values_list("number", flat=True)) == [1]


@pytest.mark.django_db
def test_mapping_import_for_another_organisation_is_refused(
    kuopio, iisalmi, steward_b, decision_maker, staff_user, api_client
):
    v1 = MappingVersion.objects.get(organisation=kuopio)
    exported = client_for(steward_b).get(f"/api/integration/mapping-versions/{v1.pk}/export/").content
    counts = (CostCentreMapping.objects.count(), AccountMapping.objects.count())
    for user in (steward_b, decision_maker, staff_user):
        response = post_mapping(english(user), exported)
        assert response.status_code == 403, user
        assert response.json() == {"detail": "You are not a data steward of 297."}
    assert post_mapping(api_client, exported).status_code in (401, 403)
    assert list(MappingVersion.objects.filter(organisation=kuopio).values_list("number", flat=True)) == [1]
    assert (CostCentreMapping.objects.count(), AccountMapping.objects.count()) == counts
    # ... while the steward of Iisalmi imports for Iisalmi
    assert job_of(post_mapping(english(steward_b), exported, organisation="140")).status == "succeeded"


# --- coverage --------------------------------------------------------------------------------------


def upload(organisation, data: bytes = COVERAGE_LEDGER, year: int = 2020):
    with TestCase.captureOnCommitCallbacks(execute=False):  # the file is enough; the job need not run
        return services.upload_ledger_bytes(
            data=data, filename="l.csv", organisation=organisation, year=year, actor=None
        )


@pytest.mark.django_db
def test_coverage_lists_unmapped_cost_centres_and_accounts_with_euros(
    kuopio, steward_a, staff_user, django_assert_max_num_queries
):
    outcome = upload(kuopio)
    with django_assert_max_num_queries(12):
        response = english(steward_a).get(COVERAGE_URL, {"organisation": "297"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["upload"]["id"] == outcome.upload.pk
    assert {k: body[k] for k in ("organisation", "year", "mapping_version", "detail", "rows_read")} == {
        "organisation": "297",
        "year": None,
        "mapping_version": 1,
        "detail": "",
        "rows_read": 4,
    }
    assert (body["input_euros"], body["unallocated_euros"]) == ("1000.35", "0.25")
    assert body["cost_centres"] == [{"cost_centre": "9990", "rows": 2, "first_row": 3, "euros": "7.50"}]
    assert body["accounts"] == [{"account": "5000", "rows": 1, "first_row": 5, "euros": "-7.25"}]
    assert client_for(staff_user).get(COVERAGE_URL, {"organisation": "297"}).json() == body


@pytest.mark.django_db
def test_coverage_year_chooses_that_years_latest_upload(kuopio, admin_user):
    upload(kuopio, year=2020)
    later = upload(kuopio, data=COVERAGE_LEDGER.replace(b"9990;4300", b"1010;4300"), year=2021)
    client = english(admin_user)
    body = client.get(COVERAGE_URL, {"organisation": "297", "year": 2020}).json()
    assert body["cost_centres"] == [{"cost_centre": "9990", "rows": 2, "first_row": 3, "euros": "7.50"}]
    body = client.get(COVERAGE_URL, {"organisation": "297"}).json()
    assert body["upload"]["id"] == later.upload.pk
    assert body["cost_centres"] == [{"cost_centre": "9990", "rows": 1, "first_row": 3, "euros": "5.00"}]
    body = client.get(COVERAGE_URL, {"organisation": "297", "year": 2019}).json()
    assert (body["upload"], body["detail"], body["cost_centres"]) == (
        None,
        "No upload to check the mapping against.",
        [],
    )
    body = client.get(COVERAGE_URL, {"organisation": "140"}).json()
    assert (body["mapping_version"], body["detail"]) == (None, "The organisation has no mapping yet.")


@pytest.mark.django_db
def test_coverage_is_for_the_organisations_stewards_and_programme_staff(
    kuopio, steward_b, decision_maker, api_client, admin_user
):
    upload(kuopio)
    for user in (steward_b, decision_maker):
        response = english(user).get(COVERAGE_URL, {"organisation": "297"})
        assert response.status_code == 403, user
        assert response.json() == {
            "detail": "The organisation's ledgers are for its data stewards and programme staff."
        }
    assert api_client.get(COVERAGE_URL, {"organisation": "297"}).status_code in (401, 403)
    client = english(admin_user)
    assert client.get(COVERAGE_URL, {"organisation": "nope"}).json() == {"organisation": ["Unknown organisation."]}
    response = client.get(COVERAGE_URL, {"year": "x"})
    assert response.status_code == 400
    assert response.json() == {
        "organisation": ["This field is required."],
        "year": ["A valid integer is required."],
    }


@pytest.mark.django_db
def test_coverage_reports_an_unreadable_upload(kuopio, steward_a):
    upload(kuopio, data=b"kp;tili;summa\n1010;4000;abc\n")
    body = english(steward_a).get(COVERAGE_URL, {"organisation": "297"}).json()
    assert (body["cost_centres"], body["accounts"], body["input_euros"]) == ([], [], None)
    assert body["detail"] == (
        'Row 2, column 3 "summa": a euro amount such as 1 234,56 or -12.50 was expected; found "abc".'
    )


@pytest.mark.django_db
def test_import_code_list_command_takes_the_valid_years(code_lists, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "c.csv"
    path.write_bytes(GOOD_CODES)
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_code_list", str(path), "--list", "asiakasryhmat", "--valid-from", "2026", "--valid-to", "2025"
        )
    assert str(caught.value) == ("Nothing was imported:\nThe first valid year 2026 is after the last valid year 2025.")
    assert version_numbers() == [(1, "active")]
    call_command(
        "import_code_list",
        str(path),
        "--list",
        "asiakasryhmat",
        "--valid-from",
        "2024",
        "--valid-to",
        "2025",
        stdout=io.StringIO(),
    )
    version = CodeListVersion.objects.get(code_list__code="asiakasryhmat", number=2)
    assert (version.status, version.valid_from_year, version.valid_to_year) == ("active", 2024, 2025)
