from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Programme area: Governance (measures 1.1-1.3, 2.1)."""

    name = "governance"
    verbose_name = _("Governance")
