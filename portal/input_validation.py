"""One validation layer for what a client puts in the URL: the query string and the path.

Why here and not in each filter: PostgreSQL refuses a NUL character in text (``ValueError: A string
literal cannot contain NUL``), so one ``?organisation=%00`` reached the database as a 500 in every
hand-written filter. A control character is never meaningful in a filter or a path segment.
Refused with 400 before any view runs: JSON for the API, the error page for the UI.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# C0 controls except tab, LF and CR are refused; DEL and the C1 controls too.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_VALUE_CHARS = 2000


def problem(request: HttpRequest) -> str:
    """Why the request's path or query parameters are refused, or ``""``."""
    if CONTROL.search(request.path):
        return _("The address contains a control character.")
    for key, values in request.GET.lists():
        if CONTROL.search(key):
            return _("A query parameter name contains a control character.")
        for value in values:
            if CONTROL.search(value):
                return _("The query parameter %(name)s contains a control character.") % {"name": key[:50]}
            if len(value) > MAX_VALUE_CHARS:
                return _("The query parameter %(name)s is longer than %(n)s characters.") % {
                    "name": key[:50],
                    "n": MAX_VALUE_CHARS,
                }
    return ""


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class QueryParameterValidationMiddleware:
    """Answer 400 to a path or query parameter with control characters or a too long value."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = problem(request)
        if reason:
            if is_api(request):
                return JsonResponse({"detail": reason}, status=400)
            return HttpResponse(
                render_to_string("400.html", {"reason": reason}, request=request),
                status=400,
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)
