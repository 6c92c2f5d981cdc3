"""Permission-aware querysets of the indicator bank (see portal/querysets.py)."""

from __future__ import annotations

from portal import roles
from portal.querysets import PortalQuerySet, ProgrammeContentQuerySet, StewardedQuerySet


class IndicatorQuerySet(ProgrammeContentQuerySet):
    """Public indicators are open to everyone; restricted ones only to signed-in users."""

    def visible_to(self, user):
        if roles.is_signed_in(user):
            return self.all()
        return self.filter(public=True)


class IndicatorValueQuerySet(StewardedQuerySet):
    """Values follow their indicator's visibility; stewards edit their own organisations' values,
    programme staff and administrators all (the shared steward-scoped building block)."""

    indicator_path = "indicator"
    organisation_field = "organisation"
    staff_edit = True

    def visible_to(self, user):
        if roles.is_signed_in(user):
            return self.all()
        return self.filter(**{f"{self.indicator_path}__public": True})


class TargetQuerySet(IndicatorValueQuerySet):
    pass


class IndicatorSetQuerySet(ProgrammeContentQuerySet):
    """Curated sets: public ones for everyone, the rest for signed-in users."""

    def visible_to(self, user):
        if roles.is_signed_in(user):
            return self.all()
        return self.filter(public=True)


class SetItemQuerySet(ProgrammeContentQuerySet):
    def visible_to(self, user):
        if roles.is_signed_in(user):
            return self.all()
        return self.filter(indicator_set__public=True, indicator__public=True)


class MaturityResponseQuerySet(PortalQuerySet):
    """Anonymous survey answers: read row by row only by programme staff and administrators;
    everyone else sees aggregated results with small groups suppressed."""

    def visible_to(self, user):
        return self.all() if roles.is_programme_editor(user) else self.none()

    def editable_by(self, user):
        return self.all() if roles.is_programme_editor(user) else self.none()

    def can_create(self, user) -> bool:
        return roles.is_programme_editor(user)


class MaturityScoreQuerySet(MaturityResponseQuerySet):
    pass

    def for_aggregate_results(self):
        """All scores, for the results selector only: it publishes averages of groups of at least
        the small-number threshold and never single answers."""
        return self.all()
