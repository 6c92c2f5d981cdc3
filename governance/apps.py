from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Programme area: Governance (measures 1.1-1.3, 2.1)."""

    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from portal import job_kinds
        from portal.job_kinds import JobKind

        job_kinds.register(
            JobKind(
                "governance-status-report",
                _("Programme status report (PDF)"),
                visible=job_kinds.everyone_signed_in,
                rerun=job_kinds.programme_staff,
            )
        )
        from governance.deadlines import milestone_deadlines
        from portal.notifications.deadlines import register_source

        # "Deadline near" notifications of the milestones (the frame never imports this app).
        register_source("milestones", milestone_deadlines)
        from governance import models
        from portal import audit

        audit.register(
            models.Body,
            models.Membership,
            models.Meeting,
            models.AgendaItem,
            models.MeetingAttachment,
            models.Decision,
            models.MeasureBaseline,
            models.Milestone,
            models.ProgressRisk,
            models.CommunicationItem,
            models.NewsItem,
            models.StakeholderEvent,
            models.LegacyDocument,
            models.LegacyDocumentVersion,
            models.ServiceEntity,
            models.TrainingEvent,
            models.TrainingParticipation,
            models.PrinciplesVersion,
            models.StudyStatusEntry,
            models.StatusReport,
        )
