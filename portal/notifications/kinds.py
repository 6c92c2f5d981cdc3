"""The kinds of notification the portal sends today. An app may register its own the same way."""

from django.utils.translation import gettext_lazy as _

from portal.notifications.choices import Delivery
from portal.notifications.registry import NotificationKind, register

JOB_FINISHED = register(
    NotificationKind(
        slug="job_finished",
        label=_("Background job finished"),
        subject=_("Background job #%(job)s has finished: %(status)s"),
        email_fields=("job", "status"),
        default_delivery=Delivery.OFF,
    )
)
DEADLINE_NEAR = register(
    NotificationKind(
        slug="deadline_near",
        label=_("Deadline near"),
        subject=_("Deadline near: %(title)s"),
        intro=_("The deadline of %(title)s is %(date)s."),
        email_fields=("title", "date"),
    )
)
DECISION_RECORDED = register(
    NotificationKind(
        slug="decision_recorded",
        label=_("Decision recorded"),
        subject=_("Decision recorded: %(title)s"),
        email_fields=("title",),
        default_delivery=Delivery.DAILY,
    )
)
# Consultation requests may carry client information: only a link goes out by e-mail.
CONSULTATION_ASSIGNED = register(
    NotificationKind(
        slug="consultation_assigned",
        label=_("Consultation request assigned to you"),
        subject=_("Consultation request %(reference)s assigned to you"),
        confidential=True,
        email_lines=False,
    )
)
CONSULTATION_UPDATE = register(
    NotificationKind(
        slug="consultation_update",
        label=_("OT-centre consultation"),
        subject=_("%(subject)s (%(reference)s)"),
        confidential=True,
        email_lines=False,
    )
)
BELOW_MINIMUM_STAFFING = register(
    NotificationKind(
        slug="below_minimum_staffing",
        label=_("Staffing below the minimum"),
        subject=_("Staffing below the minimum: %(unit)s"),
        intro=_("The staffing ratio of %(unit)s was below the minimum on these days:"),
        email_fields=("unit",),
    )
)
CONTRACT_REMINDER = register(
    NotificationKind(
        slug="contract_reminder",
        label=_("Contract reminders"),
        subject=_("Contract reminders"),
    )
)
