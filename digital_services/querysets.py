"""Permission-aware querysets of the digital-services area.

- the catalogue is public (citizens read it); programme staff keep it;
- rollouts and age structures are organisation data: signed-in users read, the organisation's
  stewards and programme staff edit;
- monthly figures are the organisation's own: only its stewards (and administrators) write them;
- everything else (paths, pilots, intents, the counselling model) is programme content for
  signed-in readers, edited by programme staff.
"""

from __future__ import annotations

from portal import roles
from portal.querysets import InternalQuerySet, ProgrammeContentQuerySet, StewardedQuerySet, ValidityQuerySetMixin


class CatalogueQuerySet(ValidityQuerySetMixin, ProgrammeContentQuerySet):
    """Public to read, programme staff edit."""


class InternalProgrammeQuerySet(ProgrammeContentQuerySet):
    """Signed-in users read; programme staff and administrators edit."""

    def visible_to(self, user):
        return self.all() if roles.is_signed_in(user) else self.none()


class RolloutQuerySet(StewardedQuerySet):
    organisation_field = "organisation"
    staff_edit = True


class StepChangeQuerySet(StewardedQuerySet):
    organisation_field = "organisation"
    staff_edit = True


class AgeStructureQuerySet(StewardedQuerySet):
    organisation_field = "organisation"
    staff_edit = True


class MonthlyFigureQuerySet(StewardedQuerySet):
    """A steward writes only their own organisation's figures; programme staff read them."""

    organisation_field = "organisation"
    staff_edit = False


class ChatStatQuerySet(InternalQuerySet):
    """Counts written only by the chat service; signed-in users read them."""
