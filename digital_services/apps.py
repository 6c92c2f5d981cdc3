from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalServicesConfig(AppConfig):
    """Programme area: Digital services (measures 3.2, 3.3)."""

    name = "digital_services"
    verbose_name = _("Digital services")

    def ready(self) -> None:
        from digital_services import models, selectors
        from digital_services.services import FIGURE_UPLOAD, MUNICIPALITY_REPORT
        from portal import audit, job_kinds, providers
        from portal.job_kinds import JobKind

        job_kinds.register(
            # One organisation's monthly figures and their row errors: its stewards and programme staff.
            JobKind(
                FIGURE_UPLOAD,
                _("Digital-service figures import"),
                visible=job_kinds.organisation_stewards_and_staff,
                rerun=job_kinds.organisation_stewards_and_staff,
            ),
            # Made of figures every signed-in user reads on the municipality's page.
            JobKind(
                MUNICIPALITY_REPORT,
                _("Digital services municipality report (PDF)"),
                visible=job_kinds.everyone_signed_in,
                rerun=job_kinds.programme_staff,
            ),
        )

        audit.register(
            models.DigitalService,
            models.ServiceFeature,
            models.ServiceChannel,
            models.Rollout,
            models.MonthlyFigure,
            models.OfflineRate,
            models.AgeStructure,
            models.ServicePath,
            models.PathStep,
            models.StepChange,
            models.Pilot,
            models.GuidanceContact,
            models.ChatIntent,
            # Counts only (day, intent code, number); written with update(), so no change-log rows.
            models.ChatDailyStat,
            models.CounsellingSegment,
            models.SegmentHistory,
            models.CounsellingChannel,
            models.SystemRequirement,
        )
        # Published to knowledge management without any cross-app import (portal/providers.py).
        providers.register("digital_services.inclusion_indicators", selectors.inclusion_indicators)
