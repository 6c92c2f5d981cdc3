"""The unit's supervision report: HTML content with exact figures, and the PDF job (fi and sv)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from portal.choices import JobStatus
from portal.models import Job
from supervision import services
from supervision.tasks import unit_report_html
from supervision.tests.conftest import ui_client
from supervision.tests.factories import UnitFactory, add_day

D = dt.date


@pytest.fixture
def unit(organiser):
    unit = UnitFactory(code="kotirinne", name="Kotirinne")
    add_day(unit, D(2023, 4, 1), 10, {"lahihoitaja": "45.96"})  # 0.600 < 0.65
    add_day(unit, D(2023, 4, 2), 10, {"lahihoitaja": "49.79"})  # 0.650
    services.submit_deviation_report(unit=unit, text="t", occurred_on=None)
    return unit


def test_report_html_in_swedish_with_figures(unit, assigned_supervisor):
    with translation.override("sv"):
        html = unit_report_html(unit, start=D(2023, 4, 1), end=D(2023, 4, 3), user=assigned_supervisor)
    assert '<html lang="sv">' in html
    assert "Förverkligad dimensionering (period)" in html
    assert "0,625" in html  # (45.96 + 49.79) / 7.66 / 20
    assert "Klienternas avvikelseanmälningar" in html  # counts for the organiser's supervisor


def test_report_hides_deviation_counts_from_others(unit, other_supervisor):
    html = unit_report_html(unit, start=D(2023, 4, 1), end=D(2023, 4, 3), user=other_supervisor)
    assert "poikkeamailmoitukset" not in html


def test_pdf_job_from_the_unit_page(unit, assigned_supervisor, django_capture_on_commit_callbacks):
    client = ui_client(assigned_supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("supervision:unit-report", args=[unit.code]),
            {"kind": "custom", "start": "2023-04-01", "end": "2023-04-30", "language": "sv"},
        )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("portal:job-detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.output_ref["filename"] == "supervision-kotirinne-2023-04-01-2023-04-30-sv.pdf"
    with job.output_file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_producer_report_covers_its_units(unit, assigned_supervisor, django_capture_on_commit_callbacks):
    from supervision.tasks import producer_report_html

    second = UnitFactory(code="toinen", name="Toinen koti", producer=unit.producer)
    add_day(second, D(2023, 4, 1), 5, {"sairaanhoitaja": "30"})
    html = producer_report_html(unit.producer, start=D(2023, 4, 1), end=D(2023, 4, 2), user=assigned_supervisor)
    assert html.count("<section>") == 2
    assert "Kotirinne" in html and "Toinen koti" in html
    with django_capture_on_commit_callbacks(execute=True):
        ui_client(assigned_supervisor).post(
            reverse("supervision:unit-report", args=[unit.code]),
            {"kind": "custom", "start": "2023-04-01", "end": "2023-04-30", "language": "fi", "scope": "producer"},
        )
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.output_ref["filename"] == f"supervision-{unit.producer.business_id}-2023-04-01-2023-04-30-fi.pdf"


def test_report_marks_overdue_actions_with_the_word(unit, assigned_supervisor):
    from django.utils import timezone

    from supervision.models import CorrectiveAction, Finding
    from supervision.tests.factories import VisitFactory

    today = timezone.localdate()
    finding = Finding.objects.create(visit=VisitFactory(unit=unit), description="f")
    CorrectiveAction.objects.create(finding=finding, description="late one", deadline=today - dt.timedelta(days=1))
    CorrectiveAction.objects.create(finding=finding, description="in time", deadline=today + dt.timedelta(days=9))
    CorrectiveAction.objects.create(
        finding=finding, description="closed late", deadline=today - dt.timedelta(days=9), status="closed"
    )
    with translation.override("fi"):
        html = unit_report_html(unit, start=D(2023, 4, 1), end=D(2023, 4, 3), user=assigned_supervisor)
    assert html.count('<strong class="overdue">(myöhässä)</strong>') == 1  # the open one past its deadline
    assert "late one" in html and "in time" in html and "closed late" not in html
    assert "1 myöhässä" in html  # the cover's key figure: 2 open corrective actions, 1 overdue


def test_report_chart_has_its_legend_and_an_axis_near_the_data(unit, assigned_supervisor):
    import re

    with translation.override("sv"):
        html = unit_report_html(unit, start=D(2023, 4, 1), end=D(2023, 4, 3), user=assigned_supervisor)
    assert 'class="chart-legend' in html and "Förverkligad dimensionering" in html
    assert "Dag under den lagstadgade miniminivån" in html  # 1 April is below the minimum: its cross is named
    ticks = [float(t.replace(",", ".")) for t in re.findall(r'text-anchor="end">([0-9]+,[0-9]+)</text>', html)]
    # 0.600-0.650: a staffing ratio's axis does not start at zero; round ticks around the data.
    assert ticks and 0.5 <= ticks[0] <= 0.6 and ticks[-1] >= 0.65 and len(ticks) >= 3
    assert "<style>" in html.split("<svg", 1)[1]  # the PDF's chart carries its line styles (WeasyPrint)


def test_chart_of_a_flat_series_is_flat():
    import re
    from decimal import Decimal

    from supervision.charts import ratio_trend_svg
    from supervision.selectors import DayRatio

    days = [
        DayRatio(
            date=D(2023, 4, d), clients=10, persons=Decimal("6.5") + Decimal(d) / 10000, legal_minimum=Decimal("0.65")
        )
        for d in range(1, 6)
    ]
    from django.utils import translation

    # The tick labels are read in Finnish number format (decimal comma), whatever an earlier test left.
    with translation.override("fi"):
        svg = str(ratio_trend_svg(days, title="t", chart_id="c"))
    labels = [t.replace(",", ".") for t in re.findall(r'text-anchor="end">([0-9]+,[0-9]+)</text>', svg)]
    assert labels, svg[:300]
    # Rounding noise of 0.00004 is not blown up into a saw: the axis spans at least 0.1.
    assert all(len(label.split(".")[-1]) <= 3 for label in labels)
    values = [float(label) for label in labels]
    assert values[-1] - values[0] >= 0.1
