"""Reads of the supervision app, above all the staffing-ratio computation (hoitajamitoitus).

The rule, written down once:

1. For a unit and a day, the *counted hours* are the direct client-work hours of the professional
   groups whose ``counts_in_ratio`` is set (code list ``ProfessionalGroup``; indirect hours never count).
2. Hours become persons by dividing by the ``PersonDayRule`` in force that day
   (``hours_per_person_day``, seeded 7.66 h = 38 h 18 min / 5; data, editable, status "assumption").
3. The realised ratio of the day is persons / clients of that day.
4. It is compared with the legal minimum in force ON THAT DAY (``StaffingThreshold``: among the
   verified rows covering the day, and the proposal rows an administrator has enabled for that day,
   the one with the latest ``valid_from``; with none, the latest verified row is carried forward; see
   ``_ThresholdCalendar``) and with the highest contractual minimum
   of the unit's contracts valid that day. The comparison is exact (Decimal):
   a day is below when counted_hours < minimum x clients x hours_per_person_day, so a unit exactly at
   the minimum is not below.
5. A day without a ``StaffingDay`` row is a gap (``None``), never a zero. A day with clients = 0 has no
   ratio. A day whose direct hours come only from groups that may not form a shift alone
   (``qualifies_alone`` unset: therapists, assistants, activity instructors, students) is flagged.
6. A period's ratio is the sum of persons over the sum of clients on the days with data (client-
   weighted, so it is exact across threshold changes), and its legal minimum is the client-weighted
   mean of the daily minimums. A unit is *below* in a period when any day with data is below the
   legal minimum in force that day.
7. Whether a unit-day is a breach, and of which minimum, is decided by ``breach_of`` alone: the
   notices, the unit view and the compliance dashboard all read it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from portal.models import Organisation
from portal.types import Actor
from supervision.choices import ReminderKind
from supervision.models import (
    Contract,
    CorrectiveAction,
    DeviationReport,
    PersonDayRule,
    ServiceUnit,
    StaffingDay,
    StaffingThreshold,
)

RATIO_PLACES = Decimal("0.001")


# --- periods --------------------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """ISO week (Monday to Sunday) containing the day."""
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


# --- calendars of time-valid rules ----------------------------------------------------------------


class _ValidityCalendar:
    """Answers "which row is in force on day d" for rows with valid_from/valid_to; the row with the
    latest valid_from covering the day wins (a later act supersedes an earlier, overlapping one)."""

    def __init__(self, rows: Iterable[PersonDayRule]) -> None:
        self.rows = sorted(rows, key=lambda r: r.valid_from or dt.date.min)
        self._starts = [r.valid_from or dt.date.min for r in self.rows]
        self._cache: dict[dt.date, PersonDayRule | None] = {}

    def on(self, day: dt.date) -> PersonDayRule | None:
        if day in self._cache:
            return self._cache[day]
        found = None
        for index in range(bisect_right(self._starts, day) - 1, -1, -1):
            row = self.rows[index]
            if row.valid_to is None or row.valid_to >= day:
                found = row
                break
        self._cache[day] = found
        return found


class _ThresholdCalendar:
    """Which legal minimum applies on day d: verified law by default.

    Candidates on a day are the verified rows covering it and the proposal rows an administrator has
    enabled for that day (``proposal_in_use_from``/``_to``); among them the latest ``valid_from`` wins.
    When no candidate covers the day, the latest verified row that started on or before the day is
    carried forward: an unverified proposal never replaces verified law silently.
    """

    def __init__(self, rows: Iterable[StaffingThreshold]) -> None:
        self.rows = sorted(rows, key=lambda r: r.valid_from)
        self._cache: dict[dt.date, StaffingThreshold | None] = {}

    def on(self, day: dt.date) -> StaffingThreshold | None:
        if day in self._cache:
            return self._cache[day]
        found = carried = None
        for row in reversed(self.rows):
            if row.valid_from > day:
                continue
            if row.is_verified and carried is None:
                carried = row
            covers = row.valid_to is None or row.valid_to >= day
            if covers and (row.is_verified or row.proposal_in_use_on(day)):
                found = row
                break
        result = found or carried
        self._cache[day] = result
        return result

    def change_dates(self) -> list[dt.date]:
        """Every day on which the answer may change (starts, day after ends, switch dates)."""
        dates = set()
        for row in self.rows:
            dates.add(row.valid_from)
            if row.valid_to:
                dates.add(row.valid_to + dt.timedelta(days=1))
            if row.proposal_in_use_from:
                dates.add(row.proposal_in_use_from)
            if row.proposal_in_use_to:
                dates.add(row.proposal_in_use_to + dt.timedelta(days=1))
        return sorted(dates)


class Rules:
    """The thresholds and the person-day rule, loaded once per computation."""

    def __init__(
        self,
        thresholds: Iterable[StaffingThreshold] | None = None,
        person_day_rules: Iterable[PersonDayRule] | None = None,
    ) -> None:
        self.thresholds = _ThresholdCalendar(thresholds if thresholds is not None else StaffingThreshold.objects.all())
        self.person_days = _ValidityCalendar(
            person_day_rules if person_day_rules is not None else PersonDayRule.objects.all()
        )
        self._minimums: dict[dt.date, tuple[Decimal | None, bool | None]] = {}

    def threshold_on(self, day: dt.date) -> StaffingThreshold | None:
        return self.thresholds.on(day)

    def change_dates(self) -> list[dt.date]:
        return self.thresholds.change_dates()

    def minimum_on(self, day: dt.date) -> tuple[Decimal | None, bool | None]:
        """(legal minimum, verified) in force on the day; (None, None) when no row covers it."""
        cached = self._minimums.get(day)
        if cached is None:
            threshold = self.threshold_on(day)
            cached = (None, None) if threshold is None else (threshold.min_staff_per_client, threshold.is_verified)
            self._minimums[day] = cached
        return cached

    def hours_per_person_day_on(self, day: dt.date) -> Decimal | None:
        rule = self.person_days.on(day)
        return rule.hours_per_person_day if rule is not None else None


# --- results --------------------------------------------------------------------------------------


@dataclass(slots=True)
class DayRatio:
    date: dt.date
    clients: int | None = None  # None: no data for the day (a gap)
    counted_hours: Decimal | None = None
    qualifying_hours: Decimal | None = None
    all_direct_hours: Decimal | None = None
    persons: Decimal | None = None
    legal_minimum: Decimal | None = None
    legal_minimum_verified: bool | None = None
    contract_minimum: Decimal | None = None
    below_legal: bool | None = None
    below_contract: bool | None = None
    only_non_qualifying: bool = False

    @property
    def missing(self) -> bool:
        return self.clients is None

    @property
    def breach(self) -> Breach | None:
        return breach_of(self)

    @property
    def uses_unverified(self) -> bool:
        return self.legal_minimum_verified is False

    @property
    def ratio(self) -> Decimal | None:
        """Persons per client (computed on demand: most callers need only the verdicts and sums)."""
        return self.persons / self.clients if self.persons is not None and self.clients is not None else None

    @property
    def ratio_display(self) -> Decimal | None:
        ratio = self.ratio
        return ratio.quantize(RATIO_PLACES) if ratio is not None else None


@dataclass(frozen=True, slots=True)
class Breach:
    """A unit-day below a minimum: what the notices store and what every page shows."""

    date: dt.date
    ratio: Decimal | None
    minimum: Decimal
    kind: str  # "legal" or "contract"
    verified: bool | None  # the legal row's verification; None for a contractual minimum


def breach_of(day: DayRatio) -> Breach | None:
    """THE verdict of a unit-day, used by the unit view, the compliance dashboard and the notices.

    Below either minimum is a breach; the minimum reported is the higher of those broken, and the
    legal one carries whether its row is verified law or an enabled proposal.
    """
    if not (day.below_legal or day.below_contract):
        return None
    legal, contract = day.legal_minimum, day.contract_minimum
    if day.below_legal and legal is not None and not (day.below_contract and contract is not None and contract > legal):
        return Breach(day.date, day.ratio_display, legal, "legal", day.legal_minimum_verified)
    assert contract is not None  # below a contract minimum implies there is one
    return Breach(day.date, day.ratio_display, contract, "contract", None)


@dataclass
class PeriodRatio:
    unit_id: int
    start: dt.date
    end: dt.date
    days: list[DayRatio] = field(default_factory=list)

    @property
    def days_with_data(self) -> list[DayRatio]:
        return [d for d in self.days if not d.missing]

    @property
    def missing_days(self) -> int:
        return sum(1 for d in self.days if d.missing)

    @property
    def days_below_legal(self) -> int:
        return sum(1 for d in self.days if d.below_legal)

    @property
    def days_below_contract(self) -> int:
        return sum(1 for d in self.days if d.below_contract)

    @property
    def days_only_non_qualifying(self) -> int:
        return sum(1 for d in self.days if d.only_non_qualifying)

    @property
    def client_days(self) -> int:
        return sum(d.clients or 0 for d in self.days if d.persons is not None)

    @property
    def ratio(self) -> Decimal | None:
        clients = self.client_days
        if not clients:
            return None
        return sum((d.persons for d in self.days if d.persons is not None), Decimal(0)) / clients

    @property
    def ratio_display(self) -> Decimal | None:
        ratio = self.ratio
        return ratio.quantize(RATIO_PLACES) if ratio is not None else None

    @property
    def legal_minimum(self) -> Decimal | None:
        """Client-weighted mean of the daily legal minimums over the days with a ratio."""
        weighted: list[tuple[Decimal, int]] = [
            (d.legal_minimum, d.clients or 0)
            for d in self.days
            if d.persons is not None and d.legal_minimum is not None
        ]
        clients = sum(c for _, c in weighted)
        if not clients:
            return None
        return (sum((m * c for m, c in weighted), Decimal(0)) / clients).quantize(RATIO_PLACES)

    @property
    def breaches(self) -> list[Breach]:
        return [b for b in (breach_of(d) for d in self.days) if b is not None]

    @property
    def uses_unverified(self) -> bool:
        """True when any day with a ratio was compared with an unverified (enabled proposal) row."""
        return any(d.legal_minimum_verified is False for d in self.days if d.persons is not None)

    @property
    def has_data(self) -> bool:
        return any(not d.missing for d in self.days)

    @property
    def is_below(self) -> bool:
        return self.days_below_legal > 0

    @property
    def is_below_contract(self) -> bool:
        return self.days_below_contract > 0


# --- the computation ------------------------------------------------------------------------------


def _contract_minimums(
    unit_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[int, list[tuple[dt.date, dt.date | None, Decimal]]]:
    result: dict[int, list] = defaultdict(list)
    contracts = (
        Contract.objects.filter(units__in=unit_ids, staffing_minimum__isnull=False, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .values_list("units", "valid_from", "valid_to", "staffing_minimum")
    )
    for unit_id, valid_from, valid_to, minimum in contracts:
        result[unit_id].append((valid_from, valid_to, minimum))
    return result


def day_totals(
    unit_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], tuple[int, Decimal, Decimal, Decimal]]:
    """One aggregate query: (unit, day) -> (clients, counted hours, qualifying hours, all direct hours)."""
    rows = (
        StaffingDay.objects.filter(unit_id__in=unit_ids, date__gte=start, date__lte=end)
        .values_list("unit_id", "date", "clients")
        .annotate(
            counted=Sum("hours__direct_hours", filter=Q(hours__group__counts_in_ratio=True)),
            qualifying=Sum(
                "hours__direct_hours",
                filter=Q(hours__group__counts_in_ratio=True, hours__group__qualifies_alone=True),
            ),
            all_direct=Sum("hours__direct_hours"),
        )
        .order_by()
    )
    # Run the compiled SQL directly: Django's per-value converters cost more than the query itself
    # at benchmark scale. Hours are stored in hundredths, so sums are turned into exact Decimals
    # through integer hundredths (SQLite returns floats, PostgreSQL Decimals).
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # no units
        return {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    return {
        (unit_id, day if isinstance(day, dt.date) else dt.date.fromisoformat(day)): (
            clients,
            _hours(counted),
            _hours(qualifying),
            _hours(all_direct),
        )
        for unit_id, day, clients, counted, qualifying, all_direct in fetched
    }


_ZERO_HOURS = Decimal("0.00")


def _hours(value: Decimal | float | None) -> Decimal:
    if not value:
        return _ZERO_HOURS
    if isinstance(value, Decimal):  # PostgreSQL: already exact hundredths
        return value
    return Decimal(round(value * 100)).scaleb(-2)


def evaluate_day(
    day: dt.date,
    totals: tuple[int, Decimal, Decimal, Decimal] | None,
    rules: Rules,
    contract_minimum: Decimal | None,
) -> DayRatio:
    legal_minimum, verified = rules.minimum_on(day)
    if totals is None:
        return DayRatio(
            date=day, legal_minimum=legal_minimum, legal_minimum_verified=verified, contract_minimum=contract_minimum
        )
    clients, counted, qualifying, all_direct = totals
    hours_per_day = rules.hours_per_person_day_on(day)
    persons = None
    below_legal = below_contract = None
    if hours_per_day is not None and clients > 0:
        persons = counted / hours_per_day
        if legal_minimum is not None:
            below_legal = counted < legal_minimum * clients * hours_per_day
        if contract_minimum is not None:
            below_contract = counted < contract_minimum * clients * hours_per_day
    return DayRatio(
        date=day,
        clients=clients,
        counted_hours=counted,
        qualifying_hours=qualifying,
        all_direct_hours=all_direct,
        persons=persons,
        legal_minimum=legal_minimum,
        legal_minimum_verified=verified,
        contract_minimum=contract_minimum,
        below_legal=below_legal,
        below_contract=below_contract,
        only_non_qualifying=all_direct > 0 and qualifying == 0,
    )


def compute_ratios(
    unit_ids: Iterable[int], start: dt.date, end: dt.date, *, rules: Rules | None = None
) -> dict[int, PeriodRatio]:
    """The realised staffing ratio, day by day, of each unit over [start, end] (see the module doc)."""
    unit_ids = list(unit_ids)
    rules = rules or Rules()
    totals = day_totals(unit_ids, start, end)
    contracts = _contract_minimums(unit_ids, start, end)
    days = days_between(start, end)
    result = {}
    for unit_id in unit_ids:
        periods = contracts.get(unit_id, [])
        period = PeriodRatio(unit_id=unit_id, start=start, end=end)
        for day in days:
            minimums = [m for f, t, m in periods if f <= day and (t is None or t >= day)]
            period.days.append(
                evaluate_day(day, totals.get((unit_id, day)), rules, max(minimums) if minimums else None)
            )
        result[unit_id] = period
    return result


def unit_ratio(unit: ServiceUnit, start: dt.date, end: dt.date) -> PeriodRatio:
    return compute_ratios([unit.pk], start, end)[unit.pk]


def split_by_month(period: PeriodRatio) -> list[PeriodRatio]:
    months: dict[tuple[int, int], PeriodRatio] = {}
    for day in period.days:
        key = (day.date.year, day.date.month)
        if key not in months:
            first, last = month_bounds(*key)
            months[key] = PeriodRatio(unit_id=period.unit_id, start=max(first, period.start), end=min(last, period.end))
        months[key].days.append(day)
    return list(months.values())


# --- dashboard reads ------------------------------------------------------------------------------


def latest_data_month(units: QuerySet[ServiceUnit]) -> tuple[int, int] | None:
    latest = StaffingDay.objects.filter(unit__in=units).aggregate(latest=Max("date"))["latest"]
    return (latest.year, latest.month) if latest else None


def data_range(units: QuerySet[ServiceUnit]) -> tuple[dt.date | None, dt.date | None]:
    agg = StaffingDay.objects.filter(unit__in=units).aggregate(first=Min("date"), last=Max("date"))
    return agg["first"], agg["last"]


@dataclass
class MunicipalityCompliance:
    municipality: Organisation
    units: int = 0
    with_data: int = 0
    compliant: int = 0

    @property
    def share(self) -> Decimal | None:
        if not self.with_data:
            return None
        return (Decimal(100) * self.compliant / self.with_data).quantize(Decimal("0.1"))


def compliance(
    units: QuerySet[ServiceUnit], start: dt.date, end: dt.date
) -> tuple[list[tuple[ServiceUnit, PeriodRatio]], list[MunicipalityCompliance]]:
    """Every unit's period ratio and, per municipality, the share of units with data that are compliant."""
    unit_rows = list(units.select_related("municipality", "producer", "organiser"))
    ratios = compute_ratios([u.pk for u in unit_rows], start, end)
    per_municipality: dict[int, MunicipalityCompliance] = {}
    pairs = []
    for unit in unit_rows:
        period = ratios[unit.pk]
        pairs.append((unit, period))
        entry = per_municipality.setdefault(unit.municipality_id, MunicipalityCompliance(unit.municipality))
        entry.units += 1
        if period.has_data and period.ratio is not None:
            entry.with_data += 1
            if not period.is_below:
                entry.compliant += 1
    by_name = sorted(per_municipality.values(), key=lambda m: m.municipality.name_fi)
    return pairs, by_name


