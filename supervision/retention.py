"""Supervision's retention handler (registered with the core frame in SupervisionConfig.ready).

Closed client deviation reports keep their reference, unit, dates and status (the supervision
statistics), but their free text, findings and the reporter's details are replaced after
RETENTION_DEVIATION_TEXT_DAYS from closing. Idempotent: pseudonymised reports are not touched again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

REMOVED = "[poistettu / borttaget / removed]"


def pseudonymise_closed_deviation_reports(now: dt.datetime) -> int:
    from supervision.choices import DeviationStatus
    from supervision.models import DeviationReport

    cutoff = now - dt.timedelta(days=settings.RETENTION_DEVIATION_TEXT_DAYS)
    due = DeviationReport.objects.filter(status=DeviationStatus.CLOSED, status_changed_at__lt=cutoff).exclude(
        text=REMOVED
    )
    return due.update(text=REMOVED, findings=REMOVED, reporter_name="", reporter_contact="")
