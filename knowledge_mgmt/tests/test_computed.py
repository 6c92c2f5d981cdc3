from decimal import Decimal

import pytest

from knowledge_mgmt.choices import ValueSource
from knowledge_mgmt.computed import (
    CLIENT_GROUP_INDICATOR_CODE,
    PACKAGE_INDICATOR_CODE,
    compute_package_indicators,
    start_package_recompute,
)
from knowledge_mgmt.models import IndicatorValue
from knowledge_mgmt.services import InvalidInput
from knowledge_mgmt.tests.conftest import MUNICIPALITY_CODES
from portal.choices import JobStatus

pytestmark = pytest.mark.django_db


def package_rows(rows):
    """A stand-in with the signature of integration.selectors.net_cost_by_package."""

    def selector(*, organisation_codes=None, years=None):
        for row in rows:
            if organisation_codes is not None and row["organisation_code"] not in organisation_codes:
                continue
            if years is not None and row["year"] not in years:
                continue
            yield row

    return selector


def row(org, year, package, group, amount):
    return {
        "organisation_code": org,
        "year": year,
        "package_code": package,
        "client_group_code": group,
        "amount": Decimal(amount),
    }


def values(code):
    return list(
        IndicatorValue.objects.filter(indicator__code=code)
        .order_by("organisation__code", "year", "breakdown")
        .values_list("organisation__code", "year", "breakdown", "value", "absolute_value")
    )


def test_net_cost_per_resident_per_package_and_client_group(reference_data):
    rows = [
        row("297", 2020, "P01", "children", "1202100.00"),  # Kuopio 120 210 residents
        row("297", 2020, "P01", "elderly", "601050.00"),
        row("297", 2020, "P02", "elderly", "120210.00"),
        row("140", 2020, "P01", "children", "211240.00"),  # Iisalmi 21 124 residents
    ]
    report = compute_package_indicators(selector=package_rows(rows))
    assert values(PACKAGE_INDICATOR_CODE) == [
        ("140", 2020, "", Decimal("10.000000"), Decimal("211240.000000")),
        ("140", 2020, "P01", Decimal("10.000000"), Decimal("211240.000000")),
        ("297", 2020, "", Decimal("16.000000"), Decimal("1923360.000000")),
        ("297", 2020, "P01", Decimal("15.000000"), Decimal("1803150.000000")),
        ("297", 2020, "P02", Decimal("1.000000"), Decimal("120210.000000")),
    ]
    assert values(CLIENT_GROUP_INDICATOR_CODE) == [
        ("140", 2020, "", Decimal("10.000000"), Decimal("211240.000000")),
        ("140", 2020, "children", Decimal("10.000000"), Decimal("211240.000000")),
        ("297", 2020, "", Decimal("16.000000"), Decimal("1923360.000000")),
        ("297", 2020, "children", Decimal("10.000000"), Decimal("1202100.000000")),
        ("297", 2020, "elderly", Decimal("6.000000"), Decimal("721260.000000")),
    ]
    assert report.created == 10
    assert set(IndicatorValue.objects.values_list("source_kind", flat=True)) == {ValueSource.JOB}

    # A new conversion for Kuopio replaces its previous figures (P02 disappeared); Iisalmi stays.
    again = compute_package_indicators(
        selector=package_rows([row("297", 2020, "P01", "children", "2404200.00")]), organisation_codes=["297"]
    )
    assert values(PACKAGE_INDICATOR_CODE) == [
        ("140", 2020, "", Decimal("10.000000"), Decimal("211240.000000")),
        ("140", 2020, "P01", Decimal("10.000000"), Decimal("211240.000000")),
        ("297", 2020, "", Decimal("20.000000"), Decimal("2404200.000000")),
        ("297", 2020, "P01", Decimal("20.000000"), Decimal("2404200.000000")),
    ]
    # Kuopio: P01, both totals and "children" changed; P02 and "elderly" disappeared.
    assert (again.updated, again.deleted) == (4, 2)


