"""Pages, downloads, API and rights of the supervision app (beyond deviation reports)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from conftest import client_for, make_user
from portal import roles
from portal.models import ChangeLog
from supervision.choices import ActionStatus
from supervision.models import (
    Contract,
    CorrectiveAction,
    Finding,
    Producer,
    ProducerAccount,
    ServiceUnit,
    StaffingDay,
    SupervisionVisit,
)
from supervision.tests.conftest import ui_client
from supervision.tests.factories import UnitFactory, add_day
from supervision.validators import validate_business_id

D = dt.date


@pytest.fixture
def units(organiser):
    low = UnitFactory(code="matala", name="Matala")
    ok = UnitFactory(code="riittava", name="Riittävä")
    add_day(low, D(2023, 4, 1), 10, {"lahihoitaja": "49.78"})  # just below 0.65
    add_day(ok, D(2023, 4, 1), 10, {"lahihoitaja": "49.79"})  # exactly 0.65
    return low, ok


def test_business_id_check_digit():
    validate_business_id("0112038-9")
    validate_business_id("1572860-0")  # remainder 0 -> check digit 0
    for bad, code in (
        ("0112038-8", "check_digit"),
        ("112038-9", "format"),
        ("0112038", "format"),
        ("abcdefg-1", "format"),
    ):
        with pytest.raises(ValidationError) as info:
            validate_business_id(bad)
        assert info.value.code == code


def test_api_rejects_wrong_check_digit_and_creates_nothing(assigned_supervisor):
    client = client_for(assigned_supervisor)
    bad = client.post("/api/supervision/producers/", {"name": "X Oy", "business_id": "0112038-8"}, format="json")
    assert bad.status_code == 400
    assert "business_id" in bad.json()
    assert not Producer.objects.exists()
    good = client.post("/api/supervision/producers/", {"name": "X Oy", "business_id": "0112038-9"}, format="json")
    assert good.status_code == 201
    assert ChangeLog.objects.filter(object_repr="X Oy (0112038-9)", action="create").count() == 1


def test_dashboard_flags_just_below_not_exactly_at(units, assigned_supervisor, django_assert_max_num_queries):
    client = ui_client(assigned_supervisor)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("supervision:dashboard"), {"month": "2023-04"})
    assert response.status_code == 200
    below = [(u.code, p.days_below_legal) for u, p in response.context["below"]]
    assert below == [("matala", 1)]
    (municipality,) = response.context["municipalities"]
    assert (municipality.units, municipality.with_data, municipality.compliant, municipality.share) == (
        2,
        2,
        1,
        Decimal("50.0"),
    )


def test_compliance_csv(units, assigned_supervisor):
    response = ui_client(assigned_supervisor).get(
        reverse("supervision:compliance-export", args=["csv"]), {"month": "2023-04"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["unit", "unit_name", "municipality"]
    assert rows[0][5:8] == ["ratio", "legal_minimum", "legal_minimum_unverified"]
    assert [(r[0], r[5], r[6], r[7], r[8], r[9], r[10]) for r in rows[1:]] == [
        ("matala", "0.650", "0.650", "", "1", "29", "1"),
        ("riittava", "0.650", "0.650", "", "1", "29", "0"),
    ]


def test_unit_page_has_chart_with_table_and_gaps(units, assigned_supervisor):
    low, _ok = units
    response = ui_client(assigned_supervisor).get(
        reverse("supervision:unit-detail", args=[low.code]),
        {"kind": "custom", "start": "2023-03-31", "end": "2023-04-02"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html and "<desc" in html
    period = response.context["period"]
    assert [(d.date, d.missing, d.below_legal) for d in period.days] == [
        (D(2023, 3, 31), True, None),
        (D(2023, 4, 1), False, True),
        (D(2023, 4, 2), True, None),
    ]


def test_unit_csv_download_shows_gaps_as_empty(units, assigned_supervisor):
    low, _ok = units
    response = ui_client(assigned_supervisor).get(
        reverse("supervision:unit-export", args=[low.code, "csv"]),
        {"kind": "custom", "start": "2023-03-31", "end": "2023-04-01"},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["matala", "2023-03-31", "", "", "", "", "0.60", "True", "", "", "", "False"]
    assert rows[2] == ["matala", "2023-04-01", "10", "49.78", "6.499", "0.650", "0.65", "True", "", "True", "", "False"]


def test_api_ratio_and_unit_list_budget(units, assigned_supervisor, django_assert_max_num_queries):
    client = client_for(assigned_supervisor)
    with django_assert_max_num_queries(8):
        listing = client.get("/api/supervision/units/")
    assert [u["code"] for u in listing.json()["results"]] == ["matala", "riittava"]
    ratio = client.get("/api/supervision/units/riittava/ratio/", {"start": "2023-04-01", "end": "2023-04-01"}).json()
    assert (ratio["ratio"], ratio["days_below_legal"], ratio["days"][0]["below_legal"]) == ("0.650", 0, False)
    assert client.get("/api/supervision/units/riittava/ratio/", {"start": "x"}).status_code == 400


def test_producer_sees_only_its_own_units(units, reference_data):
    low, ok = units
    ok.producer = Producer.objects.create(name="Toinen Oy", business_id="0112038-9")
    ok.save()
    user = make_user("producer-user")
    ProducerAccount.objects.create(user=user, producer=low.producer)
    client = ui_client(user)
    assert client.get(reverse("supervision:unit-detail", args=[ok.code])).status_code == 404
    assert client.get(reverse("supervision:unit-detail", args=[low.code])).status_code == 200
    api = client_for(user).get("/api/supervision/units/").json()
    assert [u["code"] for u in api["results"]] == ["matala"]
    days = client_for(user).get("/api/supervision/staffing-days/").json()
    assert [d["unit"] for d in days["results"]] == ["matala"]


def test_staffing_day_form_entry(units, assigned_supervisor, django_capture_on_commit_callbacks):
    low, _ok = units
    client = ui_client(assigned_supervisor)
    url = reverse("supervision:staffing-day-add", args=[low.code])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"date": "2023-04-02", "clients": "10", "lahihoitaja_direct": "30", "lahihoitaja_persons": "1"}
    )
    assert bad.status_code == 400
    assert not StaffingDay.objects.filter(unit=low, date=D(2023, 4, 2)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        good = client.post(
            url, {"date": "2023-04-02", "clients": "10", "lahihoitaja_direct": "24", "lahihoitaja_persons": "2"}
        )
    assert good.status_code == 302
    assert StaffingDay.objects.get(unit=low, date=D(2023, 4, 2)).clients == 10
    assert len(mail.outbox) == 1  # 24 h / 7.66 / 10 = 0.313 < 0.65


def test_staffing_entry_denied_to_other_organisers_supervisor(units, other_supervisor):
    low, _ok = units
    client = ui_client(other_supervisor)
    url = reverse("supervision:staffing-day-add", args=[low.code])
    assert client.post(url, {"date": "2023-04-05", "clients": "1"}).status_code == 404
    assert not StaffingDay.objects.filter(unit=low, date=D(2023, 4, 5)).exists()


def test_corrective_action_response_and_close(units, assigned_supervisor, reference_data):
    low, _ok = units
    visit = SupervisionVisit.objects.create(unit=low, kind="unannounced", planned_on=D(2023, 4, 3))
    finding = Finding.objects.create(visit=visit, description="Yövuoro vajaa")
    action = CorrectiveAction.objects.create(finding=finding, description="Lisää yöhoitaja", deadline=D(2023, 5, 1))
    producer_user = make_user("producer-user")
    ProducerAccount.objects.create(user=producer_user, producer=low.producer)
    url = reverse("supervision:visit-detail", args=[visit.pk])
    # a supervisor cannot answer for the producer (the service refuses: a 404)
    assert (
        ui_client(assigned_supervisor).post(url, {"verb": "respond", "action": action.pk, "response": "x"}).status_code
        == 404
    )
    action.refresh_from_db()
    assert (action.status, action.producer_response) == (ActionStatus.OPEN, "")
    assert (
        ui_client(producer_user)
        .post(url, {"verb": "respond", "action": action.pk, "response": "Rekrytoitu."})
        .status_code
        == 302
    )
    action.refresh_from_db()
    assert (action.status, action.producer_response) == (ActionStatus.RESPONDED, "Rekrytoitu.")
    # the producer cannot close it; the organiser's supervisor can
    assert (
        ui_client(producer_user).post(url, {"verb": "close", "action": action.pk, "follow_up": "x"}).status_code == 404
    )
    assert (
        ui_client(assigned_supervisor)
        .post(url, {"verb": "close", "action": action.pk, "follow_up": "Tarkastettu."})
        .status_code
        == 302
    )
    action.refresh_from_db()
    assert (action.status, action.follow_up) == (ActionStatus.CLOSED, "Tarkastettu.")


def test_response_to_a_closed_action_is_an_error_message_on_the_visit_page(units, reference_data):
    low, _ok = units
    visit = SupervisionVisit.objects.create(unit=low, kind="unannounced", planned_on=D(2023, 4, 3))
    finding = Finding.objects.create(visit=visit, description="Yövuoro vajaa")
    action = CorrectiveAction.objects.create(
        finding=finding, description="Lisää yöhoitaja", deadline=D(2023, 5, 1), status=ActionStatus.CLOSED
    )
    producer_user = make_user("producer-user")
    ProducerAccount.objects.create(user=producer_user, producer=low.producer)
    with translation.override("en"):
        url = reverse("supervision:visit-detail", args=[visit.pk])
    response = ui_client(producer_user).post(
        url, {"verb": "respond", "action": action.pk, "response": "Rekrytoitu."}, follow=True
    )
    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context["messages"]] == ["The action is already closed."]
    action.refresh_from_db()
    assert (action.status, action.producer_response) == (ActionStatus.CLOSED, "")


def test_contract_reminders_on_dashboard_and_by_mail(
    units, assigned_supervisor, other_supervisor, django_capture_on_commit_callbacks
):
    low, _ok = units
    today = timezone.localdate()
    contract = Contract.objects.create(
        number="K-1",
        title="Hoiva",
        organiser=low.organiser,
        producer=low.producer,
        valid_from=D(2023, 1, 1),
        valid_to=today + dt.timedelta(days=40),
        option_decision_date=today + dt.timedelta(days=10),
    )
    Contract.objects.create(
        number="K-2",
        title="Kaukana",
        organiser=low.organiser,
        producer=low.producer,
        valid_from=D(2023, 1, 1),
        valid_to=today + dt.timedelta(days=200),
    )
    response = ui_client(assigned_supervisor).get(reverse("supervision:dashboard"))
    assert [(r["contract"].number, r["kind"]) for r in response.context["reminders"]] == [
        ("K-1", "option"),
        ("K-1", "expiry"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_contract_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["supervisor-pshva@test.invalid"]
    assert contract.number in mail.outbox[0].body


def test_public_pages_and_index_links(client, reference_data):
    index = client.get(reverse("supervision:index")).content.decode()
    for name in ("report-create", "report-status", "threshold-list", "dashboard", "deviation-list"):
        assert reverse(f"supervision:{name}") in index
    thresholds = client.get(reverse("supervision:threshold-list"))
    assert thresholds.status_code == 200
    assert len([t for t in thresholds.context["thresholds"] if not t.is_verified]) == 2
    assert client.get(reverse("supervision:dashboard")).status_code == 302  # sign-in first


def test_other_roles_see_empty_pages(units, reference_data):
    user = make_user("steward-x", roles.DATA_STEWARD)
    response = ui_client(user).get(reverse("supervision:dashboard"), {"month": "2023-04"})
    assert response.status_code == 200
    assert response.context["below"] == [] and response.context["unit_count"] == 0
    assert ui_client(user).get(reverse("supervision:unit-detail", args=["matala"])).status_code == 404
    assert ServiceUnit.objects.count() == 2


def test_demo_command_is_deterministic(reference_data, settings):
    settings.DEBUG = True
    make_user("supervisor", roles.SUPERVISOR)
    call_command("seed_supervision_demo", stdout=io.StringIO())
    call_command("seed_supervision_demo", stdout=io.StringIO())
    from supervision import selectors

    koivurinne = ServiceUnit.objects.get(code="demo-koivurinne")
    tammela = ServiceUnit.objects.get(code="demo-tammela")
    september = selectors.month_bounds(2026, 9)
    assert selectors.unit_ratio(koivurinne, *september).days_below_legal == 7
    assert selectors.unit_ratio(tammela, *september).days_below_legal == 0
    assert StaffingDay.objects.filter(unit__is_demo=True).count() == 457


def test_contract_parts_follow_the_contracts_rights(units, assigned_supervisor, other_supervisor, reference_data):
    from supervision.models import ContractPrice

    low, _ok = units
    contract = Contract.objects.create(
        number="K-9", title="Hinnat", organiser=low.organiser, producer=low.producer, valid_from=D(2023, 1, 1)
    )
    price = ContractPrice.objects.create(contract=contract, service="Hoiva", price=Decimal("150"), unit="per_day")
    producer_user = make_user("producer-user")
    ProducerAccount.objects.create(user=producer_user, producer=low.producer)
    stranger = make_user("stranger")
    assert list(ContractPrice.objects.visible_to(producer_user)) == [price]
    assert list(ContractPrice.objects.visible_to(stranger)) == []
    assert list(ContractPrice.objects.editable_by(assigned_supervisor)) == [price]
    assert list(ContractPrice.objects.editable_by(other_supervisor)) == []


def test_supervisor_plans_a_visit_with_finding_and_action(units, assigned_supervisor, other_supervisor):
    low, _ok = units
    client = ui_client(assigned_supervisor)
    response = client.post(
        reverse("supervision:visit-create"),
        {"unit": low.pk, "kind": "planned", "planned_on": "2023-05-02", "status": "planned", "summary": ""},
    )
    visit = SupervisionVisit.objects.get()
    assert response.status_code == 302 and visit.supervisor == assigned_supervisor
    url = reverse("supervision:visit-detail", args=[visit.pk])
    assert (
        client.post(url, {"verb": "finding", "description": "Lääkekaappi auki", "severity": "serious"}).status_code
        == 302
    )
    finding = Finding.objects.get(visit=visit)
    assert (
        client.post(
            url, {"verb": "action", "finding": finding.pk, "description": "Lukitse kaappi", "deadline": "2023-05-10"}
        ).status_code
        == 302
    )
    assert list(CorrectiveAction.objects.values_list("description", "deadline", "status")) == [
        ("Lukitse kaappi", D(2023, 5, 10), ActionStatus.OPEN)
    ]
    # another organiser's supervisor can neither add findings nor plan visits for this unit
    other = ui_client(other_supervisor)
    assert other.post(url, {"verb": "finding", "description": "x", "severity": "minor"}).status_code == 404
    assert (
        other.post(
            reverse("supervision:visit-create"),
            {"unit": low.pk, "kind": "planned", "planned_on": "2023-05-02", "status": "planned"},
        ).status_code
        == 404
    )
    assert Finding.objects.count() == 1 and SupervisionVisit.objects.count() == 1


def test_register_editing_rights(units, assigned_supervisor, other_supervisor, organiser, other_organiser):
    low, _ok = units
    client = ui_client(assigned_supervisor)
    bad = client.post(reverse("supervision:producer-create"), {"name": "Uusi Oy", "business_id": "0112038-8"})
    assert bad.status_code == 400 and not Producer.objects.filter(name="Uusi Oy").exists()
    assert (
        client.post(reverse("supervision:producer-create"), {"name": "Uusi Oy", "business_id": "0112038-9"}).status_code
        == 302
    )
    producer = Producer.objects.get(name="Uusi Oy")
    unit_data = {
        "code": "uusi",
        "name": "Uusi koti",
        "producer": producer.pk,
        "organiser": organiser.pk,
        "municipality": low.municipality_id,
        "service_type": "service_housing_24h",
        "places": 12,
        "accepts_reports": "on",
    }
    # a supervisor cannot create a unit for an organiser they do not supervise
    assert (
        client.post(reverse("supervision:unit-create"), {**unit_data, "organiser": other_organiser.pk}).status_code
        == 400
    )
    assert client.post(reverse("supervision:unit-create"), unit_data).status_code == 302
    assert ServiceUnit.objects.get(code="uusi").organiser == organiser
    contract = {
        "number": "K-7",
        "title": "Uusi sopimus",
        "organiser": organiser.pk,
        "producer": producer.pk,
        "units": [low.pk],
        "valid_from": "2024-01-01",
        "staffing_minimum": "0.70",
    }
    assert client.post(reverse("supervision:contract-create"), contract).status_code == 302
    saved = Contract.objects.get(number="K-7")
    assert list(saved.units.values_list("code", flat=True)) == ["matala"]
    # the other organiser's supervisor cannot edit them
    other = ui_client(other_supervisor)
    assert other.get(reverse("supervision:unit-edit", args=["uusi"])).status_code == 404
    assert (
        other.post(reverse("supervision:contract-edit", args=[saved.pk]), {**contract, "title": "x"}).status_code == 404
    )
    saved.refresh_from_db()
    assert saved.title == "Uusi sopimus"


def test_threshold_edit_by_supervisor_changes_the_verdict(units, assigned_supervisor, reference_data):
    from supervision.models import StaffingThreshold

    threshold = StaffingThreshold.objects.get(valid_from=D(2023, 4, 1))
    url = reverse("supervision:threshold-edit", args=[threshold.pk])
    data = {
        "valid_from": "2023-04-01",
        "valid_to": "2023-11-30",
        "min_staff_per_client": "0.64",
        "legal_basis": threshold.legal_basis,
        "status": threshold.status,
        "source": threshold.source,
    }
    assert ui_client(make_user("plain")).post(url, data).status_code == 404
    assert ui_client(assigned_supervisor).post(url, data).status_code == 302
    from supervision import selectors

    low, _ok = units
    assert selectors.unit_ratio(low, D(2023, 4, 1), D(2023, 4, 1)).days_below_legal == 0  # 0.6499 >= 0.64
