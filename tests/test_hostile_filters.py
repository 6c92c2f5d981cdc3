"""Hostile filter values against every API list endpoint and every UI list page: never a 500.

Endpoints come from the OpenAPI schema (every GET without a path parameter, with its declared
query parameters); pages from the URL resolver (every GET route without arguments, plus routes
with one text argument, which gets the hostile value in the path). Run it on PostgreSQL too
(``DATABASE_URL=postgres://...``): NUL in a filter was a 500 only there. NUL and control
characters must be a 400 (JSON for the API); other values anything but a 500.
Does not depend on the delete/409 work: it only reads.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

from conftest import make_user

CONTROL_VALUES = ["\x00", "297\x00", "a\x1bb", "\x7f", "x\x85y"]
OTHER_VALUES = [
    "x" * 1500,
    "' OR 1=1 --",
    "1; DROP TABLE portal_job; --",
    "%_\\",
    "ä\u202e\U0001f600",
    "-1",
    "99999999999999999999999",
    "1e309",
    "2024-13-45",
    "NaN",
    "[]",
]
GENERIC_PARAMS = [
    "q",
    "search",
    "ordering",
    "sort",
    "page",
    "status",
    "organisation",
    "year",
    "code",
    "limit",
    "offset",
]


def api_list_endpoints() -> list[tuple[str, list[str]]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = []
    for path, operations in schema["paths"].items():
        if "{" in path or "get" not in operations:
            continue
        params = [p["name"] for p in operations["get"].get("parameters", []) if p.get("in") == "query"]
        endpoints.append((path, sorted(set(params) | set(GENERIC_PARAMS))))
    return endpoints


def ui_pages() -> tuple[list[str], list[str]]:
    """(pages without arguments, patterns with one text argument as a format string) under /fi/."""
    plain, with_text = [], []

    def walk(patterns, prefix):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                full = prefix + route
                if full.startswith(("api/", "^", "admin/")) or "(?P" in full or not full:
                    continue
                converters = entry.pattern.converters
                if not converters:
                    plain.append(full)
                elif len(converters) == 1 and all(
                    type(c).__name__ in ("StringConverter", "SlugConverter") for c in converters.values()
                ):
                    name = next(iter(converters))
                    converter = type(converters[name]).__name__
                    marker = "<str:" if converter == "StringConverter" else "<slug:"
                    if f"{marker}{name}>" in full:
                        with_text.append(full.replace(f"{marker}{name}>", "{}"))

    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and "fi" in str(
            entry.pattern.regex.pattern if hasattr(entry.pattern, "regex") else entry.pattern
        ):
            walk(entry.url_patterns, "")
    return sorted(set(plain)), sorted(set(with_text))


FAILURES: list[tuple[str, str, int]] = []


def check(response, value, url) -> None:
    if response.status_code >= 500 or (value in CONTROL_VALUES and response.status_code != 400):
        FAILURES.append((url, repr(value)[:40], response.status_code))


@pytest.mark.django_db
def test_every_api_list_endpoint_survives_hostile_filters(reference_data, client):
    FAILURES.clear()
    client.raise_request_exception = False  # a 500 is a status to report with its URL, not a crash
    admin = make_user("sweep-admin", superuser=True)
    endpoints = api_list_endpoints()
    assert len(endpoints) > 30
    requests = 0
    for user in (None, admin):
        client.logout()
        if user:
            client.force_login(user)
        for path, params in endpoints:
            for value in CONTROL_VALUES + OTHER_VALUES:
                response = client.get(path, {p: value for p in params})
                requests += 1
                check(response, value, path)
                if response.status_code == 400:
                    assert response["Content-Type"].startswith("application/json"), path
            # each parameter alone, so a 400 from one does not hide a 500 from another
            if user:
                for param in params:
                    for value in OTHER_VALUES:
                        check(client.get(path, {param: value}), value, f"{path}?{param}")
                        requests += 1
    assert requests > 1000
    assert FAILURES == []


@pytest.mark.django_db
def test_every_ui_list_page_survives_hostile_filters(reference_data, client):
    FAILURES.clear()
    client.raise_request_exception = False
    admin = make_user("sweep-admin", superuser=True)
    client.force_login(admin)
    plain, with_text = ui_pages()
    assert len(plain) > 20
    for route in plain:
        url = "/fi/" + route
        for value in CONTROL_VALUES + OTHER_VALUES:
            response = client.get(url, {p: value for p in GENERIC_PARAMS})
            check(response, value, url)
    for pattern in with_text:
        for value in CONTROL_VALUES + OTHER_VALUES[:6]:
            url = "/fi/" + pattern.format(value.replace("/", "-").replace("?", "").replace("#", ""))
            check(client.get(url), value, url)
    assert FAILURES == []


def test_api_answers_json_400_and_the_ui_an_error_page(client):
    response = client.get("/api/knowledge/data/", {"organisation": "\x00"})
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Kyselyparametri organisation sisältää ohjausmerkin."},
    ) or response.status_code == 400
    response = client.get("/fi/organisations/%00/")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
