"""Choice lists of the supervision app. Values are stable codes used in APIs and files."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceType(models.TextChoices):
    SERVICE_HOUSING_24H = "service_housing_24h", _("24-hour service housing")
    INSTITUTIONAL_CARE = "institutional_care", _("Institutional care")
    COMMUNITY_HOUSING = "community_housing", _("Community housing")
    HOME_CARE = "home_care", _("Home care")
    OTHER = "other", _("Other service")


class DeviationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_INVESTIGATION = "under_investigation", _("Under investigation")
    CLOSED = "closed", _("Closed with findings")


class VisitKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNANNOUNCED = "unannounced", _("Unannounced")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CLOSED = "closed", _("Closed")


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    SIGNIFICANT = "significant", _("Significant")
    SERIOUS = "serious", _("Serious")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESPONDED = "responded", _("Producer responded")
    CLOSED = "closed", _("Closed")


class PriceUnit(models.TextChoices):
    PER_DAY = "per_day", _("per client day")
    PER_MONTH = "per_month", _("per client month")
    PER_HOUR = "per_hour", _("per hour")
    PER_VISIT = "per_visit", _("per visit")


class ReminderKind(models.TextChoices):
    OPTION = "option", _("Option decision")
    EXPIRY = "expiry", _("Contract ends")
