"""Read queries of the governance area: representation, timeline, matrix, report contents, search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import connection
from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils import timezone

from governance.models import (
    Body,
    Decision,
    LegacyDocument,
    MeasureBaseline,
    Membership,
    Milestone,
    NewsItem,
    ProgressRisk,
    ServiceEntity,
)
from portal.models import Measure, MeasureProgress, Organisation, ServiceNetworkCentre
from portal.types import Actor

M = TypeVar("M", bound=Model)

# --- Representation ---------------------------------------------------------------------------


@dataclass
class RepresentationRow:
    municipality: Organisation
    cells: list[list[Membership]]

    @property
    def represented_count(self) -> int:
        return sum(1 for cell in self.cells if cell)


def representation(user: Actor | None, day: dt.date | None = None) -> dict:
    """Which municipalities have a member (active on ``day``) in which body, and which have none."""
    day = day or timezone.localdate()
    bodies = list(
        Body.objects.visible_to(user)
        .filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("kind", "name_fi")
    )
    municipalities = list(Organisation.objects.valid_on(day).municipalities().order_by("name_fi"))
    memberships = (
        Membership.objects.visible_to(user)
        .filter(body__in=bodies, term_start__lte=day)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
        .select_related("organisation")
    )
    index: dict[tuple[int, int], list[Membership]] = {}
    for membership in memberships:
        index.setdefault((membership.organisation_id, membership.body_id), []).append(membership)
    rows = [RepresentationRow(m, [index.get((m.pk, b.pk), []) for b in bodies]) for m in municipalities]
    unrepresented_by_body = {b.pk: [row.municipality for row in rows if not row.cells[i]] for i, b in enumerate(bodies)}
    return {
        "day": day,
        "bodies": bodies,
        "rows": rows,
        "not_represented_anywhere": [row.municipality for row in rows if row.represented_count == 0],
        "unrepresented_by_body": [(b, unrepresented_by_body[b.pk]) for b in bodies],
    }


# --- Timeline ---------------------------------------------------------------------------------


@dataclass
class TimelineRow:
    measure: Measure
    baseline: MeasureBaseline | None
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def shift_days(self) -> int | None:
        if self.baseline and self.measure.end_date:
            return (self.measure.end_date - self.baseline.end_date).days
        return None


def timeline_rows(user: Actor | None) -> list[TimelineRow]:
    measures = (
        Measure.objects.visible_to(user)
        .select_related("responsible_organisation")
        .prefetch_related(
            Prefetch("governance_milestones", Milestone.objects.visible_to(user).order_by("planned_date", "pk"))
        )
        .order_by("sub_area", "number")
    )
    baselines = {b.measure_id: b for b in MeasureBaseline.objects.visible_to(user)}
    return [TimelineRow(m, baselines.get(m.pk), list(m.governance_milestones.all())) for m in measures]


# --- Service network --------------------------------------------------------------------------


def service_matrix(user: Actor | None) -> dict:
    entities = list(
        ServiceEntity.objects.visible_to(user).prefetch_related("municipalities", "network_centres__organisation")
    )
    municipalities = list(Organisation.objects.municipalities().valid_on(timezone.localdate()).order_by("name_fi"))
    centres = list(ServiceNetworkCentre.objects.select_related("organisation").order_by("organisation__name_fi"))
    rows = []
    for entity in entities:
        provided = {o.pk for o in entity.municipalities.all()}
        poles = {c.pk for c in entity.network_centres.all()}
        rows.append(
            {
                "entity": entity,
                "poles": [c.pk in poles for c in centres],
                "cells": [m.pk in provided for m in municipalities],
            }
        )
    return {"municipalities": municipalities, "centres": centres, "rows": rows}


# --- Status report ----------------------------------------------------------------------------


def status_report_data(user: Actor | None, report_date: dt.date, previous_date: dt.date | None) -> dict:
    """Each measure's status, progress since the previous report, milestones, risks; recent decisions."""
    rows = timeline_rows(user)
    entries = MeasureProgress.objects.visible_to(user).order_by("measure_id", "-date", "-created_at")
    latest: dict[int, MeasureProgress] = {}
    before: dict[int, MeasureProgress] = {}
    for entry in entries:
        latest.setdefault(entry.measure_id, entry)
        if previous_date and entry.date <= previous_date:
            before.setdefault(entry.measure_id, entry)
    risks: dict[int, list[ProgressRisk]] = {}
    latest_ids = [e.pk for e in latest.values()]
    for risk in ProgressRisk.objects.visible_to(user).filter(progress_id__in=latest_ids).select_related("progress"):
        risks.setdefault(risk.progress.measure_id, []).append(risk)
    measures = []
    for row in rows:
        measure = row.measure
        previous = before.get(measure.pk)
        measures.append(
            {
                "row": row,
                "latest": latest.get(measure.pk),
                "change": measure.progress - previous.percent if previous else None,
                "risks": risks.get(measure.pk, []),
            }
        )
    since = previous_date or (report_date - dt.timedelta(days=90))
    decisions = (
        Decision.objects.visible_to(user)
        .filter(date__gt=since, date__lte=report_date)
        .select_related("body")
        .prefetch_related("measures")
        .order_by("-date", "number")
    )
    return {"measures": measures, "decisions": list(decisions), "since": since}


