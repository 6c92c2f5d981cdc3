"""Governance's deadline source for the notification frame: milestones (välitavoitteet) whose planned
date is near and that have not been reached. Registered in ``GovernanceConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from portal.notifications.deadlines import Deadline, programme_staff, with_stewards


def milestone_deadlines(today: dt.date, until: dt.date) -> Iterable[Deadline]:
    """Unreached milestones planned for ``today`` .. ``until``: programme staff and the stewards of the
    milestone's responsible organisation are told (as for the measures' end dates)."""
    from governance.models import Milestone

    staff = programme_staff()
    milestones = (
        Milestone.objects.filter(planned_date__gte=today, planned_date__lte=until, actual_date__isnull=True)
        .select_related("measure", "responsible_organisation")
        .order_by("planned_date", "pk")
    )
    for milestone in milestones:
        people = with_stewards(staff, milestone.responsible_organisation)
        with translation.override(settings.LANGUAGE_CODE):
            link = reverse("governance:milestone-edit", args=[milestone.pk])
        yield Deadline(
            key=f"milestone:{milestone.pk}:{milestone.planned_date.isoformat()}",
            title=f"{milestone.measure.number}: {milestone.title}",
            date=milestone.planned_date,
            link=link,
            recipients=people,
        )
