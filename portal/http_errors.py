"""Django's error pages, answered as JSON under ``/api/`` (``handler404`` etc. in ``portal/urls.py``).

DRF answers its own views' errors as JSON (``portal.api.exceptions``), but a path no URL pattern
matches (``/api/supervision/contracts/abc/`` where the id is a number), an error raised before a
view runs, or an unhandled exception reaches Django's handlers, which render the HTML pages. An API
client, and the schema, expect ``application/json`` with ``detail`` for every error status.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": _("You do not have permission to perform this action.")}, status=403)
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": _("Server error: the error has been logged.")}, status=500)
    return defaults.server_error(request)
