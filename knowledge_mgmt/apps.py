from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeMgmtConfig(AppConfig):
    """Programme area: Knowledge management (measures 2.2)."""

    name = "knowledge_mgmt"
    verbose_name = _("Knowledge management")

    def ready(self) -> None:
        from knowledge_mgmt import models
        from portal import audit

        audit.register(
            models.Theme,
            models.Indicator,
            models.IndicatorValue,
            models.Target,
            models.IndicatorSet,
            models.IndicatorSetItem,
            models.ConceptIndicatorLink,
            models.MaturitySurvey,
            models.MaturityArea,
            models.SotkanetRegion,
        )
        from knowledge_mgmt.receivers import on_package_rows_replaced
        from portal.signals import package_rows_replaced

        package_rows_replaced.connect(on_package_rows_replaced, dispatch_uid="knowledge_mgmt.package_rows_replaced")
