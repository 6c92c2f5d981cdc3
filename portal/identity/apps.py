from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    """Sign-in: single sign-on, protected local accounts, two-factor for administrators, API tokens."""

    name = "portal.identity"
    label = "identity"
    verbose_name = _("Identity and access")

    def ready(self) -> None:
        from portal import audit
        from portal.identity import models, receivers, schema  # noqa: F401  (sign-out event, OpenAPI)

        audit.register(models.ApiToken, models.ClaimMapping, models.ExternalIdentity)
