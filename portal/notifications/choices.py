from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately by e-mail")
    DAILY = "daily", _("Daily digest by e-mail")
    OFF = "off", _("Off (in the inbox only)")


class EmailStatus(models.TextChoices):
    NONE = "none", _("No e-mail")
    PENDING = "pending", _("Waiting to be sent")
    DIGEST = "digest", _("In the next daily digest")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Sending failed")
