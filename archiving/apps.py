from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchivingConfig(AppConfig):
    """Programme area: Archiving (measures 3.7)."""

    name = "archiving"
    verbose_name = _("Archiving")
