from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationConfig(AppConfig):
    """Programme area: Integration and data packages (measures 2.3, 3.1, 3.5, 3.6)."""

    name = "integration"
    verbose_name = _("Integration and data packages")
