"""Choice lists of the governance area. Values are stable codes used in APIs and files."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    STEERING_GROUP = "steering_group", _("Steering group")
    PREPARATION_GROUP = "preparation_group", _("Preparation group")
    WORKING_GROUP = "working_group", _("Working group")
    OTHER = "other", _("Other body")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    DEPUTY = "deputy", _("Deputy member")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class AttachmentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")
    APPENDIX = "appendix", _("Appendix")
    PRESENTATION = "presentation", _("Presentation")


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    CANCELLED = "cancelled", _("Cancelled")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Channel(models.TextChoices):
    WEBSITE = "website", _("Website")
    NEWS = "news", _("News item")
    SOCIAL_MEDIA = "social_media", _("Social media")
    EMAIL = "email", _("E-mail newsletter")
    EVENT = "event", _("Event")
    PRESS = "press", _("Press release")
    INTRANET = "intranet", _("Intranet")


class ReviewStatus(models.TextChoices):
    TO_REVIEW = "to_review", _("To review")
    UPDATED = "updated", _("Updated")
    OBSOLETE = "obsolete", _("Obsolete")


class ClientGroup(models.TextChoices):
    CHILDREN_FAMILIES = "children_families", _("Children, young people and families")
    WORKING_AGE = "working_age", _("Working-age people")
    OLDER_PEOPLE = "older_people", _("Older people")
    DISABLED = "disabled", _("People with disabilities")
    MENTAL_HEALTH = "mental_health", _("Mental health and substance abuse")
    HEALTH_CARE = "health_care", _("Health and medical care")


class ProductionMode(models.TextChoices):
    OWN = "own", _("Own production in the enterprise")
    PURCHASED = "purchased", _("Purchased from producers")
    NATIONAL = "national", _("National solution")


class StudyStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


class ReportLanguage(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
