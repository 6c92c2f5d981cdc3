"""Measures 3.1, 3.5 and 3.6, the points of issue 15 that the other measure tests left open: the
classification and version forms (OID pattern, staff only), the flow map's date filter, every bad
figure of a file named by its row, bounded year parameters and the exact UNA figures in EUR."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import PASSWORD, client_for
from integration import demo_measures
from integration import services_measures as svc
from integration.models_measures import ClassificationVersion, DocumentationReport, NationalClassification
from portal.choices import JobStatus
from portal.models import ChangeLog
from portal.templatetags.portal_tags import cents_as_euros

BIG = "9" * 23


@pytest.fixture
def demo(reference_data):
    demo_measures.seed()


def login(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


# --- 3.5: classifications with their OID and versions ---------------------------------------------


def _classification_post(oid: str) -> dict:
    return {"code": "sostos", "oid": oid, "name_fi": "SosTOS", "sector": "social_welfare"}


def test_staff_adds_a_classification_and_the_form_refuses_an_oid_off_the_pattern(demo, staff_user):
    c = login(staff_user)
    assert (
        c.get(reverse("integration:classification-list"))
        .content.decode()
        .count(reverse("integration:classification-create"))
    )
    logs = ChangeLog.objects.count()
    for bad in ("1.2.246.999.1", "1.2.246.537", "1.2.246.537.6.x", "urn:oid:1.2.246.537.6.1"):
        response = c.post(reverse("integration:classification-create"), _classification_post(bad))
        assert response.status_code == 400, bad
        assert "is not a national OID" in response.content.decode()
    assert not NationalClassification.objects.filter(code="sostos").exists()
    assert ChangeLog.objects.count() == logs
    response = c.post(reverse("integration:classification-create"), _classification_post("1.2.246.537.6.1267"))
    assert response.status_code == 302
    created = NationalClassification.objects.get(code="sostos")
    assert response["Location"] == created.get_absolute_url()
    edit = c.post(
        reverse("integration:classification-edit", args=[created.pk]),
        {**_classification_post("1.2.246.537.6.1267"), "name_sv": "SosTOS (sv)"},
    )
    assert edit.status_code == 302
    created.refresh_from_db()
    assert created.name_sv == "SosTOS (sv)"


def test_staff_adds_a_version_with_its_validity(demo, staff_user):
    c = login(staff_user)
    spat = NationalClassification.objects.get(code="spat")
    url = reverse("integration:classification-version-create", args=[spat.pk])
    page = c.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["classification"] == spat.pk
    html = c.get(spat.get_absolute_url()).content.decode()
    assert url in html
    bad = c.post(
        url, {"classification": spat.pk, "version": "2025", "valid_from": "2025-01-01", "valid_to": "2024-12-31"}
    )
    assert bad.status_code == 400
    assert not ClassificationVersion.objects.filter(classification=spat, version="2025").exists()
    ok = c.post(url, {"classification": spat.pk, "version": "2025", "valid_from": "2025-01-01", "valid_to": ""})
    assert ok.status_code == 302
    assert ok["Location"] == spat.get_absolute_url()
    version = ClassificationVersion.objects.get(classification=spat, version="2025")
    edit_url = reverse("integration:classification-version-edit", args=[version.pk])
    assert edit_url in c.get(spat.get_absolute_url()).content.decode()
    assert c.get(edit_url).status_code == 200
    assert (
        c.post(
            edit_url,
            {"classification": spat.pk, "version": "2025", "valid_from": "2025-01-01", "valid_to": "2026-12-31"},
        ).status_code
        == 302
    )
    version.refresh_from_db()
    assert version.valid_to == dt.date(2026, 12, 31)


def test_only_programme_staff_keep_the_classifications(demo, decision_maker, steward_a):
    spat = NationalClassification.objects.get(code="spat")
    version = ClassificationVersion.objects.filter(classification=spat).first()
    for user in (decision_maker, steward_a):
        c = login(user)
        assert (
            reverse("integration:classification-create")
            not in c.get(reverse("integration:classification-list")).content.decode()
        )
        assert c.get(reverse("integration:classification-create")).status_code == 403
        assert (
            c.post(reverse("integration:classification-create"), _classification_post("1.2.246.537.6.9")).status_code
            == 403
        )
        assert c.post(reverse("integration:classification-edit", args=[spat.pk]), {"code": "x"}).status_code == 404
        assert c.get(reverse("integration:classification-version-create", args=[spat.pk])).status_code == 403
        assert c.get(reverse("integration:classification-version-edit", args=[version.pk])).status_code == 404
    assert NationalClassification.objects.filter(code="spat").exists()
    assert not NationalClassification.objects.filter(code="sostos").exists()


# --- 3.5: every bad figure in a file is refused with its row ----------------------------------------


def test_file_names_negative_counts_off_pattern_oids_and_stored_duplicates(
    demo, steward_a, django_capture_on_commit_callbacks
):
    data = (
        "organisation;classification;version;year;quarter;structured;total\n"
        "297;spat;2023;2025;1;-1;10\n"
        "297;spat;2023;2025;2;1;-10\n"
        "297;1.2.246.999.6.128;2023;2025;3;1;2\n"
        "297;spat;2023;2024;1;1;2\n"
        "297;spat;2019;2025;4;1;2\n"
    )
    spat = NationalClassification.objects.get(code="spat").name
    before = DocumentationReport.objects.count()
    logs = ChangeLog.objects.filter(content_type__model="documentationreport").count()
    upload = SimpleUploadedFile("figures.csv", data.encode("utf-8"), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = svc.upload_documentation_file(upload, actor=steward_a)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.splitlines() == [
        "Nothing was stored.",
        "Row 2: structured entries cannot be negative (-1).",
        "Row 3: all entries cannot be negative (-10).",
        "Row 4, column classification: '1.2.246.999.6.128' is not a national OID "
        "(expected 1.2.246.537 followed by numbers).",
        f"Row 5: Kuopio already reported {spat} for 2024 Q1.",
        f"Row 6: version 2019 of {spat} is not valid in 2025 Q4.",
    ]
    assert DocumentationReport.objects.count() == before
    reports_logged = ChangeLog.objects.filter(content_type__model="documentationreport")
    assert reports_logged.count() == logs


def test_form_refuses_a_version_not_valid_in_the_quarter_and_a_duplicate(demo, steward_a):
    from portal.models import Organisation

    c = login(steward_a)
    kuopio = Organisation.objects.get(code="297")
    old = ClassificationVersion.objects.get(classification__code="spat", version="2019")
    new = ClassificationVersion.objects.get(classification__code="spat", version="2023")
    spat = old.classification.name
    before = DocumentationReport.objects.count()
    for version, year, quarter, expected in (
        (old, 2025, 1, f"version 2019 of {spat} is not valid in 2025 Q1"),
        (new, 2024, 1, f"Kuopio already reported {spat} for 2024 Q1"),
    ):
        response = c.post(
            reverse("integration:report-create"),
            {
                "organisation": kuopio.pk,
                "classification_version": version.pk,
                "year": year,
                "quarter": quarter,
                "structured_count": 1,
                "total_count": 2,
            },
        )
        assert response.status_code == 400
        assert expected in response.content.decode()
    assert DocumentationReport.objects.count() == before


# --- 3.1: the flow map by date -----------------------------------------------------------------------


def test_flow_map_filters_by_date(demo, decision_maker):
    c = login(decision_maker)
    base = reverse("integration:flow-map") + "?from=specialised_care&to=primary_care&organisation=297"

    def codes(query: str) -> list[str]:
        response = c.get(base + query)
        assert response.status_code == 200
        return [f.code for f in response.context["flows"]]

    assert codes("&on=2022-06-01") == ["demo-discharge-summary-2022", "demo-lab-results-kuopio"]
    assert codes("&on=2024-03-01") == ["demo-lab-results-kuopio"]
    assert codes("&on=2024-09-01") == []
    assert codes("&on=2018-01-01") == []
    # A date that is not one, or out of range, means "no date": all the flows of the boundary.
    everything = codes("")
    assert codes("&on=2024-13-45") == everything == codes("&on=99999-01-01") == codes(f"&on={BIG}")
    html = c.get(base + "&on=2024-03-01").content.decode()
    assert 'name="on" type="date"' in html and 'value="2024-03-01"' in html
    assert "on=2024-03-01" in html  # kept in the sector-boundary links
    api = client_for(decision_maker).get(
        "/api/integration/flows/?from_sector=specialised_care&to_sector=primary_care&organisation=297&valid_on=2024-09-01"
    )
    assert api.json()["count"] == 0


# --- bounded parameters --------------------------------------------------------------------------------


def test_year_and_quarter_parameters_are_bounded(demo, decision_maker):
    c = login(decision_maker)
    page = c.get(reverse("integration:una") + f"?population_year={BIG}")
    assert page.status_code == 200
    assert page.context["population_year"] is not None  # the latest year, not the nonsense one
    assert c.get(reverse("integration:availability") + "?day=99999-01-01").status_code == 200
    api = client_for(decision_maker)
    for value in (BIG, "-5", "1899", "2101", "x", "２０２０"):
        response = api.get(f"/api/integration/una-modules/cost/?population_year={value}")
        assert response.status_code == 400, value
        assert "population_year" in response.json()
    assert api.get(f"/api/integration/documentation-figures/?quarter={BIG}").status_code == 400
    assert api.get("/api/integration/documentation-figures/?quarter=5").status_code == 400
    assert api.get("/api/integration/documentation-figures/?quarter=1").status_code == 200


# --- 3.6: the UNA figures in euros --------------------------------------------------------------


def test_una_costs_in_euros_for_248_265_residents(demo, decision_maker):
    api = client_for(decision_maker)
    cases = {
        ("co-operation-fee",): "74\u00a0479,50",
        ("una-ydin", "una-suostumus"): "253\u00a0230,30",
        (): "427\u00a0015,80",
    }
    for tariffs, euros in cases.items():
        query = "&".join(f"tariff={t}" for t in tariffs)
        body = api.get(f"/api/integration/una-modules/cost/?population_year=2020&{query}").json()
        assert body["residents"] == 248_265
        with translation.override("fi"):
            assert cents_as_euros(body["total_cents"]) == euros, tariffs
    assert api.get("/api/integration/una-modules/cost/?population_year=2020").json()["rate_cents"] == 172


# --- 3.1 adoption over time, 3.5 readiness, 3.6 availability ------------------------------------------


def test_adoption_over_time_readiness_and_availability_by_day(demo, decision_maker):
    api = client_for(decision_maker)
    adopters = api.get("/api/integration/operating-model-adoptions/?operating_model=demo-referral-feedback")
    assert adopters.json()["count"] == 3
    on_2022 = api.get(
        "/api/integration/operating-model-adoptions/?operating_model=demo-referral-feedback&valid_on=2022-06-01"
    ).json()
    on_2024 = api.get(
        "/api/integration/operating-model-adoptions/?operating_model=demo-referral-feedback&valid_on=2024-06-01"
    ).json()
    assert on_2022["count"] == 2 and on_2024["count"] == 1
    # Kanta readiness: the latest stage reached on a day, one row per organisation.
    from integration import selectors_measures as sel

    stages = {r.organisation.code: r.stage for r in sel.current_readiness(dt.date(2022, 6, 1))}
    assert (stages["297"], stages["140"]) == ("deployment_test", "certified_system_chosen")
    stages = {r.organisation.code: r.stage for r in sel.current_readiness(dt.date(2024, 1, 1))}
    assert (stages["297"], stages["140"], stages["pshva"]) == ("production", "deployment_test", "production")
    # Availability: who sees whose client data, through which channel, since when.
    c = login(decision_maker)

    def cells(day: str) -> set[tuple[str, str, str, dt.date]]:
        matrix = c.get(reverse("integration:availability") + f"?day={day}").context["matrix"]
        return {
            (row["viewer"].code, a.data_owner.code, a.channel, a.valid_from)
            for row in matrix["rows"]
            for cell in row["cells"]
            for a in cell
        }

    assert ("297", "psshp", "una_core", dt.date(2022, 6, 1)) in cells("2022-09-01")
    assert cells("2024-01-01") == {
        ("pshva", "pshva", "una_core", dt.date(2023, 1, 1)),
        ("297", "pshva", "kanta", dt.date(2023, 1, 1)),
    }
    assert api.get("/api/integration/client-data-access/?viewer=297&valid_on=2024-01-01").json()["count"] == 1


# --- the figures file goes through the core safe reader ---------------------------------------------


def _run_upload(content: bytes, name: str, actor, capture):
    with capture(execute=True):
        job = svc.upload_documentation_file(SimpleUploadedFile(name, content), actor=actor)
    job.refresh_from_db()
    return job


def test_figures_file_is_read_by_the_safe_reader(demo, steward_a, django_capture_on_commit_callbacks):
    import io

    from openpyxl import Workbook

    header = "organisaatio;luokitus;versio;vuosi;neljännes;rakenteiset;kaikki\r\n"
    bom = ("\ufeff" + header + "297;spat;2023;2025;1;8;10\r\n").encode("utf-8")
    job = _run_upload(bom, "luvut.csv", steward_a, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.SUCCEEDED, job.error
    windows = (header + "297;palvelutehtava;2023;2025;1;1;2\r\n").encode("cp1252")
    job = _run_upload(windows, "luvut.csv", steward_a, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert DocumentationReport.objects.filter(organisation__code="297", year=2025).count() == 2

    wb = Workbook()
    ws = wb.active
    ws.append(["organisation", "classification", "version", "year", "quarter", "structured", "total"])
    ws.append(["297", "spat", "2023", 2025, 2, "=1+1", 10])
    buf = io.BytesIO()
    wb.save(buf)
    job = _run_upload(buf.getvalue(), "figures.xlsx", steward_a, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert "cell F2" in job.error  # the formula's cell is named (header row 1, figures row 2)
    job = _run_upload(b"   \n", "figures.csv", steward_a, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert "empty" in job.error
    assert not DocumentationReport.objects.filter(organisation__code="297", year=2025, quarter=2).exists()
