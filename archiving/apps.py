from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchivingConfig(AppConfig):
    """Programme area: Archiving (measure 3.7)."""

    name = "archiving"
    verbose_name = _("Archiving")

    def ready(self) -> None:
        from archiving import models as m
        from portal import audit, job_kinds
        from portal.job_kinds import JobKind

        job_kinds.register(
            # A simulation's messages name the organisation's system and its record counts.
            JobKind(
                "archiving.retention_simulation",
                _("Retention simulation"),
                visible=job_kinds.organisation_stewards_and_staff,
                rerun=job_kinds.organisation_stewards_and_staff,
            ),
            JobKind(
                "archiving.procurement_pack",
                _("Procurement pack of the archive system"),
                visible=job_kinds.everyone_signed_in,
                rerun=job_kinds.programme_staff,
            ),
        )

        audit.register(
            m.RetentionRule,
            m.DataContent,
            m.RetentionSimulation,
            m.ArchivingPlan,
            m.PlanItem,
            m.AccessRule,
            m.DestructionList,
            m.Requirement,
            m.ProcurementPack,
        )
        # AccessRequest is NOT in the change log: change-log rows are readable by every signed-in
        # user and would show whose archived data a professional asked for. The decision is kept on
        # the row (status, decided_by, decided_at) and every read is in the access log.
        # DestructionListLine rows are high-volume and traced through their list.
