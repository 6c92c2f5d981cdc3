"""Registers the core models under the change log (see portal.audit for why receivers)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal import audit
from portal.models import (
    Concept,
    ConceptRelation,
    DataModel,
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
    Group,
    get_user_model(),
)
