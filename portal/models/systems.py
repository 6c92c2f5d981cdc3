"""The region's information systems (tietojärjestelmärekisteri).

Archiving (3.7), integration (3.1) and client-data availability (3.6) all need to know which
systems exist, who owns them, what they cost and when they are replaced, so the register lives in
the core. Stewards of the owner organisation and programme staff keep it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.choices import SystemLifecycle, SystemSector
from portal.models.base import TimeValidModel
from portal.querysets import StewardedQuerySet, ValidityQuerySetMixin


class InformationSystemQuerySet(ValidityQuerySetMixin, StewardedQuerySet):
    """Signed-in users read the register; the owner's stewards and programme staff edit it."""

    organisation_field = "owner"
    staff_edit = True

    def retiring(self):
        return self.exclude(lifecycle=SystemLifecycle.IN_USE)


class InformationSystem(TimeValidModel):
    """One information system of an organisation, with its lifecycle and yearly costs (cents)."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("Stable key used in files and the API."))
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="information_systems",
    )
    vendor = models.CharField(_("vendor"), max_length=200, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=SystemSector.choices)
    lifecycle = models.CharField(
        _("lifecycle"), max_length=30, choices=SystemLifecycle.choices, default=SystemLifecycle.IN_USE
    )
    in_use_since = models.DateField(_("in use since"), null=True, blank=True)
    replacement_planned_on = models.DateField(_("replacement planned for"), null=True, blank=True)
    read_only_since = models.DateField(_("read-only since"), null=True, blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    decommissioned_on = models.DateField(_("decommissioned on"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    annual_licence_cents = models.BigIntegerField(_("annual licence cost (cents)"), default=0)
    annual_maintenance_cents = models.BigIntegerField(_("annual maintenance cost (cents)"), default=0)
    contract_end = models.DateField(_("contract ends"), null=True, blank=True)

    objects = InformationSystemQuerySet.as_manager()

    class Meta:
        ordering = ["owner__code", "name"]
        verbose_name = _("information system")
        verbose_name_plural = _("information systems")
        constraints = [
            *TimeValidModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(annual_licence_cents__gte=0) & Q(annual_maintenance_cents__gte=0),
                name="portal_informationsystem_costs_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(replaced_by=models.F("pk")),
                name="portal_informationsystem_not_replaced_by_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:information-system-detail", args=[self.pk])

    @property
    def annual_cost_cents(self) -> int:
        return self.annual_licence_cents + self.annual_maintenance_cents

    def clean(self) -> None:
        super().clean()
        if self.replaced_by_id is not None and self.replaced_by_id == self.pk:
            raise ValidationError({"replaced_by": _("A system cannot replace itself.")})
        if self.annual_licence_cents < 0 or self.annual_maintenance_cents < 0:
            raise ValidationError(_("Costs cannot be negative."))
