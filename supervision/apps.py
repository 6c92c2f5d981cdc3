from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """Programme area: Supervision (measures 3.4)."""

    name = "supervision"
    verbose_name = _("Supervision")
