"""DRF authentication with the portal's hashed, scoped, expiring API tokens (``Authorization: Token <key>``).

An unknown, revoked or expired token is a 401 (with ``WWW-Authenticate: Token``) whatever the order of
the authentication classes; a read-only token outside its scope is a 403. The scope is checked here,
at authentication, so that no view's own permission classes can forget it.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

from portal import audit
from portal.identity import services
from portal.identity.choices import AuthEventKind, TokenScope


class TokenRejected(exceptions.APIException):
    """401 even when session authentication is listed first (DRF would turn AuthenticationFailed into 403)."""

    status_code = 401
    default_detail = _("Invalid, expired or revoked token.")
    default_code = "token_rejected"
    auth_header = "Token"


class ScopeDenied(exceptions.PermissionDenied):
    default_detail = _("This token is read-only for indicator data.")
    default_code = "token_scope"


def read_scope_allows(request) -> bool:
    path = request.path
    return request.method in SAFE_METHODS and any(path.startswith(p) for p in settings.API_TOKEN_READ_PREFIXES)


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise TokenRejected()
        try:
            key = parts[1].decode()
        except UnicodeError as exc:
            raise TokenRejected() from exc
        token = services.find_token(key)
        if token is None or not token.is_active or not token.user.is_active:
            services.record_event(
                AuthEventKind.TOKEN_REJECTED,
                request=request,
                username=token.user.get_username() if token else "",
                user=token.user if token else None,
                detail=("unknown" if token is None else "revoked" if token.revoked_at else "expired or inactive"),
            )
            raise TokenRejected()
        if token.scope == TokenScope.READ_INDICATORS and not read_scope_allows(request):
            raise ScopeDenied()
        services.touch_token(token)
        audit.set_user(token.user)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword
