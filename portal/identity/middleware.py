"""Two-factor authentication for administrators who sign in with a local password.

Runs after django-otp's OTPMiddleware. An administrator (or any staff/superuser account that can
reach the admin) whose session was opened with a password has to pass a TOTP check before any
other page; one without a device is sent to set one up. Accounts signed in through single sign-on
are left alone: the identity provider enforces its own multi-factor policy.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal import roles

LOCAL_BACKENDS = {"portal.identity.backends.ThrottledModelBackend", "django.contrib.auth.backends.ModelBackend"}
EXEMPT_URL_NAMES = {"otp-verify", "otp-setup", "logout", "set_language", "healthz", "jsi18n"}


def needs_otp(request) -> bool:
    user = getattr(request, "user", None)
    if not settings.PORTAL_ADMIN_OTP_REQUIRED or user is None or not user.is_authenticated:
        return False
    if not (roles.is_administrator(user) or user.is_staff):
        return False
    if request.session.get(BACKEND_SESSION_KEY) not in LOCAL_BACKENDS:
        return False
    return not user.is_verified()


class RequireAdminOTPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.url_name in EXEMPT_URL_NAMES:
            return None
        if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        if not needs_otp(request):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("Two-factor authentication is required.")}, status=403)
        from django_otp.plugins.otp_totp.models import TOTPDevice

        has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
        target = reverse("identity:otp-verify" if has_device else "identity:otp-setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
