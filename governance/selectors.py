"""Read queries of the governance area: representation, timeline, matrix, report contents, search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch, Q
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

# --- Representation ---------------------------------------------------------------------------


@dataclass
class RepresentationRow:
    municipality: Organisation
    cells: list[list[Membership]]

    @property
    def represented_count(self) -> int:
        return sum(1 for cell in self.cells if cell)


def representation(user, day: dt.date | None = None) -> dict:
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


def timeline_rows(user) -> list[TimelineRow]:
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


def service_matrix(user) -> dict:
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


def status_report_data(user, report_date: dt.date, previous_date: dt.date | None) -> dict:
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


def _search_queryset(qs, fields: tuple[str, ...], query: str):
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


def search(user, query: str, limit: int = 20) -> dict[str, list]:
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
