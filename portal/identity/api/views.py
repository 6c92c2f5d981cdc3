"""The token endpoint: user name + password -> a new full-scope token with the default expiry.

Kept at ``/api/auth/token/`` with the same request and response as before (``{"token": ...}``) so the
demo and existing scripts work; the token is now a hashed, expiring ``ApiToken``. The password check
goes through ``authenticate()``, so the lock-out applies here as on the sign-in page.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.identity import services
from portal.identity.choices import TokenScope


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class ObtainTokenView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer(
                "IssuedToken", {"token": serializers.CharField(), "expires": serializers.DateTimeField()}
            )
        },
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            user = authenticate(request._request, **data.validated_data)
        except PermissionDenied:
            user = None
        if getattr(request._request, "portal_locked_out", False):
            return Response(
                {"detail": _("Too many failed sign-in attempts. Try again later.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None:
            # The same answer whether or not the account exists.
            return Response(
                {"non_field_errors": [_("Unable to sign in with the given credentials.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, key = services.issue_token(
            user=user,
            name=_("Token endpoint"),
            scope=TokenScope.FULL,
            days=settings.API_TOKEN_DEFAULT_DAYS,
            actor=user,
        )
        return Response({"token": key, "expires": token.expires_at})
