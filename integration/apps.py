from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def conversion_rerun_useful(job) -> bool:
    """Re-running reads the same file: it helps after an outage, or once the mapping has changed."""
    from integration.selectors import mapping_changed_since

    cause = (job.failure or {}).get("cause")
    if cause == "mapping":
        return job.organisation_id is not None and mapping_changed_since(job.organisation_id, job.finished_at)
    return cause != "input"


def conversion_fix_hint(job) -> str:
    if (job.failure or {}).get("cause") == "mapping":
        return str(
            _(
                "Complete the mapping of the cost centres and accounts named above (or change the organisation's "
                "setting for unmapped rows); then run the conversion again."
            )
        )
    return str(_("Correct the file and upload it again as a new upload: running this job again reads the same file."))


class IntegrationConfig(AppConfig):
    """Programme area: Integration and data packages (measures 2.3, 3.1, 3.5, 3.6)."""

    name = "integration"
    verbose_name = _("Integration and data packages")

    def ready(self) -> None:
        from portal import job_kinds
        from portal.job_kinds import JobKind

        job_kinds.register(
            # File names, totals and cost centres of one organisation's ledger: its stewards and staff.
            JobKind(
                "integration.convert_ledger",
                _("Ledger conversion"),
                visible=job_kinds.organisation_stewards_and_staff,
                rerun=job_kinds.organisation_stewards_and_staff,
                summary_template="integration/includes/job_summary.html",
                rerun_useful=conversion_rerun_useful,
                fix_hint=conversion_fix_hint,
            ),
            # One organisation's mapping rules: its stewards and staff (as the mapping itself).
            JobKind(
                "mapping_import",
                _("Mapping import"),
                visible=job_kinds.organisation_stewards_and_staff,
                rerun=job_kinds.organisation_stewards,
            ),
            # The programme's shared code lists: programme staff and administrators import them.
            JobKind(
                "code_list_import",
                _("Code list import"),
                visible=job_kinds.programme_staff,
                rerun=job_kinds.programme_staff,
            ),
            # Structured-documentation counts per organisation and quarter (measure 3.5).
            JobKind(
                "integration.documentation_import",
                _("Documentation figures import"),
                visible=job_kinds.organisation_stewards_and_staff,
                rerun=job_kinds.programme_staff,
            ),
            # Made of the documentation figures every signed-in user reads on the figures page.
            JobKind(
                "integration.documentation_pdf",
                _("Structured documentation report (PDF)"),
                visible=job_kinds.everyone_signed_in,
                rerun=job_kinds.programme_staff,
            ),
        )
        from integration import models, selectors
        from portal import audit, providers

        # Published for knowledge_mgmt's package indicators (no domain app imports another).
        providers.register("net_cost_by_package", selectors.net_cost_by_package)
        providers.register("code_labels", selectors.breakdown_labels)

        audit.register(
            models.CodeList,
            models.CodeListVersion,
            models.Code,
            models.PackageDefinition,
            models.Package,
            models.PackageMember,
            models.OrganisationSettings,
            models.MappingVersion,
            models.CostCentreMapping,
            models.AccountMapping,
            models.Upload,
            models.ConversionResult,
        )
        audit.register(
            models.OperatingModel,
            models.OperatingModelAdoption,
            models.InformationNeed,
            models.InformationFlow,
            models.TrainingCourse,
            models.TrainingParticipation,
            models.NationalClassification,
            models.ClassificationVersion,
            models.DocumentationReport,
            models.DocumentationUpload,
            models.KantaReadiness,
            models.UnaModule,
            models.UnaTariff,
            models.UnaRollout,
            models.ClientDataAccess,
            models.UnaReplacedSystem,
        )
        # Measures 3.5: the region's documentation figures, published for knowledge management.
        from integration import selectors_measures, tasks_measures  # noqa: F401 - registers the tasks (beat, jobs)
        from portal import providers

        providers.register(
            "integration.structured_documentation", selectors_measures.structured_documentation_indicator
        )
        # RegionDocumentationFigure is computed (replaced nightly) and not change-logged.
        # PackageRow is not registered: high-volume job output (bulk-written, replaced per
        # organisation-year), traced through its Job, upload and mapping version instead.
