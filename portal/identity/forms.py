from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from portal.identity.choices import TokenScope


class PortalAuthenticationForm(AuthenticationForm):
    """The sign-in form. Its messages never say whether the account exists: a wrong password, an
    unknown user name and an inactive account give the same text; a lock-out applies to unknown
    user names too, so it tells nothing either."""

    error_messages = {
        "invalid_login": _("The user name or password is wrong. Both fields may be case-sensitive."),
        "inactive": _("The user name or password is wrong. Both fields may be case-sensitive."),
        "locked_out": _(
            "Too many failed sign-in attempts. Signing in with this user name is blocked for %(minutes)s minutes."
        ),
    }

    def get_invalid_login_error(self):
        if getattr(self.request, "portal_locked_out", False):
            return forms.ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_SECONDS // 60},
            )
        return super().get_invalid_login_error()


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from the authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


EXPIRY_CHOICES = [(7, _("7 days")), (30, _("30 days")), (90, _("90 days")), (365, _("1 year"))]


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("For example: Tableau, monthly report script."))
    scope = forms.ChoiceField(label=_("Scope"), choices=TokenScope.choices, initial=TokenScope.READ_INDICATORS)
    days = forms.TypedChoiceField(label=_("Valid for"), choices=EXPIRY_CHOICES, coerce=int, initial=90)
