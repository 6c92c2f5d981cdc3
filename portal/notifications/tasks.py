"""E-mail delivery of notifications: one task per e-mail with retries, and the daily digest."""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from portal.notifications import services
from portal.notifications.choices import EmailStatus
from portal.notifications.models import Notification

logger = logging.getLogger(__name__)
TRANSIENT = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)


def _deliver(notification_id: int, attempt: int) -> str:
    """One attempt: "sent", "skipped" (gone, already sent or withdrawn), "retry" or "failed" (for good)."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.email_status != EmailStatus.PENDING:
        return "skipped"
    try:
        services.send_email(notification)
    except TRANSIENT as exc:
        Notification.objects.filter(pk=notification_id).update(email_attempts=notification.email_attempts + 1)
        if attempt >= settings.NOTIFICATION_EMAIL_MAX_RETRIES:
            Notification.objects.filter(pk=notification_id).update(email_status=EmailStatus.FAILED)
            logger.warning("Notification %s e-mail failed for good: %s", notification_id, exc)
            return "failed"
        logger.info("Notification %s e-mail failed (attempt %s), will retry: %s", notification_id, attempt + 1, exc)
        return "retry"
    Notification.objects.filter(pk=notification_id).update(
        email_status=EmailStatus.SENT, emailed_at=timezone.now(), email_attempts=notification.email_attempts + 1
    )
    return "sent"


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_email(self, notification_id: int) -> str:
    """Send one notification's e-mail. Idempotent: a sent or withdrawn one is skipped. A transient
    SMTP or network error is retried with exponential backoff up to NOTIFICATION_EMAIL_MAX_RETRIES;
    then the row is marked failed (it stays in the inbox). Run eagerly (demo, tests), the retries
    happen at once in the same call: Celery's eager retry would re-raise under EAGER_PROPAGATES."""
    outcome = _deliver(notification_id, self.request.retries)
    if outcome != "retry":
        return outcome
    if self.request.is_eager:
        attempt = self.request.retries
        while outcome == "retry":
            attempt += 1
            outcome = _deliver(notification_id, attempt)
        return outcome
    raise self.retry(countdown=min(600, 2 ** (self.request.retries + 1) * 15))


@shared_task(acks_late=True)
def send_daily_digests() -> int:
    """One e-mail per person with their notifications waiting for the digest; returns messages sent.
    Each person's rows are claimed and marked in one transaction, so a rerun sends nothing twice."""
    sent = 0
    user_ids = (
        Notification.objects.filter(email_status=EmailStatus.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    for user_id in list(user_ids):
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update()
                .select_related("recipient")
                .filter(recipient_id=user_id, email_status=EmailStatus.DIGEST)
                .order_by("created_at", "id")
            )
            if not rows:
                continue
            user = rows[0].recipient
            if user.is_active and user.email:
                subject, body = services.render_digest(user, rows)
                EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
                sent += 1
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(
                email_status=EmailStatus.SENT, emailed_at=timezone.now()
            )
    return sent


@shared_task(acks_late=True)
def send_deadline_notifications() -> int:
    """Daily (beat): "deadline near" for the deadlines within NOTIFICATION_DEADLINE_LEAD_DAYS, once
    per person and deadline (a rerun sends nothing twice); returns the notifications made."""
    from portal.notifications import deadlines

    return deadlines.send_deadline_notifications()
