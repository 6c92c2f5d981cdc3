"""Registers the core models under the change log (see portal.audit for why receivers)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal import audit
from portal.models import (
    Concept,
    ConceptRelation,
    DataModel,
    InformationSystem,
    Measure,
    MeasureProgress,
    Organisation,
    OrganisationMembership,
    Population,
    ServiceNetworkCentre,
)

audit.register(
    Organisation,
    OrganisationMembership,
    Population,
    ServiceNetworkCentre,
    Measure,
    MeasureProgress,
    DataModel,
    Concept,
    ConceptRelation,
    InformationSystem,
    Group,
    get_user_model(),
)

# Domain events: explicit announcements that one app publishes and others may react to, so that
# arrows keep pointing one way (integration never imports knowledge_mgmt). Sent by the producer's
# service after its transaction commits; receivers only enqueue their own jobs.
from django.dispatch import Signal  # noqa: E402

#: A data-package conversion replaced the package rows of one organisation-year.
#: Sent with ``organisation_code: str`` and ``year: int``.
package_rows_replaced = Signal()
