from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OtCentreConfig(AppConfig):
    """Programme area: OT centre (measures 4.1-4.3)."""

    name = "ot_centre"
    verbose_name = _("OT centre")
