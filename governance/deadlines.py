"""Governance's deadline source for the notification frame: milestones (välitavoitteet) whose planned
date is near and that have not been reached. Registered in ``GovernanceConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from portal import roles
from portal.notifications.deadlines import Deadline


def milestone_deadlines(today: dt.date, until: dt.date) -> Iterable[Deadline]:
    """Unreached milestones planned for ``today`` .. ``until``: programme staff and the stewards of the
    milestone's responsible organisation are told (as for the measures' end dates)."""
    from guardian.shortcuts import get_users_with_perms

    from governance.models import Milestone

    staff = list(get_user_model().objects.filter(groups__name=roles.PROGRAMME_STAFF, is_active=True).distinct())
    milestones = (
        Milestone.objects.filter(planned_date__gte=today, planned_date__lte=until, actual_date__isnull=True)
        .select_related("measure", "responsible_organisation")
        .order_by("planned_date", "pk")
    )
    for milestone in milestones:
        people: list = list(staff)
        if milestone.responsible_organisation_id:
            stewards = get_users_with_perms(
                milestone.responsible_organisation,
                only_with_perms_in=["steward_organisation"],
                with_superusers=False,
                with_group_users=False,
            )
            people += [u for u in stewards if u not in people]
        with translation.override(settings.LANGUAGE_CODE):
            link = reverse("governance:milestone-edit", args=[milestone.pk])
        yield Deadline(
            key=f"milestone:{milestone.pk}:{milestone.planned_date.isoformat()}",
            title=f"{milestone.measure.number}: {milestone.title}",
            date=milestone.planned_date,
            link=link,
            recipients=people,
        )
