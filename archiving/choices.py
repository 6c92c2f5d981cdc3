"""Choices of the archiving area (measure 3.7). Codes are stable keys in files and the API."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    PATIENT = "patient", _("Patient records")
    SOCIAL = "social", _("Social-welfare records")
    IMAGING = "imaging", _("Imaging")
    ADMINISTRATION = "administration", _("Administration")
    LOGS = "logs", _("Logs")


#: Only these domains may go to Kanta (kanta.fi, system discontinuation: administrative data, log files
#: and old images cannot go).
KANTA_DOMAINS = {Domain.PATIENT: "kanta_patient", Domain.SOCIAL: "kanta_social"}


class Disposition(models.TextChoices):
    KANTA_PATIENT = "kanta_patient", _("To Kanta: Patient Data Repository")
    KANTA_SOCIAL = "kanta_social", _("To Kanta: Client Data Repository for social welfare")
    MIGRATE = "migrate", _("Migrate to the successor system")
    REGIONAL_ARCHIVE = "regional_archive", _("Regional archive")
    READ_ONLY = "read_only", _("Keep read-only")
    DESTROY = "destroy", _("Destroy after retention")


KANTA_DISPOSITIONS = {Disposition.KANTA_PATIENT, Disposition.KANTA_SOCIAL}


class Trigger(models.TextChoices):
    DEATH = "death", _("Death")
    BIRTH = "birth", _("Birth")
    CASE_CLOSED = "case_closed", _("Case closed")
    CREATED = "created", _("Created")


class RuleDomain(models.TextChoices):
    """The records a retention rule is for (the client-record domains of ``Domain``)."""

    PATIENT = "patient", _("Patient records")
    SOCIAL = "social", _("Social-welfare records")


class Publicity(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTLY_CONFIDENTIAL = "partly_confidential", _("Partly confidential")
    CONFIDENTIAL = "confidential", _("Confidential")


class PersonalDataClass(models.TextChoices):
    NONE = "none", _("No personal data")
    PERSONAL = "personal", _("Personal data")
    SPECIAL = "special", _("Special categories (health, social welfare)")


class ApprovalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded by a newer approved version")


#: Plans and destruction lists share one approval vocabulary (one enum in the API schema).
PlanStatus = ApprovalStatus


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the archivist")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class RequirementCategory(models.TextChoices):
    ARCHIVE_DATABASE = "archive_database", _("Archive database")
    USER_INTERFACE = "user_interface", _("Professionals' user interface")
    INTEGRATIONS = "integrations", _("Integrations")
    ACCESS_RIGHTS = "access_rights", _("Access rights")
    LOGGING = "logging", _("Logging")
    DESTRUCTION = "destruction", _("Destruction")


class Priority(models.TextChoices):
    MUST = "must", _("Must")
    SHOULD = "should", _("Should")


class AccessRole(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    ARCHIVIST = "archivist", _("Archivist")
    DATA_STEWARD = "data_steward", _("Data steward")
