from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OtCentreConfig(AppConfig):
    """Programme area: OT centre (measures 4.1-4.3)."""

    name = "ot_centre"
    verbose_name = _("OT centre")

    def ready(self) -> None:
        from ot_centre import models
        from ot_centre.tasks import PILOT_REPORT_JOB
        from portal import audit, job_kinds, roles
        from portal.job_kinds import JobKind

        def report_makers(user):
            """Who may ask for the report may also run it again (as ``PilotReport.can_create``)."""
            if models.is_coordinator(user) or roles.is_programme_staff(user) or roles.is_administrator(user):
                return Q()
            return None

        # Aggregates only, small numbers suppressed, like the PilotReport rows: for everyone signed in.
        job_kinds.register(
            JobKind(
                PILOT_REPORT_JOB,
                _("OT-centre monthly pilot report (PDF)"),
                visible=job_kinds.everyone_signed_in,
                rerun=report_makers,
            )
        )
        from portal.privacy.retention import register_handler

        def redact_closed_consultations(now) -> int:
            from ot_centre import services

            return services.redact_due_requests(now=now)

        # Part of the portal's retention run (the Job with counts); the area's own daily beat task
        # runs the same idempotent verb.
        register_handler(
            "ot_centre_closed_consultations",
            _("Free text of closed consultations redacted"),
            redact_closed_consultations,
        )

        # Network data is under the change log. Consultation cases (requests, messages, conferences,
        # surveys) are NOT: the change log is readable by signed-in users and would copy the text;
        # their reads go to the access log instead.
        audit.register(
            models.CooperationArea,
            models.AreaMembership,
            models.ExpertiseArea,
            models.Expert,
            models.Agreement,
            models.WorkingGroup,
            models.DeadlineRule,
            models.Pilot,
            models.PilotPhase,
            models.UseCase,
            models.DemandEstimate,
            models.PilotReport,
        )