def test_region_value_is_total_cost_over_total_residents(reference_data):
    # Every member 2021 (Joroinen included) spends 100 EUR per resident on P01, Kuopio 200.
    from portal.models import Population

    populations = dict(Population.objects.filter(year=2020).values_list("organisation__code", "count"))
    rows = [
        row(code, 2021, "P01", "", str(populations[code] * (200 if code == "297" else 100)))
        for code in MUNICIPALITY_CODES
    ]
    compute_package_indicators(selector=package_rows(rows))
    region = IndicatorValue.objects.get(
        indicator__code=PACKAGE_INDICATOR_CODE, organisation__code="maakunta-11", breakdown="P01"
    )
    # (120 210 * 200 + 128 055 * 100) / 248 265 = 148.420035...
    assert region.value == Decimal("148.420035")
    assert region.absolute_value == Decimal("36847500")
    assert region.source_kind == ValueSource.AGGREGATION


def test_missing_population_is_a_clear_error(reference_data):
    with pytest.raises(InvalidInput) as excinfo:
        compute_package_indicators(selector=package_rows([row("kys", 2024, "P01", "", "10")]))
    assert str(excinfo.value) == "kys 2024: no population figure, cannot compute per resident"
    assert IndicatorValue.objects.count() == 0


def test_county_uses_its_members_population(reference_data):
    # Pohjois-Savon hyvinvointialue has no population row: its 19 members (2020 figures) = 248 265.
    compute_package_indicators(selector=package_rows([row("pshva", 2024, "P01", "", "2482650.00")]))
    value = IndicatorValue.objects.get(
        organisation__code="pshva", breakdown="P01", indicator__code=PACKAGE_INDICATOR_CODE
    )
    assert value.value == Decimal("10.000000")


def test_job_reads_the_published_integration_selector(reference_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_package_recompute(years=[2020])
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.output_ref["created"] == 0


def test_conversion_receiver_queues_a_recompute_of_that_organisation_year(
    reference_data, django_capture_on_commit_callbacks
):
    from knowledge_mgmt.receivers import on_package_rows_replaced
    from portal.models import Job

    with django_capture_on_commit_callbacks(execute=True):
        on_package_rows_replaced(sender=None, organisation_code="297", year=2024)
    job = Job.objects.get(kind="knowledge_package_indicators")
    assert job.input_ref["organisation_codes"] == ["297"] and job.input_ref["years"] == [2024]
    assert job.status == JobStatus.SUCCEEDED, job.error


def test_ratio_indicator_from_numerator_and_denominator(reference_data, django_capture_on_commit_callbacks):
    from knowledge_mgmt.services import start_import
    from knowledge_mgmt.tests.conftest import make_indicator

    visits = make_indicator("visits")
    residents = make_indicator("residents")
    ratio = make_indicator(
        "visits-per-1000",
        value_type="per_1000",
        obtained="computed",
        computation="ratio",
        numerator=visits,
        denominator=residents,
        ratio_scale=1000,
    )
    content = (
        b"indicator;organisation;year;value\n"
        b"visits;297;2023;6000\nresidents;297;2023;120000\n"
        b"visits;140;2023;50\nresidents;140;2023;0\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(actor=None, filename="visits.csv", content=content)
    job.refresh_from_db()
    from knowledge_mgmt.tests.test_imports import publish_draft_of

    job = publish_draft_of(job, None, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert list(IndicatorValue.objects.filter(indicator=ratio).values_list("organisation__code", "value", "absolute_value")) == [
        ("297", Decimal("50.000000"), Decimal("6000.000000"))
    ]  # fmt: skip
    assert any(m["text"].startswith("visits-per-1000: 1 created") for m in job.messages)


def test_only_programme_staff_start_the_package_recompute_from_its_button(
    staff_user, decision_maker, django_capture_on_commit_callbacks
):
    from django.test import Client

    from portal.models import Job

    refused = Client()
    refused.force_login(decision_maker)
    assert refused.post("/fi/knowledge-mgmt/computed/recompute/").status_code == 403
    assert Job.objects.count() == 0
    allowed = Client()
    allowed.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = allowed.post("/fi/knowledge-mgmt/computed/recompute/")
    job = Job.objects.get(kind="knowledge_package_indicators")
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    assert job.started_by == staff_user
