"""Authentication backends.

``ThrottledModelBackend`` replaces Django's ModelBackend for local accounts. Every password check
goes through ``django.contrib.auth.authenticate`` – the sign-in page, the admin sign-in and the
API token endpoint alike – so the lock-out and the sign-in trail cover all three here, in one place.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from portal.identity import services, throttle
from portal.identity.choices import AuthEventKind


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None  # not a password sign-in (e.g. the single sign-on callback)
        ip = throttle.client_ip(request)
        if throttle.is_locked(username, ip):
            services.record_event(AuthEventKind.LOCKED_OUT, request=request, username=username)
            if request is not None:
                request.portal_locked_out = True
            # PermissionDenied stops Django from trying the other backends.
            raise PermissionDenied("locked out")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.register_failure(username, ip)
            services.record_event(AuthEventKind.LOGIN_FAILED, request=request, username=username)
            return None
        throttle.reset(username)
        services.record_event(AuthEventKind.LOGIN, request=request, username=username, user=user)
        return user
