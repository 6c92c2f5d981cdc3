"""The audit trail: a change log of every create/update/delete and an access log of reads of
confidential records (luottamukselliset tiedot; 703/2023 § 11 lets a client ask who processed their data)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.choices import ChangeAction, ChangeSource
from portal.querysets import PortalQuerySet


class ChangeLogQuerySet(PortalQuerySet):
    """Signed-in users may read the history of objects; anonymous readers may not (it names people)."""

    def visible_to(self, user):
        return self.all() if roles.is_signed_in(user) else self.none()

    def editable_by(self, user):
        return self.none()  # append-only

    def can_create(self, user) -> bool:
        return False

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class ChangeLog(models.Model):
    """Who changed which object when, with the state before and after."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    source = models.CharField(_("source"), max_length=10, choices=ChangeSource.choices, default=ChangeSource.SYSTEM)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = ChangeLogQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="changelog_object_idx")]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]

    #: Bookkeeping fields that mean nothing to a reader of the history.
    HIDDEN_FIELDS = frozenset({"id", "version", "created_at", "updated_at", "modified_at", "password", "last_login"})

    def readable_changes(self) -> list[tuple[str, object, object]]:
        """The changes in people's words: the field's label, choice labels, related objects' names.

        The raw JSON keeps field names and codes (for the API and audits); pages show this.
        """
        model = self.content_type.model_class()
        rows = []
        for key, before, after in self.changed_fields():
            if key in self.HIDDEN_FIELDS:
                continue
            field = _model_field(model, key)
            label = str(field.verbose_name) if field is not None else key.replace("_", " ")
            rows.append((label[:1].upper() + label[1:], _display(field, before), _display(field, after)))
        return rows


class AccessLogQuerySet(PortalQuerySet):
    def visible_to(self, user):
        return self.all() if roles.is_administrator(user) else self.none()

    def editable_by(self, user):
        return self.none()

    def can_create(self, user) -> bool:
        return False


class AccessLog(models.Model):
    """A read of a confidential record: who read what, when and on what grounds."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("reader name"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=ChangeSource.choices, default=ChangeSource.UI)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="accesslog_object_idx")]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_repr} {self.object_repr}"


def _model_field(model, key: str):
    if model is None:
        return None
    name = key[:-3] if key.endswith("_id") else key
    try:
        return model._meta.get_field(name)
    except Exception:  # a key that is no longer a field
        return None


def _display(field, value):
    """A stored snapshot value as a reader would say it (choice label, yes/no, the related object)."""
    from django.utils.translation import gettext

    if value is None or value == "":
        return None
    if field is None:
        return value
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field.is_relation and field.many_to_one and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else value
    return value
