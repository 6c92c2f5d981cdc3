from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """One notification frame: in-app inbox and e-mail, per-person preferences, sent by Celery."""

    name = "portal.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from portal import audit
        from portal.notifications import deadlines, kinds, models  # noqa: F401  (the core kinds and deadlines)

        audit.register(models.NotificationPreference)
