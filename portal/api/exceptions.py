"""The API's one mapping of service errors to responses (``REST_FRAMEWORK["EXCEPTION_HANDLER"]``).

- Django ``ValidationError`` -> 400 with field errors (``{"field": ["message"]}``); a view that sets
  ``validation_errors_as_detail`` answers every message under ``detail`` (``{"detail": [...]}``)
- ``PermissionDenied`` -> 403, ``Http404``/``ObjectDoesNotExist`` -> 404 (DRF's own mapping)
- ``ConcurrentEditError`` -> 409 with ``detail`` and ``current``: the object as it is now, in the
  view's serializer
- ``ConflictError``, ``ProtectedError``, ``RestrictedError`` -> 409 with ``detail`` and
  ``blocking``: the objects in the way
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from portal.errors import ConcurrentEditError, ConflictError, conflict_from_protected


def _blocking(objects: list[Any]) -> list[dict[str, Any]]:
    return [
        {"type": str(obj._meta.verbose_name), "id": obj.pk, "name": str(obj)}
        for obj in objects
        if hasattr(obj, "_meta")
    ]


def portal_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        if getattr(context.get("view"), "validation_errors_as_detail", False):
            detail: Any = {"detail": exc.messages}
        else:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = ValidationError(detail)
    elif isinstance(exc, ObjectDoesNotExist):
        exc = Http404()
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = conflict_from_protected(exc)

    if isinstance(exc, ConcurrentEditError):
        view = context.get("view")
        current: Any = None
        if view is not None and hasattr(view, "get_serializer"):
            current = view.get_serializer(exc.current).data
        return Response({"detail": str(exc), "current": current}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ConflictError):
        return Response({"detail": exc.message, "blocking": _blocking(exc.blocking)}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)
