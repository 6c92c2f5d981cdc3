"""Verbs on the portal's own personal data: erasure of a departed person's account."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from portal import audit, roles
from portal.choices import ChangeAction
from portal.models import AccessLog, ChangeLog
from portal.types import Actor


class ErasureRefused(Exception):
    """The account cannot be erased (still active, or the actor's own)."""


def pseudonym_for(user) -> str:
    return f"erased-{user.pk}"


def erase_account(user, *, actor: Actor) -> str:
    """Erase a departed person's account and keep the audit trail intact.

    The account row stays as a pseudonymous key (``erased-<id>``), so every change-log, access-log,
    job and sign-in row still points to the same actor, but no name, e-mail address, user name,
    password, role, grant, token, notification or provider link remains. The actor names written
    into the logs are replaced by the pseudonym. The person must have been deactivated first (a
    separate, reversible step), and nobody erases their own account. Returns the pseudonym.
    """
    from guardian.models import UserObjectPermission

    from portal.identity.models import ApiToken, AuthEvent, ExternalIdentity
    from portal.notifications.models import Notification, NotificationPreference

    if not roles.is_administrator(actor):
        raise PermissionDenied
    if user.pk == actor.pk:
        raise ErasureRefused("You cannot erase your own account.")
    if user.is_active:
        raise ErasureRefused("Deactivate the account before erasing it.")
    pseudonym = pseudonym_for(user)
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        old_name = user.get_username()
        ChangeLog.objects.filter(actor=user).update(actor_repr=pseudonym)
        AccessLog.objects.filter(actor=user).update(actor_repr=pseudonym)
        AuthEvent.objects.filter(user=user).update(username=pseudonym)
        AuthEvent.objects.filter(user__isnull=True, username__iexact=old_name).update(username=pseudonym)
        ApiToken.objects.filter(user=user).delete()
        ExternalIdentity.objects.filter(user=user).delete()
        Notification.objects.filter(recipient=user).delete()
        NotificationPreference.objects.filter(user=user).delete()
        UserObjectPermission.objects.filter(user=user).delete()
        user.groups.clear()
        user.user_permissions.clear()
        user.username = pseudonym
        user.first_name = ""
        user.last_name = ""
        user.email = ""
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        audit.write_change(user, ChangeAction.UPDATE, None, {"erased": True, "pseudonym": pseudonym})
        for device_model in _otp_device_models():
            device_model.objects.filter(user=user).delete()
    return pseudonym


def _otp_device_models():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return [TOTPDevice]
