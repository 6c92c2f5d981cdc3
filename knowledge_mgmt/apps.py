from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeMgmtConfig(AppConfig):
    """Programme area: Knowledge management (measures 2.2)."""

    name = "knowledge_mgmt"
    verbose_name = _("Knowledge management")
