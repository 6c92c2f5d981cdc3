"""Shared type aliases.

``Actor``: who performs a verb. A signed-in user, an anonymous visitor (public forms) or a
management command's system user; verbs check its rights through ``portal.permissions``.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User

Actor: TypeAlias = AbstractBaseUser | AnonymousUser


def acting_user(actor: Actor | None) -> User | None:
    """The account behind an actor, for the "who did it" columns (``uploaded_by``, ``entered_by``...).

    An anonymous visitor (a public form) has no account, so the column stays empty; the verbs have
    already checked the actor's rights before they call this.
    """
    return actor if isinstance(actor, User) else None
