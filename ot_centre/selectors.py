"""Reads of the OT-centre network: members on a date, cases with access logging, the regional
picture with small numbers suppressed, demand against capacity and the network map."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ot_centre.choices import RequestStatus
from ot_centre.models import (
    AreaMembership,
    ConsultationRequest,
    CooperationArea,
    DemandEstimate,
    Expert,
    ExpertiseArea,
)
from portal import audit
from portal.models import Organisation
from portal.models.base import validity_q
from portal.types import Actor

SMALL_NUMBER = 5
SUPPRESSED = "<5"


def suppress(count: int) -> int | str:
    """A count under 5 is shown as "<5" in every output (pages, API, PDF, XLSX)."""
    return SUPPRESSED if count < SMALL_NUMBER else count


def area_members(area: CooperationArea | None, day: dt.date) -> QuerySet:
    """The organisations that belong to ``area`` on ``day`` (memberships valid that day)."""
    if area is None:
        return Organisation.objects.none()
    ids = AreaMembership.objects.filter(validity_q(day), area=area).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids).order_by("code")


# --- Confidential cases -----------------------------------------------------------------------------


def cases_for(user: Actor | None) -> QuerySet[ConsultationRequest]:
    return ConsultationRequest.objects.visible_to(user).select_related(
        "county", "expertise_area", "assigned_expert__user", "requester"
    )


def log_reads(cases: Iterable[ConsultationRequest], user: Actor | None, purpose: str) -> None:
    """Every read of a case writes the access log (list rows included)."""
    for case in cases:
        audit.log_access(case, user=user, purpose=purpose)


def get_case(user: Actor | None, case_code: str, *, purpose: str) -> ConsultationRequest:
    """The case if ``user`` may read it (else 404), with the read logged."""
    case = cases_for(user).filter(case_code=case_code).first()
    if case is None:
        raise Http404
    audit.log_access(case, user=user, purpose=purpose)
    return case


def overdue(cases: QuerySet, now: dt.datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    return cases.filter(
        Q(status=RequestStatus.SUBMITTED, acknowledge_due__lt=now)
        | Q(status__in=(RequestStatus.SUBMITTED, RequestStatus.TRIAGED, RequestStatus.ASSIGNED), answer_due__lt=now)
    )


def overview(user: Actor, now: dt.datetime | None = None) -> dict[str, Any]:
    """Key figures for the index page; counts of all cases are suppressed below 5."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    all_cases = ConsultationRequest.objects.all()
    by_status = {s: all_cases.filter(status=s).count() for s in RequestStatus.values}
    experts = Expert.objects.valid_on(today)
    return {
        "experts": experts.count(),
        "organisations": experts.values("organisation").distinct().count(),
        "expertise_areas": ExpertiseArea.objects.count(),
        "capacity": sum(experts.values_list("capacity_per_month", flat=True)),
        "status_rows": [(label, suppress(by_status[value])) for value, label in RequestStatus.choices],
        "overdue_total": suppress(overdue(all_cases, now).count()),
        "my_overdue": list(overdue(cases_for(user), now)[:20]) if user.is_authenticated else [],
    }


# --- The regional picture -------------------------------------------------------------------------


