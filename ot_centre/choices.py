"""Choices of the OT-centre consultation network."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationMode(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous")
    PSEUDONYMOUS = "pseudonymous", _("Pseudonymous (only the requester's organisation can link the case)")


class AgeBand(models.TextChoices):
    AGE_0_2 = "0-2", _("0-2 years")
    AGE_3_6 = "3-6", _("3-6 years")
    AGE_7_12 = "7-12", _("7-12 years")
    AGE_13_17 = "13-17", _("13-17 years")
    AGE_18_24 = "18-24", _("18-24 years")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class DeadlineKind(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Acknowledgement")
    ANSWER = "answer", _("Answer")
    REDACTION = "redaction", _("Redaction after closing")


class RuleUrgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    ANY = "any", _("Any")


class PeriodUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("Working days")
    CALENDAR_DAYS = "calendar_days", _("Calendar days")


class AgreementKind(models.TextChoices):
    COOPERATION = "cooperation", _("Co-operation agreement")
    CONSULTATION = "consultation", _("Consultation service agreement")
    DATA_PROCESSING = "data_processing", _("Data processing agreement")
    RESEARCH = "research", _("Research, training and development agreement")


class Profession(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker")
    PHYSICIAN = "physician", _("Physician")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    NURSE = "nurse", _("Nurse")
    OTHER = "other", _("Other professional")
