from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from portal import audit, checks, datacache, job_kinds, models, signals  # noqa: F401  (registers audit receivers and checks)
        from portal.job_kinds import JobKind

        job_kinds.register(
            # A personal export: its starter only (the starter rule of the queryset).
            JobKind("organisation_register_export", _("Organisation register export"), visible=job_kinds.nobody),
        )
        # Cached pages that show these rows get a new version when they change (portal/datacache.py).
        datacache.track("organisations", models.Organisation, models.OrganisationMembership, models.Population)
        datacache.track("concepts", models.DataModel, models.Concept, models.ConceptRelation)
