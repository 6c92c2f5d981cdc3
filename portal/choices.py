"""Choice lists of the core models. Values are stable codes used in APIs and files."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Municipality")
    JOINT_AUTHORITY = "joint_authority", _("Joint municipal authority")
    HOSPITAL_DISTRICT_UNIT = "hospital_district_unit", _("Hospital district unit")
    WELLBEING_SERVICES_COUNTY = "wellbeing_services_county", _("Wellbeing services county")
    SERVICE_PRODUCER = "service_producer", _("Service producer")
    OTHER = "other", _("Other")


class MunicipalForm(models.TextChoices):
    TOWN = "town", _("Town")
    MUNICIPALITY = "municipality", _("Municipality")


class NetworkPole(models.TextChoices):
    NORTH = "north", _("North")
    CENTRE = "centre", _("Centre")
    SOUTH = "south", _("South")


class PortalApp(models.TextChoices):
    """The seven sub-area apps; a Measure says which one serves it."""

    GOVERNANCE = "governance", _("Governance")
    KNOWLEDGE_MGMT = "knowledge_mgmt", _("Knowledge management")
    INTEGRATION = "integration", _("Integration and data packages")
    DIGITAL_SERVICES = "digital_services", _("Digital services")
    SUPERVISION = "supervision", _("Supervision")
    ARCHIVING = "archiving", _("Archiving")
    OT_CENTRE = "ot_centre", _("OT centre")


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    LATE = "late", _("Late")
    DONE = "done", _("Done")


class DataModelStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    RETIRED = "retired", _("Retired")


class ConceptRelationKind(models.TextChoices):
    BROADER = "broader", _("Broader concept")
    PART_OF = "part_of", _("Part of")
    RELATED = "related", _("Related")
    ASSOCIATED = "associated", _("Associated")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


class ChangeSource(models.TextChoices):
    UI = "ui", _("User interface")
    ADMIN = "admin", _("Admin")
    API = "api", _("API")
    SYSTEM = "system", _("System")


class SystemSector(models.TextChoices):
    HEALTH = "health", _("Health care")
    SOCIAL = "social", _("Social welfare")
    BOTH = "both", _("Social and health care")
    ADMINISTRATION = "administration", _("Administration")


class SystemLifecycle(models.TextChoices):
    IN_USE = "in_use", _("In use")
    REPLACEMENT_PLANNED = "replacement_planned", _("Replacement planned")
    READ_ONLY = "read_only", _("Read-only")
    ARCHIVED = "archived", _("Archived")
    DECOMMISSIONED = "decommissioned", _("Decommissioned")
