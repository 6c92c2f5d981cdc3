"""OpenID Connect single sign-on on mozilla-django-oidc (authorisation code flow with PKCE and nonce).

What this adds to the library:
- the ID token is checked fully: signature against the provider's JWKS, ``iss`` equal to the
  configured issuer, ``aud`` containing our client id, ``exp``/``iat`` with a small leeway, ``sub``
  present (the library checks the signature and nonce only);
- accounts are found by the provider's subject (``ExternalIdentity``), not by e-mail address;
- the administrator-edited ``ClaimMapping`` is applied at every sign-in (roles and steward grants);
- a deactivated portal account cannot come back through SSO;
- every success and failure goes into the sign-in trail; a failure never shows a stack trace;
- sign-out ends the provider's session too (its end_session endpoint with the ID token as hint).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from portal.identity import services
from portal.identity.choices import AuthEventKind
from portal.identity.models import ExternalIdentity

logger = logging.getLogger(__name__)


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if request is None or not settings.OIDC_ENABLED or "code" not in getattr(request, "GET", {}):
            return None
        try:
            user = super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError) as exc:
            logger.warning("Single sign-on refused: %s", exc)
            services.record_event(AuthEventKind.SSO_FAILED, request=request, detail=str(exc))
            return None
        except Exception as exc:  # provider unreachable, bad JSON, HTTP error
            logger.exception("Single sign-on failed")
            services.record_event(AuthEventKind.SSO_FAILED, request=request, detail=type(exc).__name__)
            return None
        if user is None:
            detail = getattr(self, "_refusal", "") or "no account"
            services.record_event(AuthEventKind.SSO_FAILED, request=request, detail=detail)
        return user

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"Unexpected signing algorithm {header.get('alg')!r}.")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                leeway=settings.OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {type(exc).__name__}: {exc}") from exc

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        self._id_claims = payload
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo subject differs from the ID token's.")
        return {**claims, "iss": payload["iss"]}

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        identity = (
            ExternalIdentity.objects.select_related("user").filter(issuer=claims["iss"], subject=claims["sub"]).first()
        )
        if identity is None:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(pk=identity.user_id)

    def create_user(self, claims):
        User = get_user_model()
        base = re.sub(r"[^\w.@+-]", "", claims.get("preferred_username") or claims.get("email") or claims["sub"])[:140]
        username = base or "sso"
        n = 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}-{n}"
        user = User.objects.create_user(
            username=username,
            email=claims.get("email", "")[:254],
            first_name=claims.get("given_name", "")[:150],
            last_name=claims.get("family_name", "")[:150],
        )
        user.set_unusable_password()  # SSO accounts never sign in with a portal password
        user.save(update_fields=["password"])
        return self._after_login(user, claims)

    def update_user(self, user, claims):
        if not user.is_active:
            self._refusal = f"The portal account {user.get_username()} is deactivated."
            raise SuspiciousOperation(self._refusal)
        changed = []
        for field, claim in (("email", "email"), ("first_name", "given_name"), ("last_name", "family_name")):
            value = (claims.get(claim) or "")[: user._meta.get_field(field).max_length]
            if value and getattr(user, field) != value:
                setattr(user, field, value)
                changed.append(field)
        if changed:
            user.save(update_fields=changed)
        return self._after_login(user, claims)

    def _after_login(self, user, claims):
        services.link_identity(user, issuer=claims["iss"], subject=claims["sub"], claims=claims)
        result = services.apply_claim_mapping(user, claims)
        detail = ",".join(result["roles"])
        if result["unknown_roles"]:
            detail += " unknown:" + ",".join(result["unknown_roles"])
        services.record_event(
            AuthEventKind.SSO_LOGIN, request=self.request, username=user.get_username(), user=user, detail=detail
        )
        return user


class AuthenticateView(OIDCAuthenticationRequestView):
    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """A replayed or unknown state is a failed sign-in with a message, not a 400 page."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        state = request.GET.get("state")
        if state is not None and state not in request.session.get("oidc_states", {}):
            # Not a state this browser was given, or one already used (a replayed callback).
            services.record_event(AuthEventKind.SSO_FAILED, request=request, detail="unknown or replayed state")
            return self.login_failure()
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            services.record_event(AuthEventKind.SSO_FAILED, request=request, detail=str(exc))
            return self.login_failure()


def provider_logout_url(request) -> str:
    """The provider's end_session URL with the ID token as hint (RP-initiated logout)."""
    redirect_to = request.build_absolute_uri(settings.LOGOUT_REDIRECT_URL_PATH)
    endpoint = settings.OIDC_OP_END_SESSION_ENDPOINT
    id_token = request.session.get("oidc_id_token")
    if not endpoint or not id_token:
        return redirect_to
    query = urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": redirect_to, "client_id": settings.OIDC_RP_CLIENT_ID}
    )
    return f"{endpoint}?{query}"
