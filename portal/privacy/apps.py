from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The portal's own personal data: the register, retention jobs, data reports and erasure."""

    name = "portal.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from portal import job_kinds
        from portal.job_kinds import JobKind
        from portal.privacy import retention  # noqa: F401  (registers the core retention handlers)
        from portal.privacy.tasks import RETENTION_JOB

        job_kinds.register(
            # Counts of removed and anonymised personal data: the administrators who answer for it.
            JobKind(RETENTION_JOB, _("Retention of personal data"), visible=job_kinds.administrators),
        )
