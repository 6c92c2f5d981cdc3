"""Staffing import as a job: good files, and bad input named by row."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from conftest import make_user
from portal.choices import JobStatus
from supervision import services
from supervision.models import BelowMinimumNotice, ProducerAccount, StaffingDay, StaffingHours
from supervision.tests.factories import UnitFactory, add_day

D = dt.date
APRIL = (dt.date(2023, 4, 1), dt.date(2023, 4, 30))
HEADER = "unit,date,clients,sairaanhoitaja_direct,sairaanhoitaja_indirect,sairaanhoitaja_persons,lahihoitaja_direct\n"


def run_import(user, content: bytes, name="staffing.csv", period=APRIL, capture=None, language="en"):
    start, end = period
    with translation.override(language), capture(execute=True):
        job = services.request_staffing_import(
            actor=user, uploaded_file=SimpleUploadedFile(name, content), period_start=start, period_end=end
        )
    job.refresh_from_db()
    return job


@pytest.fixture
def unit(assigned_supervisor):
    return UnitFactory(code="kotirinne")


def test_good_csv_writes_days_and_notifies_supervisor_once(
    unit, assigned_supervisor, django_capture_on_commit_callbacks
):
    content = (HEADER + 'kotirinne,2023-04-01,10,20,4,3,29.79\nkotirinne,2.4.2023,10,"20,5",,,25\n').encode()
    job = run_import(assigned_supervisor, content, capture=django_capture_on_commit_callbacks)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.output_ref == {"days": 2, "below_minimum_notices": 1}
    day = StaffingDay.objects.get(unit=unit, date=D(2023, 4, 2))
    assert day.clients == 10
    assert sorted(StaffingHours.objects.filter(staffing_day=day).values_list("group__code", "direct_hours")) == [
        ("lahihoitaja", Decimal("25.00")),
        ("sairaanhoitaja", Decimal("20.50")),
    ]
    # 2.4.: 45.5 h / 7.66 / 10 = 0.594 < 0.65 -> one notice, one e-mail to the organiser's supervisor
    assert list(BelowMinimumNotice.objects.values_list("date", "ratio", "minimum")) == [
        (D(2023, 4, 2), Decimal("0.594"), Decimal("0.65"))
    ]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["supervisor-pshva@test.invalid"]
    # the same file again replaces the days and does not notify again
    job2 = run_import(assigned_supervisor, content, capture=django_capture_on_commit_callbacks)
    assert job2.status == JobStatus.SUCCEEDED
    assert StaffingDay.objects.filter(unit=unit).count() == 2
    assert len(mail.outbox) == 1


def test_xlsx_is_read(unit, assigned_supervisor, django_capture_on_commit_callbacks):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["unit", "date", "clients", "lahihoitaja_direct"])
    sheet.append(["kotirinne", dt.datetime(2023, 4, 3), 8, 50])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = run_import(assigned_supervisor, buffer.getvalue(), name="s.xlsx", capture=django_capture_on_commit_callbacks)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert StaffingDay.objects.get(unit=unit).date == D(2023, 4, 3)


def test_bad_rows_are_named_and_nothing_is_written(unit, assigned_supervisor, django_capture_on_commit_callbacks):
    add_day(unit, D(2023, 4, 1), 9, {"lahihoitaja": "40"})
    content = (
        HEADER
        + "kotirinne,2023-04-01,-1,8,,,\n"  # row 2 negative clients
        + "kotirinne,2023-04-02,10,-8,,,\n"  # row 3 negative hours
        + "kotirinne,2023-04-03,10,40,10,2,\n"  # row 4: 50 h by 2 persons > 48
        + "kotirinne,2023-05-01,10,8,,,\n"  # row 5 outside the period
        + "kotirinne,2023-04-04,10,8,,,\n"  # row 6 and
        + "kotirinne,2023-04-04,11,8,,,\n"  # row 7: duplicate unit-day
        + "muu-yksikko,2023-04-05,10,8,,,\n"  # row 8 unknown unit
    ).encode()
    job = run_import(assigned_supervisor, content, capture=django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert job.error.splitlines() == [
        "staffing.csv row 2: column clients: -1 is negative",
        "staffing.csv row 3: column sairaanhoitaja_direct: -8 is negative",
        "staffing.csv row 4: group sairaanhoitaja: 50 hours by 2 person(s) is more than 24 hours per person-day",
        "staffing.csv row 5: date 2023-05-01 is outside the declared period 2023-04-01–2023-04-30",
        "staffing.csv row 8: unit muu-yksikko is unknown or not one you may report for",
        "staffing.csv rows 6, 7: the same unit-day kotirinne 2023-04-04 appears more than once",
    ]
    assert list(StaffingDay.objects.values_list("date", "clients")) == [(D(2023, 4, 1), 9)]
    finnish = run_import(assigned_supervisor, content, capture=django_capture_on_commit_callbacks, language="fi")
    assert finnish.error.splitlines()[0] == "staffing.csv rivi 2: sarake clients: -1 on negatiivinen"


def test_unknown_column_fails_with_row_1(unit, assigned_supervisor, django_capture_on_commit_callbacks):
    job = run_import(
        assigned_supervisor,
        b"unit,date,clients,nurse_direct\nkotirinne,2023-04-01,1,8\n",
        capture=django_capture_on_commit_callbacks,
    )
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("staffing.csv row 1: column nurse_direct is not <group>_direct")


def test_producer_account_reports_only_its_own_units(unit, reference_data, django_capture_on_commit_callbacks):
    other = UnitFactory(code="toinen")
    producer_user = make_user("producer-user")
    ProducerAccount.objects.create(user=producer_user, producer=unit.producer)
    content = (HEADER + "kotirinne,2023-04-01,10,50,,,\ntoinen,2023-04-01,10,50,,,\n").encode()
    job = run_import(producer_user, content, capture=django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    assert job.error == "staffing.csv row 3: unit toinen is unknown or not one you may report for"
    assert not StaffingDay.objects.filter(unit=other).exists()
    good = run_import(
        producer_user, (HEADER + "kotirinne,2023-04-01,10,50,,,\n").encode(), capture=django_capture_on_commit_callbacks
    )
    assert good.status == JobStatus.SUCCEEDED
