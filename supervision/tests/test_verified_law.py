"""Verified law by default (issue 10, point 4): the threshold used, the switch for proposals, the
marking of unverified figures, and one verdict shared by the unit view, the dashboard and the notices."""

import datetime as dt
from decimal import Decimal

import pytest

from conftest import make_user
from portal import roles
from portal.models import ChangeLog
from supervision import selectors, services
from supervision.models import BelowMinimumNotice, Contract, StaffingThreshold
from supervision.tests.conftest import ui_client
from supervision.tests.factories import UnitFactory, add_day

D = dt.date
# 0.62 staff per client with 10 clients at 7.66 h per person-day: 47.49 h (ratio 0.61997).
HOURS_062 = "47.49"


def enable_proposal(valid_from: dt.date, start: dt.date, end: dt.date | None) -> StaffingThreshold:
    row = StaffingThreshold.objects.get(valid_from=valid_from)
    row.proposal_in_use_from, row.proposal_in_use_to = start, end
    row.full_clean()
    row.save()
    return row


def test_verified_law_is_the_default(reference_data):
    rules = selectors.Rules()
    # After 30.11.2023 no verified row covers the day: the last verified minimum (0.65) carries on;
    # the proposals (0.65 of HE 54/2023, 0.60 of HE 127/2024) are not used.
    for day in (D(2023, 12, 15), D(2025, 6, 1), D(2026, 9, 10)):
        row = rules.threshold_on(day)
        assert (row.valid_from, row.min_staff_per_client, row.is_verified) == (D(2023, 4, 1), Decimal("0.65"), True)
    assert rules.minimum_on(D(2025, 6, 1)) == (Decimal("0.65"), True)
    assert rules.threshold_on(D(2020, 9, 30)) is None


def test_an_enabled_proposal_is_used_only_in_its_period(reference_data):
    enable_proposal(D(2025, 1, 1), D(2025, 9, 1), D(2025, 9, 30))
    rules = selectors.Rules()
    assert rules.minimum_on(D(2025, 8, 31)) == (Decimal("0.65"), True)
    assert rules.minimum_on(D(2025, 9, 1)) == (Decimal("0.60"), False)
    assert rules.minimum_on(D(2025, 9, 30)) == (Decimal("0.60"), False)
    assert rules.minimum_on(D(2025, 10, 1)) == (Decimal("0.65"), True)


def test_the_switch_is_refused_on_verified_rows_and_is_change_logged(reference_data):
    verified = StaffingThreshold.objects.get(valid_from=D(2023, 4, 1))
    verified.proposal_in_use_from = D(2023, 5, 1)
    with pytest.raises(Exception) as refused:
        verified.full_clean()
    assert "proposal_in_use_from" in refused.value.message_dict
    before = ChangeLog.objects.count()
    row = enable_proposal(D(2025, 1, 1), D(2025, 9, 1), None)
    logged = ChangeLog.objects.filter(object_id=str(row.pk)).order_by("-pk").first()
    assert ChangeLog.objects.count() == before + 1
    assert logged.after["proposal_in_use_from"] == "2025-09-01"


def test_unverified_figures_say_so_in_pages_and_exports(reference_data):
    admin = make_user("admin-verified", roles.ADMINISTRATOR)
    unit = UnitFactory(code="koivu")
    add_day(unit, D(2025, 9, 2), 10, {"lahihoitaja": HOURS_062})
    add_day(unit, D(2025, 10, 2), 10, {"lahihoitaja": HOURS_062})
    client = ui_client(admin)
    september = client.get("/en/supervision/units/koivu/?month=2025-09").content.decode()
    assert "unverified proposal, enabled by an administrator" not in september
    enable_proposal(D(2025, 1, 1), D(2025, 9, 1), D(2025, 9, 30))
    september = client.get("/en/supervision/units/koivu/?month=2025-09").content.decode()
    october = client.get("/en/supervision/units/koivu/?month=2025-10").content.decode()
    assert "unverified proposal, enabled by an administrator" in september
    assert "unverified proposal, enabled by an administrator" not in october.split("Monthly trend")[0]
    dashboard = client.get("/en/supervision/compliance/?month=2025-09")
    assert dashboard.status_code == 200
    csv_text = client.get("/en/supervision/compliance/export.csv?month=2025-09").content.decode()
    header, *rows = csv_text.splitlines()
    assert header.split(",")[5:8] == ["ratio", "legal_minimum", "legal_minimum_unverified"]
    assert [r.split(",")[5:8] for r in rows] == [["0.620", "0.600", "unverified"]]
    october_csv = client.get("/en/supervision/compliance/export.csv?month=2025-10").content.decode()
    assert [r.split(",")[5:8] for r in october_csv.splitlines()[1:]] == [["0.620", "0.650", ""]]
    unit_csv = client.get("/en/supervision/units/koivu/staffing.csv?month=2025-09").content.decode()
    day_row = next(r for r in unit_csv.splitlines() if r.startswith("koivu,2025-09-02"))
    assert day_row.split(",")[6:8] == ["0.60", "False"]


