"""Change log and access log writers.

Why receivers and not explicit calls: the change log must cover every create, update and delete
made through the UI, the admin *and* the API, including paths nobody wrote a service for (the admin).
Registered models are snapshotted on ``pre_save`` and logged on ``post_save``/``post_delete``; the
actor, the request id and the source (ui/admin/api/system) come from a context variable that the
middleware (and, after token authentication, the API base view) sets. Audit is a record of what
happened, not a business side effect, so it is the one thing we do in signals.

Bulk writes (``QuerySet.update``/``bulk_create``) bypass receivers by design; high-volume data
(package rows, staffing days) is traced through its Job instead.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save

from portal.choices import ChangeAction, ChangeSource


@dataclass(frozen=True)
class AuditContext:
    user: object | None
    source: str
    request_id: str


_context: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar("portal_audit_context", default=None)
_registered: set[type[models.Model]] = set()
_EXCLUDED_FIELDS = {"password", "last_login"}


def current_context() -> AuditContext:
    ctx = _context.get()
    return ctx or AuditContext(user=None, source=ChangeSource.SYSTEM, request_id="")


def set_context(*, user, source: str, request_id: str | None = None) -> contextvars.Token:
    return _context.set(AuditContext(user=user, source=source, request_id=request_id or uuid.uuid4().hex))


def reset_context(token: contextvars.Token) -> None:
    _context.reset(token)


def set_user(user) -> None:
    """Update the actor after late authentication (DRF token auth happens in the view)."""
    ctx = current_context()
    _context.set(AuditContext(user=user, source=ctx.source, request_id=ctx.request_id))


def source_for_path(path: str) -> str:
    if "/admin/" in path:
        return ChangeSource.ADMIN
    if path.startswith("/api/"):
        return ChangeSource.API
    return ChangeSource.UI


class AuditContextMiddleware:
    """Sets the audit context of a request and echoes its id in ``X-Request-ID``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if incoming.isalnum() and len(incoming) <= 64 else uuid.uuid4().hex
        request.request_id = request_id
        user = getattr(request, "user", None)
        token = set_context(
            user=user if user is not None and user.is_authenticated else None,
            source=source_for_path(request.path),
            request_id=request_id,
        )
        try:
            response = self.get_response(request)
        finally:
            reset_context(token)
        response["X-Request-ID"] = request_id
        return response


def _json_value(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):  # an empty one has no url: hasattr() would raise ValueError
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict:
    """The concrete field values of an instance, JSON-safe (FKs as ids)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in _EXCLUDED_FIELDS:
            continue
        data[field.attname] = _json_value(getattr(instance, field.attname))
    return data


def _actor_fields(ctx: AuditContext) -> dict:
    user = ctx.user
    if user is not None and getattr(user, "is_authenticated", False):
        return {"actor": user, "actor_repr": user.get_username()[:150]}
    return {"actor": None, "actor_repr": ""}


def write_change(instance: models.Model, action: str, before: dict | None, after: dict | None) -> None:
    from portal.models import ChangeLog

    ctx = current_context()
    ChangeLog.objects.create(
        action=action,
        source=ctx.source,
        request_id=ctx.request_id,
        content_type=ContentType.objects.get_for_model(instance.__class__),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
        **_actor_fields(ctx),
    )


def log_access(instance: models.Model, *, user, purpose: str = "") -> None:
    """Write an access-log row for a read of a confidential record. Call it on every read."""
    from portal.models import AccessLog

    ctx = current_context()
    AccessLog.objects.create(
        content_type=ContentType.objects.get_for_model(instance.__class__),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        purpose=purpose[:200],
        source=ctx.source,
        request_id=ctx.request_id,
        actor=user if user is not None and user.is_authenticated else None,
        actor_repr=user.get_username()[:150] if user is not None and user.is_authenticated else "",
    )


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance._state.adding:
        instance._audit_before = None
        return
    previous = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(previous) if previous is not None else None


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = None if created else getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if not created and before == after:
        return  # a save that changed nothing is not a change
    write_change(instance, ChangeAction.CREATE if created else ChangeAction.UPDATE, before, after)


def _post_delete(sender, instance, **kwargs):
    write_change(instance, ChangeAction.DELETE, snapshot(instance), None)


def register(*model_classes: type[models.Model]) -> None:
    """Put models under the change log. Domain apps call this from their AppConfig.ready()."""
    for model_class in model_classes:
        if model_class in _registered:
            continue
        _registered.add(model_class)
        uid = f"portal-audit-{model_class._meta.label_lower}"
        pre_save.connect(_pre_save, sender=model_class, dispatch_uid=uid + "-pre", weak=False)
        post_save.connect(_post_save, sender=model_class, dispatch_uid=uid + "-post", weak=False)
        post_delete.connect(_post_delete, sender=model_class, dispatch_uid=uid + "-del", weak=False)


def is_registered(model_class: type[models.Model]) -> bool:
    return model_class in _registered
