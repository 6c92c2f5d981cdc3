"""Verbs of the notification frame. The public entry point is ``notify``.

    from portal.notifications.services import notify
    notify([user], kind="decision_recorded", subject_params={"title": decision.title}, link=url, actor=actor)

``notify`` writes the inbox rows in the caller's transaction and, after it commits, queues the
e-mails that are due now; the Celery task sends each with retries (``tasks.deliver_email``).
E-mails are rendered in the portal's default language (people have no language setting yet);
the inbox renders the subject in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.notifications import registry
from portal.notifications.choices import Delivery, EmailStatus
from portal.notifications.models import Notification, NotificationPreference
from portal.types import Actor, acting_user


class _SafeParams(dict):
    """Missing placeholders render as an empty string rather than raising."""

    def __missing__(self, key):
        return ""


def render_subject(kind: registry.NotificationKind, params: dict) -> str:
    return str(kind.subject) % _SafeParams(params or {})


def delivery_for(user, kind: registry.NotificationKind) -> str:
    pref = NotificationPreference.objects.filter(user=user, kind=kind.slug).values_list("delivery", flat=True).first()
    return pref or kind.default_delivery


def _as_users(recipients) -> list:
    if recipients is None:
        return []
    if hasattr(recipients, "pk") and not isinstance(recipients, Iterable):
        return [recipients]
    seen, users = set(), []
    for user in recipients:
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            users.append(user)
    return users


def notify(
    recipients,
    *,
    kind: str,
    subject_params: dict | None = None,
    link: str = "",
    actor: Actor | None = None,
    lines: list[str] | None = None,
) -> list[Notification]:
    """Notify each active recipient: an inbox row, and an e-mail now, in the daily digest, or none,
    per the person's preference for this kind. Returns the rows created."""
    kind_obj = registry.get(kind)
    params = {k: str(v) for k, v in (subject_params or {}).items()}
    created: list[Notification] = []
    with transaction.atomic():
        for user in _as_users(recipients):
            if not user.is_active:
                continue
            delivery = delivery_for(user, kind_obj)
            if not user.email or delivery == Delivery.OFF:
                status = EmailStatus.NONE
            elif delivery == Delivery.DAILY:
                status = EmailStatus.DIGEST
            else:
                status = EmailStatus.PENDING
            created.append(
                Notification.objects.create(
                    recipient=user,
                    kind=kind_obj.slug,
                    params=params,
                    lines=[str(line) for line in (lines or [])],
                    link=link[:500],
                    actor=acting_user(actor),
                    email_status=status,
                )
            )
        due = [n.pk for n in created if n.email_status == EmailStatus.PENDING]
        if due:
            transaction.on_commit(lambda: _enqueue(due))
    return created


def _enqueue(ids: list[int]) -> None:
    from portal.celery import app
    from portal.notifications.tasks import deliver_email

    for pk in ids:
        if app.conf.task_always_eager:
            deliver_email.apply(args=[pk], throw=False)
        else:
            deliver_email.delay(pk)


def absolute(link: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    return settings.PORTAL_BASE_URL + link


def render_email(notification: Notification) -> tuple[str, str]:
    """Subject and body of the e-mail of one notification.

    Only what the kind lets out is in the template's context: for a confidential kind that is the
    kind's label and the link, never the parameters or the lines.
    """
    kind = registry.get(notification.kind)
    with translation.override(settings.LANGUAGE_CODE):
        link = absolute(notification.link or "")
        if kind.confidential:
            subject = _("New notification in the portal: %(label)s") % {"label": kind.label}
            context: dict[str, object] = {"label": str(kind.label), "link": link}
        else:
            allowed = {k: v for k, v in notification.params.items() if k in kind.email_fields}
            subject = str(kind.subject) % _SafeParams(allowed)
            context = {
                "label": str(kind.label),
                "link": link,
                "intro": str(kind.intro) % _SafeParams(allowed) if kind.intro else "",
                "lines": notification.lines if kind.email_lines else [],
            }
        body = render_to_string(kind.effective_email_template, context)
    return subject, body


def send_email(notification: Notification) -> None:
    subject, body = render_email(notification)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.recipient.email]).send()


def render_digest(user, notifications: list[Notification]) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        items = []
        for n in notifications:
            kind = registry.get(n.kind)
            if kind.confidential:
                text = str(kind.label)
            else:
                allowed = {k: v for k, v in n.params.items() if k in kind.email_fields}
                text = str(kind.subject) % _SafeParams(allowed)
            items.append({"text": text, "link": absolute(n.link)})
        subject = _("Daily digest: %(count)s new notifications") % {"count": len(items)}
        body = render_to_string("portal/notifications/email/digest.txt", {"items": items})
    return subject, body


def mark_read(notification: Notification, *, actor: Actor) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionError("not yours")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, actor: Actor) -> int:
    return Notification.objects.visible_to(actor).filter(read_at__isnull=True).update(read_at=timezone.now())


def set_preferences(*, actor: Actor, choices: dict[str, str]) -> None:
    """Save a person's delivery choice per kind (only registered kinds and known choices)."""
    with transaction.atomic():
        for slug, delivery in choices.items():
            registry.get(slug)
            if delivery not in Delivery.values:
                raise ValueError(f"unknown delivery {delivery!r}")
            NotificationPreference.objects.update_or_create(user=actor, kind=slug, defaults={"delivery": delivery})
