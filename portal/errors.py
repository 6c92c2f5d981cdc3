"""Service errors and their one mapping onto forms (the API's is ``portal.api.exceptions``).

Services raise Django's ``ValidationError`` (400, field errors), ``PermissionDenied`` (403),
``Http404`` (404), ``ConcurrentEditError`` (409 with the current object) or ``ConflictError``
(409: the object is still referred to, or its state forbids the change). Views never catch them one
by one: UI views use ``ServiceErrorFormMixin``; the API uses the DRF exception handler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

T = TypeVar("T")


class ConcurrentEditError(Exception):
    """Someone else saved the object after the editor loaded it (optimistic concurrency)."""

    def __init__(self, current: Any, message: str | None = None):
        super().__init__(message or _("The object was changed by someone else in the meantime."))
        self.current = current


class ConflictError(Exception):
    """The change conflicts with the state of the data: other rows refer to the object, or its
    state (approved, frozen, closed) forbids it. ``blocking`` lists the objects in the way."""

    def __init__(self, message: str, blocking: Iterable[Any] = ()):
        super().__init__(message)
        self.message = message
        self.blocking = list(blocking)


def conflict_from_protected(exc: ProtectedError | RestrictedError) -> ConflictError:
    blocking = list(getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or [])
    return ConflictError(
        _("Other records still refer to this one. Remove or change them first."),
        blocking=blocking[:50],
    )


def apply_service_error(form: Any, exc: ValidationError, field: str | None = None) -> None:
    """Put a service's ``ValidationError`` on the form: field errors on their fields, the rest on
    ``field`` (None: on top of the form)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, exc.messages)


def service_error_texts(exc: Exception) -> list[str]:
    """The messages of a service error people read (a ``ValidationError``'s messages, a conflict's text)."""
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    if isinstance(exc, ConflictError):
        return [exc.message]
    if isinstance(exc, ProtectedError | RestrictedError):
        return [conflict_from_protected(exc).message]
    return [str(exc)]


SERVICE_ERRORS: tuple[type[Exception], ...] = (
    ValidationError,
    ConcurrentEditError,
    ConflictError,
    ProtectedError,
    RestrictedError,
)


def run_with_messages(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    denied_as_message: bool = False,
    conflicts_propagate: bool = False,
) -> tuple[bool, T | None]:
    """For a button that posts to a verb and goes back to its page (no form to show errors on):
    run ``call()``; a ``ValidationError`` or a conflict becomes one error message per problem on the
    next page. Returns ``(ok, result)``. ``PermissionDenied``/``Http404`` propagate (403/404), unless
    ``denied_as_message``: then a refused right is a message too (a page whose buttons anyone who
    reads it sees, e.g. a second person's approval). ``conflicts_propagate``: a ``ConflictError``
    is not a message but propagates (to ``ServiceErrorFormMixin``'s 409 conflict page)."""
    try:
        return True, call()
    except SERVICE_ERRORS as exc:
        if conflicts_propagate and isinstance(exc, ConflictError):
            raise
        for text in service_error_texts(exc):
            messages.error(request, text)
        return False, None
    except PermissionDenied as exc:
        if not denied_as_message:
            raise
        messages.error(request, str(exc))
        return False, None


class ServiceErrorFormMixin:
    """For UI views that hand a form's data to a service verb.

    ``run_service(form, call)`` runs ``call()``; a ``ValidationError`` lands on the form and returns
    ``None``; a ``ConcurrentEditError``/``ConflictError`` becomes a form error too (the page is
    re-shown with status 409 by ``form_error_status``). ``PermissionDenied``/``Http404`` propagate.
    With ``form=None`` (a button without a form of its own) the errors become messages on the next
    page (``run_with_messages``).

    Pages whose buttons answer a conflict with a page of its own set ``conflict_template``: a
    ``ConflictError`` anywhere in the view (also outside ``run_service``) is that page, status 409,
    with the message and a link back to ``conflict_back`` (set by the view; the current page by
    default). ``does_not_exist_as_404``: a selector's ``DoesNotExist`` is a 404 (as in the API).
    """

    request: HttpRequest  # set by the View it is mixed into
    form_error_status = 400
    service_ok = False
    #: The form field a message-only service error lands on, per error class (``ValidationError``,
    #: ``PermissionDenied``); unnamed ones go on top of the form. Naming ``PermissionDenied`` shows a
    #: refused right on the form (status 400: the choice offered was refused) instead of a 403 page.
    service_error_fields: dict[type[Exception], str | None] = {}
    #: A refused right answers 404 instead of 403: pages that do not reveal what the user may not change.
    denied_as_not_found = False
    #: Per error class, the message put on the form instead of the error's own text.
    service_error_messages: dict[type[Exception], Callable[[Any], str]] = {}
    #: The template of the 409 page of a ``ConflictError`` (None: it propagates).
    conflict_template: str | None = None
    conflict_title: Any = gettext_lazy("Conflict")
    conflict_back: str = ""
    does_not_exist_as_404 = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        except ConflictError as exc:
            if self.conflict_template is None:
                raise
            return self.conflict_page(exc)
        except ObjectDoesNotExist as exc:
            if not self.does_not_exist_as_404:
                raise
            raise Http404 from exc

    def conflict_page(self, exc: ConflictError) -> HttpResponse:
        context = {
            "title": self.conflict_title,
            "message": exc.message,
            "back": self.conflict_back or self.request.path,
        }
        return render(self.request, self.conflict_template or "", context, status=409)

    def _message(self, exc: Exception) -> str:
        for cls, text in self.service_error_messages.items():
            if isinstance(exc, cls):
                return text(exc)
        return exc.message if isinstance(exc, ConflictError) else str(exc)

    def run_service(self, form: Any, call: Callable[[], T]) -> T | None:
        """Run ``call()``; ``self.service_ok`` says whether it succeeded (verbs may return None)."""
        self.service_ok = False
        if form is None:
            propagate = self.conflict_template is not None
            try:
                self.service_ok, result = run_with_messages(self.request, call, conflicts_propagate=propagate)
            except PermissionDenied as exc:
                if self.denied_as_not_found:
                    raise Http404 from exc
                raise
            return result
        try:
            result = call()
            self.service_ok = True
            return result
        except PermissionDenied as exc:
            if PermissionDenied in self.service_error_fields:
                form.add_error(self.service_error_fields[PermissionDenied], str(exc))
                self.form_error_status = 400
                return None
            if self.denied_as_not_found:
                raise Http404 from exc
            raise
        except ValidationError as exc:
            apply_service_error(form, exc, self.service_error_fields.get(ValidationError))
            self.form_error_status = 400
        except (ConcurrentEditError, ConflictError) as exc:
            form.add_error(None, self._message(exc))
            self.form_error_status = 409
        except (ProtectedError, RestrictedError) as exc:
            form.add_error(None, conflict_from_protected(exc).message)
            self.form_error_status = 409
        return None
