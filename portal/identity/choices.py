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
