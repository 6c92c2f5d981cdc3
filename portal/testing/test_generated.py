"""The generated per-model tests: every ``KitCase`` of every app (``<app>/tests/kit_cases.py``).

For each model with routes: list, detail, create, edit and delete as an anonymous visitor, as a
persona without rights (refused, and the row count and the change log stay as they were) and as a
persona with rights (the change lands with its change-log rows); list pages and API lists against
their query-count baselines (``tests/query_baselines.json``).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from portal.models import ChangeLog
from portal.testing import baselines
from portal.testing.cases import KitCase, app_cases

CASES = app_cases()


def _params(*attrs: str) -> list[Any]:
    return [pytest.param(case, id=case.id) for case in CASES if all(getattr(case, a) for a in attrs)]


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _persona(request: pytest.FixtureRequest, name: Any) -> Any:
    if callable(name):
        cache = request.node.__dict__.setdefault("_kit_personas", {})
        if name not in cache:
            cache[name] = name()
        return cache[name]
    return request.getfixturevalue(name)


def _both_personas(request: pytest.FixtureRequest, case: KitCase) -> tuple[Any, Any]:
    """Make both personas before the counts are taken (making one may write change-log rows)."""
    return _persona(request, case.with_rights), _persona(request, case.without_rights)


def _state(case: KitCase) -> tuple[int, int]:
    return case.model._default_manager.count(), ChangeLog.objects.count()


def _row(obj: Any) -> dict[str, Any]:
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return {} if fresh is None else model_to_dict(fresh)


def _form_errors(response: Any) -> str:
    """The form's errors of a re-shown page (for a readable failure)."""
    context = getattr(response, "context", None)
    form = context.get("form") if context is not None else None
    if form is not None:
        return f"{response.status_code}: {form.errors.as_data()!r}"
    return f"{response.status_code}: {response.content.decode()[:300]}"


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.fixture
def kit_setup(reference_data: None, request: pytest.FixtureRequest) -> None:
    """Reference data and the personas exist before the factory runs (rows may refer to them)."""
    for name in {c.with_rights for c in CASES} | {c.without_rights for c in CASES}:
        if isinstance(name, str):
            request.getfixturevalue(name)


@pytest.mark.django_db
@pytest.mark.parametrize("case", _params("list_url"))
def test_list_page(case: KitCase, kit_setup: None, request: pytest.FixtureRequest) -> None:
    rows = [case.factory() for _ in range(3)]
    url = reverse(case.list_url)
    anonymous = _client().get(url)
    if case.public:
        assert anonymous.status_code == 200
    else:
        assert _is_login_redirect(anonymous)
    client = _client(_persona(request, case.with_rights))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(rows) == 3
    baselines.check(f"{case.list_url}", len(queries))


@pytest.mark.django_db
@pytest.mark.parametrize("case", _params("detail_url"))
def test_detail_page(case: KitCase, kit_setup: None, request: pytest.FixtureRequest) -> None:
    obj = case.factory()
    url = reverse(case.detail_url, kwargs=case.url_kwargs(obj))
    anonymous = _client().get(url)
    if case.public:
        assert anonymous.status_code == 200
    else:
        assert _is_login_redirect(anonymous) or anonymous.status_code == 404
    response = _client(_persona(request, case.with_rights)).get(url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("case", _params("create_url", "create_data"))
def test_create(case: KitCase, kit_setup: None, request: pytest.FixtureRequest) -> None:
    anchor = case.factory()
    url = reverse(case.create_url, kwargs=case.create_kwargs(anchor) if case.create_kwargs else None)
    data = case.create_data(anchor)  # type: ignore[misc]
    _both_personas(request, case)
    before = _state(case)

    anonymous = _client()
    assert _is_login_redirect(anonymous.get(url))
    assert _is_login_redirect(anonymous.post(url, data))
    assert _state(case) == before

    denied = _client(_persona(request, case.without_rights))
    assert denied.get(url).status_code in case.create_denied_status
    assert denied.post(url, data).status_code in case.create_denied_status
    assert _state(case) == before

    allowed = _client(_persona(request, case.with_rights))
    assert allowed.get(url).status_code == 200
    response = allowed.post(url, data)
    assert response.status_code == 302, _form_errors(response)
    assert _state(case) == (before[0] + 1, before[1] + case.changelog_rows)


@pytest.mark.django_db
@pytest.mark.parametrize("case", _params("edit_url", "edit_data"))
def test_edit(case: KitCase, kit_setup: None, request: pytest.FixtureRequest) -> None:
    obj = case.factory()
    url = reverse(case.edit_url, kwargs=(case.edit_kwargs or case.url_kwargs)(obj))
    data = case.edit_data(obj)  # type: ignore[misc]
    _both_personas(request, case)
    before, row = _state(case), _row(obj)

    anonymous = _client()
    assert _is_login_redirect(anonymous.get(url))
    assert _is_login_redirect(anonymous.post(url, data))
    denied = _client(_persona(request, case.without_rights))
    assert denied.get(url).status_code in case.edit_denied_status
    assert denied.post(url, data).status_code in case.edit_denied_status
    assert (_state(case), _row(obj)) == (before, row)

    allowed = _client(_persona(request, case.with_rights))
    assert allowed.get(url).status_code == 200
    response = allowed.post(url, data)
    assert response.status_code == 302, _form_errors(response)
    assert _state(case) == (before[0], before[1] + case.changelog_rows)
    assert _row(obj) != row


@pytest.mark.django_db
@pytest.mark.parametrize("case", _params("delete_url"))
def test_delete(case: KitCase, kit_setup: None, request: pytest.FixtureRequest) -> None:
    obj = case.factory()
    url = reverse(case.delete_url, kwargs=case.url_kwargs(obj))
    _both_personas(request, case)
    before = _state(case)

    assert _is_login_redirect(_client().post(url))
    denied = _client(_persona(request, case.without_rights))
    assert denied.get(url).status_code in case.edit_denied_status
    assert denied.post(url).status_code in case.edit_denied_status
    assert _state(case) == before

    allowed = _client(_persona(request, case.with_rights))
    assert allowed.get(url).status_code == 200
    assert allowed.post(url).status_code == 302
    assert _state(case) == (before[0] - 1, before[1] + case.changelog_rows)


@pytest.mark.django_db
@pytest.mark.parametrize("case", _params("api_list"))
def test_api_list(case: KitCase, kit_setup: None, request: pytest.FixtureRequest) -> None:
    rows = [case.factory() for _ in range(3)]
    url = reverse(case.api_list)
    anonymous = APIClient().get(url)
    if case.public:
        assert anonymous.status_code == 200
    else:
        assert anonymous.status_code in (401, 403) or not {r["id"] for r in anonymous.json()["results"]} & {
            r.pk for r in rows
        }
    client = APIClient()
    client.force_authenticate(_persona(request, case.with_rights))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] >= 3
    baselines.check(f"{case.api_list}", len(queries))


@pytest.mark.django_db
@pytest.mark.parametrize("case", _params("api_detail"))
def test_api_detail(case: KitCase, kit_setup: None, request: pytest.FixtureRequest) -> None:
    obj = case.factory()
    url = reverse(case.api_detail, kwargs=case.api_kwargs(obj))
    anonymous = APIClient().get(url)
    assert anonymous.status_code in ((200,) if case.public else (401, 403, 404))
    client = APIClient()
    client.force_authenticate(_persona(request, case.with_rights))
    assert client.get(url).status_code == 200
