"""Measures 3.5 and 3.6: exact figures, bad input (nothing stored), the import job, the nightly
computation, the published provider and the UNA cost."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from integration import selectors_measures as sel
from integration import services_measures as svc
from integration.models_measures import (
    ClassificationVersion,
    DocumentationReport,
    NationalClassification,
    RegionDocumentationFigure,
    UnaTariff,
)
from integration.tasks_measures import nightly_region_figures
from portal import providers
from portal.choices import JobStatus
from portal.models import ChangeLog, Organisation


@pytest.fixture
def spat(reference_data):
    c = NationalClassification.objects.create(
        code="spat", oid="1.2.246.537.6.128", name_fi="SPAT", name_sv="SPAT", name_en="SPAT", sector="primary_care"
    )
    ClassificationVersion.objects.create(
        classification=c, version="2019", valid_from=dt.date(2019, 1, 1), valid_to=dt.date(2022, 12, 31)
    )
    ClassificationVersion.objects.create(classification=c, version="2023", valid_from=dt.date(2023, 1, 1))
    return c


def v(classification, version):
    return ClassificationVersion.objects.get(classification=classification, version=version)


def row(code, classification, version, year, quarter, s, t):
    return svc.ReportRow(
        Organisation.objects.get(code=code), classification, v(classification, version), year, quarter, s, t
    )


@pytest.fixture
def admin_reported(spat, admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        svc.report_documentation(row("297", spat, "2023", 2024, 1, 800, 1000), actor=admin_user)
        svc.report_documentation(row("140", spat, "2023", 2024, 1, 50, 200), actor=admin_user)
    return spat


def test_region_share_is_weighted_by_volume_not_the_mean(admin_reported):
    figures = sel.documentation_figures(2024, 1, classification=admin_reported)
    assert (figures.structured, figures.total) == (850, 1200)
    assert figures.share == Decimal("70.8")
    assert figures.plain_mean == Decimal("52.5")
    stored = RegionDocumentationFigure.objects.get(classification=admin_reported, year=2024, quarter=1)
    assert (stored.structured_count, stored.total_count, stored.organisation_count) == (850, 1200, 2)


def test_ended_organisation_gives_no_row_and_shows_its_successor(spat, admin_user):
    svc.report_documentation(row("yla-savon-sote", spat, "2019", 2022, 4, 10, 20), actor=admin_user)
    svc.report_documentation(row("297", spat, "2023", 2023, 1, 5, 10), actor=admin_user)
    figures = sel.documentation_figures(2023, 1)
    assert [r.organisation.code for r in figures.rows] == ["297"]
    assert [(o.code, o.successor.code) for o in figures.ended] == [("yla-savon-sote", "pshva")]
    with pytest.raises(ValidationError) as exc:
        svc.report_documentation(row("yla-savon-sote", spat, "2023", 2023, 1, 1, 2), actor=admin_user)
    assert "Pohjois-Savon hyvinvointialue" in exc.value.messages[0]
    assert DocumentationReport.objects.filter(organisation__code="yla-savon-sote").count() == 1


@pytest.mark.parametrize(
    ("s", "t", "version", "quarter", "expected"),
    [
        (11, 10, "2023", 1, "structured entries (11) cannot exceed all entries (10)"),
        (-1, 10, "2023", 1, "structured entries cannot be negative (-1)"),
        (1, -10, "2023", 1, "all entries cannot be negative (-10)"),
        (1, 10, "2019", 1, "version 2019 of SPAT is not valid in 2024 Q1"),
        (1, 10, "2023", 5, "the quarter must be 1, 2, 3 or 4"),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_stored(spat, steward_a, s, t, version, quarter, expected):
    logs = ChangeLog.objects.count()
    with pytest.raises(ValidationError) as exc:
        svc.report_documentation(row("297", spat, version, 2024, quarter, s, t), actor=steward_a)
    assert expected in exc.value.messages[0]
    assert DocumentationReport.objects.count() == 0
    assert ChangeLog.objects.count() == logs


def test_duplicate_quarter_is_refused(spat, steward_a):
    svc.report_documentation(row("297", spat, "2023", 2024, 1, 1, 2), actor=steward_a)
    with pytest.raises(ValidationError) as exc:
        svc.report_documentation(row("297", spat, "2023", 2024, 1, 3, 4), actor=steward_a)
    assert "already reported SPAT for 2024 Q1" in exc.value.messages[0]
    assert list(DocumentationReport.objects.values_list("structured_count", flat=True)) == [1]


def test_steward_cannot_report_for_another_organisation(spat, steward_a):
    logs = ChangeLog.objects.count()
    with pytest.raises(Http404):
        svc.report_documentation(row("140", spat, "2023", 2024, 1, 1, 2), actor=steward_a)
    assert DocumentationReport.objects.count() == 0
    assert ChangeLog.objects.count() == logs


def test_oid_must_match_the_national_pattern(reference_data):
    c = NationalClassification(code="x", oid="1.2.246.999.1", name_fi="X", sector="primary_care")
    with pytest.raises(ValidationError) as exc:
        c.full_clean()
    assert "is not a national OID" in exc.value.message_dict["oid"][0]
    NationalClassification(code="y", oid="1.2.246.537.6.1221", name_fi="Y", sector="social_welfare").full_clean()


def _upload(text: str, name="figures.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_file_import_stores_all_rows(spat, steward_a, django_capture_on_commit_callbacks):
    data = "organisation;classification;version;year;quarter;structured;total\n297;spat;2023;2024;1;800;1000\n297;1.2.246.537.6.128;2023;2024;2;10;20\n"
    with django_capture_on_commit_callbacks(execute=True):
        job = svc.upload_documentation_file(_upload(data), actor=steward_a)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.output_ref == {"rows": 2}
    assert sorted(DocumentationReport.objects.values_list("quarter", "structured_count")) == [(1, 800), (2, 10)]
    assert DocumentationReport.objects.filter(job=job).count() == 2


def test_file_import_names_the_rows_and_stores_nothing(spat, steward_a, django_capture_on_commit_callbacks):
    data = (
        "organisation;classification;version;year;quarter;structured;total\n"
        "297;spat;2023;2024;1;800;1000\n"
        "140;spat;2023;2024;1;5;10\n"
        "297;spat;2023;2024;2;30;20\n"
        "297;spat;2019;2024;3;1;2\n"
        "297;spat;2023;2024;1;1;2\n"
        "297;spat;2023;2024;4;x;2\n"
        "297;1.2.246.537.99;2023;2024;4;1;2\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = svc.upload_documentation_file(_upload(data), actor=steward_a)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    lines = job.error.splitlines()
    assert lines[0] == "Nothing was stored."
    assert lines[1:] == [
        "Row 3: you may not report figures of Iisalmi.",
        "Row 4: structured entries (30) cannot exceed all entries (20).",
        "Row 5: version 2019 of SPAT is not valid in 2024 Q3.",
        "Row 6: the same quarter is already on row 2.",
        "Row 7, column structured: 'x' is not a whole number.",
        "Row 8, column classification: unknown classification '1.2.246.537.99'.",
    ]
    assert DocumentationReport.objects.count() == 0


def test_file_with_missing_columns_fails_clearly(spat, steward_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = svc.upload_documentation_file(_upload("organisation;year\n297;2024\n"), actor=steward_a)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "missing the columns: classification, version, quarter, structured, total" in job.error


def test_xlsx_import(spat, steward_a, django_capture_on_commit_callbacks):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Organisaatio", "Luokitus", "Versio", "Vuosi", "Neljännes", "Rakenteiset", "Kaikki"])
    ws.append(["297", "spat", "2023", 2024, 1, 800, 1000])
    buf = io.BytesIO()
    wb.save(buf)
    upload = SimpleUploadedFile("figures.xlsx", buf.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        job = svc.upload_documentation_file(upload, actor=steward_a)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert DocumentationReport.objects.get().total_count == 1000


def test_nightly_computation_is_idempotent_and_feeds_the_provider(admin_reported):
    RegionDocumentationFigure.objects.all().delete()
    assert nightly_region_figures.apply().get() == 1
    assert nightly_region_figures.apply().get() == 1
    assert RegionDocumentationFigure.objects.count() == 1
    provider = providers.get("integration.structured_documentation")
    values = provider(years=[2024])
    assert values == [
        {
            "indicator": "integration.structured_documentation_share",
            "organisation_code": "maakunta-11",
            "classification_code": "spat",
            "classification_oid": "1.2.246.537.6.128",
            "year": 2024,
            "quarter": 1,
            "numerator": 850,
            "denominator": 1200,
            "value": Decimal("70.8"),
            "unit": "%",
        }
    ]
    assert provider(years=[2020]) == []


def test_beat_schedule_has_the_nightly_computation(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["integration-region-documentation-figures"]
    assert entry["task"] == "integration.tasks_measures.nightly_region_figures"


def test_una_cost_is_price_times_population_in_cents(reference_data):
    residents, year = sel.region_population(2020)
    assert (residents, year) == (248265, 2020)
    assert sel.una_cost_cents(30, residents) == 7_447_950
    assert sel.una_cost_cents(102, residents) == 25_323_030
    tariffs = [
        UnaTariff(code=c, name_fi=c, year=2023, cents_per_resident=p, is_example=True)
        for c, p in (("a", 30), ("b", 40), ("c", 75), ("d", 27))
    ]
    costs = sel.una_costs(residents, tariffs)
    assert (costs["rate_cents"], costs["total_cents"], costs["is_example"]) == (172, 42_701_580, True)


def test_demo_tariffs_come_from_the_facts_file(reference_data):
    from integration import demo_measures

    demo_measures.seed()
    assert dict(UnaTariff.objects.values_list("code", "cents_per_resident")) == {
        "co-operation-fee": 30,
        "una-lomake": 40,
        "una-ydin": 75,
        "una-suostumus": 27,
    }
    assert all(UnaTariff.objects.values_list("is_example", flat=True))
    assert NationalClassification.objects.get(code="palvelutehtava").oid == "1.2.246.537.6.1221"
    # The example quarter, from the demo data.
    figures = sel.documentation_figures(2024, 1, classification=NationalClassification.objects.get(code="spat"))
    assert {r.organisation.code: (r.structured, r.total) for r in figures.rows}["297"] == (800, 1000)
    counts = demo_measures.seed()
    assert demo_measures.seed() == counts  # idempotent
    pdf_html = __import__("integration.reports_measures", fromlist=["x"]).render_documentation_html(
        Organisation.objects.get(code="297"), language="sv"
    )
    assert "Kuopio" in pdf_html