def test_public_threshold_page_shows_translated_notes_and_hides_research_notes(reference_data, client):
    finnish = client.get("/fi/supervision/thresholds/").content.decode()
    assert "Laki 223/2023 (HE 298/2022): vähintään 0,65 työntekijää asiakasta kohden" in finnish
    assert "enactment NOT verified in this research" not in finnish
    assert "HE 127/2024: realised (toteutunut)" not in finnish
    swedish = client.get("/sv/supervision/thresholds/").content.decode()
    assert "Regeringens proposition RP 127/2024" in swedish
    assert "Research notes" not in swedish
    admin = ui_client(make_user("admin-notes", roles.ADMINISTRATOR))
    admin_page = admin.get("/en/supervision/thresholds/").content.decode()
    assert "Research notes (administrators)" in admin_page
    assert "proposal - enactment NOT verified in this research" in admin_page


def test_unit_view_dashboard_and_notices_agree_around_every_change_date(reference_data, organiser):
    """One unit per day (so the monthly dashboard shows each day's verdict): every day before, on and
    after each date on which the threshold in force may change, with the proposal switch on for
    September 2025 and a contractual minimum of 0.63 in 2022."""
    supervisor = make_user("supervisor-agree", roles.SUPERVISOR)
    from supervision.models import SupervisorAssignment

    SupervisorAssignment.objects.create(user=supervisor, organiser=organiser)
    enable_proposal(D(2025, 1, 1), D(2025, 9, 1), D(2025, 9, 30))
    change_dates = selectors.Rules().change_dates()
    assert D(2023, 4, 1) in change_dates and D(2025, 9, 1) in change_dates and D(2025, 10, 1) in change_dates
    days = sorted({c + dt.timedelta(days=k) for c in change_dates for k in (-1, 0, 1)})
    units = {}
    for index, day in enumerate(days):
        unit = UnitFactory(code=f"u{index:02d}")
        add_day(unit, day, 10, {"lahihoitaja": HOURS_062})
        units[day] = unit
    contract = Contract.objects.create(
        number="S-063",
        title="Sopimus",
        organiser=organiser,
        producer=units[days[0]].producer,
        valid_from=D(2022, 1, 1),
        valid_to=D(2022, 12, 31),
        staffing_minimum=Decimal("0.63"),
    )
    contract.units.add(*units.values())

    services.notify_below_minimum([u.pk for u in units.values()], days[0], days[-1])
    notices = {n.date: n for n in BelowMinimumNotice.objects.all()}
    client = ui_client(supervisor)
    dashboards = {}
    for year, month in sorted({(d.year, d.month) for d in days}):
        response = client.get(f"/en/supervision/compliance/?month={year:04d}-{month:02d}")
        dashboards.update({unit.code: period for unit, period in response.context["below"]})

    expected_minimum_kinds = {}
    for day, unit in units.items():
        response = client.get(
            f"/en/supervision/units/{unit.code}/", {"kind": "custom", "start": day.isoformat(), "end": day.isoformat()}
        )
        (unit_day,) = response.context["period"].days
        breach = unit_day.breach
        notice = notices.get(day)
        on_dashboard = dashboards.get(unit.code)
        assert (breach is None) == (notice is None) == (on_dashboard is None), day
        if breach is not None:
            assert (notice.ratio, notice.minimum, notice.minimum_kind, notice.minimum_verified) == (
                breach.ratio,
                breach.minimum,
                breach.kind,
                breach.verified,
            ), day
            assert on_dashboard.breaches == [breach], day
            assert on_dashboard.legal_minimum.quantize(Decimal("0.01")) == unit_day.legal_minimum, day
        expected_minimum_kinds[day] = None if breach is None else (breach.minimum, breach.kind, breach.verified)

    # The verdicts themselves, so that the agreement is not an agreement on nothing.
    assert expected_minimum_kinds[D(2021, 12, 31)] is None  # 0.62 >= 0.55
    assert expected_minimum_kinds[D(2022, 1, 1)] == (Decimal("0.63"), "contract", None)
    assert expected_minimum_kinds[D(2023, 3, 31)] is None  # 0.62 >= 0.60
    assert expected_minimum_kinds[D(2023, 4, 1)] == (Decimal("0.65"), "legal", True)
    assert expected_minimum_kinds[D(2025, 1, 1)] == (Decimal("0.65"), "legal", True)  # proposal not enabled
    assert expected_minimum_kinds[D(2025, 9, 1)] is None  # enabled proposal 0.60
    assert expected_minimum_kinds[D(2025, 10, 1)] == (Decimal("0.65"), "legal", True)
    assert len(notices) == 16
