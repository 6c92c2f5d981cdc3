"""Permission-aware querysets (NetBox's RestrictedQuerySet idea).

Every model of the portal gets its manager from ``PortalQuerySet`` so that views and viewsets can
only reach rows through ``visible_to(user)`` and ``editable_by(user)``; the base view classes and the
base viewset call them, so no view can forget.
"""

from __future__ import annotations

from django.db import models

from portal import roles


class PortalQuerySet(models.QuerySet):
    """Default: everyone reads, administrators edit. Subclasses narrow or widen."""

    def visible_to(self, user) -> PortalQuerySet:
        return self.all()

    def editable_by(self, user) -> PortalQuerySet:
        if roles.is_administrator(user):
            return self.all()
        return self.none()

    def can_create(self, user) -> bool:
        return roles.is_administrator(user)


class ProgrammeContentQuerySet(PortalQuerySet):
    """Programme content: public to read, programme staff and administrators edit."""

    def editable_by(self, user) -> PortalQuerySet:
        if roles.is_programme_staff(user) or roles.is_administrator(user):
            return self.all()
        return self.none()

    def can_create(self, user) -> bool:
        return roles.is_programme_staff(user) or roles.is_administrator(user)


class InternalQuerySet(PortalQuerySet):
    """Readable by signed-in portal users only (not anonymous)."""

    def visible_to(self, user) -> PortalQuerySet:
        if user is not None and user.is_authenticated and user.is_active:
            return self.all()
        return self.none()
