"""Permission-aware querysets (NetBox's RestrictedQuerySet idea).

Every model of the portal gets its manager from ``PortalQuerySet`` so that views and viewsets can
only reach rows through ``visible_to(user)`` and ``editable_by(user)``; the base view classes and the
base viewset call them, so no view can forget.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Self

from django.db import models

from portal import roles

if TYPE_CHECKING:
    from portal.models import Organisation
    from portal.types import Actor


class PortalQuerySet(models.QuerySet):
    """Default: everyone reads, administrators edit. Subclasses narrow or widen."""

    def visible_to(self, user: Actor | None) -> Self:
        return self.all()

    def editable_by(self, user: Actor | None) -> Self:
        if roles.is_administrator(user):
            return self.all()
        return self.none()

    def can_create(self, user: Actor | None) -> bool:
        return roles.is_administrator(user)


class ProgrammeContentQuerySet(PortalQuerySet):
    """Programme content: public to read, programme staff and administrators edit."""

    def editable_by(self, user: Actor | None) -> Self:
        if roles.is_programme_staff(user) or roles.is_administrator(user):
            return self.all()
        return self.none()

    def can_create(self, user: Actor | None) -> bool:
        return roles.is_programme_staff(user) or roles.is_administrator(user)


class InternalQuerySet(PortalQuerySet):
    """Readable by signed-in portal users only (not anonymous)."""

    def visible_to(self, user: Actor | None) -> Self:
        if user is not None and user.is_authenticated and user.is_active:
            return self.all()
        return self.none()


class ValidityQuerySetMixin(models.QuerySet):
    """``valid_on(day)``: rows whose ``valid_from``/``valid_to`` (either open) include the day;
    ``valid_during(start, end)``: rows valid on at least one day of the period.

    Listed first among the bases of a queryset (``class X(ValidityQuerySetMixin, StewardedQuerySet)``)."""

    def valid_on(self, day: dt.date) -> Self:
        from portal.models.base import validity_q

        return self.filter(validity_q(day))

    def valid_during(self, start: dt.date, end: dt.date) -> Self:
        """Rows valid on at least one day of ``start``..``end`` (a year's experts, say)."""
        from portal.models.base import overlap_q

        return self.filter(overlap_q(start, end))


class StewardedQuerySet(PortalQuerySet):
    """Organisation data (the building block for steward-scoped editing).

    Signed-in users read (``public_read = True`` opens reading to anonymous visitors too); the
    stewards of the organisation, programme staff where ``staff_edit`` is set, and administrators
    edit. ``organisation_field`` is the ORM path from the row to its ``Organisation``.
    """

    organisation_field = "organisation"
    public_read = False
    staff_edit = False

    def visible_to(self, user: Actor | None) -> Self:
        if self.public_read or roles.is_signed_in(user):
            return self.all()
        return self.none()

    def editable_by(self, user: Actor | None) -> Self:
        if roles.is_administrator(user) or (self.staff_edit and roles.is_programme_staff(user)):
            return self.all()
        ids = roles.stewarded_organisation_ids(user)
        return self.filter(**{f"{self.organisation_field}__in": ids}) if ids else self.none()

    def can_create(self, user: Actor | None) -> bool:
        if roles.is_administrator(user) or (self.staff_edit and roles.is_programme_staff(user)):
            return True
        return bool(roles.stewarded_organisation_ids(user))

    def can_create_for(self, user: Actor | None, organisation: Organisation | None) -> bool:
        """Whether ``user`` may add a row for ``organisation`` (a steward only for their own)."""
        if roles.is_administrator(user) or (self.staff_edit and roles.is_programme_staff(user)):
            return True
        return organisation is not None and organisation.pk in roles.stewarded_organisation_ids(user)
