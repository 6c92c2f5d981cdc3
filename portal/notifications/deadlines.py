"""The "deadline near" notification: the frame tells people of deadlines a few days ahead.

A deadline source is a function ``fn(today, until) -> Iterable[Deadline]`` giving the deadlines that
fall on ``today`` .. ``until`` with the people to tell. The core registers the measures' end dates;
an app registers its own from its AppConfig.ready() (``register_source("milestones", fn)``), so the
frame never imports a domain app. ``send_deadline_notifications`` (beat, daily) notifies each
person once per deadline: the deadline's key is kept in the notification's parameters, so a second
run, a redelivered task or a later lead time sends nothing twice; a moved date is a new deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from portal import roles


@dataclass(frozen=True)
class Deadline:
    key: str  # stable: the same deadline on the same date always has the same key
    title: str
    date: dt.date
    link: str = ""
    recipients: list = field(default_factory=list)


Source = Callable[[dt.date, dt.date], Iterable[Deadline]]
_sources: dict[str, Source] = {}


def register_source(slug: str, fn: Source) -> None:
    _sources[slug] = fn


def sources() -> list[tuple[str, Source]]:
    return sorted(_sources.items())


def send_deadline_notifications(*, today: dt.date | None = None, lead_days: int | None = None) -> int:
    """Notify the people of every deadline within the lead time who have not been told of it yet.
    Returns the number of notifications made."""
    from portal.notifications.models import Notification
    from portal.notifications.services import notify

    today = today or timezone.localdate()
    until = today + dt.timedelta(days=settings.NOTIFICATION_DEADLINE_LEAD_DAYS if lead_days is None else lead_days)
    made = 0
    for _slug, source in sources():
        for deadline in source(today, until):
            with transaction.atomic():
                told = set(
                    Notification.objects.filter(kind="deadline_near", params__key=deadline.key).values_list(
                        "recipient_id", flat=True
                    )
                )
                people = [u for u in deadline.recipients if u.is_active and u.pk not in told]
                if not people:
                    continue
                made += len(
                    notify(
                        people,
                        kind="deadline_near",
                        subject_params={
                            "title": deadline.title,
                            "date": deadline.date.isoformat(),
                            "key": deadline.key,
                        },
                        link=deadline.link,
                    )
                )
    return made


# --- the core's source: the measures' end dates --------------------------------------------------


def programme_staff() -> list:
    """The active programme staff: told of every deadline."""
    return list(get_user_model().objects.filter(groups__name=roles.PROGRAMME_STAFF, is_active=True).distinct())


def with_stewards(people: list, organisation: object | None) -> list:
    """``people`` plus the data stewards of ``organisation`` (the responsible one), each once."""
    if organisation is None:
        return list(people)
    from guardian.shortcuts import get_users_with_perms

    stewards = get_users_with_perms(
        organisation, only_with_perms_in=["steward_organisation"], with_superusers=False, with_group_users=False
    )
    return list(people) + [u for u in stewards if u not in people]


def measure_deadlines(today: dt.date, until: dt.date) -> Iterable[Deadline]:
    """Measures not done whose end date is near: programme staff and the stewards of the
    responsible organisation are told."""

    from portal.choices import MeasureStatus
    from portal.models import Measure

    staff = programme_staff()
    measures = (
        Measure.objects.filter(end_date__gte=today, end_date__lte=until)
        .exclude(status=MeasureStatus.DONE)
        .select_related("responsible_organisation")
        .order_by("end_date", "number")
    )
    for measure in measures:
        people = with_stewards(staff, measure.responsible_organisation)
        with translation.override(settings.LANGUAGE_CODE):
            link = reverse("portal:measure-detail", args=[measure.number])
        yield Deadline(
            key=f"measure:{measure.number}:{measure.end_date.isoformat()}",
            title=f"{measure.number} {measure.title_fi}",
            date=measure.end_date,
            link=link,
            recipients=people,
        )


register_source("measures", measure_deadlines)
