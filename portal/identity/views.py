"""Sign-in, two-factor and API token pages."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.identity import selectors, services
from portal.identity.choices import AuthEventKind
from portal.identity.forms import ApiTokenForm, OTPTokenForm, PortalAuthenticationForm
from portal.identity.models import ApiToken


class LoginView(auth_views.LoginView):
    form_class = PortalAuthenticationForm
    template_name = "portal/identity/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = settings.OIDC_ENABLED
        return context


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@login_required
def otp_setup(request):
    """Set up a TOTP authenticator: show the secret (QR code and text) and confirm with one code."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{_url('identity:otp-verify')}?next={_safe_next(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            services.record_event(
                AuthEventKind.OTP_VERIFIED, request=request, username=request.user.get_username(), user=request.user
            )
            return redirect(_safe_next(request))
        services.record_event(
            AuthEventKind.OTP_FAILED, request=request, username=request.user.get_username(), user=request.user
        )
        form.add_error("token", _("The code is wrong or has expired. Enter the code the app shows now."))
    qr = segno.make(device.config_url, error="m")
    secret = device.bin_key.hex()
    import base64

    secret_b32 = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "portal/identity/otp_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_data_uri(scale=4),
            "secret": " ".join(secret_b32[i : i + 4] for i in range(0, len(secret_b32), 4)),
            "secret_hex": secret,
            "next": _safe_next(request),
        },
    )


@login_required
def otp_verify(request):
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            services.record_event(
                AuthEventKind.OTP_VERIFIED, request=request, username=request.user.get_username(), user=request.user
            )
            return redirect(_safe_next(request))
        services.record_event(
            AuthEventKind.OTP_FAILED, request=request, username=request.user.get_username(), user=request.user
        )
        form.add_error("token", _("The code is wrong or has expired. Enter the code the app shows now."))
    return render(request, "portal/identity/otp_verify.html", {"form": form, "next": _safe_next(request)})


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


@login_required
def token_list(request):
    """A person's own API tokens: create (the key is shown once), see last use, revoke."""
    new_key = None
    new_token = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_token, new_key = services.issue_token(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
            actor=request.user,
        )
        form = ApiTokenForm()
    tokens = selectors.tokens_of(request.user)
    return render(
        request,
        "portal/identity/token_list.html",
        {"form": form, "tokens": tokens, "new_key": new_key, "new_token": new_token},
        status=200,
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken.objects.editable_by(request.user), pk=pk)
    try:
        services.revoke_token(token, actor=request.user)
    except PermissionError as exc:
        raise Http404 from exc
    messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("identity:token-list")


class LogoutView(auth_views.LogoutView):
    """Sign-out; a single sign-on session also ends at the provider (its end_session endpoint)."""

    def post(self, request, *args, **kwargs):
        from portal.identity import oidc

        provider_url = None
        if settings.OIDC_ENABLED and request.session.get("oidc_id_token"):
            provider_url = oidc.provider_logout_url(request)
        response = super().post(request, *args, **kwargs)
        return redirect(provider_url) if provider_url else response
