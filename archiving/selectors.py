"""Reads of the archiving area: the plan's cost model, the dashboard, the systems a user may see,
and a person's "who has read data about me" report (law 703/2023 § 11)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from archiving import choices as c
from archiving.costs import CostModel, cost_model
from archiving.models import AccessRequest, ArchivingPlan, DataContent, PlanItem, reads_region
from portal import roles
from portal.choices import SystemLifecycle
from portal.models import AccessLog, InformationSystem
from portal.types import Actor

RETIRED = (SystemLifecycle.READ_ONLY, SystemLifecycle.ARCHIVED, SystemLifecycle.DECOMMISSIONED)


def systems_visible_to(user: Actor | None) -> QuerySet[InformationSystem]:
    """Retiring systems of the region for region readers; a steward's own organisations' only."""
    qs = InformationSystem.objects.retiring().select_related("owner", "replaced_by")
    if reads_region(user):
        return qs
    ids = roles.stewarded_organisation_ids(user)
    return qs.filter(owner__in=ids) if ids else qs.none()


def plan_cost(plan: ArchivingPlan, years: int = 5) -> CostModel:
    """The plan's annual saving, break-even month, net over ``years`` and a month's delay."""
    items = list(plan.items.select_related("system"))
    retiring = sum(i.system.annual_licence_cents + i.system.annual_maintenance_cents for i in items)
    one_off = plan.archive_one_off_cents + sum(i.one_off_cents for i in items)
    new_annual = plan.archive_annual_cents + sum(i.annual_cents for i in items)
    return cost_model(retiring_annual_cents=retiring, one_off_cents=one_off, new_annual_cents=new_annual, years=years)


def item_delay_cost(item: PlanItem) -> int:
    """What one month's delay of this system's switch-off costs (its own licence and maintenance)."""
    return (item.system.annual_licence_cents + item.system.annual_maintenance_cents + 6) // 12


def current_plan() -> ArchivingPlan | None:
    """The newest approved plan version, else the newest draft."""
    return (
        ArchivingPlan.objects.filter(status=c.PlanStatus.APPROVED).order_by("-approved_at", "-version").first()
        or ArchivingPlan.objects.order_by("-version", "-pk").first()
    )


@dataclass
class TimelineRow:
    system: InformationSystem
    start: dt.date | None
    switch_off: dt.date | None
    method: str
    annual_cents: int
    past_due: bool


def timeline(user: Actor | None, today: dt.date | None = None) -> list[TimelineRow]:
    today = today or timezone.localdate()
    plan = current_plan()
    items = {i.system_id: i for i in plan.items.all()} if plan else {}
    rows = []
    for system in systems_visible_to(user).order_by("replacement_planned_on", "name"):
        item = items.get(system.pk)
        switch_off = item.target_date if item else system.replacement_planned_on
        rows.append(
            TimelineRow(
                system=system,
                start=system.read_only_since or system.in_use_since,
                switch_off=switch_off,
                method=item.get_method_display() if item else "",
                annual_cents=system.annual_cost_cents,
                past_due=bool(switch_off and switch_off < today and system.lifecycle != SystemLifecycle.DECOMMISSIONED),
            )
        )
    return rows


def retired_still_paid(user: Actor | None) -> tuple[list[InformationSystem], int]:
    """Systems out of operational use whose licence or maintenance is still paid, and the total a year."""
    systems = [
        s
        for s in systems_visible_to(user).filter(lifecycle__in=RETIRED).order_by("-annual_maintenance_cents", "name")
        if s.annual_cost_cents > 0
    ]
    return systems, sum(s.annual_cost_cents for s in systems)


def timeline_svg(rows: list[TimelineRow], *, width: int = 760, row_height: int = 26) -> dict[str, Any]:
    """Geometry of the timeline chart (bars from start to switch-off per system)."""
    dated = [(r, r.switch_off) for r in rows if r.switch_off]
    if not dated:
        return {"bars": [], "height": 40, "width": width, "ticks": []}
    first_year = min((r.start or off).year for r, off in dated)
    last_year = max(off.year for _r, off in dated) + 1
    label_w = 220
    span = max(1, last_year - first_year)
    scale = (width - label_w - 20) / span

    def x(day: dt.date) -> float:
        return label_w + (day.year - first_year + (day.timetuple().tm_yday - 1) / 366) * scale

    bars = []
    for i, (row, switch_off) in enumerate(dated):
        start = row.start or switch_off
        bars.append(
            {
                "y": 20 + i * row_height,
                "x": round(x(start), 1),
                "w": round(max(3.0, x(switch_off) - x(start)), 1),
                "label": row.system.name,
                "past_due": row.past_due,
            }
        )
    step = 1 if span <= 8 else 2 if span <= 16 else 5
    ticks = [
        {"x": round(label_w + (y - first_year) * scale, 1), "year": y, "label": (y - first_year) % step == 0}
        for y in range(first_year, last_year + 1)
    ]
    return {"bars": bars, "height": 40 + len(dated) * row_height, "width": width, "ticks": ticks}


def contents_for(user: Actor | None) -> QuerySet[DataContent]:
    return DataContent.objects.visible_to(user).select_related("system", "system__owner", "retention_rule")


def person_access_report(subject_ref: str, *, since: dt.date | None = None) -> list[dict[str, Any]]:
    """Who has read archived data about the person, when and why: the access-log rows of every
    access request that concerns the person (law 703/2023 § 11; the last two years by default)."""
    since = since or (timezone.localdate() - dt.timedelta(days=730))
    requests = {
        str(r.pk): r
        for r in AccessRequest.objects.filter(subject_ref=subject_ref.strip()).select_related("system", "requester")
    }
    if not requests:
        return []
    content_type = ContentType.objects.get_for_model(AccessRequest)
    logs = AccessLog.objects.filter(
        content_type=content_type, object_id__in=list(requests), timestamp__date__gte=since
    ).order_by("-timestamp")
    return [
        {
            "timestamp": log.timestamp,
            "reader": log.actor_repr,
            "system": requests[log.object_id].system.name,
            "purpose": log.purpose,
            "request": requests[log.object_id],
        }
        for log in logs
    ]


def attention(user: Actor | None) -> dict[str, Any]:
    """What needs attention on the overview, for this user."""
    from archiving.models import DestructionList, RetentionRule

    result: dict[str, Any] = {}
    if reads_region(user) or roles.has_role(user, roles.ARCHIVIST):
        result["plans_waiting"] = ArchivingPlan.objects.filter(status=c.PlanStatus.DRAFT).count()
        result["lists_waiting"] = DestructionList.objects.filter(status=c.ApprovalStatus.DRAFT).count()
    if roles.has_role(user, roles.ARCHIVIST) or roles.is_administrator(user) or roles.is_programme_staff(user):
        result["requests_waiting"] = AccessRequest.objects.filter(status=c.RequestStatus.PENDING).count()
    result["unverified_rules"] = RetentionRule.objects.filter(verified=False).count()
    return result


def systems_with_counts(user: Actor | None) -> QuerySet[InformationSystem]:
    return (
        systems_visible_to(user)
        .annotate(contents=Count("data_contents"))
        .prefetch_related(Prefetch("data_contents", DataContent.objects.select_related("retention_rule")))
    )
