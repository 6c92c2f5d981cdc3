from portal.models.audit import AccessLog, ChangeLog
from portal.models.datamodels import Concept, ConceptRelation, DataModel
from portal.models.jobs import Job
from portal.models.measures import Measure, MeasureProgress
from portal.models.organisations import (
    Organisation,
    OrganisationMembership,
    Population,
    ServiceNetworkCentre,
)
from portal.models.systems import InformationSystem

__all__ = [
    "AccessLog",
    "ChangeLog",
    "Concept",
    "ConceptRelation",
    "DataModel",
    "InformationSystem",
    "Job",
    "Measure",
    "MeasureProgress",
    "Organisation",
    "OrganisationMembership",
    "Population",
    "ServiceNetworkCentre",
]
