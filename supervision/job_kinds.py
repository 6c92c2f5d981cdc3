"""The supervision app's job kinds (registered in ``SupervisionConfig.ready``).

A unit or producer report's PDF holds the counts of confidential client deviation reports that its
starter could read, so such a job is for the supervisors assigned to the organiser (and
administrators), and every read of it is written to the access log.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal import job_kinds, roles
from portal.job_kinds import JobKind

STAFFING_IMPORT = "supervision_staffing_import"
UNIT_REPORT = "supervision_unit_report"
PRODUCER_REPORT = "supervision_producer_report"


def _supervised(user) -> set[int]:
    from supervision.permissions import supervised_organiser_ids

    return supervised_organiser_ids(user)


def unit_report_readers(user) -> Q | None:
    """Supervisors assigned to the unit's organiser, and administrators."""
    if roles.is_administrator(user):
        return Q()
    ids = _supervised(user)
    return Q(organisation_id__in=ids) if ids else None


def producer_report_readers(user) -> Q | None:
    """Supervisors assigned to an organiser of one of the producer's units, and administrators."""
    if roles.is_administrator(user):
        return Q()
    ids = _supervised(user)
    if not ids:
        return None
    from supervision.models import ServiceUnit

    producers = sorted(set(ServiceUnit.objects.filter(organiser_id__in=ids).values_list("producer_id", flat=True)))
    return Q(input_ref__producer__in=producers) if producers else None


def staffing_import_readers(user) -> Q | None:
    """Supervisors of the organiser, programme staff and administrators (the uploader as starter)."""
    if roles.is_administrator(user) or roles.is_programme_staff(user):
        return Q()
    ids = _supervised(user)
    return Q(organisation_id__in=ids) if ids else None


def register() -> None:
    job_kinds.register(
        JobKind(
            STAFFING_IMPORT,
            _("Staffing data import"),
            visible=staffing_import_readers,
            rerun=unit_report_readers,
        ),
        JobKind(
            UNIT_REPORT,
            _("Supervision report of a unit (PDF)"),
            visible=unit_report_readers,
            rerun=job_kinds.administrators,
            confidential=True,
        ),
        JobKind(
            PRODUCER_REPORT,
            _("Supervision report of a producer (PDF)"),
            visible=producer_report_readers,
            rerun=job_kinds.administrators,
            confidential=True,
        ),
    )
