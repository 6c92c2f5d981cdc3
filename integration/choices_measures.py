"""Choices of measures 3.1, 3.5 and 3.6 (kept apart from the SOTE data packages' choices)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CareSector(models.TextChoices):
    """The sides of a sector boundary that integration (3.1) crosses."""

    SOCIAL_WELFARE = "social_welfare", _("Social welfare")
    PRIMARY_CARE = "primary_care", _("Primary health care")
    SPECIALISED_CARE = "specialised_care", _("Specialised health care")
    CROSS_SECTOR = "cross_sector", _("Cross-sector")


class OperatingModelState(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    SELECTED = "selected", _("Selected")
    REJECTED = "rejected", _("Rejected")


class FlowChannel(models.TextChoices):
    KANTA = "kanta", _("Kanta services")
    UNA_CORE = "una_core", _("UNA Core")
    INTEGRATION = "integration", _("System integration")
    MANUAL = "manual", _("Manual")


class TrainingTopic(models.TextChoices):
    OPERATIONS_REPORTING = "operations_reporting", _("Operations and reporting system")
    SOTE_ICT = "sote_ict", _("Social and health care ICT")
    AUTOMATION = "automation", _("Automation of operations")
    DIGITAL_SERVICES = "digital_services", _("Digital services")


class KantaStage(models.TextChoices):
    """Social welfare's road to the Kanta client data repository, in order."""

    NOT_STARTED = "not_started", _("Not started")
    CERTIFIED_SYSTEM_CHOSEN = "certified_system_chosen", _("Certified system chosen")
    DEPLOYMENT_TEST = "deployment_test", _("Deployment test")
    PRODUCTION = "production", _("In production")


class UnaModuleKind(models.TextChoices):
    FORMS = "forms", _("Forms")
    CORE = "core", _("Core and situational view")
    CONSENT = "consent", _("Consent")
    PRODUCTION_MANAGEMENT = "production_management", _("Production management")


class RolloutStage(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PILOT = "pilot", _("Pilot")
    PRODUCTION = "production", _("In production")
