"""The retention frame: handlers that pseudonymise or delete personal data past its period.

A handler is a function ``fn(now) -> int`` returning how many rows it changed. It must be idempotent:
run twice, the second run changes nothing and returns 0. The core registers its own handlers here;
an app registers its own from its AppConfig.ready():

    from portal.privacy.retention import register_handler
    register_handler("ot_centre_closed_consultations", _("Closed consultations"), purge_closed_consultations)

``run_all`` runs every handler; the beat task runs it as a Job whose output lists the counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RetentionHandler:
    slug: str
    label: Promise | str
    run: Callable[[dt.datetime], int]


_handlers: dict[str, RetentionHandler] = {}


def register_handler(slug: str, label, fn: Callable[[dt.datetime], int]) -> None:
    _handlers[slug] = RetentionHandler(slug, label, fn)


def handlers() -> list[RetentionHandler]:
    return [_handlers[k] for k in sorted(_handlers)]


def run_all(now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts = {}
    for handler in handlers():
        with transaction.atomic():
            counts[handler.slug] = int(handler.run(now))
    return counts


# --- the core's handlers ------------------------------------------------------------------------


def purge_access_log(now: dt.datetime) -> int:
    from portal.models import AccessLog

    cutoff = now - dt.timedelta(days=settings.RETENTION_ACCESS_LOG_DAYS)
    deleted, _detail = AccessLog.objects.filter(timestamp__lt=cutoff).delete()
    return deleted


def purge_auth_events(now: dt.datetime) -> int:
    from portal.identity.models import AuthEvent

    cutoff = now - dt.timedelta(days=settings.RETENTION_AUTH_EVENT_DAYS)
    deleted, _detail = AuthEvent.objects.filter(timestamp__lt=cutoff).delete()
    return deleted


def purge_read_notifications(now: dt.datetime) -> int:
    from portal.notifications.models import Notification

    cutoff = now - dt.timedelta(days=settings.RETENTION_NOTIFICATION_DAYS)
    deleted, _detail = Notification.objects.filter(read_at__isnull=False, created_at__lt=cutoff).delete()
    return deleted


def deactivate_inactive_accounts(now: dt.datetime) -> int:
    """Deactivate accounts not used for ACCOUNT_INACTIVE_DAYS (never-used ones count from creation).
    Superusers are the break-glass accounts and stay active; their use is in the sign-in trail."""
    cutoff = now - dt.timedelta(days=settings.ACCOUNT_INACTIVE_DAYS)
    stale = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    )
    return stale.update(is_active=False)


register_handler("access_log", _("Access-log rows older than the legal period"), purge_access_log)
register_handler("auth_events", _("Sign-in events past their period"), purge_auth_events)
register_handler("notifications", _("Read notifications past their period"), purge_read_notifications)
register_handler("inactive_accounts", _("Inactive accounts deactivated"), deactivate_inactive_accounts)
