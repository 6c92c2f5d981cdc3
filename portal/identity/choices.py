"""Choice lists of identity. Values are stable codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    READ_INDICATORS = "read_indicators", _("Read-only indicator data")
    FULL = "full", _("All my rights")


class AuthEventKind(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOCKED_OUT = "locked_out", _("Refused: too many failed attempts")
    LOGOUT = "logout", _("Signed out")
    SSO_LOGIN = "sso_login", _("Signed in with single sign-on")
    SSO_FAILED = "sso_failed", _("Failed single sign-on")
    OTP_VERIFIED = "otp_verified", _("Two-factor check passed")
    OTP_FAILED = "otp_failed", _("Two-factor check failed")
    TOKEN_REJECTED = "token_rejected", _("API token refused")


# The portal's roles (the group names of portal.roles) as people read them.
ROLE_LABELS = {
    "programme_staff": _("Programme staff"),
    "data_steward": _("Data steward"),
    "decision_maker": _("Decision-maker"),
    "expert": _("Expert"),
    "supervisor": _("Supervisor"),
    "ot_coordinator": _("OT-centre coordinator"),
    "professional": _("Professional"),
    "archivist": _("Archivist"),
    "administrator": _("Administrator"),
}


def role_label(name: str) -> str:
    """The label of a role; a group that is not a role of the portal keeps its own name."""
    label = ROLE_LABELS.get(name)
    return str(label) if label is not None else name


def role_choices() -> list[tuple[str, str]]:
    return [(name, ROLE_LABELS[name]) for name in ROLE_LABELS]
