"""Identity records: API tokens (hashed), the claim -> role mapping of single sign-on, the link of a
portal account to its identity-provider subject, and the sign-in event trail."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.identity.choices import AuthEventKind, TokenScope
from portal.querysets import PortalQuerySet


class ApiTokenQuerySet(PortalQuerySet):
    """A person sees and revokes their own tokens; administrators see and revoke all."""

    def visible_to(self, user):
        if not roles.is_signed_in(user):
            return self.none()
        return self.all() if roles.is_administrator(user) else self.filter(user=user)

    def editable_by(self, user):
        return self.visible_to(user)

    def can_create(self, user) -> bool:
        return roles.is_signed_in(user)

    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A named, scoped, expiring API token. Only a SHA-256 hash of the secret is stored: the key is
    shown once, when it is created, so a copy of the database does not give API access."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("key prefix"), max_length=8, db_index=True, help_text=_("First characters of the key."))
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    scope = models.CharField(_("scope"), max_length=20, choices=TokenScope.choices, default=TokenScope.READ_INDICATORS)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return str(_("Revoked"))
        if self.expires_at <= timezone.now():
            return str(_("Expired"))
        return str(_("Active"))


class AdminOnlyQuerySet(PortalQuerySet):
    """Configuration and trails that only administrators read and edit."""

    def visible_to(self, user):
        return self.all() if roles.is_administrator(user) else self.none()

    def editable_by(self, user):
        return self.visible_to(user)

    def can_create(self, user) -> bool:
        return roles.is_administrator(user)


def validate_role(value: str) -> None:
    if value and value not in roles.ALL_ROLES:
        raise ValidationError(_("%(role)s is not a role of the portal.") % {"role": value}, code="unknown_role")


class ClaimMapping(models.Model):
    """One rule of single sign-on: when the identity provider's claim has this value, the person gets
    this role and/or steward grant. Rules are applied at every sign-in, so a group removed at the
    provider removes the role here too."""

    claim = models.CharField(_("claim"), max_length=100, default="groups", help_text=_("For example groups."))
    value = models.CharField(_("value"), max_length=200)
    role = models.CharField(_("role"), max_length=50, blank=True, validators=[validate_role])
    steward_organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("steward of organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)

    objects = AdminOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "value", "id"]
        verbose_name = _("claim mapping")
        verbose_name_plural = _("claim mappings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="") | Q(steward_organisation__isnull=False), name="claimmapping_grants_something"
            ),
            models.UniqueConstraint(
                fields=["claim", "value", "role", "steward_organisation"], name="claimmapping_unique_rule"
            ),
        ]

    def __str__(self) -> str:
        target = self.role or (self.steward_organisation.code if self.steward_organisation_id else "")
        return f"{self.claim}={self.value} -> {target}"


class ExternalIdentity(models.Model):
    """The identity provider's subject (issuer + sub) of a portal account: the stable link, because
    names and e-mail addresses change."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="external_ids"
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    last_claims = models.JSONField(_("last claims"), default=dict, blank=True)
    last_login_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    objects = AdminOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["issuer", "subject"]
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="externalidentity_unique_subject")]

    def __str__(self) -> str:
        return f"{self.subject} @ {self.issuer}"


class AuthEvent(models.Model):
    """A sign-in, a failed attempt, a lock-out, a sign-out or a refused token: the security trail.
    Append-only; administrators read it."""

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=20, choices=AuthEventKind.choices)
    username = models.CharField(_("user name given"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=10, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    objects = AdminOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")
        indexes = [models.Index(fields=["kind", "timestamp"], name="authevent_kind_time_idx")]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.kind} {self.username}"
