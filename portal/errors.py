"""Service errors and their one mapping onto forms (the API's is ``portal.api.exceptions``).

Services raise Django's ``ValidationError`` (400, field errors), ``PermissionDenied`` (403),
``Http404`` (404), ``ConcurrentEditError`` (409 with the current object) or ``ConflictError``
(409: the object is still referred to, or its state forbids the change). Views never catch them one
by one: UI views use ``ServiceErrorFormMixin``; the API uses the DRF exception handler.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _


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


def apply_service_error(form: Any, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: field errors on their fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ServiceErrorFormMixin:
    """For UI views that hand a form's data to a service verb.

    ``run_service(form, call)`` runs ``call()``; a ``ValidationError`` lands on the form and returns
    ``None``; a ``ConcurrentEditError``/``ConflictError`` becomes a form error too (the page is
    re-shown with status 409 by ``form_error_status``). ``PermissionDenied``/``Http404`` propagate.
    """

    form_error_status = 400
    service_ok = False

    def run_service(self, form: Any, call: Any) -> Any:
        """Run ``call()``; ``self.service_ok`` says whether it succeeded (verbs may return None)."""
        self.service_ok = False
        try:
            result = call()
            self.service_ok = True
            return result
        except ValidationError as exc:
            apply_service_error(form, exc)
            self.form_error_status = 400
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
            self.form_error_status = 409
        except ConflictError as exc:
            form.add_error(None, exc.message)
            self.form_error_status = 409
        except (ProtectedError, RestrictedError) as exc:
            form.add_error(None, conflict_from_protected(exc).message)
            self.form_error_status = 409
        return None
