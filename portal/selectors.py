"""Read queries of the core."""

from __future__ import annotations

from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, QuerySet

from portal.models import ChangeLog, Measure, Organisation, OrganisationMembership, Population
from portal.types import Actor


def measures_by_sub_area(user: Actor | None) -> OrderedDict[int, list[Measure]]:
    grouped: OrderedDict[int, list[Measure]] = OrderedDict()
    for measure in (
        Measure.objects.visible_to(user).select_related("responsible_organisation").order_by("sub_area", "number")
    ):
        grouped.setdefault(measure.sub_area, []).append(measure)
    return grouped


def measures_for_app(user: Actor | None, app_label: str) -> QuerySet[Measure]:
    return Measure.objects.visible_to(user).filter(app=app_label).order_by("number")


def organisation_detail(user: Actor | None, code: str) -> Organisation:
    return (
        Organisation.objects.visible_to(user)
        .select_related("parent", "successor")
        .prefetch_related(
            Prefetch("populations", Population.objects.order_by("year")),
            Prefetch(
                "memberships",
                OrganisationMembership.objects.select_related("member").order_by("member__name_fi"),
            ),
            Prefetch("member_of", OrganisationMembership.objects.select_related("organisation")),
            "children",
            "predecessors",
        )
        .get(code=code)
    )


def history_for(user: Actor | None, obj: Model) -> QuerySet[ChangeLog]:
    return (
        ChangeLog.objects.visible_to(user)
        .filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        .select_related("content_type")
    )
