from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalServicesConfig(AppConfig):
    """Programme area: Digital services (measures 3.2, 3.3)."""

    name = "digital_services"
    verbose_name = _("Digital services")
