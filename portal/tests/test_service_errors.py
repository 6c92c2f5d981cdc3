"""The one mapping of service errors onto UI forms and messages (portal.errors)."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.views import View

from portal.errors import ConcurrentEditError, ConflictError, ServiceErrorFormMixin, run_with_messages


class UploadForm(forms.Form):
    organisation = forms.CharField()
    file = forms.CharField()


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _view(**attrs):
    view_class = type("ServiceView", (ServiceErrorFormMixin, View), attrs)
    view = view_class()
    view.request = _request()
    return view


def _raise(exc):
    def call():
        raise exc

    return call


def _bound_form():
    form = UploadForm({"organisation": "297", "file": "l.csv"})
    assert form.is_valid()
    return form


def test_success_returns_the_result_and_says_so():
    view = _view()
    form = _bound_form()
    assert view.run_service(form, lambda: None) is None
    assert view.service_ok and not form.errors
    assert view.run_service(form, lambda: 7) == 7 and view.service_ok


def test_validation_errors_land_on_their_fields_or_on_the_named_field():
    form = _bound_form()
    view = _view()
    assert view.run_service(form, _raise(ValidationError({"file": "Too big.", "other": "Odd."}))) is None
    assert not view.service_ok and view.form_error_status == 400
    assert form.errors == {"file": ["Too big."], "__all__": ["Odd."]}
    form = _bound_form()
    view = _view(service_error_fields={ValidationError: "file"})
    view.run_service(form, _raise(ValidationError("The file is empty.")))
    assert form.errors == {"file": ["The file is empty."]}


def test_conflicts_are_form_errors_with_409():
    form = _bound_form()
    view = _view()
    view.run_service(form, _raise(ConcurrentEditError(current=None, message="Changed meanwhile.")))
    assert (view.form_error_status, form.non_field_errors()) == (409, ["Changed meanwhile."])
    form = _bound_form()
    view.run_service(form, _raise(ConflictError("Still referred to.")))
    assert (view.form_error_status, form.non_field_errors()) == (409, ["Still referred to."])


def test_a_refused_right_is_403_404_or_a_field_error():
    with pytest.raises(PermissionDenied):
        _view().run_service(_bound_form(), _raise(PermissionDenied("No.")))
    with pytest.raises(Http404):
        _view(denied_as_not_found=True).run_service(_bound_form(), _raise(PermissionDenied("No.")))
    with pytest.raises(Http404):
        _view(denied_as_not_found=True).run_service(None, _raise(PermissionDenied("No.")))
    form = _bound_form()
    view = _view(service_error_fields={PermissionDenied: "organisation"})
    assert view.run_service(form, _raise(PermissionDenied("You are not a data steward of 297."))) is None
    assert (view.service_ok, view.form_error_status) == (False, 400)
    assert form.errors == {"organisation": ["You are not a data steward of 297."]}


def test_without_a_form_the_errors_are_messages_one_per_problem():
    view = _view()
    assert view.run_service(None, _raise(ValidationError(["Row 2: no code.", "Row 3: no code."]))) is None
    assert not view.service_ok
    assert [str(m) for m in get_messages(view.request)] == ["Row 2: no code.", "Row 3: no code."]
    assert view.run_service(None, lambda: "done") == "done" and view.service_ok


def test_run_with_messages_for_function_views():
    request = _request()
    assert run_with_messages(request, lambda: 3) == (True, 3)
    assert run_with_messages(request, _raise(ConflictError("Frozen."))) == (False, None)
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("error", "Frozen.")]
    with pytest.raises(PermissionDenied):
        run_with_messages(request, _raise(PermissionDenied))


def test_run_with_messages_may_show_a_refused_right_as_a_message():
    request = _request()
    assert run_with_messages(
        request, _raise(PermissionDenied("Another steward publishes.")), denied_as_message=True
    ) == (
        False,
        None,
    )
    assert [str(m) for m in get_messages(request)] == ["Another steward publishes."]
