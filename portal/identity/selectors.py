"""Reads of identity."""

from __future__ import annotations

from portal.identity.models import ApiToken, AuthEvent


def tokens_of(user):
    return ApiToken.objects.visible_to(user).filter(user=user).order_by("-created_at", "-id")


def auth_events_for(user):
    """A person's own sign-in events (for the personal data report)."""
    return AuthEvent.objects.filter(user=user).order_by("-timestamp", "-id")
