"""Model building blocks shared by every area: time validity and localised names."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.models.localized import localized


def validity_q(day: dt.date, prefix: str = "") -> Q:
    """Rows valid on ``day``: ``valid_from`` open or on/before it and ``valid_to`` open or on/after it.

    ``prefix`` reaches through a relation (``prefix="organisation__"``).
    """
    return overlap_q(day, day, prefix)


def overlap_q(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """Rows valid on at least one day of ``start``..``end`` (both included): ``valid_from`` open or
    on/before ``end`` and ``valid_to`` open or on/after ``start``."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": end})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": start})
    )


class TimeValidModel(models.Model):
    """A row that holds for a period (voimassaolo). Either end may be open.

    The check constraint ``<app>_<model>_valid_range`` keeps ``valid_from <= valid_to``.
    """

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="%(app_label)s_%(class)s_valid_range",
                violation_error_message=_("The end of validity cannot be before its start."),
            )
        ]

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class LocalizedNameMixin:
    """``name`` in the reader's language from ``name_fi``/``name_sv``/``name_en`` (Finnish first)."""

    @property
    def name(self) -> str:
        return localized(self, "name")
