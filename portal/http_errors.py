"""Django's error pages, answered as JSON under ``/api/`` (``handler404`` etc. in ``portal/urls.py``).

DRF answers its own views' errors as JSON (``portal.api.exceptions``), but a path no URL pattern
matches (``/api/supervision/contracts/abc/`` where the id is a number), an error raised before a
view runs, or an unhandled exception reaches Django's handlers, which render the HTML pages. An API
client, and the schema, expect ``application/json`` with ``detail`` for every error status, in
the same words (and DRF's translations) as the errors of the API views.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": str(exceptions.ParseError.default_detail)}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": str(exceptions.PermissionDenied.default_detail)}, status=403)
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": str(exceptions.APIException.default_detail)}, status=500)
    return defaults.server_error(request)
