"""Shared type aliases.

``Actor``: who performs a verb. A signed-in user, an anonymous visitor (public forms) or a
management command's system user; verbs check its rights through ``portal.permissions``.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

Actor: TypeAlias = AbstractBaseUser | AnonymousUser