def contract_reminders(contracts: QuerySet[Contract], today: dt.date, *, within_days: int = 90) -> list[dict]:
    """Contracts ending or with an option decision date within ``within_days`` (past ones excluded)."""
    horizon = today + dt.timedelta(days=within_days)
    reminders: list[dict[str, Any]] = []
    qs = contracts.filter(
        Q(valid_to__gte=today, valid_to__lte=horizon)
        | Q(option_decision_date__gte=today, option_decision_date__lte=horizon)
    ).select_related("producer", "organiser")
    for contract in qs:
        if contract.option_decision_date and today <= contract.option_decision_date <= horizon:
            reminders.append({"contract": contract, "kind": ReminderKind.OPTION, "date": contract.option_decision_date})
        if contract.valid_to and today <= contract.valid_to <= horizon:
            reminders.append({"contract": contract, "kind": ReminderKind.EXPIRY, "date": contract.valid_to})
    reminders.sort(key=lambda r: (r["date"], r["contract"].number))
    return reminders


def open_actions(actions: QuerySet[CorrectiveAction], today: dt.date) -> QuerySet[CorrectiveAction]:
    return actions.exclude(status="closed").select_related("finding__visit__unit").order_by("deadline")


def deviation_counts(reports: QuerySet[DeviationReport]) -> dict[str, int]:
    return dict(reports.order_by().values_list("status").annotate(n=Count("id")))


