"""The structured-documentation indicator (issue 15, point 4): the integration area's published
documentation figures (``portal.providers``) reach the indicator bank through a job."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from conftest import PASSWORD, client_for
from knowledge_mgmt.choices import ValueSource, ValueStatus
from knowledge_mgmt.computed import start_structured_documentation_recompute
from knowledge_mgmt.documentation import (
    DOCUMENTATION_PROVIDER,
    STRUCTURED_DOCUMENTATION_INDICATOR_CODE,
    compute_structured_documentation_indicator,
)
from knowledge_mgmt.models import Indicator, IndicatorValue
from knowledge_mgmt.services import InvalidInput
from knowledge_mgmt.tests.conftest import make_indicator, put
from portal import providers
from portal.choices import JobStatus
from portal.models import Job

pytestmark = pytest.mark.django_db
CODE = STRUCTURED_DOCUMENTATION_INDICATOR_CODE
REGION = "maakunta-11"


def documentation_rows(rows):
    """A stand-in with the contract of ``integration.structured_documentation`` (``years=``)."""

    def provider(*, years=None):
        return [
            {
                "indicator": "integration.structured_documentation_share",
                "organisation_code": org,
                "classification_code": classification,
                "classification_oid": "1.2.246.537.6.0",
                "year": year,
                "quarter": quarter,
                "numerator": structured,
                "denominator": total,
                "value": None,  # recomputed from the counts here
                "unit": "%",
            }
            for org, classification, year, quarter, structured, total in rows
            if not years or year in years
        ] + [{"indicator": "something.else", "organisation_code": REGION, "year": 2024, "quarter": 1}]

    return provider


def values():
    return list(
        IndicatorValue.objects.filter(indicator__code=CODE)
        .order_by("organisation__code", "year", "quarter", "breakdown")
        .values_list("organisation__code", "year", "quarter", "breakdown", "value", "source_kind")
    )


def spat_850_of_1200():
    """850 structured of 1 200 entries in the region, spat, 2024 Q1: written in the producing area
    (the test may use its models; the app code never does)."""
    from integration.models_measures import NationalClassification, RegionDocumentationFigure

    classification, _ = NationalClassification.objects.get_or_create(
        code="spat", defaults={"oid": "1.2.246.537.6.128", "name_fi": "SPAT", "sector": "social_welfare"}
    )
    RegionDocumentationFigure.objects.create(
        classification=classification,
        year=2024,
        quarter=1,
        structured_count=850,
        total_count=1200,
        organisation_count=3,
    )


def test_850_structured_of_1200_land_as_70_8_percent(staff_user, django_capture_on_commit_callbacks):
    spat_850_of_1200()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_structured_documentation_recompute(actor=staff_user)
    job.refresh_from_db()
    assert (job.kind, job.status) == ("knowledge_structured_documentation", JobStatus.SUCCEEDED), job.error
    total = IndicatorValue.objects.get(indicator__code=CODE, organisation__code=REGION, year=2024, breakdown="")
    assert total.value == Decimal("70.8")
    assert total.absolute_value == Decimal("850")
    assert (total.quarter, total.month, total.sex) == (1, 0, "total")
    assert (total.status, total.source_kind, total.job_id) == (ValueStatus.PROVISIONAL, ValueSource.JOB, job.pk)
    spat = IndicatorValue.objects.get(indicator__code=CODE, organisation__code=REGION, year=2024, breakdown="spat")
    assert spat.value == Decimal("70.8")
    assert job.output_ref["created"] == 2
    assert any(m["text"].startswith(f"{CODE}: 2 created") for m in job.messages)

    indicator = Indicator.objects.get(code=CODE)
    assert (indicator.value_type, indicator.decimals, indicator.periodicity) == ("percent", 1, "quarter")
    assert (indicator.obtained, indicator.computation, indicator.public) == (
        "computed",
        "structured_documentation",
        False,
    )
    texts = {}
    for lang in ("fi", "sv", "en"):
        with translation.override(lang):
            texts[lang] = (indicator.title, indicator.source_text, indicator.breakdown_text)
    assert texts["fi"][0].startswith("Rakenteisesti") and texts["sv"][0].startswith("Andel strukturerat")
    assert texts["en"][1].startswith("Integration area: entries documented in structured form")
    assert texts["fi"][1] != texts["en"][1] and texts["sv"][1] != texts["en"][1]
    assert texts["fi"][2] == "kansallinen luokitus" and texts["sv"][2] == "nationell klassifikation"

    # Running it again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again = start_structured_documentation_recompute(actor=staff_user)
    again.refresh_from_db()
    assert (again.output_ref["created"], again.output_ref["unchanged"]) == (0, 2)


def test_the_total_is_weighted_by_the_entries_of_each_classification(reference_data):
    compute_structured_documentation_indicator(
        provider=documentation_rows([(REGION, "spat", 2024, 1, 850, 1200), (REGION, "avopal", 2024, 1, 50, 800)])
    )
    assert [row[:5] for row in values()] == [
        (REGION, 2024, 1, "", Decimal("45.000000")),  # 900 / 2 000, not the mean of 70.8 and 6.3
        (REGION, 2024, 1, "avopal", Decimal("6.300000")),
        (REGION, 2024, 1, "spat", Decimal("70.800000")),
    ]


def test_decision_maker_reads_it_and_anonymous_does_not(decision_maker, api_client, django_capture_on_commit_callbacks):
    spat_850_of_1200()
    with django_capture_on_commit_callbacks(execute=True):
        start_structured_documentation_recompute()
    body = client_for(decision_maker).get("/api/knowledge/data/", {"indicator": CODE}).json()
    assert sorted((r["organisation"], r["year"], r["breakdown"], r["value"]) for r in body["results"]) == [
        (REGION, 2024, "", 70.8),
        (REGION, 2024, "spat", 70.8),
    ]
    assert api_client.get("/api/knowledge/data/", {"indicator": CODE}).status_code == 401


def test_recompute_replaces_its_previous_values_and_no_entries_is_no_value(reference_data):
    compute_structured_documentation_indicator(
        provider=documentation_rows([(REGION, "spat", 2024, 1, 850, 1200), (REGION, "spat", 2024, 2, 10, 20)])
    )
    put(Indicator.objects.get(code=CODE), "297", 2024, 12, source_kind=ValueSource.USER, quarter=1)
    report = compute_structured_documentation_indicator(
        provider=documentation_rows([(REGION, "spat", 2024, 1, 900, 1200), (REGION, "spat", 2024, 2, 0, 0)])
    )
    assert [row[:5] for row in values()] == [
        ("297", 2024, 1, "", Decimal("12.000000")),  # entered by a user: kept
        (REGION, 2024, 1, "", Decimal("75.000000")),
        (REGION, 2024, 1, "spat", Decimal("75.000000")),
    ]
    assert (report.updated, report.deleted) == (2, 2)
    assert any("no recorded entries" in str(note) for note in report.notes)

    # A scoped run touches only its years.
    compute_structured_documentation_indicator(
        provider=documentation_rows([(REGION, "spat", 2025, 1, 1, 4)]), years=[2025]
    )
    assert [row[:5] for row in values()][-2:] == [
        (REGION, 2025, 1, "", Decimal("25.000000")),
        (REGION, 2025, 1, "spat", Decimal("25.000000")),
    ]
    assert len(values()) == 5


def test_without_the_provider_the_job_fails_with_a_clear_message(
    reference_data, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.delitem(providers._REGISTRY, DOCUMENTATION_PROVIDER)
    with pytest.raises(InvalidInput, match="provider integration.structured_documentation is not registered"):
        compute_structured_documentation_indicator()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_structured_documentation_recompute()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "not registered" in job.error
    assert IndicatorValue.objects.count() == 0


def test_only_programme_staff_start_it(decision_maker, staff_user, django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        start_structured_documentation_recompute(actor=decision_maker)
    client = Client()
    assert client.login(username=decision_maker.username, password=PASSWORD)
    assert client.post("/en/knowledge-mgmt/computed/structured-documentation/").status_code == 403
    assert not Job.objects.filter(kind="knowledge_structured_documentation").exists()

    spat_850_of_1200()
    client = Client()
    assert client.login(username=staff_user.username, password=PASSWORD)
    page = client.get("/en/knowledge-mgmt/import/").content.decode()
    assert "Recompute the structured documentation share" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/knowledge-mgmt/computed/structured-documentation/")
    job = Job.objects.get(kind="knowledge_structured_documentation")
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.started_by == staff_user
    assert IndicatorValue.objects.get(indicator__code=CODE, breakdown="").value == Decimal("70.8")


@pytest.mark.django_db(transaction=True)
def test_management_command_runs_the_job(reference_data, capsys):
    """The command commits its job (no test transaction around it), so the eager task runs."""
    spat_850_of_1200()
    call_command("knowledge_structured_documentation", "--year", "2024")
    out = capsys.readouterr().out
    assert "status: succeeded" in out and f"{CODE}: 2 created" in out
    assert IndicatorValue.objects.get(indicator__code=CODE, breakdown="").value == Decimal("70.8")


def test_a_percent_indicator_of_the_bank_is_untouched(reference_data):
    other = make_indicator("other-share")
    put(other, REGION, 2024, 50)
    compute_structured_documentation_indicator(provider=documentation_rows([(REGION, "spat", 2024, 1, 850, 1200)]))
    assert IndicatorValue.objects.get(indicator=other).value == Decimal("50")
