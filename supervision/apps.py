from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """Programme area: Supervision (measures 3.4)."""

    name = "supervision"
    verbose_name = _("Supervision")

    def ready(self) -> None:
        from supervision import job_kinds

        job_kinds.register()
        from portal import audit
        from portal.privacy.retention import register_handler
        from supervision import models as m
        from supervision.retention import pseudonymise_closed_deviation_reports

        register_handler(
            "supervision_deviation_reports",
            _("Free text of closed deviation reports pseudonymised"),
            pseudonymise_closed_deviation_reports,
        )

        audit.register(
            m.Producer,
            m.ServiceUnit,
            m.Contract,
            m.ContractPrice,
            m.ContractDocument,
            m.SupervisorAssignment,
            m.ProducerAccount,
            m.StaffingThreshold,
            m.PersonDayRule,
            m.ProfessionalGroup,
            m.SupervisionVisit,
            m.Finding,
            m.CorrectiveAction,
            m.StaffingImport,
            m.BelowMinimumNotice,
            m.ContractReminderSent,
        )
        # StaffingDay/StaffingHours are high-volume and traced through their import Job instead.
        # DeviationReport is deliberately NOT in the change log: change-log rows are readable by every
        # signed-in user and would copy the confidential text there. Its triage trail is kept on the
        # report itself (status, handled_by, status_changed_at) and every read is in the access log.