def _hours(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 3600


@dataclass
class PictureCell:
    county: Organisation
    area: ExpertiseArea
    year: int
    cases: int = 0
    ack_hours: list[float] = field(default_factory=list)
    answer_hours: list[float] = field(default_factory=list)
    answered: int = 0
    on_time: int = 0
    surveys: int = 0
    identity_needed: int = 0
    usefulness: list[int] = field(default_factory=list)

    def display(self) -> dict[str, Any]:
        """Counts under 5 as "<5"; values derived from fewer than 5 cases are not shown (None)."""
        enough = self.cases >= SMALL_NUMBER
        return {
            "county": self.county.code,
            "county_name": self.county.name_fi,
            "expertise_area": self.area.code,
            "expertise_area_name": self.area.name,
            "year": self.year,
            "cases": suppress(self.cases),
            "median_hours_to_acknowledge": _median(self.ack_hours)
            if enough and len(self.ack_hours) >= SMALL_NUMBER
            else None,
            "median_hours_to_answer": _median(self.answer_hours)
            if enough and len(self.answer_hours) >= SMALL_NUMBER
            else None,
            "share_answered_on_time": _share(self.on_time, self.answered) if enough else None,
            "surveys": suppress(self.surveys),
            "share_identity_needed": _share(self.identity_needed, self.surveys) if enough else None,
            "mean_usefulness": round(statistics.fmean(self.usefulness), 1)
            if enough and len(self.usefulness) >= SMALL_NUMBER
            else None,
        }


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _share(part: int, whole: int) -> float | None:
    """A percentage, or None where it would give a small number away.

    Complementary suppression: with the whole known, a share reveals its part and the rest, so it is
    hidden when the whole is under 5 or when either the part or the rest is 1-4 persons (11.1 % of 9
    surveys would show that one needed the identity). Zero is no person and may be shown."""
    if whole < SMALL_NUMBER or any(0 < n < SMALL_NUMBER for n in (part, whole - part)):
        return None
    return round(100 * part / whole, 1)


def regional_picture(year: int | None = None) -> list[dict[str, Any]]:
    """Cases per county x expertise area x year with medians, on-time share, identity-needed share
    and usefulness; aggregates only (no case is identifiable), small numbers suppressed."""
    cases = ConsultationRequest.objects.select_related("county", "expertise_area", "survey").order_by("submitted_at")
    cells: dict[tuple[int, int, int], PictureCell] = {}
    for case in cases:
        y = timezone.localtime(case.submitted_at).year
        if year is not None and y != year:
            continue
        key = (case.county_id, case.expertise_area_id, y)
        cell = cells.get(key) or cells.setdefault(key, PictureCell(case.county, case.expertise_area, y))
        cell.cases += 1
        ack = _hours(case.submitted_at, case.triaged_at)
        if ack is not None:
            cell.ack_hours.append(ack)
        ans = _hours(case.submitted_at, case.answered_at)
        if ans is not None:
            cell.answer_hours.append(ans)
            cell.answered += 1
            if case.answered_at <= case.answer_due:
                cell.on_time += 1
        survey = getattr(case, "survey", None) if hasattr(case, "survey") else None
        if survey is not None:
            cell.surveys += 1
            cell.identity_needed += int(survey.identity_needed)
            cell.usefulness.append(survey.usefulness)
    ordered = sorted(cells.values(), key=lambda c: (c.year, c.county.code, c.area.code))
    return [c.display() for c in ordered]


def anonymity_answer(year: int | None = None) -> dict[str, Any]:
    """The measure's question "can consultations be done anonymously?" answered by the surveys."""
    from ot_centre.models import CloseOutSurvey

    surveys = CloseOutSurvey.objects.all()
    if year is not None:
        surveys = surveys.filter(request__submitted_at__year=year)
    total = surveys.count()
    needed = surveys.filter(identity_needed=True).count()
    return {
        "surveys": suppress(total),
        "identity_needed": suppress(needed),
        "share_identity_needed": _share(needed, total),
        "share_answered_without_identity": _share(total - needed, total),
    }


def picture_years() -> list[int]:
    return sorted(
        {timezone.localtime(d).year for d in ConsultationRequest.objects.values_list("submitted_at", flat=True)}
    )


PICTURE_COLUMNS = (
    ("county_name", gettext_lazy("County")),
    ("expertise_area_name", gettext_lazy("Expertise area")),
    ("year", gettext_lazy("Year")),
    ("cases", gettext_lazy("Cases")),
    ("median_hours_to_acknowledge", gettext_lazy("Median hours to acknowledge")),
    ("median_hours_to_answer", gettext_lazy("Median hours to answer")),
    ("share_answered_on_time", gettext_lazy("Answered on time (%)")),
    ("surveys", gettext_lazy("Close-out surveys")),
    ("share_identity_needed", gettext_lazy("Identity needed (%)")),
    ("mean_usefulness", gettext_lazy("Mean usefulness (1-5)")),
)


def picture_header() -> list[str]:
    return [str(label) for _key, label in PICTURE_COLUMNS]


def picture_cells(row: dict[str, Any]) -> list[Any]:
    return ["–" if row[key] is None else row[key] for key, _label in PICTURE_COLUMNS]


# --- Demand and capacity, network map -------------------------------------------------------------


def _experts_in_year(year: int) -> QuerySet:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Expert.objects.valid_during(start, end).prefetch_related("expertise_areas")


def demand_vs_capacity(year: int) -> list[dict[str, Any]]:
    """Estimated consultations per year against the network's yearly capacity, per expertise area.

    An expert's monthly capacity is split evenly over their expertise areas so that it is not
    counted twice; realised cases are suppressed below 5.
    """
    capacity: dict[int, float] = defaultdict(float)
    for expert in _experts_in_year(year):
        areas = list(expert.expertise_areas.all())
        for area in areas:
            capacity[area.pk] += expert.capacity_per_month * 12 / len(areas)
    demand: dict[int, int] = defaultdict(int)
    for row in DemandEstimate.objects.filter(year=year):
        demand[row.expertise_area_id] += row.estimated_cases
    realised: dict[int, int] = defaultdict(int)
    for area_id in ConsultationRequest.objects.filter(submitted_at__year=year).values_list(
        "expertise_area_id", flat=True
    ):
        realised[area_id] += 1
    rows = []
    for area in ExpertiseArea.objects.order_by("code"):
        cap = round(capacity[area.pk])
        rows.append(
            {
                "expertise_area": area.code,
                "expertise_area_name": area.name,
                "year": year,
                "estimated_demand": demand[area.pk],
                "capacity": cap,
                "balance": cap - demand[area.pk],
                "realised_cases": suppress(realised[area.pk]),
            }
        )
    return rows


def network_map(day: dt.date) -> dict[str, Any]:
    """Organisations x expertise areas: experts and monthly capacity of the network on ``day``."""
    experts = Expert.objects.valid_on(day).select_related("organisation").prefetch_related("expertise_areas")
    areas = list(ExpertiseArea.objects.order_by("code"))
    cells: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    orgs: dict[int, Organisation] = {}
    for expert in experts:
        orgs[expert.organisation_id] = expert.organisation
        for area in expert.expertise_areas.all():
            cells[(expert.organisation_id, area.pk)][0] += 1
            cells[(expert.organisation_id, area.pk)][1] += expert.capacity_per_month
    rows = []
    for org in sorted(orgs.values(), key=lambda o: o.code):
        rows.append(
            {
                "organisation": org,
                "cells": [{"experts": cells[(org.pk, a.pk)][0], "capacity": cells[(org.pk, a.pk)][1]} for a in areas],
            }
        )
    return {"areas": areas, "rows": rows}
