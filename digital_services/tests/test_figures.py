"""Monthly figures: exact indicators, bad input refused with the row named, stewards only their own."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, client_for
from digital_services import selectors
from digital_services.models import MonthlyFigure
from digital_services.tests.factories import MonthlyFigureFactory
from portal.choices import JobStatus
from portal.models import ChangeLog, Job, Organisation

HEADER = "organisation;month;assessments_completed;referred_to_booking;messages_recipients;paper_letters;returns_to_paper;virtual_contacts\n"


def _login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_paperless_share_is_exact_and_zero_denominator_is_no_value(reference_data):
    figure = MonthlyFigureFactory(
        messages_recipients=7500, paper_letters=2500, assessments_completed=0, referred_to_booking=0
    )
    assert figure.paperless_share == Decimal("75.0")
    assert figure.omaolo_conversion is None  # no assessments: no value, not 0
    empty = MonthlyFigureFactory(month=dt.date(2025, 2, 1), messages_recipients=0, paper_letters=0)
    assert empty.paperless_share is None
    assert selectors.ratio_percent(50, 200) == Decimal("25.0")


@pytest.mark.django_db
def test_region_sums_member_municipalities_of_the_month(reference_data, staff_user):
    MonthlyFigureFactory(
        organisation=Organisation.objects.get(code="297"),
        month=dt.date(2025, 1, 1),
        messages_recipients=7000,
        paper_letters=2000,
    )
    MonthlyFigureFactory(
        organisation=Organisation.objects.get(code="140"),
        month=dt.date(2025, 1, 1),
        messages_recipients=500,
        paper_letters=500,
    )
    [region] = selectors.region_indicators(staff_user, months=[dt.date(2025, 1, 1)])
    assert region.organisation_code == "pshva"
    assert (region.messages_recipients, region.paper_letters) == (7500, 2500)
    assert region.paperless_share == Decimal("75.0")


@pytest.mark.django_db
def test_steward_enters_own_month_in_the_form(steward_a):
    client = _login(steward_a)
    kuopio = Organisation.objects.get(code="297")
    before = ChangeLog.objects.count()
    response = client.post(
        reverse("digital_services:figure-create"),
        {
            "organisation": kuopio.pk,
            "month": "2025-03",
            "assessments_completed": 400,
            "referred_to_booking": 100,
            "messages_recipients": 7500,
            "paper_letters": 2500,
            "returns_to_paper": 3,
            "virtual_contacts": 20,
        },
    )
    assert response.status_code == 302
    figure = MonthlyFigure.objects.get()
    assert (figure.organisation, figure.month, figure.paperless_share, figure.omaolo_conversion) == (
        kuopio,
        dt.date(2025, 3, 1),
        Decimal("75.0"),
        Decimal("25.0"),
    )
    assert ChangeLog.objects.count() == before + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("month", "values", "field", "text"),
    [
        ("2999-01", {}, "month", "is in the future"),
        ("2025-01", {"paper_letters": -5}, "paper_letters", "cannot be negative"),
        ("2025-01", {"messages_recipients": 130000}, "messages_recipients", "more than the population"),
    ],
)
def test_form_refuses_bad_figures_and_stores_nothing(steward_a, month, values, field, text):
    client = _login(steward_a)
    data = {
        "organisation": Organisation.objects.get(code="297").pk,
        "month": month,
        "assessments_completed": 1,
        "referred_to_booking": 0,
        "messages_recipients": 10,
        "paper_letters": 1,
        "returns_to_paper": 0,
        "virtual_contacts": 0,
        **values,
    }
    response = client.post(reverse("digital_services:figure-create"), data)
    assert response.status_code == 400
    assert text in " ".join(response.context["form"].errors[field])
    assert MonthlyFigure.objects.count() == 0


@pytest.mark.django_db
def test_form_refuses_a_duplicate_month(steward_a):
    MonthlyFigureFactory(month=dt.date(2025, 1, 1))
    client = _login(steward_a)
    response = client.post(
        reverse("digital_services:figure-create"),
        {
            "organisation": Organisation.objects.get(code="297").pk,
            "month": "2025-01",
            "assessments_completed": 1,
            "referred_to_booking": 0,
            "messages_recipients": 1,
            "paper_letters": 1,
            "returns_to_paper": 0,
            "virtual_contacts": 0,
        },
    )
    assert response.status_code == 400
    assert "already has figures for 2025-01" in " ".join(response.context["form"].errors["month"])
    assert MonthlyFigure.objects.count() == 1


@pytest.mark.django_db
def test_steward_b_cannot_write_or_reach_kuopio_figures(steward_a, steward_b):
    figure = MonthlyFigureFactory()
    before = ChangeLog.objects.count()
    client = _login(steward_b)
    # Kuopio is not among steward B's organisation choices: the form refuses it.
    response = client.post(
        reverse("digital_services:figure-create"),
        {
            "organisation": figure.organisation.pk,
            "month": "2025-02",
            "assessments_completed": 1,
            "referred_to_booking": 0,
            "messages_recipients": 1,
            "paper_letters": 1,
            "returns_to_paper": 0,
            "virtual_contacts": 0,
        },
    )
    assert response.status_code == 400
    assert client.get(reverse("digital_services:figure-edit", args=[figure.pk])).status_code == 404
    assert client.post(reverse("digital_services:figure-delete", args=[figure.pk])).status_code == 404
    api = client_for(steward_b)
    assert (
        api.patch(
            f"/api/digital-services/monthly-figures/{figure.pk}/", {"paper_letters": 1}, format="json"
        ).status_code
        == 404
    )
    created = api.post(
        "/api/digital-services/monthly-figures/",
        {"organisation": "297", "month": "2025-02-01", "messages_recipients": 5},
        format="json",
    )
    assert created.status_code == 403
    figure.refresh_from_db()
    assert (MonthlyFigure.objects.count(), figure.paper_letters, ChangeLog.objects.count()) == (1, 2500, before)


@pytest.mark.django_db
def test_steward_a_writes_through_the_api(steward_a):
    response = client_for(steward_a).post(
        "/api/digital-services/monthly-figures/",
        {"organisation": "297", "month": "2025-04-01", "messages_recipients": 7500, "paper_letters": 2500},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["paperless_share"] == "75.0"
    negative = client_for(steward_a).post(
        "/api/digital-services/monthly-figures/",
        {"organisation": "297", "month": "2025-05-01", "paper_letters": -1},
        format="json",
    )
    assert negative.status_code == 400
    assert "paper_letters" in negative.json()
    assert MonthlyFigure.objects.count() == 1


@pytest.fixture
def _upload(django_capture_on_commit_callbacks):
    def upload(client, name: str, body: bytes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("digital_services:figure-upload"), {"file": SimpleUploadedFile(name, body, "text/csv")}
            )

    return upload


@pytest.mark.django_db
def test_upload_job_stores_all_rows(steward_a, _upload):
    client = _login(steward_a)
    body = (HEADER + "297;2025-01;100;30;7500;2500;2;10\n297;2025-02;0;0;0;0;0;0\n").encode()
    response = _upload(client, "figures.csv", body)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    assert job.status == JobStatus.SUCCEEDED, job.error
    rows = {f.month.month: f for f in MonthlyFigure.objects.all()}
    assert rows[1].paperless_share == Decimal("75.0") and rows[1].omaolo_conversion == Decimal("30.0")
    assert rows[2].paperless_share is None and rows[2].job == job


@pytest.mark.django_db
def test_upload_refuses_bad_rows_naming_them_and_stores_nothing(steward_a, _upload):
    MonthlyFigureFactory(month=dt.date(2025, 1, 1))
    client = _login(steward_a)
    body = (
        HEADER
        + "297;2025-02;10;1;100;10;0;0\n"  # row 2 fine
        + "297;2999-01;10;1;100;10;0;0\n"  # row 3 future
        + "297;2025-01;10;1;100;10;0;0\n"  # row 4 duplicate of a stored month
        + "297;2025-03;10;1;100;-4;0;0\n"  # row 5 negative
        + "297;2025-04;10;1;999999;10;0;0\n"  # row 6 above population
        + "140;2025-05;10;1;100;10;0;0\n"  # row 7 another organisation
        + "297;2025-02;10;1;100;10;0;0\n"  # row 8 duplicate within the file
    ).encode()
    _upload(client, "figures.csv", body)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "figures.csv, row 3, column month: 2999-01 is in the future." in job.error
    assert "figures.csv, row 4, column month: Kuopio already has figures for 2025-01." in job.error
    assert "figures.csv, row 5, column paper_letters: A count cannot be negative (-4)." in job.error
    assert "figures.csv, row 6, column messages_recipients: 999999 recipients is more than the population" in job.error
    assert "figures.csv, row 7: you are not a data steward of Iisalmi." in job.error
    assert "figures.csv, row 8, column month: 2025-02 of Kuopio is already on row 2." in job.error
    assert MonthlyFigure.objects.count() == 1  # only the earlier row; nothing from the file


@pytest.mark.django_db
def test_upload_xlsx_and_wrong_type(steward_a, _upload):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(";"))
    ws.append(["297", "2025-06", 10, 5, 7500, 2500, 0, 0])
    buffer = io.BytesIO()
    wb.save(buffer)
    client = _login(steward_a)
    _upload(client, "figures.xlsx", buffer.getvalue())
    assert Job.objects.get().status == JobStatus.SUCCEEDED
    assert MonthlyFigure.objects.get().paperless_share == Decimal("75.0")
    response = _upload(client, "figures.exe", b"MZ")
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()


@pytest.mark.django_db
def test_who_may_upload(decision_maker, staff_user):
    for user in (decision_maker, staff_user):
        assert _login(user).get(reverse("digital_services:figure-upload")).status_code == 403
    assert Client().get(reverse("digital_services:figure-upload")).status_code == 302
