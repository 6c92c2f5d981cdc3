from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeMgmtConfig(AppConfig):
    """Programme area: Knowledge management (measures 2.2)."""

    name = "knowledge_mgmt"
    verbose_name = _("Knowledge management")

    def ready(self) -> None:
        from portal import job_kinds
        from portal.job_kinds import JobKind

        job_kinds.register(
            JobKind(
                "knowledge_import",
                _("Indicator import"),
                visible=job_kinds.programme_staff,
                rerun=job_kinds.programme_staff,
                summary_template="knowledge_mgmt/includes/import_job_summary.html",
            ),
            JobKind(
                "maturity_import",
                _("Maturity survey import"),
                visible=job_kinds.programme_staff,
                rerun=job_kinds.programme_staff,
            ),
            JobKind(
                "knowledge_package_indicators",
                _("Computation of the package indicators"),
                visible=job_kinds.programme_staff,
                rerun=job_kinds.programme_staff,
            ),
            JobKind(
                "knowledge_digital_exclusion",
                _("Computation of the digital exclusion indicator"),
                visible=job_kinds.programme_staff,
                rerun=job_kinds.programme_staff,
            ),
            JobKind(
                "knowledge_structured_documentation",
                _("Computation of the structured documentation indicator"),
                visible=job_kinds.programme_staff,
                rerun=job_kinds.programme_staff,
            ),
            # Made of public figures with small numbers suppressed: for everyone signed in.
            JobKind(
                "knowledge_report",
                _("Municipality report (PDF)"),
                visible=job_kinds.everyone_signed_in,
                rerun=job_kinds.programme_staff,
            ),
            # All municipalities' reports at once: started by programme staff, seen by them.
            JobKind(
                "knowledge_report_batch",
                _("Municipality reports of all municipalities (ZIP)"),
                visible=job_kinds.programme_staff,
                rerun=job_kinds.programme_staff,
            ),
        )
        from knowledge_mgmt import models, selectors
        from portal import audit, providers

        audit.register(
            models.Theme,
            models.Indicator,
            models.IndicatorValue,
            models.Target,
            models.IndicatorSet,
            models.IndicatorSetItem,
            models.ConceptIndicatorLink,
            models.MaturitySurvey,
            models.MaturityArea,
            models.SotkanetRegion,
        )
        from knowledge_mgmt.receivers import on_package_rows_replaced, track_page_data
        from portal.signals import package_rows_replaced

        package_rows_replaced.connect(on_package_rows_replaced, dispatch_uid="knowledge_mgmt.package_rows_replaced")
        track_page_data()
        # Published for other apps without any cross-app import (portal/providers.py), e.g. the
        # digital services area imports a counselling segment's history from the bank.
        providers.register(selectors.INDICATOR_VALUES_PROVIDER, selectors.published_indicator_values)
