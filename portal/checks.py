"""System checks of the portal."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    """``check --deploy`` fails without a SECRET_KEY (servers and workers refuse to start too)."""
    if settings.DEBUG or settings._wrapped.__dict__.get("SECRET_KEY"):
        return []
    return [
        Error(
            "SECRET_KEY must be set when DEBUG is off.",
            hint="Set the SECRET_KEY environment variable.",
            id="portal.E001",
        )
    ]
