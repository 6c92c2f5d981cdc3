"""The registry of notification kinds.

Other apps call ``portal.notifications.services.notify(..., kind="<slug>")`` with a registered slug.
A kind declares its translated label and subject, whether it is confidential, and which of its
parameters may go into an e-mail (``email_fields``). A confidential kind sends an e-mail that says
only that there is something to read, with a link; its registration refuses ``email_fields`` or a
template of its own, so confidential content cannot reach an e-mail by configuration either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from portal.notifications.choices import Delivery

DEFAULT_EMAIL_TEMPLATE = "portal/notifications/email/default.txt"
CONFIDENTIAL_EMAIL_TEMPLATE = "portal/notifications/email/confidential.txt"


@dataclass(frozen=True)
class NotificationKind:
    slug: str
    label: Promise | str
    subject: Promise | str  # may use %(name)s placeholders filled from subject_params
    confidential: bool = False
    intro: Promise | str = ""  # an opening sentence of the message (same placeholders)
    email_fields: tuple[str, ...] = field(default=())  # subject_params allowed in an e-mail
    email_lines: bool = True  # whether the lines (details) may go into an e-mail
    default_delivery: str = Delivery.IMMEDIATE
    email_template: str = DEFAULT_EMAIL_TEMPLATE

    @property
    def effective_email_template(self) -> str:
        return CONFIDENTIAL_EMAIL_TEMPLATE if self.confidential else self.email_template


_kinds: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> NotificationKind:
    if kind.confidential and (kind.email_fields or kind.email_lines or kind.email_template != DEFAULT_EMAIL_TEMPLATE):
        raise ImproperlyConfigured(
            f"Notification kind {kind.slug!r} is confidential: it cannot declare e-mail fields, lines or a template."
        )
    if kind.default_delivery not in Delivery.values:
        raise ImproperlyConfigured(f"Notification kind {kind.slug!r}: unknown default delivery.")
    existing = _kinds.get(kind.slug)
    if existing is not None and existing != kind:
        raise ImproperlyConfigured(f"Notification kind {kind.slug!r} is registered twice with different settings.")
    _kinds[kind.slug] = kind
    return kind


def get(slug: str) -> NotificationKind:
    try:
        return _kinds[slug]
    except KeyError:
        raise ImproperlyConfigured(f"Unknown notification kind {slug!r}; register it first.") from None


def all_kinds() -> list[NotificationKind]:
    return sorted(_kinds.values(), key=lambda k: k.slug)


def unregister(slug: str) -> None:
    """For tests only."""
    _kinds.pop(slug, None)
