"""One permission vocabulary for views, services, templates, jobs and the API.

Rights live in the querysets (``visible_to``/``editable_by``/``can_create``, NetBox's
RestrictedQuerySet idea); these functions ask them about one object so that no module writes
``Model.objects.editable_by(user).filter(pk=obj.pk).exists()`` again. Role predicates stay in
``portal.roles``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404


def _manager(model_or_obj: Any):
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    return model._default_manager


def can_view(user: Any, obj: models.Model) -> bool:
    """Whether ``user`` may read ``obj``."""
    return obj.pk is not None and _manager(obj).visible_to(user).filter(pk=obj.pk).exists()


def can_edit(user: Any, obj: models.Model) -> bool:
    """Whether ``user`` may change ``obj`` (an unsaved object: whether they may create it)."""
    if obj.pk is None:
        return can_create(user, type(obj))
    return _manager(obj).editable_by(user).filter(pk=obj.pk).exists()


def editable_pks(user: Any, objects: Any) -> set[tuple[type, Any]]:
    """The ``(model, pk)`` pairs of ``objects`` that ``user`` may change, in one query per model.

    A list page asks this once for its page instead of ``can_edit`` per row (an N+1)."""
    by_model: dict[type, list[Any]] = {}
    for obj in objects:
        if obj.pk is not None:
            by_model.setdefault(type(obj), []).append(obj.pk)
    allowed: set[tuple[type, Any]] = set()
    for model, pks in by_model.items():
        for pk in _manager(model).editable_by(user).filter(pk__in=pks).values_list("pk", flat=True):
            allowed.add((model, pk))
    return allowed


def can_delete(user: Any, obj: models.Model) -> bool:
    """Whether ``user`` may delete ``obj``: the same right as editing unless the queryset says
    otherwise with a ``deletable_by(user)`` method."""
    if obj.pk is None:
        return False
    queryset = _manager(obj).all()
    if hasattr(queryset, "deletable_by"):
        return queryset.deletable_by(user).filter(pk=obj.pk).exists()
    return can_edit(user, obj)


def can_create(user: Any, model: type[models.Model]) -> bool:
    """Whether ``user`` may add rows of ``model``."""
    return bool(_manager(model).can_create(user))


def require_visible(actor: Any, obj: models.Model) -> None:
    """Raise 404 (``Http404``) when ``actor`` may not read ``obj``: existence is not revealed."""
    if not can_view(actor, obj):
        raise Http404


def require_editable(actor: Any, obj: models.Model) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may change ``obj`` (or create it, when unsaved).

    Services call this before writing; views have already given a 404 for rows the user cannot
    see, so a ``PermissionDenied`` here means "visible but not yours to change" (403).
    """
    if not can_edit(actor, obj):
        raise PermissionDenied


def require_creatable(actor: Any, model: type[models.Model]) -> None:
    if not can_create(actor, model):
        raise PermissionDenied


def require_deletable(actor: Any, obj: models.Model) -> None:
    if not can_delete(actor, obj):
        raise PermissionDenied