# --- overviews: what the front page and the dashboard open with (issue 16) -----------------------


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _compliance_counts(units: QuerySet[ServiceUnit], year: int, month: int) -> dict:
    start, end = month_bounds(year, month)
    pairs, municipalities = compliance(units, start, end)
    with_data = sum(m.with_data for m in municipalities)
    compliant = sum(m.compliant for m in municipalities)
    return {
        "pairs": pairs,
        "below_legal": [(u, p) for u, p in pairs if p.is_below],
        "below_contract": [(u, p) for u, p in pairs if p.is_below_contract and not p.is_below],
        "share": (Decimal(100) * compliant / with_data).quantize(Decimal("0.1")) if with_data else None,
    }


def _signed(value: Decimal | float | None, places: int = 0) -> str:
    from django.utils.formats import number_format

    if value is None:
        return ""
    if value == 0:
        return "±0"
    magnitude: Decimal | float = -value if value < 0 else value
    text = number_format(magnitude, decimal_pos=places, use_l10n=True)
    return ("+" if value > 0 else "−") + text


def overview(user: Actor, year: int, month: int, today: dt.date) -> dict:
    """Key figures of a month (units below the legal minimum, share compliant, each with its change
    from the month before), overdue corrective actions, contract reminders and, only for supervisors
    assigned to an organiser, the new client deviation reports (a count, no report is read). What
    needs attention links to the unit, the visit or the queue where it is handled."""
    from django.urls import reverse
    from django.utils.formats import date_format, number_format
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from supervision import permissions
    from supervision.choices import DeviationStatus
    from supervision.models import CorrectiveAction, DeviationReport

    units = ServiceUnit.objects.visible_to(user)
    now = _compliance_counts(units, year, month)
    before = _compliance_counts(units, *previous_month(year, month))
    py, pm = previous_month(year, month)
    since = _("from %(month)s") % {"month": date_format(dt.date(py, pm, 1), "YEAR_MONTH_FORMAT")}
    month_label = date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT")
    month_param = f"{year:04d}-{month:02d}"
    actions = list(open_actions(CorrectiveAction.objects.visible_to(user), today).filter(deadline__lt=today))
    reminders = contract_reminders(Contract.objects.visible_to(user), today)
    below = len(now["below_legal"])
    share_change = now["share"] - before["share"] if now["share"] is not None and before["share"] is not None else None
    figures = [
        {
            "label": _("Units below the legal minimum, %(month)s") % {"month": month_label},
            "value": _("%(n)s of %(total)s") % {"n": below, "total": len(now["pairs"])},
            "change": _signed(below - len(before["below_legal"])),
            "change_note": since,
            "state": "bad" if below else "ok",
            "url": reverse("supervision:dashboard") + f"?month={month_param}",
        },
        {
            "label": _("Share of compliant units"),
            "value": "–" if now["share"] is None else number_format(now["share"], decimal_pos=1, use_l10n=True),
            "unit": "" if now["share"] is None else "%",
            "change": _signed(share_change, 1),
            "change_note": _("percentage points %(since)s") % {"since": since} if share_change is not None else "",
            "state": "" if now["share"] is None else ("ok" if now["share"] == 100 else "warn"),
            "state_label": ""
            if now["share"] is None
            else (_("Target 100 %") if now["share"] < 100 else _("All compliant")),
        },
        {
            "label": _("Corrective actions past their deadline"),
            "value": len(actions),
            "state": "bad" if actions else "ok",
            "url": reverse("supervision:visit-list"),
        },
        {
            "label": _("Contract dates in the next 90 days"),
            "value": len(reminders),
            "state": "warn" if reminders else "",
            "url": reverse("supervision:contract-list"),
        },
    ]
    attention = []
    for unit, period in now["below_legal"]:
        attention.append(
            {
                "level": "bad",
                "url": reverse("supervision:unit-detail", args=[unit.code]) + f"?month={month_param}",
                "text": _("%(unit)s (%(municipality)s): %(days)s days below the legal minimum in %(month)s")
                % {
                    "unit": unit.name,
                    "municipality": unit.municipality.name,
                    "days": period.days_below_legal,
                    "month": month_label,
                },
            }
        )
    for unit, period in now["below_contract"]:
        attention.append(
            {
                "level": "warn",
                "url": reverse("supervision:unit-detail", args=[unit.code]) + f"?month={month_param}",
                "text": _("%(unit)s (%(municipality)s): %(days)s days below the contract's minimum in %(month)s")
                % {
                    "unit": unit.name,
                    "municipality": unit.municipality.name,
                    "days": period.days_below_contract,
                    "month": month_label,
                },
            }
        )
    for action in actions:
        attention.append(
            {
                "level": "bad",
                "url": reverse("supervision:visit-detail", args=[action.finding.visit_id]),
                "text": _("%(unit)s: the corrective action “%(action)s” was due %(date)s")
                % {
                    "unit": action.finding.visit.unit.name,
                    "action": action.description,
                    "date": date_format(action.deadline, "SHORT_DATE_FORMAT"),
                },
            }
        )
    if permissions.is_supervising(user):
        new_reports = DeviationReport.objects.visible_to(user).filter(status=DeviationStatus.RECEIVED).count()
        figures.append(
            {
                "label": _("New client deviation reports"),
                "value": new_reports,
                "state": "warn" if new_reports else "ok",
                "url": reverse("supervision:deviation-list") + f"?status={DeviationStatus.RECEIVED}",
            }
        )
        if new_reports:
            attention.append(
                {
                    "level": "warn",
                    "url": reverse("supervision:deviation-list") + f"?status={DeviationStatus.RECEIVED}",
                    "text": ngettext(
                        "%(n)s client deviation report awaits triage",
                        "%(n)s client deviation reports await triage",
                        new_reports,
                    )
                    % {"n": new_reports},
                }
            )
    return {"figures": figures, "attention": attention, "month": month_param}
