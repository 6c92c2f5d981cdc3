"""The digital-exclusion indicator (issue 14, point 4): the digital services area's published
inclusion figures (``portal.providers``) reach the indicator bank through a job."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from conftest import PASSWORD, client_for
from knowledge_mgmt.choices import ValueSource, ValueStatus
from knowledge_mgmt.computed import start_digital_exclusion_recompute
from knowledge_mgmt.inclusion import (
    DIGITAL_EXCLUSION_INDICATOR_CODE,
    INCLUSION_PROVIDER,
    compute_digital_exclusion_indicator,
)
from knowledge_mgmt.models import Indicator, IndicatorValue
from knowledge_mgmt.services import InvalidInput
from knowledge_mgmt.tests.conftest import MUNICIPALITY_CODES, make_indicator, put
from portal import providers
from portal.choices import JobStatus
from portal.models import Job, Organisation

pytestmark = pytest.mark.django_db
CODE = DIGITAL_EXCLUSION_INDICATOR_CODE


def inclusion_rows(rows):
    """A stand-in with the contract of ``digital_services.inclusion_indicators`` (no arguments)."""

    def provider():
        return [
            {
                "indicator": "digital_offline_residents",
                "organisation": org,
                "year": year,
                "month": None,
                "value": value,
                "unit": "persons",
                "source": "digital_services: age structure x offline rate",
            }
            for org, year, value in rows
        ] + [  # rows of the provider's other indicators are not this indicator's values
            {"indicator": "digital_offline_share", "organisation": org, "year": year, "month": None, "value": 1}
            for org, year, _value in rows
        ]

    return provider


def values():
    return list(
        IndicatorValue.objects.filter(indicator__code=CODE)
        .order_by("organisation__code", "year")
        .values_list("organisation__code", "year", "value", "source_kind")
    )


def kuopio_at_68_percent():
    """10 000 residents aged 75-89 in Kuopio in 2020, 68 % of them offline: written in the
    producing area (the test may use its models; the app code never does)."""
    from digital_services.models import AgeStructure, OfflineRate

    OfflineRate.objects.create(
        min_age=75, max_age=89, rate_percent=Decimal("68"), source="Statistics Finland 2013", reference_year=2013
    )
    AgeStructure.objects.create(
        organisation=Organisation.objects.get(code="297"),
        year=2020,
        min_age=75,
        max_age=89,
        residents=10_000,
        source="test",
    )


def test_10000_residents_aged_75_89_at_68_percent_land_as_6800(staff_user, django_capture_on_commit_callbacks):
    kuopio_at_68_percent()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_digital_exclusion_recompute(actor=staff_user)
    job.refresh_from_db()
    assert (job.kind, job.status) == ("knowledge_digital_exclusion", JobStatus.SUCCEEDED), job.error
    value = IndicatorValue.objects.get(indicator__code=CODE, organisation__code="297", year=2020)
    assert value.value == Decimal("6800")
    assert (value.quarter, value.month, value.sex, value.breakdown) == (0, 0, "total", "")
    assert (value.status, value.source_kind, value.job_id) == (ValueStatus.PROVISIONAL, ValueSource.JOB, job.pk)
    assert job.output_ref["created"] == 1
    assert any(m["text"].startswith(f"{CODE}: 1 created") for m in job.messages)

    indicator = Indicator.objects.get(code=CODE)
    assert (indicator.value_type, indicator.source_value_type, indicator.decimals) == ("count", "persons", 0)
    assert (indicator.obtained, indicator.computation, indicator.public) == ("computed", "digital_exclusion", False)
    titles = {}
    for lang in ("fi", "sv", "en"):
        with translation.override(lang):
            titles[lang] = (indicator.title, indicator.source_text)
    assert titles["fi"][0].startswith("Arvio asukkaista") and titles["sv"][0].startswith("Uppskattat antal")
    assert titles["en"][1].startswith("Digital services area: residents per age band x the offline rate")
    assert "digital_services" not in titles["fi"][1] and titles["fi"][1] != titles["en"][1]

    # Running it again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again = start_digital_exclusion_recompute(actor=staff_user)
    again.refresh_from_db()
    assert (again.output_ref["created"], again.output_ref["unchanged"]) == (0, 1)


def test_decision_maker_reads_it_without_a_review_step_and_anonymous_does_not(
    decision_maker, api_client, django_capture_on_commit_callbacks
):
    """The net-cost rule: a computed indicator is stored by its job (provisional, no import draft)
    and is read by signed-in users only."""
    kuopio_at_68_percent()
    with django_capture_on_commit_callbacks(execute=True):
        start_digital_exclusion_recompute()
    body = client_for(decision_maker).get("/api/knowledge/data/", {"indicator": CODE}).json()
    assert [(r["organisation"], r["year"], r["value"], r["status"]) for r in body["results"]] == [
        ("297", 2020, 6800, "provisional")
    ]
    assert api_client.get("/api/knowledge/data/", {"indicator": CODE}).status_code == 401


def test_region_and_county_are_the_sum_of_their_members(reference_data):
    compute_digital_exclusion_indicator(provider=inclusion_rows([(code, 2023, 100) for code in MUNICIPALITY_CODES]))
    # The wellbeing services county exists from 2023; both have the 19 members then.
    region = IndicatorValue.objects.get(indicator__code=CODE, organisation__code="maakunta-11", year=2023)
    county = IndicatorValue.objects.get(indicator__code=CODE, organisation__code="pshva", year=2023)
    assert (region.value, region.source_kind) == (Decimal("1900"), ValueSource.AGGREGATION)
    assert county.value == Decimal("1900")


def test_recompute_replaces_its_previous_values_and_no_value_is_not_zero(reference_data):
    compute_digital_exclusion_indicator(provider=inclusion_rows([("297", 2020, 6800), ("140", 2020, 1500)]))
    put(Indicator.objects.get(code=CODE), "915", 2020, 999, source_kind=ValueSource.USER)
    report = compute_digital_exclusion_indicator(provider=inclusion_rows([("297", 2020, 7000), ("140", 2020, None)]))
    assert values() == [
        ("297", 2020, Decimal("7000.000000"), ValueSource.JOB),
        ("915", 2020, Decimal("999.000000"), ValueSource.USER),  # entered by a user: kept
    ]
    assert (report.updated, report.deleted) == (1, 1)
    assert any("no offline rate" in str(note) for note in report.notes)

    # A scoped run touches only its organisation.
    compute_digital_exclusion_indicator(provider=inclusion_rows([("140", 2020, 10)]), organisation_codes=["140"])
    assert [row[:3] for row in values()] == [
        ("140", 2020, Decimal("10.000000")),
        ("297", 2020, Decimal("7000.000000")),
        ("915", 2020, Decimal("999.000000")),
    ]


def test_without_the_provider_the_job_fails_with_a_clear_message(
    reference_data, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.delitem(providers._REGISTRY, INCLUSION_PROVIDER)
    with pytest.raises(InvalidInput, match="provider digital_services.inclusion_indicators is not registered"):
        compute_digital_exclusion_indicator()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_digital_exclusion_recompute()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "not registered" in job.error
    assert IndicatorValue.objects.count() == 0


def test_only_programme_staff_start_it(decision_maker, staff_user, django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        start_digital_exclusion_recompute(actor=decision_maker)
    client = Client()
    assert client.login(username=decision_maker.username, password=PASSWORD)
    assert client.post("/en/knowledge-mgmt/computed/digital-exclusion/").status_code == 403
    assert not Job.objects.filter(kind="knowledge_digital_exclusion").exists()

    kuopio_at_68_percent()
    client = Client()
    assert client.login(username=staff_user.username, password=PASSWORD)
    page = client.get("/en/knowledge-mgmt/import/").content.decode()
    assert "Recompute the digital exclusion estimate" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/knowledge-mgmt/computed/digital-exclusion/")
    job = Job.objects.get(kind="knowledge_digital_exclusion")
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.started_by == staff_user
    assert IndicatorValue.objects.get(indicator__code=CODE, organisation__code="297").value == Decimal("6800")


@pytest.mark.django_db(transaction=True)
def test_management_command_runs_the_job(reference_data, capsys):
    """The command commits its job (no test transaction around it), so the eager task runs."""
    kuopio_at_68_percent()
    call_command("knowledge_digital_exclusion")
    out = capsys.readouterr().out
    assert "status: succeeded" in out and f"{CODE}: 1 created" in out
    assert IndicatorValue.objects.get(indicator__code=CODE, organisation__code="297").value == Decimal("6800")


def test_demo_shows_it_for_every_municipality_in_the_leadership_set(reference_data):
    from digital_services.demo import seed_digital_services_demo
    from knowledge_mgmt.demo import load_demo, load_digital_exclusion_indicator
    from knowledge_mgmt.models import IndicatorSetItem

    seed_digital_services_demo()
    load_demo()
    summary = load_digital_exclusion_indicator()
    assert summary.startswith(f"{CODE}: 19 created")
    municipal = IndicatorValue.objects.filter(
        indicator__code=CODE, organisation__code__in=MUNICIPALITY_CODES, year=2020
    )
    assert municipal.count() == 19
    assert IndicatorValue.objects.filter(indicator__code=CODE, organisation__code="maakunta-11", year=2020).exists()
    assert IndicatorSetItem.objects.filter(indicator_set__code="johtamisen-mittaristo", indicator__code=CODE).exists()
    assert load_digital_exclusion_indicator().startswith(f"{CODE}: 0 created, 0 updated, 19 unchanged")
    assert municipal.count() == 19


def test_a_count_indicator_of_the_bank_is_untouched(reference_data):
    births = make_indicator("births")
    put(births, "297", 2020, 1200)
    compute_digital_exclusion_indicator(provider=inclusion_rows([("297", 2020, 6800)]))
    assert IndicatorValue.objects.get(indicator=births).value == Decimal("1200")
