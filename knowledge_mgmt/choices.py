"""Choice lists of the indicator bank. Values are stable codes used in APIs and files."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ValueType(models.TextChoices):
    """Unit and value type (yksikkö ja arvotyyppi); decides how values aggregate."""

    COUNT = "count", _("Count")
    PER_RESIDENT = "per_resident", _("Per resident")
    PER_1000 = "per_1000", _("Per 1 000 residents")
    PER_100000 = "per_100000", _("Per 100 000 residents")
    PERCENT = "percent", _("Percent")
    EUROS = "euros", _("Euros")
    PER_10000 = "per_10000", _("Per 10 000 residents")
    INDEX = "index", _("Index")
    RATIO = "ratio", _("Ratio")
    DAYS = "days", _("Days")
    OTHER = "other", _("Other (see the source's value type)")


# Summed when aggregating to a region; every other type is a rate (population-weighted mean).
ADDITIVE_TYPES = frozenset({ValueType.COUNT, ValueType.EUROS})
# Not aggregated at all: an index, a median or an unknown type has no population-weighted mean.
NON_AGGREGATED_TYPES = frozenset({ValueType.INDEX, ValueType.OTHER})


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_better", _("Higher is better")
    LOWER_IS_BETTER = "lower_better", _("Lower is better")
    NEUTRAL = "neutral", _("Neither")


class Obtained(models.TextChoices):
    """How the values are obtained."""

    COMPUTED = "computed", _("Computed")
    IMPORTED = "imported", _("Imported")
    ENTERED = "entered", _("Entered")


class Computation(models.TextChoices):
    NONE = "", _("Not computed")
    PACKAGE_NET_COST_PER_RESIDENT = "package_net_cost", _("Net operating cost per resident per SOTE package")
    CLIENT_GROUP_NET_COST_PER_RESIDENT = "client_group_net_cost", _("Net operating cost per resident per client group")
    RATIO = "ratio", _("Numerator / denominator of other indicators")
    DIGITAL_EXCLUSION = "digital_exclusion", _("Residents who cannot use digital services (age band x offline rate)")
    STRUCTURED_DOCUMENTATION = "structured_documentation", _("Structured entries / all entries (integration area)")


class Periodicity(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")


class Sex(models.TextChoices):
    TOTAL = "total", _("Total")
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class ValueStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    FINAL = "final", _("Final")


class ValueSource(models.TextChoices):
    JOB = "job", _("Computed by a job")
    IMPORT = "import", _("Import file")
    USER = "user", _("Entered by a user")
    AGGREGATION = "aggregation", _("Aggregated from municipalities")


class TargetStatus(models.TextChoices):
    MET = "met", _("Target met")
    NOT_MET = "not_met", _("Target not met")
    NO_DATA = "no_data", _("No data")


class RespondentRole(models.TextChoices):
    LEADERSHIP = "leadership", _("Leadership")
    DECISION_MAKER = "decision_maker", _("Elected official")
    EXPERT = "expert", _("Expert")
    STAFF = "staff", _("Staff")
    OTHER = "other", _("Other")
