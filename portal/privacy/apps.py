from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The portal's own personal data: the register, retention jobs, data reports and erasure."""

    name = "portal.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from portal.privacy import retention  # noqa: F401  (registers the core retention handlers)
