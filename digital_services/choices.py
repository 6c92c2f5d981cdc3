"""Choice lists of the digital-services area (PTV field values, rollout states, decisions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingType(models.TextChoices):
    """PTV ``fundingType``."""

    PUBLICLY_FUNDED = "PubliclyFunded", _("publicly funded")
    MARKET_FUNDED = "MarketFunded", _("market funded")


class ChargeType(models.TextChoices):
    """PTV ``serviceChargeType``."""

    FREE = "Free", _("free of charge")
    CHARGED = "Charged", _("charged")
    OTHER = "Other", _("other")


class ChannelKind(models.TextChoices):
    """PTV service channel types."""

    ECHANNEL = "EChannel", _("e-service")
    WEBPAGE = "WebPage", _("web page")
    FORM = "PrintableForm", _("printable form")
    PHONE = "Phone", _("phone")
    LOCATION = "ServiceLocation", _("service location")


class RolloutState(models.TextChoices):
    PLANNED = "planned", _("planned")
    PILOT = "pilot", _("pilot")
    LIVE = "live", _("live")
    RETIRED = "retired", _("retired")


class PilotDecision(models.TextChoices):
    UNDECIDED = "", _("not decided")
    CONTINUE = "continue", _("continue")
    SCALE = "scale", _("scale up")
    STOP = "stop", _("stop")


class Priority(models.TextChoices):
    MUST = "must", _("must")
    SHOULD = "should", _("should")


class RequirementArea(models.TextChoices):
    CHANNELS = "channels", _("contact channels")
    PLATFORMS = "platforms", _("professionals' platforms")
    PRODUCERS = "producers", _("producer management")
    REPORTING = "reporting", _("management reporting")


class ContactKind(models.TextChoices):
    PHONE = "phone", _("phone")
    WEB = "web", _("web service")


class ChatLanguage(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")


class HistorySource(models.TextChoices):
    FILE = "file", _("file")
    INDICATOR_BANK = "indicator_bank", _("indicator bank")
    MANUAL = "manual", _("entered")
