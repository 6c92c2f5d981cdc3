"""The inbox (one row per recipient and notification) and each person's delivery preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.notifications.choices import Delivery, EmailStatus
from portal.querysets import PortalQuerySet


class OwnRowsQuerySet(PortalQuerySet):
    """A person reads and changes their own rows; nobody else (not even administrators: an inbox may
    hold confidential subjects)."""

    owner_field = "recipient"

    def visible_to(self, user):
        if not roles.is_signed_in(user):
            return self.none()
        return self.filter(**{self.owner_field: user})

    def editable_by(self, user):
        return self.visible_to(user)

    def can_create(self, user) -> bool:
        return False  # created by notify(), never by a request


class PreferenceQuerySet(OwnRowsQuerySet):
    owner_field = "user"

    def can_create(self, user) -> bool:
        return roles.is_signed_in(user)


class Notification(models.Model):
    """One notification to one person: shown in the inbox; e-mailed per the person's preference."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    lines = models.JSONField(_("details"), default=list, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caused by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.NONE, db_index=True
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = OwnRowsQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox_idx")]

    def __str__(self) -> str:
        return f"{self.kind} -> {self.recipient_id} #{self.pk}"

    @property
    def kind_obj(self):
        from portal.notifications import registry

        return registry.get(self.kind)

    @property
    def subject(self) -> str:
        """The subject in the current language (rendered at display time)."""
        from portal.notifications.services import render_subject

        return render_subject(self.kind_obj, self.params)


class NotificationPreference(models.Model):
    """How a person wants one kind of notification delivered (the kind's default when there is no row)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=60)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    objects = PreferenceQuerySet.as_manager()

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notificationpreference_unique_kind")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"