# --- Search -----------------------------------------------------------------------------------

SEARCH_FIELDS = {
    "body": ("name_fi", "name_sv", "name_en", "task", "mandate"),
    "decision": ("number", "text", "follow_up_notes"),
    "document": ("title", "origin", "topic", "note"),
    "news": ("title", "summary", "body"),
    "measure": ("number", "title_fi", "title_sv", "title_en", "deliverables_fi"),
}


def _search_queryset(qs: QuerySet[M], fields: tuple[str, ...], query: str) -> QuerySet[M]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*fields, config="finnish")
        search = SearchQuery(query, config="finnish", search_type="websearch")
        # Codes and numbers ("2.3") are not words to the Finnish stemmer: match them as prefixes too.
        return (
            qs.annotate(search=vector, rank=SearchRank(vector, search))
            .filter(Q(search=search) | Q(**{f"{fields[0]}__istartswith": query}))
            .order_by("-rank", "pk")
        )
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": query})
    return qs.filter(condition).order_by("pk")


def search(user: Actor | None, query: str, limit: int = 20) -> dict[str, list]:
    """Full-text search (PostgreSQL 'finnish' configuration) or a contains-match on other databases."""
    query = query.strip()
    if not query:
        return {kind: [] for kind in SEARCH_FIELDS}
    sources = {
        "body": Body.objects.visible_to(user),
        "decision": Decision.objects.visible_to(user).select_related("body"),
        "document": LegacyDocument.objects.visible_to(user),
        "news": NewsItem.objects.visible_to(user),
        "measure": Measure.objects.visible_to(user),
    }
    return {kind: list(_search_queryset(qs, SEARCH_FIELDS[kind], query)[:limit]) for kind, qs in sources.items()}


# --- Overview of the front page (issue 16: summaries first) -----------------------------------

CHANGE_WINDOW_DAYS = 30


def _average(values: list[int]) -> int | None:
    return round(sum(values) / len(values)) if values else None


def area_overview(user: Actor | None, today: dt.date | None = None) -> dict:
    """What the governance front page opens with: the measures' status and progress (with the change
    over the last 30 days, from the progress journal), late milestones, decisions still being
    implemented and minutes awaiting approval. Measures are public programme content; milestones,
    decisions and meetings are internal and counted only for signed-in readers (their querysets)."""
    from django.urls import reverse
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from governance.choices import FollowUpStatus, MinutesStatus
    from governance.models import Meeting
    from portal import permissions, roles
    from portal.choices import MeasureStatus

    today = today or timezone.localdate()
    measures = list(Measure.objects.visible_to(user).order_by("sub_area", "number"))
    total = len(measures)
    on_track = sum(1 for m in measures if m.status in (MeasureStatus.ON_TRACK, MeasureStatus.DONE))
    late = [m for m in measures if m.status == MeasureStatus.LATE]
    at_risk = [m for m in measures if m.status == MeasureStatus.AT_RISK]
    overdue = [m for m in measures if m.end_date and m.end_date < today and m.status != MeasureStatus.DONE]
    average = _average([m.progress for m in measures])
    # The average a month ago: each measure's latest journal entry on or before that day (0 before any).
    then = today - dt.timedelta(days=CHANGE_WINDOW_DAYS)
    before: dict[int, int] = {}
    for entry in MeasureProgress.objects.visible_to(user).filter(date__lte=then).order_by("measure_id", "-date"):
        before.setdefault(entry.measure_id, entry.percent)
    previous = _average([before.get(m.pk, 0) for m in measures])
    change = None if average is None or previous is None else average - previous
    figures: list[dict[str, object]] = [
        {
            "label": _("Measures on track or done"),
            "value": _("%(n)s of %(total)s") % {"n": on_track, "total": total},
            "state": "ok" if total and on_track == total else ("bad" if late else "warn"),
            "state_label": _("%(n)s late, %(m)s at risk") % {"n": len(late), "m": len(at_risk)},
            "url": reverse("portal:measure-list"),
        },
        {
            "label": _("Average progress of the measures"),
            "value": "–" if average is None else f"{average}",
            "unit": "" if average is None else "%",
            "change": ""
            if change is None
            else (f"+{change}" if change > 0 else ("±0" if change == 0 else f"−{-change}")),
            "change_note": _("percentage points in %(days)s days") % {"days": CHANGE_WINDOW_DAYS},
            "url": reverse("governance:timeline") if roles.is_signed_in(user) else "",
        },
    ]
    attention = []
    for measure in overdue:
        attention.append(
            {
                "level": "bad",
                "url": reverse("portal:measure-detail", args=[measure.number]),
                "text": _("Measure %(number)s %(title)s: its end date %(date)s has passed and it is not done")
                % {
                    "number": measure.number,
                    "title": measure.title,
                    "date": date_format(measure.end_date, "SHORT_DATE_FORMAT"),
                },
            }
        )
    for measure in late:
        if measure not in overdue:
            attention.append(
                {
                    "level": "bad",
                    "url": reverse("portal:measure-detail", args=[measure.number]),
                    "text": _("Measure %(number)s %(title)s is late")
                    % {"number": measure.number, "title": measure.title},
                }
            )
    if roles.is_signed_in(user):
        late_milestones = list(
            Milestone.objects.visible_to(user)
            .filter(actual_date__isnull=True, planned_date__lt=today)
            .select_related("measure")
            .order_by("planned_date", "pk")
        )
        open_decisions = Decision.objects.visible_to(user).filter(
            follow_up_status__in=[FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS]
        )
        draft_minutes = list(
            Meeting.objects.visible_to(user)
            .filter(minutes_status=MinutesStatus.DRAFT, date__lt=today)
            .select_related("body")
            .order_by("date", "pk")
        )
        upcoming = Meeting.objects.visible_to(user).filter(date__gte=today).order_by("date").first()
        figures += [
            {
                "label": _("Milestones past their planned date"),
                "value": len(late_milestones),
                "state": "bad" if late_milestones else "ok",
                "url": reverse("governance:milestone-list"),
            },
            {
                "label": _("Decisions being implemented"),
                "value": open_decisions.count(),
                "url": reverse("governance:decision-list"),
            },
            {
                "label": _("Next meeting"),
                "value": date_format(upcoming.date, "SHORT_DATE_FORMAT") if upcoming else "–",
                "note": upcoming.body.name if upcoming else _("None planned"),
                "url": reverse("governance:meeting-detail", args=[upcoming.pk]) if upcoming else "",
            },
        ]
        for milestone in late_milestones:
            attention.append(
                {
                    "level": "warn",
                    "url": reverse("governance:milestone-edit", args=[milestone.pk])
                    if permissions.can_edit(user, milestone)
                    else reverse("governance:milestone-list"),
                    "text": _(
                        "Milestone of measure %(number)s, “%(title)s”, was planned for %(date)s and is not reached"
                    )
                    % {
                        "number": milestone.measure.number,
                        "title": milestone.title,
                        "date": date_format(milestone.planned_date, "SHORT_DATE_FORMAT"),
                    },
                }
            )
        for meeting in draft_minutes:
            attention.append(
                {
                    "level": "warn",
                    "url": reverse("governance:meeting-detail", args=[meeting.pk]),
                    "text": _("The minutes of %(body)s %(number)s (%(date)s) await approval")
                    % {
                        "body": meeting.body.name,
                        "number": meeting.number,
                        "date": date_format(meeting.date, "SHORT_DATE_FORMAT"),
                    },
                }
            )
    return {"figures": figures, "attention": attention}
